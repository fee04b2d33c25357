/**
 * Batched reads of DS directories: the whole listing once per run, tags once per directory, and
 * re-reads of known IDs coalesced into one DescribeDirectories call.
 */
import type { DirectoryDescription } from "@aws-sdk/client-directory-service";
import { ProviderError } from "../../core/errors.js";
import type { KindContext } from "../../core/resource-kind.js";
import { tagListToRecord } from "../aws/tags.js";
import { dsCall } from "./client.js";

export type DirectoryType = "ADConnector" | "MicrosoftAD";

const LISTING_KEY = "ds:directories";
const TAGS_KEY = "ds:tags:";

/** Every directory in the account and region except shared-in ones (never ours to adopt or delete). */
export function listDirectories(ctx: KindContext): Promise<DirectoryDescription[]> {
  return ctx.memo(LISTING_KEY, async () => {
    const all = await describePages(ctx, undefined);
    return all.filter((d) => d.Type !== "SharedMicrosoftAD" && d.Stage !== "Deleted");
  });
}

/** Tags of one directory, read once per run unless `forgetDirectory` drops them. */
export function directoryTags(ctx: KindContext, directoryId: string): Promise<Record<string, string>> {
  return ctx.memo(TAGS_KEY + directoryId, async () => {
    const tags: Record<string, string> = {};
    let NextToken: string | undefined;
    do {
      const page = await dsCall(ctx, "ListTagsForResource", { ResourceId: directoryId, NextToken });
      Object.assign(tags, tagListToRecord(page.Tags));
      NextToken = page.NextToken;
    } while (NextToken);
    return tags;
  });
}

/** After a write: the next listing and tag read go to the service again. */
export function forgetDirectory(ctx: KindContext, directoryId?: string): void {
  ctx.forget(LISTING_KEY);
  if (directoryId) ctx.forget(TAGS_KEY + directoryId);
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
  for (const d of await describeNarrowing(ctx, [...new Set(ids)])) {
    if (d.DirectoryId && d.Stage !== "Deleted") found.set(d.DirectoryId, d);
  }
  return found;
}

async function describeNarrowing(ctx: KindContext, ids: string[]): Promise<DirectoryDescription[]> {
  if (ids.length === 0) return [];
  try {
    return await describePages(ctx, ids);
  } catch (error) {
    if (!(error instanceof ProviderError) || error.code !== "NotFound") throw error;
    if (ids.length === 1) return [];
    const named = ids.filter((id) => error.message.includes(id));
    if (named.length > 0) return describeNarrowing(ctx, ids.filter((id) => !named.includes(id)));
    const half = Math.ceil(ids.length / 2);
    const [left, right] = await Promise.all([
      describeNarrowing(ctx, ids.slice(0, half)),
      describeNarrowing(ctx, ids.slice(half)),
    ]);
    return [...left, ...right];
  }
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

interface PendingRead {
  ids: Set<string>;
  result: Promise<Map<string, DirectoryDescription>>;
}

/**
 * One directory, fresh. Reads asked for in the same turn of the event loop (a refresh, several
 * waits polling together) share a single DescribeDirectories call.
 */
export async function readDirectory(ctx: KindContext, directoryId: string): Promise<DirectoryDescription | undefined> {
  const batcher = ctx.client("ds:read-batch", () => ({ pending: undefined as PendingRead | undefined }));
  if (!batcher.pending) {
    const ids = new Set<string>();
    const result = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      batcher.pending = undefined;
      return describeDirectoriesByIds(ctx, [...ids]);
    });
    batcher.pending = { ids, result };
  }
  batcher.pending.ids.add(directoryId);
  return (await batcher.pending.result).get(directoryId);
}
