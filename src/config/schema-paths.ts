import { isJsonObject } from "../core/json.js";
import type { JsonSchema } from "../core/resource-kind.js";
import { joinPath } from "../core/values.js";

const BRANCHES = ["allOf", "anyOf", "oneOf", "then", "else"] as const;

function asSchema(value: unknown): JsonSchema | undefined {
  return isJsonObject(value) ? (value as JsonSchema) : undefined;
}

/** Follows a local `$ref` (`#/$defs/x`, `#/definitions/x`) to what it names; other refs are left alone. */
export function dereference(root: JsonSchema, schema: JsonSchema): JsonSchema {
  let current = schema;
  for (let hops = 0; typeof current.$ref === "string" && current.$ref.startsWith("#/") && hops < 32; hops++) {
    let target: unknown = root;
    for (const part of current.$ref.slice(2).split("/")) {
      target = isJsonObject(target) ? target[part.replaceAll("~1", "/").replaceAll("~0", "~")] : undefined;
    }
    const next = asSchema(target);
    if (next === undefined) return current;
    current = next;
  }
  return current;
}

/** The schema and every branch (`allOf`, `anyOf`, `oneOf`, `then`, `else`) that may also describe the value. */
function alternatives(root: JsonSchema, schema: JsonSchema, depth = 0): JsonSchema[] {
  const resolved = dereference(root, schema);
  if (depth > 16) return [resolved];
  const found = [resolved];
  for (const keyword of BRANCHES) {
    const branch = resolved[keyword];
    const list = Array.isArray(branch) ? branch : branch === undefined ? [] : [branch];
    for (const item of list) {
      const sub = asSchema(item);
      if (sub) found.push(...alternatives(root, sub, depth + 1));
    }
  }
  return found;
}

/**
 * Schemas for one step below `schema`. Declared properties close a mapping (a typo must not pass
 * as an extra key); a schema that declares none, and does not forbid extras, is an open map; a
 * list without `items` takes anything.
 */
function childSchemas(root: JsonSchema, schema: JsonSchema, segment: string): JsonSchema[] {
  const options = alternatives(root, schema);
  const found: JsonSchema[] = [];
  const isIndex = /^\d+$/.test(segment);
  for (const s of options) {
    const named = asSchema(s.properties)?.[segment];
    if (named !== undefined) found.push(asSchema(named) ?? {});
    const patterns = asSchema(s.patternProperties) ?? {};
    for (const [pattern, sub] of Object.entries(patterns)) if (new RegExp(pattern, "u").test(segment)) found.push(asSchema(sub) ?? {});
    if (s.additionalProperties === true || isJsonObject(s.additionalProperties)) found.push(asSchema(s.additionalProperties) ?? {});
    if (isIndex && Array.isArray(s.items)) {
      const item = asSchema(s.items[Number(segment)]);
      if (item) found.push(item);
    } else if (isIndex && isJsonObject(s.items)) found.push(s.items as JsonSchema);
  }
  const declaresKeys = options.some((s) => s.properties !== undefined || s.patternProperties !== undefined);
  const forbidsExtras = options.some((s) => s.additionalProperties === false);
  const declaresItems = options.some((s) => s.items !== undefined);
  const isOpenMap = !declaresKeys && !forbidsExtras && options.every((s) => s.type === undefined || s.type === "object");
  const isOpenList = isIndex && !declaresItems && options.every((s) => s.type === undefined || s.type === "array");
  if (found.length === 0 && (isOpenMap || isOpenList)) found.push({});
  return found;
}

/** Every schema that describes the value at a dotted path; empty when the schema has no such path. */
export function schemasAt(root: JsonSchema, path: string): JsonSchema[] {
  let current = [root];
  for (const segment of path.split(".")) {
    current = current.flatMap((s) => childSchemas(root, s, segment));
    if (current.length === 0) return [];
  }
  return current;
}

/** Answers by schema and path: a large file asks the same few hundred paths for every resource of a kind. */
const knownPaths = new WeakMap<JsonSchema, Map<string, boolean>>();

/** Whether the dotted path names something the schema describes (an ignoreChanges entry, a property). */
export function hasSchemaPath(root: JsonSchema, path: string): boolean {
  if (path === "") return false;
  let known = knownPaths.get(root);
  if (!known) knownPaths.set(root, (known = new Map()));
  let answer = known.get(path);
  if (answer === undefined) known.set(path, (answer = schemasAt(root, path).length > 0));
  return answer;
}

/** Every named property path, outermost first (`connectSettings`, `connectSettings.vpcId`, ...). */
export function schemaPaths(root: JsonSchema): string[] {
  const paths: string[] = [];
  const visit = (schema: JsonSchema, prefix: string, depth: number): void => {
    if (depth > 16) return;
    for (const s of alternatives(root, schema)) {
      for (const [key, sub] of Object.entries(asSchema(s.properties) ?? {})) {
        const path = joinPath(prefix, key);
        if (paths.includes(path)) continue;
        paths.push(path);
        const child = asSchema(sub);
        if (child) visit(child, path, depth + 1);
      }
    }
  };
  visit(root, "", 0);
  return paths;
}
