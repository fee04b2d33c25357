import { hasChanges } from "../../core/plan.js";
import { ExitCodes, ExitError } from "../../core/errors.js";
import { loadDesiredState } from "../../config/load.js";
import { planChanges } from "../../planner/plan.js";
import { renderPlanMarkdown } from "../../render/markdown.js";
import { renderPlanText } from "../../render/text.js";
import type { Output } from "../output.js";
import { planToJson, targetNote } from "../plan-json.js";
import { scopePlan } from "../plan-scope.js";
import { writeSavedPlan } from "../saved-plan.js";
import { loadRegistry, openSession, regionFromEnv, type ConnectionFlags } from "../session.js";

export interface PlanFlags extends ConnectionFlags {
  json?: boolean;
  /** `--json` is shorthand for `--format json`. */
  format?: "text" | "json" | "markdown";
  detailedExitcode?: boolean;
  /** `--out PLAN`: also save the plan for `adstack apply PLAN`. */
  out?: string;
  /** `--target NAME`, repeatable: only these resources and what they depend on. */
  target?: string[];
}

/** `adstack plan FILE`: load → refresh → diff → render. Never changes anything. */
export async function runPlan(file: string, flags: PlanFlags, output: Output, env: Record<string, string | undefined>): Promise<number> {
  const format = planFormat(flags);
  const registry = await loadRegistry();
  const desired = await loadDesiredState(file, { registry, env, defaultRegion: regionFromEnv(env) });
  const session = await openSession(desired.stack, desired.region, flags, output, env);
  try {
    const plan = scopePlan(await planChanges({ desired, registry, ctx: session.ctx }), desired, flags.target);
    if (format === "json") output.out(`${JSON.stringify(planToJson(plan), null, 2)}\n`);
    else if (format === "markdown") output.out(targetNote(plan) + renderPlanMarkdown(plan));
    else output.out(targetNote(plan) + renderPlanText(plan, { color: output.isColor }));
    if (flags.out !== undefined) {
      writeSavedPlan(plan, desired, flags.out);
      if (format === "text") output.out(`\nSaved the plan to: ${flags.out}\n\nTo perform exactly these actions, run:\n  adstack apply ${flags.out}\n`);
    }
    return flags.detailedExitcode && hasChanges(plan) ? ExitCodes.changes : ExitCodes.ok;
  } finally {
    await session.close();
  }
}

function planFormat(flags: PlanFlags): "text" | "json" | "markdown" {
  if (flags.json && flags.format !== undefined && flags.format !== "json") {
    throw new ExitError(`--json and --format ${flags.format} contradict each other; give one of them.`, ExitCodes.error);
  }
  return flags.json ? "json" : (flags.format ?? "text");
}
