import { formatAddress } from "../core/address.js";
import type { DesiredState } from "../core/desired.js";
import type { Change, Plan } from "../core/plan.js";
import { formatFieldValue } from "./field-values.js";

/**
 * Kinds whose deletion loses data no apply can bring back: a directory holds its domain's users,
 * groups and trusts. Deleting or replacing one without a person at the prompt takes
 * `--allow-destroy`.
 */
export const DESTROY_GUARDED_TYPES: ReadonlySet<string> = new Set(["ds/ad-connector", "ds/microsoft-ad"]);

/** Whether carrying out the change deletes the live resource (a replacement deletes the old copy). */
export function isDestructive(change: Change): boolean {
  return change.action === "delete" || change.action === "replace";
}

/**
 * One line per change that would delete or replace a resource marked `protect: true` in the file,
 * naming the resource, where the flag is, and what forces it (fields with old and new values).
 * Empty when the plan may go ahead. Pure: the plan already holds every value the lines show.
 */
export function findProtectedDestruction(plan: Plan, desired: DesiredState): string[] {
  const protectedSpecs = new Map(
    desired.resources.filter((spec) => spec.protect).map((spec) => [formatAddress(spec.type, spec.name), spec] as const),
  );
  const problems: string[] = [];
  for (const change of plan.changes) {
    const spec = protectedSpecs.get(change.address);
    if (spec === undefined || !isDestructive(change)) continue;
    const where = `${spec.position.file}:${spec.position.line}:${spec.position.col}`;
    problems.push(`${change.address} has protect: true (${where}), but this plan would ${destructionOf(change, plan.mode)}`);
  }
  return problems;
}

/** The changes that delete or replace a directory: what `--allow-destroy` must approve. */
export function findGuardedDestruction(plan: Plan): Change[] {
  return plan.changes.filter((change) => DESTROY_GUARDED_TYPES.has(change.type) && isDestructive(change));
}

/** "replace it (forced by name: "a" -> "b")", "delete it (because ensure is absent)". */
export function destructionOf(change: Change, mode: Plan["mode"]): string {
  if (change.action === "delete") {
    const why = mode === "destroy" ? "adstack destroy deletes everything the stack owns" : change.reasons[0];
    return `delete it${why ? ` (${why})` : ""}`;
  }
  const forcing = change.attributes.filter((field) => field.forcesReplacement);
  if (forcing.length === 0) return `replace it${change.reasons.length > 0 ? ` (${change.reasons.join("; ")})` : ""}`;
  const fields = forcing.map(
    (field) => `${field.path}: ${formatFieldValue(field.before)} -> ${field.isUnknown ? "(known after apply)" : formatFieldValue(field.after)}`,
  );
  return `replace it (forced by ${fields.join(", ")})`;
}
