import { compilePattern } from "./models/java-pattern.js";
import type { MemberModel, ServiceModel, ShapeModel, ShapeType } from "./models/service-model.js";

/**
 * Why a request was refused before reaching its handler.
 *
 * `constraint` is a modelled constraint (required, length, pattern, enum, range): the service
 * answers with its validation exception. `serialization` is a value of the wrong JSON type: the
 * service cannot even read it (awsJson services answer `SerializationException`).
 */
export interface ValidationProblem {
  /** Where the first violation is, in the services' spelling: `connectSettings.subnetIds.1.member`. */
  path: string;
  /** Every violation, worded as AWS does; never contains the value of a sensitive shape. */
  message: string;
  kind: "constraint" | "serialization";
}

interface Violation {
  path: string;
  text: string;
}

class SerializationFailure extends Error {
  constructor(readonly path: string, readonly expected: string) {
    super(`Unexpected value at '${path}': expected ${expected}`);
  }
}

/**
 * Checks an operation's input against the model the way the service does before running it.
 * Unknown members are ignored, as awsJson services ignore them. Returns undefined when valid.
 */
export function validateInput(model: ServiceModel, operationName: string, input: unknown): ValidationProblem | undefined {
  const operation = model.operations[operationName];
  if (!operation) throw new Error(`the model has no operation ${operationName}`);
  if (!operation.input) return undefined;
  return validateShape(model, operation.input, input ?? {});
}

/**
 * Checks a value against a named shape; `validateInput` for one operation's input. Rest-json
 * services call it on the input they assembled from path, query and body.
 */
export function validateShape(model: ServiceModel, shapeName: string, value: unknown): ValidationProblem | undefined {
  const violations: Violation[] = [];
  try {
    checkStructureMembers(model, shape(model, shapeName), value, "", false, violations);
  } catch (error) {
    if (error instanceof SerializationFailure) {
      return { path: error.path, message: error.message, kind: "serialization" };
    }
    throw error;
  }
  if (violations.length === 0) return undefined;
  const count = violations.length === 1 ? "1 validation error" : `${violations.length} validation errors`;
  return {
    path: violations[0].path,
    message: `${count} detected: ${violations.map((v) => v.text).join("; ")}`,
    kind: "constraint",
  };
}

function shape(model: ServiceModel, name: string): ShapeModel {
  const found = model.shapes[name];
  if (!found) throw new Error(`the model has no shape ${name}`);
  return found;
}

/** Coral names members in messages with a lower-case first letter. */
function memberPath(parent: string, memberName: string): string {
  const name = memberName.charAt(0).toLowerCase() + memberName.slice(1);
  return parent ? `${parent}.${name}` : name;
}

function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function checkStructureMembers(
  model: ServiceModel,
  structure: ShapeModel,
  value: unknown,
  path: string,
  hidden: boolean,
  out: Violation[],
): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new SerializationFailure(path || "input", "an object");
  }
  const record = value as Record<string, unknown>;
  const members = structure.members ?? {};
  for (const name of structure.required ?? []) {
    if (!isPresent(record[name])) {
      out.push({ path: memberPath(path, name), text: `Value null at '${memberPath(path, name)}' failed to satisfy constraint: Member must not be null` });
    }
  }
  const setMembers = Object.keys(members).filter((name) => isPresent(record[name]));
  if (structure.union && setMembers.length !== 1) {
    out.push({ path: path || "input", text: `Value at '${path || "input"}' failed to satisfy constraint: Member must have exactly one member set` });
  }
  for (const name of setMembers) {
    checkMember(model, members[name], record[name], memberPath(path, name), hidden, out);
  }
}

type ScalarType = Exclude<ShapeType, "structure" | "list" | "map">;

/** The JSON type a scalar shape's value must arrive as, and how a value of another type is reported. */
const scalarJsonTypes: Record<ScalarType, { expected: string; matches(value: unknown): boolean }> = {
  string: { expected: "a string", matches: (value) => typeof value === "string" },
  blob: { expected: "a base64 string", matches: (value) => typeof value === "string" },
  integer: { expected: "an integer", matches: Number.isInteger },
  long: { expected: "an integer", matches: Number.isInteger },
  float: { expected: "a number", matches: (value) => typeof value === "number" },
  double: { expected: "a number", matches: (value) => typeof value === "number" },
  boolean: { expected: "a boolean", matches: (value) => typeof value === "boolean" },
  // awsJson sends epoch seconds; rest-json bodies may carry ISO-8601 text.
  timestamp: {
    expected: "a timestamp",
    matches: (value) => typeof value === "number" || (typeof value === "string" && !Number.isNaN(Date.parse(value))),
  },
};

function checkMember(model: ServiceModel, member: MemberModel, value: unknown, path: string, hidden: boolean, out: Violation[]): void {
  const target = shape(model, member.shape);
  const secret = hidden || target.sensitive === true;
  switch (target.type) {
    case "structure":
      checkStructureMembers(model, target, value, path, secret, out);
      return;
    case "list":
      if (!Array.isArray(value)) throw new SerializationFailure(path, "a list");
      checkSize(target, value.length, value, path, secret, out);
      value.forEach((item, index) => {
        if (!isPresent(item)) return;
        checkMember(model, target.member!, item, `${path}.${index + 1}.member`, secret, out);
      });
      return;
    case "map": {
      if (typeof value !== "object" || value === null || Array.isArray(value)) throw new SerializationFailure(path, "a map");
      const entries = Object.entries(value as Record<string, unknown>);
      checkSize(target, entries.length, value, path, secret, out);
      for (const [key, item] of entries) {
        checkMember(model, target.key!, key, `${path}.key`, secret, out);
        if (isPresent(item)) checkMember(model, target.value!, item, `${path}.${key}`, secret, out);
      }
      return;
    }
    default: {
      const jsonType = scalarJsonTypes[target.type] as (typeof scalarJsonTypes)[ScalarType] | undefined;
      if (!jsonType) throw new Error(`unsupported shape type ${String(target.type)}`);
      if (!jsonType.matches(value)) throw new SerializationFailure(path, jsonType.expected);
      if (typeof value === "string" && target.type === "string") checkString(target, value, path, secret, out);
      // A timestamp may arrive as a number too, but only numeric shapes carry a range.
      if (typeof value === "number" && target.type !== "timestamp") checkRange(target, value, path, secret, out);
    }
  }
}

function checkString(target: ShapeModel, value: string, path: string, hidden: boolean, out: Violation[]): void {
  const fail = (rule: string) => out.push({ path, text: `${describe(value, path, hidden)} failed to satisfy constraint: ${rule}` });
  if (target.min !== undefined && value.length < target.min) fail(`Member must have length greater than or equal to ${target.min}`);
  if (target.max !== undefined && value.length > target.max) fail(`Member must have length less than or equal to ${target.max}`);
  if (target.pattern !== undefined && !compilePattern(target.pattern).test(value)) {
    fail(`Member must satisfy regular expression pattern: ${target.pattern}`);
  }
  if (target.enum !== undefined && !target.enum.includes(value)) fail(`Member must satisfy enum value set: [${target.enum.join(", ")}]`);
}

function checkSize(target: ShapeModel, size: number, value: unknown, path: string, hidden: boolean, out: Violation[]): void {
  const fail = (rule: string) => out.push({ path, text: `${describe(value, path, hidden)} failed to satisfy constraint: ${rule}` });
  if (target.min !== undefined && size < target.min) fail(`Member must have length greater than or equal to ${target.min}`);
  if (target.max !== undefined && size > target.max) fail(`Member must have length less than or equal to ${target.max}`);
}

function checkRange(target: ShapeModel, value: number, path: string, hidden: boolean, out: Violation[]): void {
  const fail = (rule: string) => out.push({ path, text: `${describe(value, path, hidden)} failed to satisfy constraint: ${rule}` });
  if (target.min !== undefined && value < target.min) fail(`Member must have value greater than or equal to ${target.min}`);
  if (target.max !== undefined && value > target.max) fail(`Member must have value less than or equal to ${target.max}`);
}

/** `Value 'x' at 'path'`, or `Value at 'path'` when the value must not be repeated back. */
function describe(value: unknown, path: string, hidden: boolean): string {
  const shown = hidden ? undefined : render(value);
  return shown === undefined ? `Value at '${path}'` : `Value '${shown}' at '${path}'`;
}

/** Scalars and lists of scalars as Java would print them; anything else is not echoed. */
function render(value: unknown): string | undefined {
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item === "string" || typeof item === "number")) {
    return `[${value.join(", ")}]`;
  }
  return undefined;
}
