/* Dotted property paths (`connectSettings.vpcId`): lookups and copy-on-write edits on plain JSON objects. */
import { isJsonObject, type JsonObject, type JsonValue } from "./json.js";

/** The keys of a dotted path; the empty path has none. */
export function splitPath(path: string): string[] {
  return path === "" ? [] : path.split(".");
}

/** Whether `path` is `prefix` itself or lies below it (`a.b` is below `a`, `ab` is not). */
export function isAtOrBelow(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}.`);
}

/** Whether the two paths are on one line of descent (either covers the other). */
export function isOnSameBranch(a: string, b: string): boolean {
  return isAtOrBelow(a, b) || isAtOrBelow(b, a);
}

/** The value at `path`, or undefined when any step is missing or not an object. */
export function getAtPath(value: JsonValue | undefined, path: string): JsonValue | undefined {
  let current: JsonValue | undefined = value;
  for (const key of splitPath(path)) {
    if (!isJsonObject(current)) return undefined;
    current = Object.hasOwn(current, key) ? current[key] : undefined;
  }
  return current;
}

/** A copy of `object` without the value at `path` (parents left in place, even if emptied). */
export function withoutPath(object: JsonObject, path: string): JsonObject {
  const [head, ...rest] = splitPath(path);
  if (head === undefined || !Object.hasOwn(object, head)) return object;
  const copy = { ...object };
  const child = copy[head];
  if (rest.length === 0) delete copy[head];
  else if (isJsonObject(child)) copy[head] = withoutPath(child, rest.join("."));
  return copy;
}

/** A copy of `object` with `value` at `path`, creating intermediate objects as needed. */
export function withPath(object: JsonObject, path: string, value: JsonValue): JsonObject {
  const [head, ...rest] = splitPath(path);
  if (head === undefined) return object;
  const child = object[head];
  const next = rest.length === 0 ? value : withPath(isJsonObject(child) ? child : {}, rest.join("."), value);
  return { ...object, [head]: next };
}

/** A copy of `object` without any of `paths`. */
export function withoutPaths(object: JsonObject, paths: readonly string[]): JsonObject {
  return paths.reduce(withoutPath, object);
}

/** Whether any of the planned `changed` paths is `path` or lies below it. */
export function touches(changed: readonly string[], path: string): boolean {
  return changed.some((p) => isAtOrBelow(p, path));
}
