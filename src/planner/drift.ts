import { formatAddress, type Address } from "../core/address.js";
import type { DesiredResourceSpec, DesiredState } from "../core/desired.js";
import type { JsonValue } from "../core/json.js";
import type { FieldDiff } from "../core/plan.js";
import type { Registry } from "../core/registry.js";
import type { Live, Readiness, ResourceKind } from "../core/resource-kind.js";
import { resolveReferences, UNKNOWN, type Reference } from "../core/values.js";
import { diffResource } from "./diff.js";
import { planOrphanDeletes } from "./orphans.js";
import { adoptionReason, otherStackReason } from "./ownership.js";
import { getAtPath, isAtOrBelow } from "../core/paths.js";
import { kindOf, type LiveMatch, type RefreshResult } from "./refresh.js";
import type { ResolvedObject } from "./unknown.js";
import { compareText } from "../core/text.js";

/**
 * How one resource compares with the file:
 * - `in-sync`: live matches every checked field;
 * - `changed`: live differs in at least one field (`fields`);
 * - `missing`: in the file, nothing live matches;
 * - `orphaned`: tagged for the stack, no longer in the file;
 * - `unadopted`: found by natural key without this stack's tags (apply would adopt it);
 * - `other-stack`: found, but another stack owns it (adstack will not touch it);
 * - `unwanted`: exists although the file says `ensure: absent`.
 */
export type DriftState = "in-sync" | "changed" | "missing" | "orphaned" | "unadopted" | "other-stack" | "unwanted";

export const DRIFT_STATES: readonly DriftState[] = ["in-sync", "changed", "missing", "orphaned", "unadopted", "other-stack", "unwanted"];

/** Display reason on fields left out because the file lists them under `ignoreChanges`. */
export const IGNORED_REASON = "ignored by ignoreChanges";

/** A field whose live value is not the desired one. `null` stands for "not set" on that side. */
export interface DriftedField {
  path: string;
  desired: JsonValue;
  live: JsonValue;
  /** Reverting it (an apply) replaces the resource. */
  forcesReplacement: boolean;
}

/** An `ignoreChanges` path, and the differences under it that the report therefore does not count. */
export interface IgnoredField {
  path: string;
  reason: typeof IGNORED_REASON;
  fields: DriftedField[];
}

/** A field in the file that cannot be compared, and why (write-only, input-only, unknown reference). */
export interface UncheckedField {
  path: string;
  reason: string;
}

/** One resource of the stack in the drift report. Every key is always present. */
export interface DriftResource {
  address: Address;
  type: string;
  name: string;
  state: DriftState;
  /** The live resource's id; null when nothing live matches. */
  id: string | null;
  /** Live readiness when it is not `ready` (pending or failed); null otherwise. */
  status: Readiness | null;
  /** Whether the report counts this resource: not in sync, or live but not ready. */
  isDrifted: boolean;
  reasons: string[];
  /** Sorted by path. */
  fields: DriftedField[];
  ignored: IgnoredField[];
  unchecked: UncheckedField[];
}

/** What `adstack drift` reports, in a stable order (resources by address) so two reports diff cleanly. */
export interface DriftReport {
  formatVersion: "1";
  stack: string;
  region: string;
  hasDrift: boolean;
  /** How many resources are in each state, every state present. */
  summary: Record<DriftState, number>;
  resources: DriftResource[];
}

const WRITE_ONLY_REASON = "write-only: AWS never returns it, so its drift cannot be known";
const INPUT_ONLY_REASON = "input-only: AWS never returns it, so its drift cannot be known";
const UNKNOWN_REASON = "its value comes from a resource that does not exist";

/**
 * Compares live with the file for every resource the stack has, using the planner's own refresh
 * result and per-field diff, and proposes nothing. References resolve against what is live now,
 * so a dependent shows its own drift only, never a replacement propagated from upstream. Pure.
 */
export function detectDrift(desired: DesiredState, registry: Registry, live: RefreshResult): DriftReport {
  const resources = desired.resources.map((spec) => driftOfDesired(spec, kindOf(registry, spec.type), desired.stack, live));
  const taken = new Set(resources.map((resource) => resource.address));
  for (const orphan of planOrphanDeletes({ desired, registry, live, mode: "apply", taken, dependsOnOf: () => [] })) {
    const item = (live.listed[orphan.type] ?? []).find((candidate) => candidate.id === orphan.prior?.id);
    const status = item ? statusOf(kindOf(registry, orphan.type), item) : null;
    resources.push(entry(orphan.address, orphan.type, orphan.name, "orphaned", orphan.prior?.id ?? null, status, {
      reasons: [`tagged for stack '${desired.stack}' but not in the file`],
    }));
  }
  resources.sort((a, b) => compareText(a.address, b.address));
  const summary = Object.fromEntries(DRIFT_STATES.map((state) => [state, 0])) as Record<DriftState, number>;
  for (const resource of resources) summary[resource.state] += 1;
  return { formatVersion: "1", stack: desired.stack, region: desired.region, hasDrift: resources.some((r) => r.isDrifted), summary, resources };
}

function driftOfDesired(spec: DesiredResourceSpec, kind: ResourceKind, stack: string, live: RefreshResult): DriftResource {
  const address = formatAddress(spec.type, spec.name);
  const match: LiveMatch | undefined = live.matches[spec.name];
  if (match === undefined) {
    const state = spec.ensure === "absent" ? "in-sync" : "missing";
    return entry(address, spec.type, spec.name, state, null, null, { reasons: state === "missing" ? ["in the file, but nothing live matches it"] : [] });
  }
  const status = statusOf(kind, match.live);
  const otherStack = match.live.owner?.stack;
  if (otherStack !== undefined && otherStack !== stack) {
    return entry(address, spec.type, spec.name, "other-stack", match.live.id, status, { reasons: [otherStackReason(otherStack)] });
  }
  if (spec.ensure === "absent") {
    return entry(address, spec.type, spec.name, "unwanted", match.live.id, status, { reasons: ["exists, but the file says ensure: absent"] });
  }

  const outputOf = (ref: Reference) => live.matches[ref.resource]?.live.outputs[ref.attribute] ?? UNKNOWN;
  const resolved = resolveReferences(spec.properties, outputOf) as ResolvedObject;
  const diffWith = (ignoreChanges: readonly string[]) => diffResource({ kind, desired: resolved, live: match.live.properties, ignoreChanges }).attributes;
  const counted = diffWith(spec.ignoreChanges);
  const everything = diffWith([]);
  const fields = counted.filter((f) => f.isChanged && !f.isSensitive && !f.isUnknown).map(driftedField);
  const ignored = spec.ignoreChanges.map((path): IgnoredField => ({
    path,
    reason: IGNORED_REASON,
    fields: everything.filter((f) => f.isChanged && !f.isSensitive && !f.isUnknown && isAtOrBelow(f.path, path)).map(driftedField),
  }));
  const unchecked: UncheckedField[] = [
    ...kind.writeOnly.filter((path) => getAtPath(spec.properties, path) !== undefined).map((path) => ({ path, reason: WRITE_ONLY_REASON })),
    ...(kind.inputOnly ?? []).filter((path) => getAtPath(spec.properties, path) !== undefined).map((path) => ({ path, reason: INPUT_ONLY_REASON })),
    ...counted.filter((f) => f.isUnknown).map((f) => ({ path: f.path, reason: UNKNOWN_REASON })),
  ].sort((a, b) => compareText(a.path, b.path));

  const isUnadopted = match.matchedBy === "find" && match.live.owner?.name !== spec.name;
  const state: DriftState = isUnadopted ? "unadopted" : fields.length > 0 ? "changed" : "in-sync";
  return entry(address, spec.type, spec.name, state, match.live.id, status, {
    reasons: isUnadopted ? [adoptionReason(match.live)] : [],
    fields,
    ignored: ignored.sort((a, b) => compareText(a.path, b.path)),
    unchecked,
  });
}

function entry(
  address: Address,
  type: string,
  name: string,
  state: DriftState,
  id: string | null,
  status: Readiness | null,
  details: Partial<Pick<DriftResource, "reasons" | "fields" | "ignored" | "unchecked">>,
): DriftResource {
  return {
    address,
    type,
    name,
    state,
    id,
    status,
    isDrifted: state !== "in-sync" || status !== null,
    reasons: details.reasons ?? [],
    fields: details.fields ?? [],
    ignored: details.ignored ?? [],
    unchecked: details.unchecked ?? [],
  };
}

function statusOf(kind: ResourceKind, live: Live): Readiness | null {
  const readiness = kind.readiness(live);
  return readiness.state === "ready" ? null : { ...readiness };
}

function driftedField(field: FieldDiff): DriftedField {
  return { path: field.path, desired: field.after ?? null, live: field.before ?? null, forcesReplacement: field.forcesReplacement === true };
}
