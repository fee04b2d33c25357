/**
 * Batched reads of WorkSpaces registrations: the whole listing once per run, tags once per
 * registration, and reads of known IDs coalesced into calls of up to 25 IDs.
 */
import type { ClientProperties, WorkspaceDirectory } from "@aws-sdk/client-workspaces";
import { ProviderError } from "../../core/errors.js";
import type { KindContext, Live } from "../../core/resource-kind.js";
import { coalesce } from "../aws/batch-reads.js";
import { tagsOnce } from "../aws/tag-book.js";
import { tagListToRecord } from "../aws/tags.js";
import { workspacesCall } from "./client.js";
import { toLive } from "./directory-mapping.js";

/** DescribeWorkspaceDirectories and DescribeClientProperties take at most 25 IDs per call. */
export const MAX_IDS_PER_CALL = 25;

/** Memo key of the listing; everything memoised under it is dropped after a write. */
export const LISTING_KEY = "workspaces:directories";

/** Every registration in the account and region, read once per run (paginated, pages of ≤ 25). */
export function listRegistrations(ctx: KindContext): Promise<WorkspaceDirectory[]> {
  return ctx.memo(LISTING_KEY, async () => (await describePages(ctx, {})).filter(isPresent));
}

/** After a write: the next listing, and everything derived from it, goes to the service again. */
export function forgetRegistrations(ctx: KindContext): void {
  ctx.forget(LISTING_KEY);
}

/** One registration, fresh; reads asked for in the same turn of the event loop share calls. */
export function readRegistration(ctx: KindContext, directoryId: string): Promise<WorkspaceDirectory | undefined> {
  return coalesce(ctx, "workspaces:read-batch", directoryId, (ids) => describeByIds(ctx, ids));
}

/** A POOLS registration by its name, the natural key of registrations that have no DS directory. */
export async function findRegistrationByName(ctx: KindContext, name: string): Promise<WorkspaceDirectory | undefined> {
  const found = await describePages(ctx, { WorkspaceDirectoryNames: [name] });
  return found.find((d) => isPresent(d) && d.WorkspaceDirectoryName === name);
}

/** One registration as a Live object: its tags, and its client properties batched with concurrent reads. */
export async function toLiveRegistration(ctx: KindContext, directory: WorkspaceDirectory): Promise<Live | undefined> {
  const id = directory.DirectoryId ?? "";
  const [tags, client] = await Promise.all([registrationTags(ctx, id), readClientProperties(ctx, id)]);
  return tags === undefined ? undefined : toLive(directory, tags, client);
}

/**
 * Registrations whose tags pass `keep`, as Live objects: tags read per registration (the only way
 * to get them), then client properties for the kept ones in calls of 25.
 */
export async function toLiveRegistrations(
  ctx: KindContext,
  directories: readonly WorkspaceDirectory[],
  keep: (tags: Record<string, string>) => boolean,
): Promise<Live[]> {
  type Tagged = { directory: WorkspaceDirectory; tags: Record<string, string> | undefined };
  const tagged = await Promise.all(
    directories.map(async (directory): Promise<Tagged> => ({ directory, tags: await registrationTags(ctx, directory.DirectoryId ?? "") })),
  );
  const kept = tagged.filter((entry): entry is { directory: WorkspaceDirectory; tags: Record<string, string> } => {
    return entry.tags !== undefined && keep(entry.tags);
  });
  const clients = await describeClientProperties(ctx, kept.map((entry) => entry.directory.DirectoryId ?? ""));
  return kept.map(({ directory, tags }) => toLive(directory, tags, clients.get(directory.DirectoryId ?? "")));
}

/**
 * Undefined when the registration is gone (deregistered since it was listed). Read once per run:
 * the run's own tag writes keep them current (see tag-book.ts).
 */
function registrationTags(ctx: KindContext, directoryId: string): Promise<Record<string, string> | undefined> {
  return tagsOnce(ctx, "workspaces", directoryId, async () => {
    try {
      return tagListToRecord((await workspacesCall(ctx, "DescribeTags", { ResourceId: directoryId })).TagList);
    } catch (error) {
      if (error instanceof ProviderError && error.code === "NotFound") return undefined;
      throw error;
    }
  });
}

function readClientProperties(ctx: KindContext, directoryId: string): Promise<ClientProperties | undefined> {
  return coalesce(ctx, "workspaces:client-properties-batch", directoryId, (ids) => describeClientProperties(ctx, ids));
}

/** A registration DEREGISTERED is about to vanish: the service documents it as already gone. */
function isPresent(directory: WorkspaceDirectory): boolean {
  return directory.State !== "DEREGISTERED";
}

async function describeByIds(ctx: KindContext, ids: readonly string[]): Promise<Map<string, WorkspaceDirectory>> {
  const found = new Map<string, WorkspaceDirectory>();
  for (const chunk of chunks(ids)) {
    for (const d of await describePages(ctx, { DirectoryIds: chunk })) if (d.DirectoryId && isPresent(d)) found.set(d.DirectoryId, d);
  }
  return found;
}

async function describePages(
  ctx: KindContext,
  filter: { DirectoryIds?: string[]; WorkspaceDirectoryNames?: string[] },
): Promise<WorkspaceDirectory[]> {
  const all: WorkspaceDirectory[] = [];
  let NextToken: string | undefined;
  do {
    const page = await workspacesCall(ctx, "DescribeWorkspaceDirectories", { ...filter, NextToken });
    all.push(...(page.Directories ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return all;
}

/**
 * Client properties of known registrations, 25 per call. An ID deregistered meanwhile fails its
 * whole batch with ResourceNotFoundException, so that batch is retried one ID at a time.
 */
async function describeClientProperties(ctx: KindContext, ids: readonly string[]): Promise<Map<string, ClientProperties>> {
  const found = new Map<string, ClientProperties>();
  const describe = async (batch: string[]): Promise<void> => {
    try {
      const answer = await workspacesCall(ctx, "DescribeClientProperties", { ResourceIds: batch });
      for (const entry of answer.ClientPropertiesList ?? []) {
        if (entry.ResourceId && entry.ClientProperties) found.set(entry.ResourceId, entry.ClientProperties);
      }
    } catch (error) {
      if (!(error instanceof ProviderError) || error.code !== "NotFound") throw error;
      if (batch.length > 1) await Promise.all(batch.map((id) => describe([id])));
    }
  };
  for (const chunk of chunks(ids)) await describe(chunk);
  return found;
}

function chunks(ids: readonly string[]): string[][] {
  const unique = [...new Set(ids)];
  const result: string[][] = [];
  for (let i = 0; i < unique.length; i += MAX_IDS_PER_CALL) result.push(unique.slice(i, i + MAX_IDS_PER_CALL));
  return result;
}


