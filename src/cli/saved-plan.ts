import { readFileSync, writeFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import type { DesiredState } from "../core/desired.js";
import { ExitCodes, ExitError } from "../core/errors.js";
import { isJsonObject, type JsonObject, type JsonValue } from "../core/json.js";
import { summarize, type Action, type Change, type FieldDiff, type Plan, type PriorState } from "../core/plan.js";
import type { Readiness } from "../core/resource-kind.js";
import type { AttributeJson, ChangeJson } from "../render/json.js";
import { planToJson, type CliPlanJson } from "./plan-json.js";

/**
 * What a saved plan was computed from, kept under the `savedPlan` key of the plan JSON. The key
 * is also how `apply` tells a plan file from a desired-state file.
 */
export interface SavedPlanSource {
  /** The adstack version that made the plan; another version refuses to apply it. */
  adstackVersion: string;
  /** The desired-state file, relative to the directory plan ran in (apply resolves it the same way). */
  file: string;
  /** SHA-256 of the desired-state file's bytes, hex. */
  sourceSha256: string;
}

/**
 * A saved plan is the `plan --json` document in full mode (each change with its `desired`
 * properties, secret sources unresolved, and the `prior` live values it was planned against)
 * plus `savedPlan`. Write-only values are never read or resolved by planning, so none is in it.
 */
export type SavedPlanJson = CliPlanJson & { savedPlan: SavedPlanSource };

const ACTIONS: ReadonlySet<Action> = new Set(["create", "update", "replace", "delete", "noop"]);

export function adstackVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return manifest.version;
}

export function serializeSavedPlan(plan: Plan, source: SavedPlanSource): string {
  const json: SavedPlanJson = { ...planToJson(plan, { full: true }), savedPlan: { ...source } };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** Writes `plan --out PLAN`: the plan with what it was computed from. */
export function writeSavedPlan(plan: Plan, desired: DesiredState, outPath: string): void {
  const source: SavedPlanSource = { adstackVersion: adstackVersion(), file: relative(process.cwd(), resolve(desired.file)), sourceSha256: desired.sourceHash };
  writeFileSync(outPath, serializeSavedPlan(plan, source));
}

/**
 * Whether the text is a saved plan (JSON with `formatVersion` and `savedPlan`) rather than a
 * desired-state file. A plan file damaged past parsing (cut short, edited by hand) still counts,
 * so that parseSavedPlan refuses it with the JSON error instead of it being read as YAML.
 */
export function isSavedPlanText(text: string): boolean {
  if (!text.trimStart().startsWith("{")) return false;
  try {
    const value: unknown = JSON.parse(text);
    return isJsonObject(value) && "formatVersion" in value && isJsonObject(value.savedPlan);
  } catch {
    return text.includes('"formatVersion"');
  }
}

/** The core plan and its source back from a saved plan's text; an ExitError (exit 1) says what is malformed. */
export function parseSavedPlan(text: string, path: string): { plan: Plan; source: SavedPlanSource } {
  const invalid = (what: string) => new ExitError(`${path} is not a valid adstack plan file: ${what}`, ExitCodes.error);
  let json: JsonValue;
  try {
    json = JSON.parse(text) as JsonValue;
  } catch (error) {
    throw invalid((error as Error).message);
  }
  const read = reader(invalid);
  const root = read.object(json, "the document");
  if (root.formatVersion !== "1") throw invalid(`formatVersion ${JSON.stringify(root.formatVersion)} is not one this adstack reads ("1")`);
  const savedPlan = read.object(root.savedPlan, "savedPlan");
  const source: SavedPlanSource = {
    adstackVersion: read.string(savedPlan.adstackVersion, "savedPlan.adstackVersion"),
    file: read.string(savedPlan.file, "savedPlan.file"),
    sourceSha256: read.string(savedPlan.sourceSha256, "savedPlan.sourceSha256"),
  };
  const mode = read.string(root.mode, "mode");
  if (mode !== "apply" && mode !== "destroy") throw invalid(`mode ${JSON.stringify(mode)}`);
  const changes = read.array(root.changes, "changes").map((value, i) => changeOf(read.object(value, `changes[${i}]`) as unknown as ChangeJson, `changes[${i}]`, read));
  const plan: Plan = {
    formatVersion: "1",
    stack: read.string(root.stack, "stack"),
    region: read.string(root.region, "region"),
    mode,
    changes,
    summary: summarize(changes),
  };
  if (root.targets !== undefined) plan.targets = read.strings(root.targets, "targets");
  return { plan, source };
}

type Reader = ReturnType<typeof reader>;

function reader(invalid: (what: string) => ExitError) {
  const fail = (where: string, expected: string): never => {
    throw invalid(`${where} must be ${expected}`);
  };
  const object = (value: unknown, where: string): JsonObject => (isJsonObject(value) ? value : fail(where, "an object"));
  const string = (value: unknown, where: string): string => (typeof value === "string" ? value : fail(where, "a string"));
  const array = (value: unknown, where: string): JsonValue[] => (Array.isArray(value) ? (value as JsonValue[]) : fail(where, "a list"));
  const strings = (value: unknown, where: string): string[] => array(value, where).map((v, i) => string(v, `${where}[${i}]`));
  const optionalObject = (value: unknown, where: string): JsonObject | undefined => (value === null || value === undefined ? undefined : object(value, where));
  return { fail, object, string, array, strings, optionalObject };
}

/** The inverse of `renderPlanJson`'s change: what apply needs, exactly as planned. */
function changeOf(json: ChangeJson, where: string, read: Reader): Change {
  const action = read.string(json.action, `${where}.action`) as Action;
  if (!ACTIONS.has(action)) read.fail(`${where}.action`, [...ACTIONS].join(", "));
  const change: Change = {
    address: read.string(json.address, `${where}.address`),
    type: read.string(json.type, `${where}.type`),
    name: read.string(json.name, `${where}.name`),
    action,
    attributes: read.array(json.attributes, `${where}.attributes`).map((a, i) => fieldOf(read.object(a, `${where}.attributes[${i}]`) as unknown as AttributeJson)),
    replacePaths: read.strings(json.replacePaths, `${where}.replacePaths`),
    reasons: read.strings(json.reasons, `${where}.reasons`),
    dependsOn: read.strings(json.dependsOn, `${where}.dependsOn`),
  };
  if (json.replaceOrder === "delete-first" || json.replaceOrder === "create-first") change.replaceOrder = json.replaceOrder;
  if (json.isAdoption === true) change.isAdoption = true;
  const desired = read.optionalObject(json.desired, `${where}.desired`);
  if (desired) change.desired = desired;
  const prior = read.optionalObject(json.prior, `${where}.prior`);
  if (prior) {
    read.string(prior.id, `${where}.prior.id`);
    read.object(prior.properties, `${where}.prior.properties`);
    read.object(prior.outputs, `${where}.prior.outputs`);
    change.prior = prior as unknown as PriorState;
  }
  const status = read.optionalObject(json.status, `${where}.status`);
  if (status) change.status = status as unknown as Readiness;
  return change;
}

function fieldOf(json: AttributeJson): FieldDiff {
  const field: FieldDiff = { path: String(json.path), isChanged: json.changed === true };
  if (json.sensitive === true) field.isSensitive = true;
  else {
    if (json.before !== null && json.before !== undefined) field.before = json.before;
    if (json.afterUnknown === true) field.isUnknown = true;
    else if (json.after !== null && json.after !== undefined) field.after = json.after;
  }
  if (json.forcesReplacement === true) field.forcesReplacement = true;
  return field;
}
