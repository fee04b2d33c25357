/**
 * What `ds/ad-connector` and `ds/microsoft-ad` share in reading: ownership, readiness, the
 * set-once alias, SSO as read back. Changes live in directory-changes.ts.
 */
import type { DirectoryDescription } from "@aws-sdk/client-directory-service";
import type { JsonObject, JsonValue } from "../../core/json.js";
import type { FieldImpact, KindContext, KindTimeouts, Live, Readiness } from "../../core/resource-kind.js";
import { ownerFromTags, withoutOwnershipTags } from "../aws/tags.js";
import { directoryTags, listDirectories, readDirectory, type DirectoryType } from "./directory-reads.js";

/** Builds a kind's Live from a description and the directory's user tags. */
export type DirectoryToLive = (description: DirectoryDescription, userTags: Record<string, string>) => Live;

export const DIRECTORY_TIMEOUTS: KindTimeouts = {
  createMs: 60 * 60_000,
  updateMs: 60 * 60_000,
  deleteMs: 60 * 60_000,
  pollMs: 2_000,
};

export const PENDING_STAGES = new Set(["Requested", "Creating", "Created", "Updating", "Restoring"]);

/** Active is ready; Failed, Impaired, Inoperable, RestoreFailed and Deleting never become ready by waiting. */
export function directoryReadiness(live: Live): Readiness {
  const stage = String(live.outputs.stage ?? "");
  const reason = typeof live.outputs.stageReason === "string" ? live.outputs.stageReason : undefined;
  if (stage === "Active") return { state: "ready" };
  if (PENDING_STAGES.has(stage)) return { state: "pending", reason };
  return { state: "failed", reason: reason ?? `the directory is ${stage || "in an unknown stage"}` };
}

/** Without an alias the service reports the directory ID as the alias. */
export function aliasOf(description: DirectoryDescription): string | undefined {
  const alias = description.Alias;
  return alias && alias !== description.DirectoryId ? alias : undefined;
}

/** The alias can be set once: unset → set is an update, any other change a replacement. */
export function impactOfAlias(path: string, before: JsonValue | undefined, after: JsonValue | undefined): FieldImpact | undefined {
  if (path !== "alias") return undefined;
  return before === undefined || before === null ? "update" : "replace";
}

/** `sso.enabled` as read back; userName and password are write-only and never read. */
export function ssoOf(description: DirectoryDescription): JsonObject {
  return { enabled: description.SsoEnabled === true };
}

/** Descriptions of one type with their tags; tags are read only for that type. */
async function directoriesWithTags(ctx: KindContext, type: DirectoryType) {
  const ofType = (await listDirectories(ctx)).filter((d) => d.Type === type && d.DirectoryId);
  return Promise.all(ofType.map(async (d) => ({ description: d, tags: await directoryTags(ctx, d.DirectoryId!) })));
}

export function toLiveWithOwner(toLive: DirectoryToLive, description: DirectoryDescription, tags: Record<string, string>): Live {
  const live = toLive(description, withoutOwnershipTags(tags));
  const owner = ownerFromTags(tags);
  return owner ? { ...live, owner } : live;
}

export async function listOwnedDirectories(ctx: KindContext, type: DirectoryType, toLive: DirectoryToLive): Promise<Live[]> {
  return (await directoriesWithTags(ctx, type))
    .filter(({ tags }) => ownerFromTags(tags)?.stack === ctx.stack)
    .map(({ description, tags }) => toLiveWithOwner(toLive, description, tags));
}

/** Candidates for adoption whose description matches the natural key, as Live objects. */
export async function findDirectoryCandidates(
  ctx: KindContext,
  type: DirectoryType,
  toLive: DirectoryToLive,
  matches: (description: DirectoryDescription) => boolean,
): Promise<Live[]> {
  return (await directoriesWithTags(ctx, type))
    .filter(({ description }) => matches(description))
    .map(({ description, tags }) => toLiveWithOwner(toLive, description, tags));
}

export async function readDirectoryLive(
  ctx: KindContext,
  directoryId: string,
  type: DirectoryType,
  toLive: DirectoryToLive,
): Promise<Live | undefined> {
  const description = await readDirectory(ctx, directoryId);
  if (!description || description.Type !== type) return undefined;
  return toLiveWithOwner(toLive, description, await directoryTags(ctx, directoryId));
}

/** Whether a planned change touches `path` or anything below it. */
export function touches(changed: readonly string[], path: string): boolean {
  return changed.some((p) => p === path || p.startsWith(`${path}.`));
}
