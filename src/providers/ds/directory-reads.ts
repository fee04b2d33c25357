/**
 * Batched reads of DS directories: the whole listing once per run, tags once per directory, and
 * re-reads of known IDs coalesced into one DescribeDirectories call.
 */
import type { DirectoryDescription } from "@aws-sdk/client-directory-service";
import type { KindContext } from "../../core/resource-kind.js";
import { coalesce, describeNarrowing } from "../aws/batch-reads.js";
import { tagsOnce } from "../aws/tag-book.js";
import { tagListToRecord } from "../aws/tags.js";
import { dsCall } from "./client.js";

export type DirectoryType = "ADConnector" | "MicrosoftAD";

const LISTING_KEY = "ds:directories";

/** Every directory in the account and region except shared-in ones (never ours to adopt or delete). */
export function listDirectories(ctx: KindContext): Promise<DirectoryDescription[]> {
  return ctx.memo(LISTING_KEY, async () => {
    const all = await describePages(ctx, undefined);
    return all.filter((d) => d.Type !== "SharedMicrosoftAD" && d.Stage !== "Deleted");
  });
}

/**
 * Tags of one directory, read once per run: the run's own tag writes keep them current (see
 * tag-book.ts), so neither a wait's fresh reads nor a directory created with its tags cost a call.
 */
export async function directoryTags(ctx: KindContext, directoryId: string): Promise<Record<string, string>> {
  const tags = await tagsOnce(ctx, "ds", directoryId, async () => {
    const all: Record<string, string> = {};
    let NextToken: string | undefined;
    do {
      const page = await dsCall(ctx, "ListTagsForResource", { ResourceId: directoryId, NextToken });
      Object.assign(all, tagListToRecord(page.Tags));
      NextToken = page.NextToken;
    } while (NextToken);
    return all;
  });
  return tags ?? {};
}

/** After a write: the next listing goes to the service again (tags are kept current by the writes themselves). */
export function forgetDirectory(ctx: KindContext, _directoryId?: string): void {
  ctx.forget(LISTING_KEY);
}

/**
 * Fresh descriptions of known IDs in one call. A deleted ID fails the whole batch with
 * EntityDoesNotExistException, so the batch is narrowed (the named ID dropped, else split in
 * halves) instead of falling back to one call per ID. Missing and Deleted IDs are simply absent.
 */
export async function describeDirectoriesByIds(
  ctx: KindContext,
  ids: readonly string[],
): Promise<Map<string, DirectoryDescription>> {
  const found = new Map<string, DirectoryDescription>();
  for (const d of await describeNarrowing(ids, (batch) => describePages(ctx, batch))) {
    if (d.DirectoryId && d.Stage !== "Deleted") found.set(d.DirectoryId, d);
  }
  return found;
}

async function describePages(ctx: KindContext, ids: string[] | undefined): Promise<DirectoryDescription[]> {
  const all: DirectoryDescription[] = [];
  let NextToken: string | undefined;
  do {
    // Limit 0 asks for the service's maximum page size.
    const page = await dsCall(ctx, "DescribeDirectories", { DirectoryIds: ids, NextToken, Limit: 0 });
    all.push(...(page.DirectoryDescriptions ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return all;
}

/**
 * One directory, fresh. Reads asked for in the same turn of the event loop (a refresh, several
 * waits polling together) share a single DescribeDirectories call.
 */
export function readDirectory(ctx: KindContext, directoryId: string): Promise<DirectoryDescription | undefined> {
  return coalesce(ctx, "ds:read-batch", directoryId, (ids) => describeDirectoriesByIds(ctx, ids));
}
