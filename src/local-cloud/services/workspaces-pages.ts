import { LocalServiceError } from "../types.js";
import { maxTags, type WsTag } from "./workspaces-state.js";

/** WorkSpaces' largest page (the model's `Limit` maximum), also used when `Limit` is absent. */
export const maxPageSize = 25;

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

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
  const sorted = [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const size = Math.min(request.Limit ?? maxPageSize, maxPageSize);
  const start = request.NextToken === undefined ? 0 : startAfter(sorted, key, readToken(request.NextToken, listing));
  const slice = sorted.slice(start, start + size);
  if (start + size >= sorted.length) return { items: slice };
  const token = Buffer.from(JSON.stringify({ listing, after: key(slice[slice.length - 1]) })).toString("base64url");
  return { items: slice, nextToken: token };
}

function startAfter<T>(sorted: readonly T[], key: (item: T) => string, after: string): number {
  const index = sorted.findIndex((item) => key(item) > after);
  return index < 0 ? sorted.length : index;
}

function readToken(token: string, listing: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { listing?: unknown; after?: unknown };
    if (parsed.listing === listing && typeof parsed.after === "string") return parsed.after;
  } catch {
    // the same answer as for any token the service did not issue
  }
  throw new LocalServiceError("InvalidParameterValuesException", "The NextToken value is not valid.");
}

/** The rules beyond the model: at most 50 tags per resource, and no key in the reserved `aws:` namespace. */
export function checkTags(tags: readonly WsTag[]): void {
  const reserved = tags.find((tag) => tag.Key.toLowerCase().startsWith("aws:"));
  if (reserved) throw new LocalServiceError("InvalidParameterValuesException", `Tag keys starting with 'aws:' are reserved: ${reserved.Key}`);
  if (new Set(tags.map((tag) => tag.Key)).size > maxTags) {
    throw new LocalServiceError("ResourceLimitExceededException", `A resource can have at most ${maxTags} tags.`);
  }
}
