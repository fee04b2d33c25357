import { LocalServiceError } from "../types.js";

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/** A sorted copy of `items`, ascending by `key` in code-unit order, the order page tokens rely on. */
export function sortedByKey<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/**
 * Up to `size` of `sorted` (ascending by the unique `key`) that come after the key `after`, and
 * the key of the last one when more follow it.
 */
export function sliceAfter<T>(
  sorted: readonly T[],
  key: (item: T) => string,
  after: string | undefined,
  size: number,
): { items: T[]; lastKey?: string } {
  let start = 0;
  if (after !== undefined) {
    start = sorted.findIndex((item) => key(item) > after);
    if (start < 0) start = sorted.length;
  }
  const items = sorted.slice(start, start + size);
  const hasMore = start + size < sorted.length;
  return hasMore ? { items, lastKey: key(items[items.length - 1]) } : { items };
}

/**
 * One page of `sorted`, continuing after the key a previous page's token names. Tokens carry
 * their listing, so a token from another listing, or one that cannot be read, is refused with
 * `invalidTokenError`: awsJson services each have their own error for a token they did not issue.
 */
export function pageWithListingToken<T>(
  sorted: readonly T[],
  key: (item: T) => string,
  listing: string,
  nextToken: string | undefined,
  size: number,
  invalidTokenError: string,
): Page<T> {
  const after = nextToken === undefined ? undefined : readListingToken(nextToken, listing, invalidTokenError);
  const { items, lastKey } = sliceAfter(sorted, key, after, size);
  if (lastKey === undefined) return { items };
  return { items, nextToken: Buffer.from(JSON.stringify({ listing, after: lastKey })).toString("base64url") };
}

function readListingToken(token: string, listing: string, invalidTokenError: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { listing?: unknown; after?: unknown };
    if (parsed.listing === listing && typeof parsed.after === "string") return parsed.after;
  } catch {
    // the same answer as for any token the service did not issue
  }
  throw new LocalServiceError(invalidTokenError, "The NextToken value is not valid.");
}
