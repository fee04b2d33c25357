import { pageWithListingToken, type Page } from "./pages.js";

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

/**
 * One page of `items` (sorted by their unique `key`), continuing after the key a previous page's
 * token names. A token from another listing, or one that cannot be read, is
 * InvalidNextTokenException.
 */
export function pageOf<T>(
  items: readonly T[],
  key: (item: T) => string,
  listing: string,
  request: { Limit?: number; NextToken?: string },
  maxPageSize: number,
): Page<T> {
  const size = request.Limit && request.Limit > 0 ? Math.min(request.Limit, maxPageSize) : maxPageSize;
  return pageWithListingToken(items, key, listing, request.NextToken, size, "InvalidNextTokenException");
}
