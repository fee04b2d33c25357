/**
 * What `ds/ad-connector` and `ds/microsoft-ad` share in declaring and reading: lifecycle,
 * ownership, readiness, which changes replace, the create call's common members and the common
 * part of a description. Changes live in directory-changes.ts.
 */
import type { DirectoryDescription, NetworkType } from "@aws-sdk/client-directory-service";
import type { JsonObject, JsonValue } from "../../core/json.js";
import type { DesiredResource, FieldImpact, KindContext, KindTimeouts, Live, Readiness, ResourceKind } from "../../core/resource-kind.js";
import { ownerFromTags, recordToTagList, withoutOwnershipTags } from "../aws/tags.js";
import { directoryTags, listDirectories, readDirectory, type DirectoryType } from "./directory-reads.js";
import { compact, stringAt, tagsAt } from "./properties.js";

/** Builds a kind's Live from a description and the directory's user tags. */
export type DirectoryToLive = (description: DirectoryDescription, userTags: Record<string, string>) => Live;

/** The directory type a kind manages, with the mapping of its descriptions. */
export interface DirectoryVariant {
  type: DirectoryType;
  toLive: DirectoryToLive;
}

/**
 * A directory takes 20 to 45 minutes in AWS and a moment in the local cloud: a wait's first look
 * after a second finds the local one ready, and backing off by half each time, to once a minute
 * (`nextPollInterval`), costs a real one 30 to 55 reads.
 */
export const DIRECTORY_TIMEOUTS: KindTimeouts = {
  createMs: 60 * 60_000,
  updateMs: 60 * 60_000,
  deleteMs: 60 * 60_000,
  pollMs: 1_000,
};

/**
 * Creates take no client token, so a retried create looks first; names and aliases stay taken
 * until the old directory is gone, so a replacement deletes first.
 */
export const DIRECTORY_LIFECYCLE = {
  isCreateIdempotent: false,
  replaceOrder: "delete-first",
  timeouts: DIRECTORY_TIMEOUTS,
} as const satisfies Partial<ResourceKind>;

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

/**
 * Changes that depend on the values: the alias can be set once (unset → set is an update, any
 * other change a replacement); the network type moves in place only where UpdateDirectorySetup
 * allows it (see isNetworkChangeInPlace), any other change replaces the directory.
 */
export function impactOfDirectoryField(path: string, before: JsonValue | undefined, after: JsonValue | undefined): FieldImpact | undefined {
  if (path === "alias") return before === undefined || before === null ? "update" : "replace";
  if (path === "networkType") return isNetworkChangeInPlace(before, after) ? "update" : "replace";
  return undefined;
}

/** What the plan says next to a replacement the alias or the network type forces. */
export function directoryReplaceReason(path: string): string | undefined {
  if (path === "alias") return "an alias cannot be changed or removed once set";
  if (path === "networkType") return "the service only moves a directory from IPv4 to Dual-stack in place";
  return undefined;
}

/**
 * The service upgrades a directory from IPv4 to Dual-stack and nothing else (AWS Directory
 * Service admin guide, document history, "Dual-stack network type support", September 2025; the
 * model documents no transitions). A directory described without a network type predates the
 * setting, so it is taken as IPv4 (inference).
 */
export function isNetworkChangeInPlace(before: JsonValue | undefined, after: JsonValue | undefined): boolean {
  const from = before ?? "IPv4";
  return from === after || (from === "IPv4" && after === "Dual-stack");
}

/** `sso.enabled` as read back; userName and password are write-only and never read. */
function ssoOf(description: DirectoryDescription): JsonObject {
  return { enabled: description.SsoEnabled === true };
}

/** The members ConnectDirectory and CreateMicrosoftAD share, ownership tags included. */
export function commonCreateInput(ctx: KindContext, desired: DesiredResource) {
  const p = desired.properties;
  return {
    Name: stringAt(p, "name"),
    ShortName: stringAt(p, "shortName"),
    Password: stringAt(p, "password"),
    Description: stringAt(p, "description"),
    NetworkType: stringAt(p, "networkType") as NetworkType | undefined,
    Tags: recordToTagList({ ...tagsAt(p), ...ctx.ownershipTags(desired.name) }),
  };
}

type Fields = Record<string, JsonValue | undefined>;

/**
 * A directory's Live: identity first, the kind's own properties, then alias, SSO and tags; the
 * common outputs, then the kind's own. Unset fields are left out rather than null.
 */
export function directoryLive(d: DirectoryDescription, userTags: Record<string, string>, own: { properties: Fields; outputs: Fields }): Live {
  const properties = compact({
    name: d.Name,
    shortName: d.ShortName,
    description: d.Description || undefined,
    ...own.properties,
    alias: aliasOf(d),
    sso: ssoOf(d),
    tags: userTags,
  });
  const outputs = compact({
    directoryId: d.DirectoryId,
    accessUrl: d.AccessUrl,
    alias: aliasOf(d),
    stage: d.Stage,
    stageReason: d.StageReason || undefined,
    ...own.outputs,
  });
  return { id: d.DirectoryId ?? "", properties, outputs };
}

/** Descriptions of one type with their tags; tags are read only for that type. */
async function directoriesWithTags(ctx: KindContext, type: DirectoryType) {
  const ofType = (await listDirectories(ctx)).filter((d) => d.Type === type && d.DirectoryId);
  return Promise.all(ofType.map(async (d) => ({ description: d, tags: await directoryTags(ctx, d.DirectoryId!) })));
}

function toLiveWithOwner(variant: DirectoryVariant, description: DirectoryDescription, tags: Record<string, string>): Live {
  const live = variant.toLive(description, withoutOwnershipTags(tags));
  const owner = ownerFromTags(tags);
  return owner ? { ...live, owner } : live;
}

export async function listOwnedDirectories(ctx: KindContext, variant: DirectoryVariant): Promise<Live[]> {
  return (await directoriesWithTags(ctx, variant.type))
    .filter(({ tags }) => ownerFromTags(tags)?.stack === ctx.stack)
    .map(({ description, tags }) => toLiveWithOwner(variant, description, tags));
}

/** Candidates for adoption whose description matches the natural key, as Live objects. */
export async function findDirectoryCandidates(
  ctx: KindContext,
  variant: DirectoryVariant,
  matches: (description: DirectoryDescription) => boolean,
): Promise<Live[]> {
  return (await directoriesWithTags(ctx, variant.type))
    .filter(({ description }) => matches(description))
    .map(({ description, tags }) => toLiveWithOwner(variant, description, tags));
}

export async function readDirectoryLive(ctx: KindContext, directoryId: string, variant: DirectoryVariant): Promise<Live | undefined> {
  const description = await readDirectory(ctx, directoryId);
  if (!description || description.Type !== variant.type) return undefined;
  return toLiveWithOwner(variant, description, await directoryTags(ctx, directoryId));
}

