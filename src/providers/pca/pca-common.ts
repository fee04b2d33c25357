/** What the five PCA kinds share: client tokens, readiness, ownership and tag updates. */
import { createHash } from "node:crypto";
import type { JsonObject, JsonValue } from "../../core/json.js";
import type { DesiredResource, JsonSchema, KindContext, Live, Owner, Readiness } from "../../core/resource-kind.js";
import { hasTagChanges, ownerFromTags, ownerToTags, tagChanges, withoutOwnershipTags } from "../aws/tags.js";
import { TagResourceCommand, UntagResourceCommand } from "./commands.js";
import { pcaSend } from "./pca-call.js";
import { memoKeys, tagsOf } from "./pca-reads.js";

/** PCA tags are a plain string map (no limits in the model); the ownership keys are adstack's. */
export const tagsSchema: JsonSchema = {
  description: "User tags (TagResource / UntagResource); adstack's ownership tags are added on top.",
  type: "object",
  propertyNames: { minLength: 1, not: { pattern: "^adstack:", description: "the name is reserved: adstack: keys are adstack's ownership tags" } },
  additionalProperties: { type: "string" },
};

/**
 * The ClientToken of a create: the same stack, logical name and request always give the same
 * token, so a create retried after a lost answer returns the resource the first call made, while
 * a changed request (a replacement) gets a new one. 64 characters of `^[!-~]+$`.
 */
export function clientToken(ctx: KindContext, name: string, request: unknown): string {
  const digest = createHash("sha256").update(`${ctx.stack}\u0000${name}\u0000${canonicalJson(request)}`).digest("hex");
  return `adstack-${digest.slice(0, 56)}`;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** CREATING and DELETING are transitions; FAILED is final and carries the service's StatusReason. */
export function readinessOfStatus(outputs: JsonObject): Readiness {
  const status = outputs.status;
  const reason = typeof outputs.statusReason === "string" ? outputs.statusReason : undefined;
  if (status === "ACTIVE") return { state: "ready" };
  if (status === "FAILED") return { state: "failed", reason: reason ?? "FAILED without a status reason" };
  return { state: "pending", reason: typeof status === "string" ? status : undefined };
}

/** Status outputs of an asynchronous resource, without absent members. */
export function statusOutputs(status: string | undefined, statusReason: string | undefined): JsonObject {
  return withoutUndefined({ status, statusReason });
}

export function withoutUndefined(object: Record<string, JsonValue | undefined>): JsonObject {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as JsonObject;
}

/** Completes a taggable resource's Live with its user tags and owner; undefined when it vanished meanwhile. */
export async function withTags(ctx: KindContext, arn: string, live: Omit<Live, "owner">): Promise<Live | undefined> {
  const tags = await tagsOf(ctx, arn);
  if (tags === undefined) return undefined;
  const owner = ownerFromTags(tags);
  return { ...live, properties: { ...live.properties, tags: withoutOwnershipTags(tags) }, ...(owner ? { owner } : {}) };
}

export function isOwnedBy(live: Live, ctx: KindContext, name?: string): boolean {
  return live.owner?.stack === ctx.stack && (name === undefined || live.owner.name === name);
}

/** Untaggable children belong to the stack that owns their parent. */
export function childOwner(parentTags: Record<string, string> | undefined): Owner | undefined {
  const parent = parentTags ? ownerFromTags(parentTags) : undefined;
  return parent ? { stack: parent.stack } : undefined;
}

/** The user's tags plus the ownership tags, as a create sends them. */
export function tagsForCreate(ctx: KindContext, desired: DesiredResource): Record<string, string> {
  return { ...stringMap(desired.properties.tags), ...ctx.ownershipTags(desired.name) };
}

/**
 * Brings the tags to the desired set plus this stack's ownership tags (which also completes an
 * adoption), removing only user tags that are no longer wanted.
 */
export async function updateTags(ctx: KindContext, live: Live, desired: DesiredResource): Promise<void> {
  const current = { ...stringMap(live.properties.tags), ...ownerToTags(live.owner) };
  const changes = tagChanges(current, tagsForCreate(ctx, desired));
  if (!hasTagChanges(changes)) return;
  if (Object.keys(changes.toSet).length > 0) {
    await pcaSend(ctx, new TagResourceCommand({ ResourceArn: live.id, Tags: changes.toSet }));
  }
  if (changes.toRemove.length > 0) {
    await pcaSend(ctx, new UntagResourceCommand({ ResourceArn: live.id, TagKeys: changes.toRemove }));
  }
  ctx.forget(memoKeys.tags(live.id));
}

export function stringMap(value: JsonValue | undefined): Record<string, string> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

export function stringAt(properties: JsonObject, key: string): string {
  const value = properties[key];
  return typeof value === "string" ? value : "";
}

/** Timeouts for resources that settle only after a creation (connectors, registrations): tens of minutes. */
export const SLOW_TIMEOUTS = { createMs: 30 * 60_000, updateMs: 5 * 60_000, deleteMs: 30 * 60_000, pollMs: 3_000 };
