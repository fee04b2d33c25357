import { createRequire } from "node:module";
import type { Ajv as AjvInstance, ValidateFunction } from "ajv";
import { InternalError } from "../core/errors.js";
import { isJsonObject, type JsonObject, type JsonValue } from "../core/json.js";
import type { ResourceKind } from "../core/resource-kind.js";
import { describeSecretSource, findReferences, isSecretSource, joinPath } from "../core/values.js";
import { validators } from "../../schemas/validators.mjs";
import { AJV_OPTIONS, schemaHash } from "./ajv-options.js";
import { problemsFromAjv, unknownProperty, type PropertyProblem } from "./ajv-messages.js";
import { isAtOrBelow } from "../core/paths.js";
import { displayPath, valueAtPath, withValueAtPath } from "./property-paths.js";
import { hasSchemaPath } from "./schema-paths.js";
import { readSecretSource, type SecretSourceOptions } from "./secrets.js";

/**
 * One validator per kind object: the precompiled one from schemas/validators.mjs when it was made
 * from this very schema, else compiled here by one shared ajv (loaded only then: compiling costs
 * hundreds of milliseconds at start-up, which is why the precompiled ones exist).
 */
const compiled = new WeakMap<ResourceKind, ValidateFunction>();
let ajv: AjvInstance | undefined;

function validatorFor(kind: ResourceKind): ValidateFunction {
  let validate = compiled.get(kind);
  if (validate === undefined) {
    validate = precompiledValidator(kind) ?? compileValidator(kind);
    compiled.set(kind, validate);
  }
  return validate;
}

export function precompiledValidator(kind: ResourceKind): ValidateFunction | undefined {
  const entry = validators[kind.type];
  return entry && entry.hash === schemaHash(kind.schema) ? entry.validate : undefined;
}

function compileValidator(kind: ResourceKind): ValidateFunction {
  if (!ajv) {
    const { Ajv } = createRequire(import.meta.url)("ajv") as typeof import("ajv");
    ajv = new Ajv({ ...AJV_OPTIONS });
  }
  try {
    return ajv.compile(kind.schema);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InternalError(`the schema of ${kind.type} does not compile (${reason}); this is a bug in adstack, please report it`);
  }
}

/** Where the file's secrets are read from while checking them, and whether the resource is being deleted. */
export interface PropertyCheckOptions extends SecretSourceOptions {
  /**
   * `ensure: absent`: deleting needs no secrets and only the properties that find the resource,
   * so missing required properties and unreadable secrets are not problems.
   */
  isAbsent?: boolean;
  /**
   * False for commands that never send a secret (graph, iam-policy): secret sources are checked
   * for their shape only, so printing a graph or a policy does not need the production passwords.
   */
  readSecrets?: boolean;
}

/**
 * Checks one resource's properties against its kind. Write-only fields must name a secret source
 * that can be read, and the secret itself must satisfy the schema; secret sources may appear
 * nowhere else; everything else must satisfy the schema, except that a string holding a
 * `${name.attribute}` reference is only checked once resolved. No message carries a secret.
 */
export function checkProperties(kind: ResourceKind, properties: JsonObject, options: PropertyCheckOptions): PropertyProblem[] {
  const problems: PropertyProblem[] = [];
  const skipBelow: string[] = [];
  const labels = new Map<string, string>();
  let checked = properties;

  for (const path of kind.writeOnly) {
    const value = valueAtPath(properties, path);
    if (value === undefined) continue;
    if (!isSecretSource(value)) {
      problems.push({ path, at: "value", message: plaintextSecretMessage(path, value) });
      skipBelow.push(path);
      continue;
    }
    if (options.isAbsent || options.readSecrets === false) {
      skipBelow.push(path);
      continue;
    }
    const secret = readSecretSource(value, options);
    if ("problem" in secret) {
      problems.push({ path, at: "value", message: `${displayPath(path)}: ${secret.problem}` });
      skipBelow.push(path);
    } else {
      checked = withValueAtPath(checked, path, secret.value);
      labels.set(path, `${displayPath(path)} (from ${describeSecretSource(value)})`);
    }
  }

  const unknown = unknownPaths(kind, properties);
  // `{ env: prod }` is a fine tag map; a secret source is misplaced only where the schema refuses it.
  const secretShaped = misplacedSecretSources(properties, kind.writeOnly).filter((path) => !unknown.some((u) => isAtOrBelow(path, u)));

  const referencing = new Set(findReferences(properties).map((r) => r.path));
  const validate = validatorFor(kind);
  validate(checked);
  const label = (path: string): string => labels.get(path) ?? displayPath(path);
  for (const problem of problemsFromAjv(validate.errors ?? [], kind.schema, label)) {
    if (referencing.has(problem.path) || skipBelow.some((skipped) => isAtOrBelow(problem.path, skipped))) continue;
    if (problem.isMissing && options.isAbsent) continue;
    const misplaced = secretShaped.find((path) => isAtOrBelow(problem.path, path));
    if (misplaced !== undefined) {
      if (!problems.some((p) => p.path === misplaced)) {
        problems.push({ path: misplaced, at: "value", message: `${displayPath(misplaced)}: only write-only fields take env:/file: (${writeOnlySummary(kind)})` });
      }
      continue;
    }
    problems.push(problem);
  }
  const reported = new Set(problems.map((p) => p.path));
  for (const path of unknown) {
    if (reported.has(path) || skipBelow.some((skipped) => isAtOrBelow(path, skipped))) continue;
    const dot = path.lastIndexOf(".");
    problems.push({ path, at: "key", message: unknownProperty(kind.schema, path.slice(0, Math.max(dot, 0)), path.slice(dot + 1)) });
  }
  return problems;
}

/**
 * Keys the schema does not describe, even where it leaves `additionalProperties` open: a typo in a
 * property name must never be silently ignored. Only the outermost unknown key of a branch is listed.
 */
function unknownPaths(kind: ResourceKind, value: JsonValue, path = ""): string[] {
  if (path !== "" && !hasSchemaPath(kind.schema, path)) return [path];
  if (path !== "" && (kind.writeOnly.includes(path) || isSecretSource(value))) return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => unknownPaths(kind, item, joinPath(path, String(i))));
  if (isJsonObject(value)) return Object.entries(value).flatMap(([k, v]) => unknownPaths(kind, v, joinPath(path, k)));
  return [];
}

function plaintextSecretMessage(path: string, value: JsonValue): string {
  const key = path.split(".").at(-1);
  const how = `write "${key}: { env: VARIABLE }" to read it from an environment variable, or "${key}: { file: path/to/file }" to read it from a file`;
  const isScalar = typeof value === "string" || typeof value === "number" || typeof value === "boolean";
  if (isScalar) return `${displayPath(path)} is write-only, so its value must not be written in the file: ${how}`;
  return `${displayPath(path)} must be a secret source: ${how}`;
}

function writeOnlySummary(kind: ResourceKind): string {
  if (kind.writeOnly.length === 0) return `${kind.type} has no write-only fields`;
  return `the write-only fields of ${kind.type} are ${kind.writeOnly.join(", ")}`;
}

/** Paths of `{ env }` / `{ file }` objects outside the write-only paths. */
function misplacedSecretSources(value: JsonValue, writeOnly: readonly string[], path = ""): string[] {
  if (path !== "" && writeOnly.includes(path)) return [];
  if (path !== "" && isSecretSource(value)) return [path];
  if (Array.isArray(value)) return value.flatMap((item, i) => misplacedSecretSources(item, writeOnly, joinPath(path, String(i))));
  if (isJsonObject(value)) return Object.entries(value).flatMap(([k, v]) => misplacedSecretSources(v, writeOnly, joinPath(path, k)));
  return [];
}
