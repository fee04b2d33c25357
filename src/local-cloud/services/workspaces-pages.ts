import { LocalServiceError } from "../types.js";
import { pageWithListingToken, sortedByKey, type Page } from "./pages.js";
import { maxTags, type WsTag } from "./workspaces-state.js";

/** WorkSpaces' largest page (the model's `Limit` maximum), also used when `Limit` is absent. */
export const maxPageSize = 25;

/**
 * One page of `items` in key order, continuing after the key the previous page's token names.
 * A token from another listing is refused with the service's validation error.
 */
export function pageOfWorkspaces<T>(
  items: readonly T[],
  key: (item: T) => string,
  listing: string,
  request: { Limit?: number; NextToken?: string },
): Page<T> {
  const size = Math.min(request.Limit ?? maxPageSize, maxPageSize);
  return pageWithListingToken(sortedByKey(items, key), key, listing, request.NextToken, size, "InvalidParameterValuesException");
}

/** The rules beyond the model: at most 50 tags per resource, and no key in the reserved `aws:` namespace. */
export function checkTags(tags: readonly WsTag[]): void {
  const reserved = tags.find((tag) => tag.Key.toLowerCase().startsWith("aws:"));
  if (reserved) throw new LocalServiceError("InvalidParameterValuesException", `Tag keys starting with 'aws:' are reserved: ${reserved.Key}`);
  if (new Set(tags.map((tag) => tag.Key)).size > maxTags) {
    throw new LocalServiceError("ResourceLimitExceededException", `A resource can have at most ${maxTags} tags.`);
  }
}
