import { isJsonObject, type JsonValue } from "../core/json.js";
import { containsUnknown, UNKNOWN, type Resolved } from "../core/values.js";

/** Resolved properties of one resource: JSON with UNKNOWN leaves. */
export type ResolvedObject = { [key: string]: Resolved };

/**
 * Stands in for UNKNOWN while a kind's `normalize` runs, since normalizers take plain JSON.
 * Lowercase, without dots or spaces, so case folding and trimming leave it recognisable.
 */
const UNKNOWN_PLACEHOLDER = "\u0000adstack-known-after-apply\u0000";

/** Plain JSON with UNKNOWN leaves replaced by a placeholder string. */
export function encodeUnknowns(value: Resolved): JsonValue {
  if (value === UNKNOWN) return UNKNOWN_PLACEHOLDER;
  if (Array.isArray(value)) return value.map(encodeUnknowns);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeUnknowns(v)]));
  }
  return value;
}

/** The reverse of `encodeUnknowns`; a string a normalizer built around the placeholder is unknown too. */
export function decodeUnknowns(value: JsonValue): Resolved {
  if (typeof value === "string") return value.includes(UNKNOWN_PLACEHOLDER) ? UNKNOWN : value;
  if (Array.isArray(value)) return value.map(decodeUnknowns);
  if (isJsonObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeUnknowns(v)]));
  return value;
}

/** Whether a resolved value is a plain object (not UNKNOWN, an array or a scalar). */
export function isResolvedObject(value: Resolved | undefined): value is ResolvedObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value when it holds no UNKNOWN leaf, else undefined. */
export function knownOrUndefined(value: Resolved): JsonValue | undefined {
  return containsUnknown(value) ? undefined : (value as JsonValue);
}
