import type { ErrorObject } from "ajv";
import type { JsonSchema } from "../core/resource-kind.js";
import { joinPath } from "../core/values.js";
import { displayPath, pointerToPath } from "./property-paths.js";
import { schemasAt } from "./schema-paths.js";
import { isJsonObject } from "../core/json.js";
import { closestMatch } from "./suggest.js";

/**
 * One schema violation in a resource's properties. `path` is the dotted property path the
 * problem is about; `at` says whether its key or its value is the place to point at.
 */
export interface PropertyProblem {
  path: string;
  at: "key" | "value";
  message: string;
  /** A required property is missing (which a resource being deleted may leave out). */
  isMissing?: boolean;
}

const NOUNS: Record<string, string> = {
  string: "a string",
  number: "a number",
  integer: "an integer",
  boolean: "true or false",
  object: "a mapping",
  array: "a list",
  null: "null",
};

function show(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** The property names the schema knows at `parent`, for suggesting a fix to an unknown one. */
function knownProperties(schema: JsonSchema, parent: string): string[] {
  const schemas = parent === "" ? [schema] : schemasAt(schema, parent);
  const names = schemas.flatMap((s) => (isJsonObject(s.properties) ? Object.keys(s.properties) : []));
  return [...new Set(names)];
}

/** `unknown property "a.b"` with the closest known name, or the known names when none is close. */
export function unknownProperty(schema: JsonSchema, parent: string, name: string): string {
  const path = joinPath(parent, name);
  const known = knownProperties(schema, parent);
  const closest = closestMatch(name, known);
  if (closest !== undefined) return `unknown property "${displayPath(path)}"; did you mean "${displayPath(joinPath(parent, closest))}"?`;
  const message = `unknown property "${displayPath(path)}"`;
  return known.length > 0 ? `${message}; known properties here: ${known.join(", ")}` : message;
}

function counted(limit: unknown, one: string, many = `${one}s`): string {
  return `${String(limit)} ${Number(limit) === 1 ? one : many}`;
}

/** What the value at the error's path must be, in words; never includes the value itself. */
function requirement(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "type":
      return `must be ${String(p.type).split(",").map((t) => NOUNS[t] ?? t).join(" or ")}`;
    case "enum":
      return `must be one of ${(p.allowedValues as unknown[]).map(show).join(", ")}`;
    case "const":
      return `must be ${show(p.allowedValue)}`;
    case "pattern":
      return `must match pattern ${String(p.pattern)}`;
    case "format":
      return `must be a valid ${String(p.format)}`;
    case "minLength":
      return `must be at least ${String(p.limit)} characters long`;
    case "maxLength":
      return `must be at most ${String(p.limit)} characters long`;
    case "minItems":
      return `must have at least ${counted(p.limit, "item")}`;
    case "maxItems":
      return `must have at most ${counted(p.limit, "item")}`;
    case "minProperties":
      return `must have at least ${counted(p.limit, "entry", "entries")}`;
    case "maxProperties":
      return `must have at most ${counted(p.limit, "entry", "entries")}`;
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return `must be ${String(p.comparison)} ${String(p.limit)}`;
    case "multipleOf":
      return `must be a multiple of ${String(p.multipleOf)}`;
    case "uniqueItems":
      return `must not repeat an item (items [${Math.min(Number(p.i), Number(p.j))}] and [${Math.max(Number(p.i), Number(p.j))}] are equal)`;
    case "oneOf":
      return p.passingSchemas ? "matches more than one of the allowed shapes; it must match exactly one" : "does not match any of the allowed shapes";
    case "anyOf":
      return "does not match any of the allowed shapes";
    case "not":
      return "must not match the shape the schema excludes";
    default:
      return error.message ?? `fails the ${error.keyword} rule`;
  }
}

/**
 * Drops errors that only restate others: `if` and `propertyNames` summaries (their detailed
 * errors follow), the branch errors under a failed `oneOf`/`anyOf`, and every other complaint
 * about a value of the wrong type (a null is not "one of Small, Large" either).
 */
function withoutNoise(errors: readonly ErrorObject[]): ErrorObject[] {
  const combinators = errors.filter((e) => e.keyword === "oneOf" || e.keyword === "anyOf").map((e) => `${e.schemaPath}/`);
  const wrongType = new Set(errors.filter((e) => e.keyword === "type").map((e) => e.instancePath));
  return errors.filter(
    (e) =>
      e.keyword !== "if" &&
      e.keyword !== "propertyNames" &&
      !combinators.some((prefix) => e.schemaPath.startsWith(prefix)) &&
      (e.keyword === "type" || !wrongType.has(e.instancePath)),
  );
}

/** The description of the schema at an ajv `schemaPath` (`#/properties/tags/propertyNames/not`), if it has one. */
function descriptionAt(schema: JsonSchema, schemaPath: string): string | undefined {
  const member = (node: unknown, key: string): unknown => (typeof node === "object" && node !== null ? (node as Record<string, unknown>)[key] : undefined);
  let node: unknown = schema;
  for (const step of schemaPath.replace(/^#\/?/, "").split("/").filter((s) => s !== "")) {
    node = member(node, step.replaceAll("~1", "/").replaceAll("~0", "~"));
  }
  const description = member(node, "description");
  return typeof description === "string" ? description : undefined;
}

/**
 * Turns ajv's errors into problems a person can act on, each tied to the property it is about.
 * `label` names a path in messages (the caller adds where a secret came from).
 */
export function problemsFromAjv(
  errors: readonly ErrorObject[],
  schema: JsonSchema,
  label: (path: string) => string = displayPath,
): PropertyProblem[] {
  return withoutNoise(errors).map((error): PropertyProblem => {
    const path = pointerToPath(error.instancePath);
    const p = error.params as Record<string, unknown>;
    if (error.propertyName !== undefined) {
      const keyPath = joinPath(path, error.propertyName);
      // A name pattern the schema excludes carries a description saying why (reserved tag prefixes).
      const why = error.keyword === "not" ? descriptionAt(schema, error.schemaPath) : undefined;
      return { path: keyPath, at: "key", message: `${label(keyPath)}: ${why ?? `the name ${requirement(error)}`}` };
    }
    if (error.keyword === "additionalProperties") {
      const name = String(p.additionalProperty);
      return { path: joinPath(path, name), at: "key", message: unknownProperty(schema, path, name) };
    }
    if (error.keyword === "required") {
      const missing = displayPath(joinPath(path, String(p.missingProperty)));
      return { path, at: "key", message: `missing required property "${missing}"`, isMissing: true };
    }
    if (error.keyword === "dependentRequired" || error.keyword === "dependencies") {
      const missing = displayPath(joinPath(path, String(p.missingProperty)));
      const given = displayPath(joinPath(path, String(p.property)));
      return { path, at: "key", message: `missing property "${missing}", required when "${given}" is set`, isMissing: true };
    }
    const prefix = path === "" ? "" : `${label(path)}: `;
    if (error.keyword === "not") {
      // An excluded shape is only ever declared with a description saying why, so show that.
      const why = schemasAt(schema, path).map((s) => s.description).find((d) => typeof d === "string");
      if (why !== undefined) return { path, at: "value", message: `${prefix}${String(why)}` };
    }
    return { path, at: "value", message: `${prefix}${requirement(error)}` };
  });
}
