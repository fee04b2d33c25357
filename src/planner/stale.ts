import { isDeepStrictEqual } from "node:util";
import { formatAddress, type Address } from "../core/address.js";
import type { DesiredResourceSpec, DesiredState } from "../core/desired.js";
import { isJsonObject, type JsonObject, type JsonValue } from "../core/json.js";
import type { Change, Plan } from "../core/plan.js";
import type { Registry } from "../core/registry.js";
import { OWNER_NAME_TAG, OWNER_STACK_TAG, type Live, type Owner, type ResourceKind } from "../core/resource-kind.js";
import { findReferences, joinPath } from "../core/values.js";
import { isAtOrBelow, withoutPaths } from "../core/paths.js";
import { kindOf, type RefreshResult } from "./refresh.js";
import { compareText } from "../core/text.js";

/** One value that is not what a saved plan was computed from. */
export interface StaleField {
  /** Property path, `outputs.NAME`, `tags.adstack:stack`/`tags.adstack:name` or `status`. */
  path: string;
  /** At plan time; absent when unset then. */
  planned?: JsonValue;
  /** Now; absent when unset now. */
  now?: JsonValue;
}

/** A resource a saved plan touches whose live side moved since the plan was made. */
export interface StaleResource {
  address: Address;
  /** What happened, as a phrase: "changed", "no longer exists (d-1)", "now exists (d-2), but the plan creates it". */
  problem: string;
  /** For "changed": every moved value, by path. */
  fields: StaleField[];
}

/**
 * Compares a saved plan with a fresh refresh of the same file and says which resources moved
 * since the plan was made, sorted by address (fields by path). A create is stale when something
 * now matches where it would create; any other change when its live resource is gone, is another
 * one (a different id), or differs in ownership, in a property (normalized, except paths under
 * `ignoreChanges`, which the plan never looked at), in an output another change references, or
 * in whether it has failed (which turns any change into a replacement). Pure; write-only values
 * are never read, so none can appear here.
 */
export function findStaleResources(plan: Plan, desired: DesiredState, registry: Registry, live: RefreshResult): StaleResource[] {
  const specOf = new Map(desired.resources.map((spec) => [formatAddress(spec.type, spec.name), spec]));
  const referenced = referencedOutputs(plan);
  const stale: StaleResource[] = [];
  for (const change of plan.changes) {
    const kind = kindOf(registry, change.type);
    const spec = specOf.get(change.address);
    const now = spec ? live.matches[spec.name]?.live : (live.listed[change.type] ?? []).find((item) => item.id === change.prior?.id);
    const found = staleness(change, kind, spec, now, referenced.get(change.name) ?? new Set());
    if (found) stale.push(found);
  }
  return stale.sort((a, b) => compareText(a.address, b.address));
}

function staleness(
  change: Change,
  kind: ResourceKind,
  spec: DesiredResourceSpec | undefined,
  now: Live | undefined,
  outputs: ReadonlySet<string>,
): StaleResource | undefined {
  const { address, prior } = change;
  if (prior === undefined) return now ? { address, problem: `now exists (${now.id}), but the plan creates it`, fields: [] } : undefined;
  if (now === undefined) return { address, problem: `no longer exists (${prior.id})`, fields: [] };
  if (now.id !== prior.id) return { address, problem: `is now another resource (${prior.id} -> ${now.id})`, fields: [] };

  const ignored = [...(spec?.ignoreChanges ?? []), ...(kind.inputOnly ?? [])];
  const comparable = (properties: JsonObject) => {
    const stripped = withoutPaths(properties, kind.writeOnly);
    return kind.normalize ? kind.normalize(structuredClone(stripped)) : stripped;
  };
  const fields = [
    ...ownerFields(prior.owner, now.owner),
    ...changedLeaves(comparable(prior.properties), comparable(now.properties)).filter((f) => !ignored.some((p) => isAtOrBelow(f.path, p))),
    ...[...outputs].flatMap((name) => differs(`outputs.${name}`, prior.outputs[name], now.outputs[name])),
  ];
  const wasFailed = change.status?.state === "failed";
  const readiness = kind.readiness(now);
  if (wasFailed !== (readiness.state === "failed")) {
    fields.push({ path: "status", planned: change.status?.state ?? "ready", now: readiness.reason ? `${readiness.state}: ${readiness.reason}` : readiness.state });
  }
  fields.sort((a, b) => compareText(a.path, b.path));
  return fields.length > 0 ? { address, problem: "changed", fields } : undefined;
}

/** Output names each logical name has referenced from any change's desired properties. */
function referencedOutputs(plan: Plan): Map<string, Set<string>> {
  const result = new Map<string, Set<string>>();
  for (const change of plan.changes) {
    for (const ref of findReferences(change.desired ?? {})) {
      if (!result.has(ref.resource)) result.set(ref.resource, new Set());
      result.get(ref.resource)!.add(ref.attribute);
    }
  }
  return result;
}

function ownerFields(planned: Owner | undefined, now: Owner | undefined): StaleField[] {
  return [...differs(`tags.${OWNER_STACK_TAG}`, planned?.stack, now?.stack), ...differs(`tags.${OWNER_NAME_TAG}`, planned?.name, now?.name)];
}

function differs(path: string, planned: JsonValue | undefined, now: JsonValue | undefined): StaleField[] {
  if (isDeepStrictEqual(planned, now)) return [];
  const field: StaleField = { path };
  if (planned !== undefined) field.planned = planned;
  if (now !== undefined) field.now = now;
  return [field];
}

/** Leaf-by-leaf differences of two objects (arrays are leaves), over the keys of both. */
function changedLeaves(planned: JsonObject, now: JsonObject, prefix = ""): StaleField[] {
  const keys = [...new Set([...Object.keys(planned), ...Object.keys(now)])];
  return keys.flatMap((key) => {
    const path = joinPath(prefix, key);
    const a = Object.hasOwn(planned, key) ? planned[key] : undefined;
    const b = Object.hasOwn(now, key) ? now[key] : undefined;
    if (isJsonObject(a) && isJsonObject(b)) return changedLeaves(a, b, path);
    return differs(path, a, b);
  });
}
