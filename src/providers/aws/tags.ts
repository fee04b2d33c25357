/** Ownership tags (`adstack:stack`, `adstack:name`) and tag diffs, for every taggable kind. */
import { OWNER_NAME_TAG, OWNER_STACK_TAG, type Owner } from "../../core/resource-kind.js";

const OWNERSHIP_KEYS = new Set([OWNER_STACK_TAG, OWNER_NAME_TAG]);

export function isOwnershipTagKey(key: string): boolean {
  return OWNERSHIP_KEYS.has(key);
}

/** Undefined when the stack tag is absent: the resource is a candidate for adoption. */
export function ownerFromTags(tags: Record<string, string>): Owner | undefined {
  const stack = tags[OWNER_STACK_TAG];
  if (stack === undefined) return undefined;
  const name = tags[OWNER_NAME_TAG];
  return name === undefined ? { stack } : { stack, name };
}

/** The tags an owner was read from; the inverse of `ownerFromTags`. */
export function ownerToTags(owner: Owner | undefined): Record<string, string> {
  if (!owner) return {};
  return owner.name === undefined
    ? { [OWNER_STACK_TAG]: owner.stack }
    : { [OWNER_STACK_TAG]: owner.stack, [OWNER_NAME_TAG]: owner.name };
}

/** The user's tags, as `Live.properties.tags` carries them. */
export function withoutOwnershipTags(tags: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(tags).filter(([key]) => !isOwnershipTagKey(key)));
}

export interface TagChanges {
  /** Added or changed, to write with the service's add/overwrite call. */
  toSet: Record<string, string>;
  /** Keys to remove, sorted. Ownership keys are never listed: removing them would orphan the resource. */
  toRemove: string[];
}

/** What turns `currentAll` into `desiredAll` (both including ownership tags). */
export function tagChanges(currentAll: Record<string, string>, desiredAll: Record<string, string>): TagChanges {
  const toSet: Record<string, string> = {};
  for (const key of Object.keys(desiredAll).sort()) {
    if (currentAll[key] !== desiredAll[key]) toSet[key] = desiredAll[key];
  }
  const toRemove = Object.keys(currentAll)
    .filter((key) => !(key in desiredAll) && !isOwnershipTagKey(key))
    .sort();
  return { toSet, toRemove };
}

export function hasTagChanges(changes: TagChanges): boolean {
  return changes.toRemove.length > 0 || Object.keys(changes.toSet).length > 0;
}

/** `[{ Key, Value }]`, the list form DS and WorkSpaces use, as a record. */
export function tagListToRecord(list: ReadonlyArray<{ Key?: string; Value?: string }> | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  for (const { Key, Value } of list ?? []) if (Key !== undefined) record[Key] = Value ?? "";
  return record;
}

export function recordToTagList(record: Record<string, string>): Array<{ Key: string; Value: string }> {
  return Object.keys(record)
    .sort()
    .map((Key) => ({ Key, Value: record[Key] }));
}
