import type { Address } from "./address.js";
import type { JsonObject, JsonValue } from "./json.js";
import type { Owner, Readiness } from "./resource-kind.js";

/** The closed set of things a plan can do to one resource. Adoption is a flag, not an action. */
export type Action = "create" | "update" | "replace" | "delete" | "noop";

/** Replacement order: delete-first by default, because AWS names and aliases are mostly unique. */
export type ReplaceOrder = "delete-first" | "create-first";

/** One compared field of one resource. */
export interface FieldDiff {
  /** Dotted property path, e.g. `connectSettings.subnetIds` or `tags.team`. */
  path: string;
  /** Live value; absent when the field is not set live or the resource does not exist. */
  before?: JsonValue;
  /** Desired value; absent when unset, unknown or sensitive. */
  after?: JsonValue;
  /** The desired value depends on an output only apply will know. */
  isUnknown?: boolean;
  /** A write-only field: its value is never shown, read back or compared. */
  isSensitive?: boolean;
  /** Changing this field is why the resource is replaced. */
  forcesReplacement?: boolean;
  /** The kind's reason, when it has one (e.g. "the service cannot remove it once set"). */
  replaceReason?: string;
  isChanged: boolean;
}

/** The live object a change was planned against (no secrets: write-only fields are never read). */
export interface PriorState {
  id: string;
  properties: JsonObject;
  outputs: JsonObject;
  owner?: Owner;
}

/** What the plan will do to one resource. Plain data: rendered and applied as it is. */
export interface Change {
  address: Address;
  type: string;
  name: string;
  action: Action;
  /** Every compared field, changed or not (renderers hide the unchanged ones with a count). */
  attributes: FieldDiff[];
  /** For `replace`: the paths that force it, and in which order old and new are swapped. */
  replacePaths: string[];
  replaceOrder?: ReplaceOrder;
  /** An untagged live resource found by natural key and taken over (ownership tags get added). */
  isAdoption?: boolean;
  /** Human explanations ("not in the file", "owned by stack X"). Display only: apply never reads them. */
  reasons: string[];
  /** Addresses whose outputs or existence this resource needs first. */
  dependsOn: Address[];
  /** Properties as written in the file: references and secret sources unresolved. Absent for deletes. */
  desired?: JsonObject;
  /** The live resource as read at plan time; absent for creates. */
  prior?: PriorState;
  /** Live status at plan time, for display (e.g. a failed connector's reason). */
  status?: Readiness;
}

export interface PlanSummary {
  create: number;
  update: number;
  replace: number;
  delete: number;
  noop: number;
}

export interface Plan {
  formatVersion: "1";
  stack: string;
  region: string;
  /** `destroy` plans delete everything the stack owns. */
  mode: "apply" | "destroy";
  /** In dependency order, then by address. */
  changes: Change[];
  summary: PlanSummary;
  /**
   * Present when `--target` narrowed the plan: the targets as given. Such a plan is partial:
   * applying it leaves the rest of the file unreconciled.
   */
  targets?: string[];
}

export function summarize(changes: readonly Change[]): PlanSummary {
  const summary: PlanSummary = { create: 0, update: 0, replace: 0, delete: 0, noop: 0 };
  for (const change of changes) summary[change.action] += 1;
  return summary;
}

export function hasChanges(plan: Plan): boolean {
  return plan.changes.some((c) => c.action !== "noop");
}

/** Exhaustiveness check for switches over closed unions. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${String(value)}`);
}
