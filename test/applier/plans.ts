import { formatAddress } from "../../src/core/address.js";
import type { JsonObject } from "../../src/core/json.js";
import { summarize, type Action, type Change, type FieldDiff, type Plan, type PriorState } from "../../src/core/plan.js";

export interface ChangeSpec {
  desired?: JsonObject;
  prior?: PriorState;
  dependsOn?: string[];
  replaceOrder?: Change["replaceOrder"];
  isAdoption?: boolean;
  /** Paths whose value changes (for updates and replaces). */
  changed?: string[];
}

/** A change as the planner would produce it, with only what the applier reads filled in. */
export function change(type: string, name: string, action: Action, spec: ChangeSpec = {}): Change {
  const attributes: FieldDiff[] = (spec.changed ?? []).map((path) => ({ path, isChanged: true }));
  const result: Change = {
    address: formatAddress(type, name),
    type,
    name,
    action,
    attributes,
    replacePaths: action === "replace" ? (spec.changed ?? []) : [],
    reasons: [],
    dependsOn: spec.dependsOn ?? [],
  };
  if (action !== "delete") result.desired = spec.desired ?? {};
  if (spec.prior) result.prior = spec.prior;
  if (spec.replaceOrder) result.replaceOrder = spec.replaceOrder;
  if (spec.isAdoption) result.isAdoption = true;
  return result;
}

export function planOf(changes: Change[], stack = "demo"): Plan {
  return { formatVersion: "1", stack, region: "eu-west-1", mode: "apply", changes, summary: summarize(changes) };
}

export function prior(id: string, outputs: JsonObject = {}, properties: JsonObject = {}): PriorState {
  return { id, properties, outputs, owner: { stack: "demo", name: id } };
}
