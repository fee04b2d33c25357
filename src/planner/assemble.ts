import { formatAddress, type Address } from "../core/address.js";
import type { DesiredResourceSpec, DesiredState } from "../core/desired.js";
import { summarize, type Action, type Change, type FieldDiff, type Plan } from "../core/plan.js";
import type { Registry } from "../core/registry.js";
import { resolveReferences, UNKNOWN, type Reference } from "../core/values.js";
import { dependencyAddresses, dependencyOrder, specsByName } from "./dependencies.js";
import { diffResource, managesTags, removalAttributes } from "./diff.js";
import { orderChanges } from "./order.js";
import { planOrphanDeletes } from "./orphans.js";
import { adoptionReason, otherStackReason, ownershipFields, priorOf } from "./ownership.js";
import { kindOf, type LiveMatch, type RefreshResult } from "./refresh.js";
import type { ResolvedObject } from "./unknown.js";
import { compareText } from "../core/text.js";

/** Display reason on a delete the file asked for with `ensure: absent`. */
export const ENSURE_ABSENT_REASON = "because ensure is absent";

/** Actions after which a resource's outputs are not known until apply. */
const FRESH_OUTPUTS: ReadonlySet<Action> = new Set(["create", "replace", "delete"]);

/**
 * The pure half of planning: desired state plus what refresh saw, turned into a plan.
 *
 * One change per desired resource, decided in dependency order so that a created or replaced
 * resource makes the references to it unknown before its dependents are diffed. Going through
 * the graph once in that order is already the fixpoint: a resource's decision depends only on
 * resources before it. `ensure: absent` with nothing live is left out of the plan: there is
 * nothing to do and nothing to show. Then one delete per owned live resource the file does not
 * claim (in destroy mode: every owned live resource, and the file only names them).
 */
export function assemblePlan(desired: DesiredState, registry: Registry, live: RefreshResult, mode: "apply" | "destroy" = "apply"): Plan {
  const byName = specsByName(desired);
  const dependsOnOf = (name: string): Address[] => {
    const spec = byName.get(name);
    return spec ? dependencyAddresses(spec, byName) : [];
  };
  const changes: Change[] = [];
  if (mode === "apply") {
    const decided = new Map<string, Action>();
    const outputOf = (ref: Reference) => {
      const action = decided.get(ref.resource);
      if (action === undefined || FRESH_OUTPUTS.has(action)) return UNKNOWN;
      return live.matches[ref.resource]?.live.outputs[ref.attribute] ?? UNKNOWN;
    };
    for (const spec of dependencyOrder(desired)) {
      const change = planDesired({ spec, registry, stack: desired.stack, match: live.matches[spec.name], outputOf, dependsOn: dependsOnOf(spec.name) });
      if (!change) continue;
      decided.set(spec.name, change.action);
      changes.push(change);
    }
  }
  const taken = new Set(changes.map((c) => c.address));
  changes.push(...planOrphanDeletes({ desired, registry, live, mode, taken, dependsOnOf }));
  const ordered = orderChanges(changes);
  return { formatVersion: "1", stack: desired.stack, region: desired.region, mode, changes: ordered, summary: summarize(ordered) };
}

function planDesired(input: {
  spec: DesiredResourceSpec;
  registry: Registry;
  stack: string;
  match: LiveMatch | undefined;
  outputOf: Parameters<typeof resolveReferences>[1];
  dependsOn: Address[];
}): Change | undefined {
  const { spec, stack, match } = input;
  const kind = kindOf(input.registry, spec.type);
  const change: Change = {
    address: formatAddress(spec.type, spec.name),
    type: spec.type,
    name: spec.name,
    action: "noop",
    attributes: [],
    replacePaths: [],
    reasons: [],
    dependsOn: input.dependsOn,
    desired: structuredClone(spec.properties),
  };
  if (match) {
    change.prior = priorOf(match.live);
    const readiness = kind.readiness(match.live);
    if (readiness.state !== "ready") change.status = readiness;
  }

  const otherStack = match?.live.owner?.stack;
  if (match && otherStack !== undefined && otherStack !== stack) {
    change.reasons.push(otherStackReason(otherStack));
    return change;
  }
  if (spec.ensure === "absent") {
    if (!match) return undefined;
    delete change.desired;
    return { ...change, action: "delete", attributes: removalAttributes(match.live.properties), reasons: [ENSURE_ABSENT_REASON] };
  }

  const resolved = resolveReferences(spec.properties, input.outputOf) as ResolvedObject;
  const diff = diffResource({ kind, desired: resolved, live: match?.live.properties, ignoreChanges: spec.ignoreChanges });
  let attributes: FieldDiff[] = diff.attributes;
  let action: Action = diff.action;

  const isAdoption = match?.matchedBy === "find" && match.live.owner?.name !== spec.name;
  if (match && isAdoption) {
    change.isAdoption = true;
    change.reasons.push(adoptionReason(match.live));
    // Ownership tags go on in place; a replacement gets them at create anyway.
    if (managesTags(kind) && kind.update && action !== "replace") {
      attributes = [...attributes, ...ownershipFields(match.live, stack, spec.name)].sort((a, b) => compareText(a.path, b.path));
      if (action === "noop") action = "update";
    }
  }
  // A resource that failed for good (a directory in Failed, a FAILED connector) cannot become
  // usable; like Terraform's tainted resources it is replaced, which is also how the next apply
  // converges once the cause is fixed.
  if (match && change.status?.state === "failed") {
    action = "replace";
    change.reasons.push(`the live resource failed${change.status.reason ? `: ${change.status.reason}` : ""}; it will be replaced`);
  }
  change.action = action;
  change.attributes = attributes;
  change.replacePaths = diff.replacePaths;
  if (action === "replace") {
    change.replaceOrder = kind.replaceOrder ?? "delete-first";
    if (!kind.update) change.reasons.push(`${kind.type} cannot be updated in place, so any change replaces it`);
  }
  return change;
}
