import { isJsonObject, type JsonValue } from "./json.js";

/**
 * Desired property values are plain JSON with two conventions:
 * - a string containing `${name.attribute}` refers to another resource's output (an edge in the graph);
 *   `$${` writes a literal `${`;
 * - `{ env: NAME }` or `{ file: PATH }` at a write-only path names where a secret comes from.
 * Plans carry these unresolved, so a plan never holds a secret value.
 */
export interface Reference {
  resource: string;
  attribute: string;
}

export type SecretSource = { env: string } | { file: string };

const REFERENCE = /(?<!\$)\$\{([A-Za-z0-9_-]+)\.([A-Za-z][A-Za-z0-9_]*)\}/g;
const WHOLE_REFERENCE = /^\$\{([A-Za-z0-9_-]+)\.([A-Za-z][A-Za-z0-9_]*)\}$/;

export function isSecretSource(value: unknown): value is SecretSource {
  if (!isJsonObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === "env" || keys[0] === "file") && typeof value[keys[0]] === "string";
}

export function describeSecretSource(source: SecretSource): string {
  return "env" in source ? `env:${source.env}` : `file:${source.file}`;
}

/** References in one string, in order of appearance. */
export function referencesInString(text: string): Reference[] {
  // Most strings hold none: skip the regular expression for them (a plan walks every string of every resource).
  if (!text.includes("${")) return [];
  return [...text.matchAll(REFERENCE)].map((m) => ({ resource: m[1], attribute: m[2] }));
}

/** Every reference anywhere in a value, with the dotted property path it sits at. */
export function findReferences(value: JsonValue, path = ""): Array<Reference & { path: string }> {
  const found: Array<Reference & { path: string }> = [];
  const visit = (node: JsonValue, at: string): void => {
    if (typeof node === "string") for (const reference of referencesInString(node)) found.push({ ...reference, path: at });
    else if (Array.isArray(node)) node.forEach((item, i) => visit(item, joinPath(at, String(i))));
    else if (isJsonObject(node)) for (const [key, item] of Object.entries(node)) visit(item, joinPath(at, key));
  };
  visit(value, path);
  return found;
}

/** Marks a value that only apply will know: shown as `(known after apply)`. */
export const UNKNOWN: unique symbol = Symbol("adstack.unknown");
export type Unknown = typeof UNKNOWN;

/** A JSON value in which some leaves may still be unknown. */
export type Resolved = null | boolean | number | string | Unknown | Resolved[] | { [key: string]: Resolved };

/**
 * Replaces references with values from `lookup` (which returns UNKNOWN for outputs not known yet).
 * A string that is a single reference takes the output's own type; an interpolated string with an
 * unknown part is unknown as a whole. Secret sources are left as they are.
 */
export function resolveReferences(value: JsonValue, lookup: (ref: Reference) => JsonValue | Unknown): Resolved {
  if (typeof value === "string") {
    const whole = WHOLE_REFERENCE.exec(value);
    if (whole) return lookup({ resource: whole[1], attribute: whole[2] });
    let isUnknown = false;
    const text = value.replace(REFERENCE, (_m, resource: string, attribute: string) => {
      const v = lookup({ resource, attribute });
      if (v === UNKNOWN) isUnknown = true;
      return typeof v === "string" ? v : JSON.stringify(v);
    });
    return isUnknown ? UNKNOWN : text.replaceAll("$${", "${");
  }
  if (Array.isArray(value)) return value.map((v) => resolveReferences(v, lookup));
  if (isJsonObject(value)) {
    if (isSecretSource(value)) return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveReferences(v, lookup)]));
  }
  return value;
}

export function containsUnknown(value: Resolved): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (typeof value === "object" && value !== null) return Object.values(value).some(containsUnknown);
  return false;
}

export function joinPath(prefix: string, key: string): string {
  return prefix ? `${prefix}.${key}` : key;
}
