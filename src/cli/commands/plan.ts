import { hasChanges } from "../../core/plan.js";
import { ExitCodes } from "../../core/errors.js";
import { loadDesiredState } from "../../config/load.js";
import { planChanges } from "../../planner/plan.js";
import { renderPlanJson } from "../../render/json.js";
import { renderPlanText } from "../../render/text.js";
import type { Output } from "../output.js";
import { loadRegistry, openSession, regionFromEnv, type ConnectionFlags } from "../session.js";

export interface PlanFlags extends ConnectionFlags {
  json?: boolean;
  detailedExitcode?: boolean;
}

/** `adstack plan FILE`: load → refresh → diff → render. Never changes anything. */
export async function runPlan(file: string, flags: PlanFlags, output: Output, env: Record<string, string | undefined>): Promise<number> {
  const registry = await loadRegistry();
  const desired = await loadDesiredState(file, { registry, env, defaultRegion: regionFromEnv(env) });
  const session = await openSession(desired.stack, desired.region, flags, output, env);
  try {
    const plan = await planChanges({ desired, registry, ctx: session.ctx });
    if (flags.json) output.out(`${JSON.stringify(renderPlanJson(plan), null, 2)}\n`);
    else output.out(renderPlanText(plan, { color: output.isColor }));
    return flags.detailedExitcode && hasChanges(plan) ? ExitCodes.changes : ExitCodes.ok;
  } finally {
    await session.close();
  }
}
