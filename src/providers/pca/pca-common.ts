/**
 * What the five PCA kinds share: client tokens, readiness, ownership, tag updates, idempotent
 * deletes, and the listing and ids of the untaggable children.
 */
import { createHash } from "node:crypto";
import { touches } from "../../core/paths.js";
import type { JsonObject, JsonValue } from "../../core/json.js";
import type { DesiredResource, JsonSchema, KindContext, Live, Owner, Readiness } from "../../core/resource-kind.js";
import { hasTagChanges, ownerFromTags, ownerToTags, tagChanges, withoutOwnershipTags } from "../aws/tags.js";
import { TagResourceCommand, UntagResourceCommand, type PcaCommand } from "./sdk.js";
import { isNotFound, pcaSend } from "./pca-call.js";
import { memoKeys, tagsOf } from "./pca-reads.js";
import type { MetadataBearer } from "./sdk.js";
import { compareText } from "../../core/text.js";

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
function clientToken(ctx: KindContext, name: string, request: unknown): string {
  const digest = createHash("sha256").update(`${ctx.stack}\u0000${name}\u0000${canonicalJson(request)}`).digest("hex");
  return `adstack-${digest.slice(0, 56)}`;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => compareText(a, b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** A create's input: the request and its ClientToken. */
export function withClientToken<Request extends object>(
  ctx: KindContext,
  desired: DesiredResource,
  request: Request,
): Request & { ClientToken: string } {
  return { ...request, ClientToken: clientToken(ctx, desired.name, request) };
}

/** A taggable resource's create input: the request with the user's and the ownership tags, and its ClientToken. */
export function withTagsAndClientToken<Request extends object>(
  ctx: KindContext,
  desired: DesiredResource,
  request: Request,
): Request & { Tags: Record<string, string>; ClientToken: string } {
  return withClientToken(ctx, desired, { ...request, Tags: tagsForCreate(ctx, desired) });
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
async function withTags(ctx: KindContext, arn: string, live: Omit<Live, "owner">): Promise<Live | undefined> {
  const tags = await tagsOf(ctx, arn);
  if (tags === undefined) return undefined;
  const owner = ownerFromTags(tags);
  return { ...live, properties: { ...live.properties, tags: withoutOwnershipTags(tags) }, ...(owner ? { owner } : {}) };
}

/**
 * Listed resources with their tags, leaving out any without an ARN or gone since they were
 * listed, and those being deleted unless `includeDeleting` (see withoutDeleting).
 */
export async function livesWithTags<T extends { Arn?: string; Status?: string }>(
  ctx: KindContext,
  summaries: readonly T[],
  toLive: (summary: T) => Omit<Live, "owner">,
  includeDeleting = false,
): Promise<Live[]> {
  const listed = withoutDeleting(summaries, includeDeleting).filter((s) => s.Arn);
  const lives = await Promise.all(listed.map((s) => withTags(ctx, s.Arn!, toLive(s))));
  return lives.filter((live): live is Live => live !== undefined);
}

/**
 * Leaves out resources on their way out, which the stack no longer has; a read during a delete
 * wait passes `includeDeleting` so that it still sees them until they are gone.
 */
export function withoutDeleting<T extends { Status?: string }>(summaries: readonly T[], includeDeleting = false): T[] {
  return summaries.filter((s) => includeDeleting || s.Status !== "DELETING");
}

export function isOwnedBy(live: Live, ctx: KindContext, name?: string): boolean {
  return live.owner?.stack === ctx.stack && (name === undefined || live.owner.name === name);
}

/** Ours by tags first, so a changed natural key is an update; else an adoption candidate. */
export function ownedOrMatching(
  ctx: KindContext,
  lives: readonly Live[],
  desired: DesiredResource,
  matches: (live: Live) => boolean,
): Live | undefined {
  return lives.find((live) => isOwnedBy(live, ctx, desired.name)) ?? lives.find(matches);
}

/** Untaggable children belong to the stack that owns their parent. */
function childOwner(parentTags: Record<string, string> | undefined): Owner | undefined {
  const parent = parentTags ? ownerFromTags(parentTags) : undefined;
  return parent ? { stack: parent.stack } : undefined;
}

/** Children listed under a parent, owned as the parent is; the parent's tags are read alongside the listing. */
export async function livesUnderParent<T>(
  ctx: KindContext,
  parentArn: string,
  children: Promise<readonly T[]>,
  toLive: (child: T) => Omit<Live, "owner">,
): Promise<Live[]> {
  const [listed, parentTags] = await Promise.all([children, tagsOf(ctx, parentArn)]);
  const owner = childOwner(parentTags);
  return listed.map((child) => (owner ? { ...toLive(child), owner } : toLive(child)));
}

/**
 * Untaggable children of every parent this stack owns: they are the stack's because their
 * parent is (see childOwner).
 */
export async function childrenOfOwnedParents(
  ctx: KindContext,
  parents: readonly Live[],
  livesUnder: (parentArn: string) => Promise<Live[]>,
): Promise<Live[]> {
  const owned = parents.filter((parent) => isOwnedBy(parent, ctx));
  return (await Promise.all(owned.map((parent) => livesUnder(parent.id)))).flat();
}

/**
 * Children of the parents the plan is adopting, as the stack's own: those parents were found
 * untagged, so `childrenOfOwnedParents` could not see under them. Parents of other types are ignored.
 */
export async function childrenUnder(
  ctx: KindContext,
  parents: readonly { type: string; id: string }[],
  parentType: string,
  livesUnder: (parentArn: string) => Promise<Live[]>,
): Promise<Live[]> {
  const ofType = parents.filter((parent) => parent.type === parentType);
  const lives = (await Promise.all(ofType.map((parent) => livesUnder(parent.id)))).flat();
  return lives.map((live) => ({ ...live, owner: { stack: ctx.stack } }));
}

/**
 * Ids of children that have no ARN: their route in the API, the parent's ARN, a fixed segment,
 * then the child's key (`<registration ARN>/servicePrincipalNames/<connector ARN>`). Both parts
 * are properties (at `parentPath` and `childPath`), so the id is the natural key as well.
 */
export function childIds(segment: string, parentPath: string, childPath: string) {
  const format = (parentArn: string, childKey: string): string => `${parentArn}${segment}${childKey}`;
  const parse = (id: string): { parentArn: string; childKey: string } | undefined => {
    const at = id.indexOf(segment);
    return at < 0 ? undefined : { parentArn: id.slice(0, at), childKey: id.slice(at + segment.length) };
  };
  return {
    format,
    parse,
    /** The id the properties name; undefined until both parts are known. */
    ofProperties(properties: JsonObject): string | undefined {
      const parentArn = stringAt(properties, parentPath);
      const childKey = stringAt(properties, childPath);
      return parentArn && childKey ? format(parentArn, childKey) : undefined;
    },
    /** What a create returns: the child under the id its properties name, the stack's through its parent. */
    createdLive(ctx: KindContext, desired: DesiredResource): Live {
      const id = format(stringAt(desired.properties, parentPath), stringAt(desired.properties, childPath));
      return { id, properties: desired.properties, outputs: {}, owner: { stack: ctx.stack } };
    },
    /** The child with this id, among those listed under the parent the id names. */
    async lookUp(id: string | undefined, livesUnder: (parentArn: string) => Promise<Live[]>): Promise<Live | undefined> {
      const parts = id === undefined ? undefined : parse(id);
      if (!parts) return undefined;
      return (await livesUnder(parts.parentArn)).find((live) => live.id === id);
    },
  };
}

/** The user's tags plus the ownership tags, as a create sends them. */
function tagsForCreate(ctx: KindContext, desired: DesiredResource): Record<string, string> {
  return { ...stringMap(desired.properties.tags), ...ctx.ownershipTags(desired.name) };
}

/**
 * Brings the tags to the desired set plus this stack's ownership tags (which also completes an
 * adoption), removing only user tags that are no longer wanted.
 */
async function updateTags(ctx: KindContext, live: Live, desired: DesiredResource): Promise<void> {
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

/** The in-place update of kinds whose only mutable property is their tags. */
export async function updateChangedTags(ctx: KindContext, live: Live, desired: DesiredResource, changed: readonly string[]): Promise<void> {
  if (touches(changed, "tags")) await updateTags(ctx, live, desired);
}

/** Sends a delete; a resource already gone counts as deleted, which keeps deletes idempotent. */
export async function sendDelete<Input extends object, Output extends MetadataBearer>(
  ctx: KindContext,
  command: PcaCommand<Input, Output>,
): Promise<void> {
  try {
    await pcaSend(ctx, command);
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}

function stringMap(value: JsonValue | undefined): Record<string, string> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

export function stringAt(properties: JsonObject, key: string): string {
  const value = properties[key];
  return typeof value === "string" ? value : "";
}

/**
 * Timeouts for resources that settle only after a creation (connectors, registrations): tens of
 * minutes. The first look after 2 s, backing off by half each time, sees a quick one (the local
 * cloud's) about a second late; a first look after 3 s saw a 4-second creation at 7.5 s.
 */
export const SLOW_TIMEOUTS = { createMs: 30 * 60_000, updateMs: 5 * 60_000, deleteMs: 30 * 60_000, pollMs: 2_000 };
