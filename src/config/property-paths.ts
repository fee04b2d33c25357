import { isJsonObject, type JsonObject, type JsonValue } from "../core/json.js";

/** `connectSettings.subnetIds.0` as a person reads it: `connectSettings.subnetIds[0]`. */
export function displayPath(path: string): string {
  return path.replace(/\.(\d+)(?=\.|$)/g, "[$1]").replace(/^(\d+)(?=\.|\[|$)/, "[$1]");
}

/** A JSON pointer (`/connectSettings/subnetIds/0`, as ajv reports) as a dotted path. */
export function pointerToPath(pointer: string): string {
  if (pointer === "") return "";
  return pointer
    .slice(1)
    .split("/")
    .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
    .join(".");
}

/** The value at a dotted path, or undefined when any step is missing. */
export function valueAtPath(value: JsonValue, path: string): JsonValue | undefined {
  let current: JsonValue | undefined = value;
  for (const segment of path.split(".")) {
    if (Array.isArray(current) && /^\d+$/.test(segment)) current = current[Number(segment)];
    else if (isJsonObject(current)) current = Object.hasOwn(current, segment) ? current[segment] : undefined;
    else return undefined;
  }
  return current;
}

/** A copy of `root` with the value at an existing dotted path replaced; the original is untouched. */
export function withValueAtPath(root: JsonObject, path: string, replacement: JsonValue): JsonObject {
  const [head, ...rest] = path.split(".");
  const current = root[head];
  if (rest.length === 0) return { ...root, [head]: replacement };
  if (!isJsonObject(current)) return root;
  return { ...root, [head]: withValueAtPath(current, rest.join("."), replacement) };
}

/** Deep copy of a JSON value, so callers can never share structure with the parser's cache. */
export function cloneJson<T extends JsonValue>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneJson) as T;
  if (isJsonObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cloneJson(v)])) as T;
  return value;
}
