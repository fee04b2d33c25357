/**
 * Per-field comparison of one desired resource with its live counterpart. Pure: no I/O, no clock.
 *
 * The rules, in the order they apply:
 * - Both sides go through `kind.normalize` (defaults, set-like lists sorted, case) and are then
 *   compared with `isDeepStrictEqual`, never through a serialisation.
 * - Only fields written in the file are managed. A field the service reports but the file leaves
 *   out is not diffed, so service defaults never show up as changes.
 * - The exception is `tags` on kinds whose schema has them: the file holds the complete tag set,
 *   so a key present live but missing from the file (or the whole `tags` block missing) is a
 *   removal. Ownership tags never appear on either side (providers strip them from live `tags`).
 * - Objects are compared leaf by leaf (`connectSettings.vpcId`, `tags.team`); arrays are one leaf
 *   each, and renderers diff their elements.
 * - A write-only path that is set gives one sensitive FieldDiff with neither value; it is never
 *   compared (nothing can be read back), so it is changed only when the resource is created.
 * - On an existing resource, fields at or below an `ignoreChanges` or `kind.inputOnly` path are
 *   left out entirely (an input-only value can never be read back); a create still shows them.
 * - Impact of a changed field: an unknown value on a `replaceOn` path replaces; else
 *   `kind.impactOf` when it answers; else replace at or above/below a `replaceOn` path; else
 *   update. A kind without `update` replaces on any change. The resource takes the worst impact.
 */
import { isDeepStrictEqual } from "node:util";
import { isJsonObject, type JsonObject, type JsonValue } from "../core/json.js";
import type { FieldDiff } from "../core/plan.js";
import type { FieldImpact, ResourceKind } from "../core/resource-kind.js";
import { containsUnknown, joinPath, UNKNOWN, type Resolved } from "../core/values.js";
import { getAtPath, isAtOrBelow, isOnSameBranch, withoutPaths } from "../core/paths.js";
import { decodeUnknowns, encodeUnknowns, isResolvedObject, type ResolvedObject } from "./unknown.js";
import { compareText } from "../core/text.js";

/** One resource to compare: its kind, its resolved desired properties, and its live properties if any. */
export interface ResourceDiffInput {
  kind: ResourceKind;
  /** Properties with references resolved (UNKNOWN where only apply will know); secret sources as written. */
  desired: ResolvedObject;
  /** Live properties; absent when the resource does not exist yet. */
  live?: JsonObject;
  ignoreChanges?: readonly string[];
}

/** The outcome for one resource, before ownership and adoption are taken into account. */
export interface ResourceDiff {
  action: "create" | "update" | "replace" | "noop";
  /** Sorted by path; unchanged fields included. */
  attributes: FieldDiff[];
  /** Changed paths that force the replacement, sorted. */
  replacePaths: string[];
}

interface Leaf {
  path: string;
  before: JsonValue | undefined;
  after: Resolved | undefined;
}

/** Compares one desired resource with its live counterpart under the rules at the top of this file. */
export function diffResource(input: ResourceDiffInput): ResourceDiff {
  const { kind } = input;
  const isCreate = input.live === undefined;
  const ignored = isCreate ? [] : [...(input.ignoreChanges ?? []), ...(kind.inputOnly ?? [])];
  const encoded = encodeUnknowns(input.desired) as JsonObject;
  const writeOnlySet = kind.writeOnly.filter((path) => getAtPath(encoded, path) !== undefined);

  const after = decodeUnknowns(normalized(kind, withoutPaths(encoded, kind.writeOnly))) as ResolvedObject;
  const before = input.live ? normalized(kind, withoutPaths(input.live, kind.writeOnly)) : {};

  const leaves: Leaf[] = [];
  compareFields(withoutTags(after, kind), before, "", leaves);
  if (managesTags(kind)) compareTags(after.tags, before.tags, leaves);

  const attributes: FieldDiff[] = leaves
    .filter((leaf) => !ignored.some((path) => isAtOrBelow(leaf.path, path)))
    .map((leaf) => toFieldDiff(leaf));
  attributes.push(...writeOnlySet.map((path) => ({ path, isSensitive: true, isChanged: isCreate })));
  attributes.sort((a, b) => compareText(a.path, b.path));

  if (isCreate) return { action: "create", attributes, replacePaths: [] };
  for (const field of attributes) {
    if (!field.isChanged || field.isSensitive || impactOfField(kind, field) !== "replace") continue;
    field.forcesReplacement = true;
    const reason = kind.replaceReason?.(field.path);
    if (reason) field.replaceReason = reason;
  }
  const replacePaths = attributes.filter((f) => f.forcesReplacement).map((f) => f.path);
  const action = replacePaths.length > 0 ? "replace" : attributes.some((f) => f.isChanged) ? "update" : "noop";
  return { action, attributes, replacePaths };
}

/** What a delete takes away: every live leaf, as a changed field with only its old value. */
export function removalAttributes(live: JsonObject): FieldDiff[] {
  const leaves: Leaf[] = [];
  collectLiveLeaves(live, "", leaves);
  return leaves.map((leaf) => ({ path: leaf.path, before: leaf.before, isChanged: true }));
}

/** Whether the kind's schema declares `tags`, which makes the file's tag set authoritative. */
export function managesTags(kind: ResourceKind): boolean {
  const properties = kind.schema.properties;
  return isJsonObject(properties) && Object.hasOwn(properties, "tags");
}

/** How carrying out a change at this field's path affects the resource. */
export function impactOfField(kind: ResourceKind, field: FieldDiff): FieldImpact {
  const isOnReplacePath = kind.replaceOn.some((path) => isOnSameBranch(field.path, path));
  if (kind.update === undefined || (field.isUnknown && isOnReplacePath)) return "replace";
  return kind.impactOf?.(field.path, field.before, field.after) ?? (isOnReplacePath ? "replace" : "update");
}

function normalized(kind: ResourceKind, properties: JsonObject): JsonObject {
  const result = kind.normalize ? kind.normalize(structuredClone(properties)) : properties;
  return withoutPaths(result, kind.writeOnly);
}

function withoutTags(properties: ResolvedObject, kind: ResourceKind): ResolvedObject {
  if (!managesTags(kind) || !Object.hasOwn(properties, "tags")) return properties;
  const { tags: _tags, ...rest } = properties;
  return rest;
}

function compareFields(desired: ResolvedObject, live: JsonObject | undefined, prefix: string, out: Leaf[]): void {
  for (const key of Object.keys(desired)) {
    const path = joinPath(prefix, key);
    const after = desired[key];
    const before = ownValue(live, key);
    const canDescend = isResolvedObject(after) && Object.keys(after).length > 0 && (before === undefined || isJsonObject(before));
    if (canDescend) compareFields(after, before as JsonObject | undefined, path, out);
    else out.push({ path, before, after });
  }
}

function compareTags(desired: Resolved | undefined, live: JsonValue | undefined, out: Leaf[]): void {
  const isMapPair = (desired === undefined || isResolvedObject(desired)) && (live === undefined || isJsonObject(live));
  if (!isMapPair) {
    out.push({ path: "tags", before: live, after: desired });
    return;
  }
  const desiredTags = (desired ?? {}) as ResolvedObject;
  const liveTags = (live ?? {}) as JsonObject;
  const keys = new Set([...Object.keys(desiredTags), ...Object.keys(liveTags)]);
  for (const key of [...keys].sort(compareText)) {
    out.push({ path: `tags.${key}`, before: ownValue(liveTags, key), after: ownValue(desiredTags, key) });
  }
}

function collectLiveLeaves(live: JsonObject, prefix: string, out: Leaf[]): void {
  for (const [key, value] of Object.entries(live)) {
    const path = joinPath(prefix, key);
    if (isJsonObject(value) && Object.keys(value).length > 0) collectLiveLeaves(value, path, out);
    else out.push({ path, before: value, after: undefined });
  }
}

function toFieldDiff(leaf: Leaf): FieldDiff {
  const field: FieldDiff = { path: leaf.path, isChanged: false };
  if (leaf.before !== undefined) field.before = leaf.before;
  if (leaf.after !== undefined && (leaf.after === UNKNOWN || containsUnknown(leaf.after))) {
    field.isUnknown = true;
    field.isChanged = true;
    return field;
  }
  if (leaf.after !== undefined) field.after = leaf.after as JsonValue;
  field.isChanged = !isDeepStrictEqual(leaf.after, leaf.before);
  return field;
}

/** Reads only own keys, so a key such as `__proto__` is data, not the prototype. */
function ownValue<T>(object: { [key: string]: T } | undefined, key: string): T | undefined {
  return object !== undefined && Object.hasOwn(object, key) ? object[key] : undefined;
}

