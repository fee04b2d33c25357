import type { Address } from "../core/address.js";
import type { JsonObject, JsonValue } from "../core/json.js";
import type { Action, Change, FieldDiff, Plan, PlanSummary, PriorState, ReplaceOrder } from "../core/plan.js";
import type { Readiness } from "../core/resource-kind.js";
import { KNOWN_AFTER_APPLY, SENSITIVE_VALUE } from "./text-values.js";

export { KNOWN_AFTER_APPLY, SENSITIVE_VALUE };

/** Options for `renderPlanJson`. */
export interface JsonRenderOptions {
  /** Include each change's `desired` (secret sources as `{ env | file }`, never values) and `prior`: for saved plans. */
  full?: boolean;
}

/**
 * One attribute in JSON. Every key is always present, so consumers need no existence checks:
 * `before`/`after` are null when the field is unset on that side. An unknown desired value has
 * `after: null` and `afterUnknown: true`; a write-only field has `after: "(sensitive)"`,
 * `sensitive: true` and `before: null`, because its value is never read, kept or shown.
 */
export interface AttributeJson {
  path: string;
  before: JsonValue;
  after: JsonValue;
  afterUnknown: boolean;
  sensitive: boolean;
  changed: boolean;
  forcesReplacement: boolean;
}

/** One change in JSON; every key is always present (null when not applicable), except `desired`/`prior` outside full mode. */
export interface ChangeJson {
  address: Address;
  type: string;
  name: string;
  action: Action;
  replaceOrder: ReplaceOrder | null;
  replacePaths: string[];
  isAdoption: boolean;
  /** The other stack that owns the matched live resource (then the action is always noop). */
  ownedByStack: string | null;
  reasons: string[];
  dependsOn: Address[];
  status: Readiness | null;
  attributes: AttributeJson[];
  desired?: JsonObject | null;
  prior?: PriorState | null;
}

/** The plan in JSON, `formatVersion` "1": new optional keys may be added; anything else bumps the version. */
export interface PlanJson {
  formatVersion: "1";
  stack: string;
  region: string;
  mode: Plan["mode"];
  changes: ChangeJson[];
  summary: PlanSummary;
}

/** The plan as stable JSON for tools: fixed key order, redacted values, no timestamps. */
export function renderPlanJson(plan: Plan, options: JsonRenderOptions = {}): PlanJson {
  return {
    formatVersion: plan.formatVersion,
    stack: plan.stack,
    region: plan.region,
    mode: plan.mode,
    changes: plan.changes.map((change) => changeJson(change, plan.stack, options.full === true)),
    summary: { ...plan.summary },
  };
}

function changeJson(change: Change, stack: string, full: boolean): ChangeJson {
  const owner = change.prior?.owner?.stack;
  const json: ChangeJson = {
    address: change.address,
    type: change.type,
    name: change.name,
    action: change.action,
    replaceOrder: change.replaceOrder ?? null,
    replacePaths: [...change.replacePaths],
    isAdoption: change.isAdoption === true,
    ownedByStack: owner !== undefined && owner !== stack ? owner : null,
    reasons: [...change.reasons],
    dependsOn: [...change.dependsOn],
    status: change.status ? { ...change.status } : null,
    attributes: change.attributes.map(attributeJson),
  };
  if (full) {
    json.desired = change.desired ? structuredClone(change.desired) : null;
    json.prior = change.prior ? structuredClone(change.prior) : null;
  }
  return json;
}

function attributeJson(field: FieldDiff): AttributeJson {
  const isSensitive = field.isSensitive === true;
  return {
    path: field.path,
    before: isSensitive ? null : (field.before ?? null),
    after: isSensitive ? SENSITIVE_VALUE : (field.after ?? null),
    afterUnknown: field.isUnknown === true,
    sensitive: isSensitive,
    changed: field.isChanged,
    forcesReplacement: field.forcesReplacement === true,
  };
}
