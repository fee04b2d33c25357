import type { DesiredState } from "../core/desired.js";
import { ExitCodes, ExitError } from "../core/errors.js";
import type { Plan } from "../core/plan.js";
import { destructionOf, findGuardedDestruction, findProtectedDestruction } from "../planner/protection.js";

/** Refuses (exit 1) a plan that deletes or replaces a resource marked `protect: true`. */
export function assertNoProtectedDestruction(plan: Plan, desired: DesiredState): void {
  const problems = findProtectedDestruction(plan, desired);
  if (problems.length === 0) return;
  throw new ExitError(
    [
      `refusing to plan the deletion or replacement of protected resources:`,
      ...problems.map((problem) => `  ${problem}`),
      `Remove protect: true from ${problems.length === 1 ? "that resource" : "those resources"} in ${desired.file} first if this is really wanted.`,
    ].join("\n"),
    ExitCodes.error,
  );
}

/**
 * Refuses (exit 1) to delete or replace a directory without a person at the prompt unless
 * `--allow-destroy` was given: a mistaken CI run would otherwise lose a domain for good.
 */
export function assertDestroyAllowed(plan: Plan, options: { isInteractive: boolean; allowDestroy: boolean }): void {
  if (options.isInteractive || options.allowDestroy) return;
  const doomed = findGuardedDestruction(plan);
  if (doomed.length === 0) return;
  throw new ExitError(
    [
      `refusing to delete directories in a non-interactive run without --allow-destroy:`,
      ...doomed.map((change) => `  ${change.address}: this plan would ${destructionOf(change, plan.mode)}`),
      `Deleting a directory loses its domain data for good. Review the plan, then run again with --allow-destroy.`,
    ].join("\n"),
    ExitCodes.error,
  );
}
