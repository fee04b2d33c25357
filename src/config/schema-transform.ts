import { isJsonObject } from "../core/json.js";
import type { JsonSchema, ResourceKind } from "../core/resource-kind.js";
import { joinPath } from "../core/values.js";
import { ENV_NAME_PATTERN } from "./names.js";
import { displayPath } from "./property-paths.js";
import { dereference } from "./schema-paths.js";

/** Matches a string holding at least one `${name.attribute}` reference. */
export const REFERENCE_PATTERN = "\\$\\{[A-Za-z0-9_-]+\\.[A-Za-z][A-Za-z0-9_]*\\}";

const SCHEMA_MAPS = ["properties", "patternProperties"] as const;
const SCHEMA_VALUES = ["additionalProperties", "items", "contains", "if", "then", "else"] as const;
const SCHEMA_LISTS = ["allOf", "anyOf", "oneOf", "items"] as const;
/** Keys dropped from a kind's schema: its local `$ref`s are inlined, so its definitions are not needed. */
const DROPPED = new Set(["$schema", "$id", "$defs", "definitions", "$ref"]);
const MAX_DEPTH = 32;

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

const REFERENCE_SCHEMA: JsonSchema = {
  type: "string",
  pattern: REFERENCE_PATTERN,
  description: "A reference to another resource's output: ${name.attribute}.",
};

/** `{ env: NAME } | { file: PATH }`, what a write-only field takes in the file. */
export function secretSourceSchema(description: string): JsonSchema {
  return {
    description: oneLine(`${description} Given as { env: VARIABLE } or { file: PATH }, never as the secret itself.`),
    oneOf: [
      {
        type: "object",
        additionalProperties: false,
        required: ["env"],
        properties: { env: { type: "string", pattern: ENV_NAME_PATTERN, description: "Environment variable that holds the secret." } },
      },
      {
        type: "object",
        additionalProperties: false,
        required: ["file"],
        properties: {
          file: { type: "string", minLength: 1, description: "File that holds the secret, relative to this file; one trailing newline is ignored." },
        },
      },
    ],
  };
}

function isConstrainedString(schema: JsonSchema): boolean {
  const isString = schema.type === "string" || (schema.type === undefined && schema.enum === undefined && schema.const === undefined);
  return isString && ["pattern", "format", "minLength", "maxLength"].some((k) => schema[k] !== undefined);
}

/**
 * A kind's properties schema as written in the file: write-only paths take a secret source,
 * constrained strings also take a `${name.attribute}` reference (checked once resolved), local
 * `$ref`s are inlined, and every named property carries a one-line description.
 */
export function fileSchemaOf(kind: ResourceKind): JsonSchema {
  const root = kind.schema;
  const visit = (given: JsonSchema, path: string, isProperty: boolean, depth: number): JsonSchema => {
    const schema = dereference(root, given);
    const fallback = isProperty ? `${displayPath(path)} of ${kind.type}.` : undefined;
    const description = typeof schema.description === "string" ? oneLine(schema.description) : fallback;
    if (isProperty && kind.writeOnly.includes(path)) return secretSourceSchema(description ?? "");
    if (depth > MAX_DEPTH) return description ? { description } : {};
    const out: JsonSchema = {};
    for (const [key, value] of Object.entries(schema)) {
      if (DROPPED.has(key)) continue;
      if ((SCHEMA_MAPS as readonly string[]).includes(key) && isJsonObject(value)) {
        const nested = key === "properties";
        const visitEntry = (k: string, v: JsonSchema[string]): unknown =>
          isJsonObject(v) ? visit(v as JsonSchema, nested ? joinPath(path, k) : path, nested, depth + 1) : v;
        out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, visitEntry(k, v)])) as JsonSchema;
      } else if ((SCHEMA_LISTS as readonly string[]).includes(key) && Array.isArray(value)) {
        out[key] = value.map((v) => (isJsonObject(v) ? visit(v as JsonSchema, path, false, depth + 1) : v));
      } else if ((SCHEMA_VALUES as readonly string[]).includes(key) && isJsonObject(value)) {
        out[key] = visit(value as JsonSchema, path, false, depth + 1);
      } else {
        out[key] = value;
      }
    }
    if (description !== undefined) out.description = description;
    if (!isConstrainedString(out)) return out;
    const literal = { ...out };
    delete literal.description;
    return description !== undefined ? { description, anyOf: [literal, REFERENCE_SCHEMA] } : { anyOf: [literal, REFERENCE_SCHEMA] };
  };
  return visit(root, "", false, 0);
}
