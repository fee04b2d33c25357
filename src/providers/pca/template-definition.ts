/** Conversions and the canonical form of `pca/template.definition`. */
import { isJsonObject, type JsonObject, type JsonValue } from "../../core/json.js";
import type { JsonSchema } from "../../core/resource-kind.js";
import { templateDefinitionSchema } from "./template-definition-schema.js";
import type { TemplateDefinition } from "./sdk.js";
import { compareText } from "../../core/text.js";

/** The definition as the API spells it: every member name with a capital first letter. */
export function definitionToWire(definition: JsonValue | undefined): TemplateDefinition {
  return renameKeys(definition ?? {}, (key) => key.charAt(0).toUpperCase() + key.slice(1)) as unknown as TemplateDefinition;
}

/** The definition as adstack spells it: lowerCamelCase member names. */
export function definitionFromWire(definition: TemplateDefinition | undefined): JsonObject {
  return renameKeys((definition ?? {}) as unknown as JsonValue, (key) => key.charAt(0).toLowerCase() + key.slice(1)) as JsonObject;
}

/**
 * The canonical form for comparison: every flag the chosen version defines is present, an omitted
 * one as false. UpdateTemplate replaces the whole definition, so a flag left out of the file is
 * really managed as false; filling it in makes omitted and false compare equal and lets a flag
 * switched on outside adstack show up. The set-like lists (application policies, crypto
 * providers, superseded templates) are sorted.
 */
export function normalizeDefinition(definition: JsonValue): JsonValue {
  return normalizeWithSchema(definition, templateDefinitionSchema);
}

function normalizeWithSchema(value: JsonValue, schema: JsonSchema): JsonValue {
  if (schema.type === "array" && Array.isArray(value)) {
    const items = schema.items as JsonSchema;
    return value.map((item) => normalizeWithSchema(item, items)).sort((a, b) => compareText(sortKey(a), sortKey(b)));
  }
  if (schema.type !== "object" || !isJsonObject(value)) return value;
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const result: JsonObject = {};
  for (const [key, member] of Object.entries(value)) {
    result[key] = Object.hasOwn(properties, key) ? normalizeWithSchema(member, properties[key]) : member;
  }
  for (const [key, member] of Object.entries(properties)) {
    if (member.type === "boolean" && result[key] === undefined) result[key] = false;
  }
  return result;
}

/** Set elements are strings or one-member unions, so a flat rendering orders them. */
function sortKey(value: JsonValue): string {
  if (!isJsonObject(value)) return String(value);
  return Object.keys(value)
    .sort(compareText)
    .map((key) => `${key}=${String(value[key])}`)
    .join(",");
}

function renameKeys(value: JsonValue, rename: (key: string) => string): JsonValue {
  if (Array.isArray(value)) return value.map((item) => renameKeys(item, rename));
  if (!isJsonObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, member]) => [rename(key), renameKeys(member, rename)]));
}
