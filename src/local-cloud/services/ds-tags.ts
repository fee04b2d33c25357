import type { AwsJsonCall } from "../protocols/aws-json.js";
import { LocalServiceError } from "../types.js";
import { loadDsState, requireDirectory, type DsTag } from "./ds-state.js";

/** Tags per directory (AddTagsToResource's documented maximum). */
export const maxTagsPerDirectory = 50;

/**
 * The rules beyond the model's key/value patterns: at most 50 tags, and no key in the reserved
 * `aws:` namespace. `limitError` is the operation's modelled error for too many tags.
 */
export function checkTagSet(tags: readonly DsTag[], limitError: string): void {
  const reserved = tags.find((tag) => tag.Key.toLowerCase().startsWith("aws:"));
  if (reserved) throw new LocalServiceError("InvalidParameterException", `Tag keys starting with 'aws:' are reserved: ${reserved.Key}`);
  if (new Set(tags.map((tag) => tag.Key)).size > maxTagsPerDirectory) {
    throw new LocalServiceError(limitError, `A directory can have at most ${maxTagsPerDirectory} tags.`);
  }
}

/** AddTagsToResource: adds, or overwrites the value of a key already present. */
export function addTagsToResource(input: { ResourceId: string; Tags: DsTag[] }, { ctx }: AwsJsonCall) {
  const state = loadDsState(ctx);
  const directory = requireDirectory(state, input.ResourceId);
  const merged = new Map(directory.tags.map((tag) => [tag.Key, tag.Value]));
  for (const tag of input.Tags) merged.set(tag.Key, tag.Value);
  const next = [...merged].map(([Key, Value]) => ({ Key, Value }));
  checkTagSet(next, "TagLimitExceededException");
  directory.tags = next;
  ctx.store.save();
  return {};
}

/** RemoveTagsFromResource: keys that are not there are ignored. */
export function removeTagsFromResource(input: { ResourceId: string; TagKeys: string[] }, { ctx }: AwsJsonCall) {
  const state = loadDsState(ctx);
  const directory = requireDirectory(state, input.ResourceId);
  const removed = new Set(input.TagKeys);
  directory.tags = directory.tags.filter((tag) => !removed.has(tag.Key));
  ctx.store.save();
  return {};
}

/** ListTagsForResource: every tag in one page (the model reserves NextToken and Limit for later). */
export function listTagsForResource(input: { ResourceId: string }, { ctx }: AwsJsonCall) {
  const directory = requireDirectory(loadDsState(ctx), input.ResourceId);
  return { Tags: directory.tags.map((tag) => ({ Key: tag.Key, Value: tag.Value })) };
}
