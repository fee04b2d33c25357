import { LocalServiceError } from "../types.js";

/**
 * Page sizes the local Directory Service uses when `Limit` is absent or 0 ("the maximum the
 * operation allows"); a larger `Limit` is cut down to them. Small on purpose: a stack with a
 * handful of directories already spans pages, so callers' pagination is always exercised.
 */
export const dsMaxPageSize = {
  directories: 10,
  trusts: 10,
  domainControllers: 10,
} as const;

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/**
 * One page of `items` (sorted by their unique `key`), continuing
 * after the key a previous page's token names. A token from another listing, or one that cannot
 * be read, is InvalidNextTokenException.
 */
export function pageOf<T>(
  items: readonly T[],
  key: (item: T) => string,
  listing: string,
  request: { Limit?: number; NextToken?: string },
  maxPageSize: number,
): Page<T> {
  const size = request.Limit && request.Limit > 0 ? Math.min(request.Limit, maxPageSize) : maxPageSize;
  let start = 0;
  if (request.NextToken !== undefined) {
    const after = readToken(request.NextToken, listing);
    start = items.findIndex((item) => key(item) > after);
    if (start < 0) start = items.length;
  }
  const slice = items.slice(start, start + size);
  const more = start + size < items.length;
  return more ? { items: slice, nextToken: writeToken(listing, key(slice[slice.length - 1])) } : { items: slice };
}

function writeToken(listing: string, after: string): string {
  return Buffer.from(JSON.stringify({ listing, after })).toString("base64url");
}

function readToken(token: string, listing: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { listing?: unknown; after?: unknown };
    if (parsed.listing === listing && typeof parsed.after === "string") return parsed.after;
  } catch {
    // falls through to the service's answer for a token it did not issue
  }
  throw new LocalServiceError("InvalidNextTokenException", "The NextToken value is not valid.");
}
