import { readFileSync } from "node:fs";
import { createInterface } from "node:readline/promises";
import { ExitCodes, ExitError } from "../../core/errors.js";
import { NOTHING_APPLIED } from "../../core/events.js";
import { hasChanges, type Plan } from "../../core/plan.js";
import { loadDesiredState } from "../../config/load.js";
import { planChanges } from "../../planner/plan.js";
import { renderPlanText } from "../../render/text.js";
import { executePlan, installSignalHandlers } from "../execute.js";
import { assertDestroyAllowed } from "../guards.js";
import type { Output } from "../output.js";
import { targetNote } from "../plan-json.js";
import { scopePlan } from "../plan-scope.js";
import { isSavedPlanText } from "../saved-plan.js";
import { loadRegistry, openSession, regionFromEnv, type ConnectionFlags } from "../session.js";

export interface ApplyFlags extends ConnectionFlags {
  autoApprove?: boolean;
  parallelism?: number;
  json?: boolean;
  /** Without a person at the prompt, deleting or replacing a directory needs this. */
  allowDestroy?: boolean;
  /** `--target NAME`, repeatable: only these resources and what they depend on. */
  target?: string[];
}

/** `adstack apply FILE|PLAN` and `adstack destroy FILE`: plan (or load a saved plan), confirm, execute, report. */
export async function runApply(
  file: string,
  mode: "apply" | "destroy",
  flags: ApplyFlags,
  output: Output,
  env: Record<string, string | undefined>,
  stdin: NodeJS.ReadStream,
): Promise<number> {
  const savedPlan = mode === "apply" ? readSavedPlan(file) : undefined;
  if (savedPlan) return (await import("./apply-saved.js")).runApplySaved(file, savedPlan, flags, output, env);
  const registry = await loadRegistry();
  const desired = await loadDesiredState(file, { registry, env, defaultRegion: regionFromEnv(env) });
  const session = await openSession(desired.stack, desired.region, flags, output, env);
  const stopOnSignal = installSignalHandlers(session.abort, output);
  try {
    const plan = scopePlan(await planChanges({ desired, registry, ctx: session.ctx, mode }), desired, flags.target);
    if (!flags.json) output.out(targetNote(plan) + renderPlanText(plan, { color: output.isColor }));
    if (!hasChanges(plan)) {
      if (flags.json) output.out(`${JSON.stringify(NOTHING_APPLIED)}\n`);
      return ExitCodes.ok;
    }
    await confirm(plan, mode, flags, output, stdin);
    // After the prompt, which a run without a terminal never reaches without --auto-approve.
    assertDestroyAllowed(plan, { isInteractive: stdin.isTTY === true && !flags.autoApprove, allowDestroy: flags.allowDestroy === true });
    return await executePlan(plan, { registry, session, output, env, desiredFile: file, parallelism: flags.parallelism, json: flags.json });
  } finally {
    stopOnSignal();
    await session.close();
  }
}

/** The file's bytes when it is a saved plan rather than a desired-state file; unreadable files are left to the loader. */
function readSavedPlan(file: string): Uint8Array | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  return isSavedPlanText(bytes.toString("utf8")) ? bytes : undefined;
}

async function confirm(plan: Plan, mode: "apply" | "destroy", flags: ApplyFlags, output: Output, stdin: NodeJS.ReadStream) {
  if (flags.autoApprove) return;
  if (!stdin.isTTY) {
    throw new ExitError(`refusing to ${mode} without confirmation: no terminal to ask on. Review the plan, then run again with --auto-approve.`, 1);
  }
  const verb = mode === "destroy" ? `destroy all resources of stack ${plan.stack}` : "perform these actions";
  const rl = createInterface({ input: stdin, output: process.stdout });
  try {
    const answer = await rl.question(`\nDo you want to ${verb}? Only 'yes' will be accepted: `);
    if (answer.trim() !== "yes") throw new ExitError(`${mode === "destroy" ? "Destroy" : "Apply"} cancelled.`, 1);
  } finally {
    rl.close();
  }
}
