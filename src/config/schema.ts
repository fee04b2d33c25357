import { isJsonObject, type JsonValue } from "../core/json.js";
import type { Registry } from "../core/registry.js";
import type { JsonSchema, ResourceKind } from "../core/resource-kind.js";
import { NAME_PATTERN, REGION_PATTERN } from "./names.js";
import { schemaPaths } from "./schema-paths.js";
import { fileSchemaOf } from "./schema-transform.js";

const DRAFT_07 = "http://json-schema.org/draft-07/schema#";

/** `ds/ad-connector` → `ds-ad-connector`: the kind's definition name and schema file stem. */
export function schemaNameOf(type: string): string {
  return type.replaceAll("/", "-");
}

/**
 * JSON Schema (draft-07) of one resource entry of this kind — `type`, `properties`, `dependsOn`,
 * `ensure`, `protect`, `ignoreChanges` — as editors see the file. It is generated for editors;
 * the loader validates with the kind's own schema and its own rules for secrets and references.
 */
export function buildKindSchema(kind: ResourceKind): JsonSchema {
  const properties = fileSchemaOf(kind);
  if (properties.description === undefined) properties.description = `Properties of ${kind.type}.`;
  const paths = schemaPaths(kind.schema);
  return {
    $schema: DRAFT_07,
    title: kind.type,
    description: kind.description,
    type: "object",
    additionalProperties: false,
    required: ["type"],
    properties: {
      type: { const: kind.type, description: "The resource type." },
      properties,
      dependsOn: {
        type: "array",
        uniqueItems: true,
        items: { type: "string", pattern: NAME_PATTERN },
        description: "Resources that must exist before this one; references add their own dependencies.",
      },
      ensure: { enum: ["present", "absent"], default: "present", description: "present creates or updates the resource; absent deletes it." },
      protect: { type: "boolean", default: false, description: "Refuse any plan that would delete or replace this resource." },
      ignoreChanges: {
        type: "array",
        items: paths.length > 0 ? { type: "string", examples: paths } : { type: "string" },
        description: "Property paths (dotted) left out of plans and drift reports.",
      },
    },
  };
}

/** `if type is T then the entry follows T's schema`: how the stack schema picks a kind by its `type`. */
function selectKindSchema(type: string): JsonSchema {
  return { if: { properties: { type: { const: type } }, required: ["type"] }, then: { $ref: `#/definitions/${schemaNameOf(type)}` } };
}

/**
 * JSON Schema (draft-07) of a whole desired-state file: `stack`, `region`, and `resources` as a
 * map of logical name to an entry whose `type` picks the kind's schema.
 */
export function buildStackSchema(registry: Registry): JsonSchema {
  const types = registry.kinds.map((k) => k.type);
  const definitions: JsonSchema = {
    resource: {
      type: "object",
      required: ["type"],
      properties: { type: types.length > 0 ? { enum: types, description: "The resource type." } : { type: "string", description: "The resource type." } },
      ...(types.length > 0 && { allOf: types.map(selectKindSchema) }),
    },
  };
  for (const kind of registry.kinds) {
    const entry = buildKindSchema(kind);
    delete entry.$schema;
    definitions[schemaNameOf(kind.type)] = entry;
  }
  return {
    $schema: DRAFT_07,
    title: "adstack desired state",
    description: "A stack of AWS directory and identity resources that adstack reconciles.",
    type: "object",
    additionalProperties: false,
    required: ["stack", "resources"],
    properties: {
      stack: { type: "string", pattern: NAME_PATTERN, description: "Names the stack; the adstack:stack tag on every resource it owns." },
      region: { type: "string", pattern: REGION_PATTERN, description: "AWS Region such as us-east-1; AWS_REGION when omitted." },
      resources: {
        type: "object",
        propertyNames: { pattern: NAME_PATTERN },
        additionalProperties: { $ref: "#/definitions/resource" },
        description: "Resources by logical name; the name is the adstack:name tag and is used in ${name.attribute} references.",
      },
    },
    definitions,
  };
}

/** JSON text with keys sorted at every level, two-space indent and a final newline: stable across runs. */
export function renderSchemaFile(schema: JsonSchema): string {
  const sortKeys = (value: JsonValue): JsonValue => {
    if (Array.isArray(value)) return value.map(sortKeys);
    if (isJsonObject(value)) return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys(value[k])]));
    return value;
  };
  return `${JSON.stringify(sortKeys(schema as JsonValue), null, 2)}\n`;
}

/** Every file under `schemas/`, by file name: the stack schema and one schema per kind. */
export function buildSchemaFiles(registry: Registry): Record<string, string> {
  const files: Record<string, string> = { "adstack.schema.json": renderSchemaFile(buildStackSchema(registry)) };
  for (const kind of registry.kinds) files[`${schemaNameOf(kind.type)}.schema.json`] = renderSchemaFile(buildKindSchema(kind));
  return files;
}
