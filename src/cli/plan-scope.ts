import type { DesiredState } from "../core/desired.js";
import type { Plan } from "../core/plan.js";
import { restrictToTargets } from "../planner/targets.js";
import { assertNoProtectedDestruction } from "./guards.js";

/**
 * The plan a command shows or carries out: narrowed to `--target` when given, and refused
 * (exit 1) when it would delete or replace a resource marked `protect: true`.
 */
export function scopePlan(plan: Plan, desired: DesiredState, targets: readonly string[] | undefined): Plan {
  const scoped = targets !== undefined && targets.length > 0 ? restrictToTargets(plan, desired, targets) : plan;
  assertNoProtectedDestruction(scoped, desired);
  return scoped;
}
