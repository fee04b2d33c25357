import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { DesiredState } from "../../core/desired.js";
import { ExitCodes, ExitError } from "../../core/errors.js";
import { NOTHING_APPLIED } from "../../core/events.js";
import { hasChanges, type Plan } from "../../core/plan.js";
import type { Registry } from "../../core/registry.js";
import { loadDesiredState } from "../../config/load.js";
import { formatFieldValue } from "../../planner/field-values.js";
import { refreshLive } from "../../planner/refresh.js";
import { findStaleResources, type StaleResource } from "../../planner/stale.js";
import { renderPlanText } from "../../render/text.js";
import { appliedPlans } from "../applied-plans.js";
import { executePlan, installSignalHandlers } from "../execute.js";
import { assertDestroyAllowed } from "../guards.js";
import type { Output } from "../output.js";
import { targetNote } from "../plan-json.js";
import { adstackVersion, parseSavedPlan, type SavedPlanSource } from "../saved-plan.js";
import { loadRegistry, openSession, regionFromEnv } from "../session.js";
import type { ApplyFlags } from "./apply.js";

/**
 * `adstack apply PLAN`: carries out exactly the saved changes, without asking, after checking
 * that nothing they were computed from has moved: the plan was not applied before, the same
 * adstack made it, the desired-state file hashes the same, and every resource the plan touches
 * is live as it was at plan time. Any of these failing is a stale plan: exit 3, naming what moved.
 */
export async function runApplySaved(
  planPath: string,
  planBytes: Uint8Array,
  flags: ApplyFlags,
  output: Output,
  env: Record<string, string | undefined>,
): Promise<number> {
  if (flags.target && flags.target.length > 0) {
    throw new ExitError(`--target cannot be used with a saved plan: its targets were fixed when ${planPath} was made.`, ExitCodes.error);
  }
  const { plan, source } = parseSavedPlan(Buffer.from(planBytes).toString("utf8"), planPath);
  const applied = appliedPlans(planBytes, planPath, process.cwd());
  const refuse = (reason: string, resources: StaleResource[] = []): ExitError => {
    if (flags.json) output.out(`${JSON.stringify({ type: "stale_plan", plan: planPath, reason, resources })}\n`);
    return new ExitError(`${reason}\nRun adstack plan again, review it, and apply the new plan.`, ExitCodes.stalePlan);
  };
  const alreadyApplied = () => {
    const when = applied.previousApplication();
    return refuse(`${planPath} was already applied${when ? ` ${when}` : ""} (recorded in ${applied.marker}); a saved plan is applied only once.`);
  };
  if (applied.previousApplication() !== undefined) throw alreadyApplied();
  const registry = await loadRegistry();
  const foreign = plan.changes.find((change) => registry.get(change.type) === undefined);
  if (foreign) throw new ExitError(`${planPath} is not a valid adstack plan file: ${foreign.address} has unknown type ${foreign.type}`, ExitCodes.error);
  const desired = await loadPlannedFile(plan, source, planPath, registry, env, refuse);

  const session = await openSession(desired.stack, desired.region, flags, output, env);
  const stopOnSignal = installSignalHandlers(session.abort, output);
  try {
    const live = await refreshLive(desired, registry, session.ctx, { find: plan.mode === "apply" });
    const stale = findStaleResources(plan, desired, registry, live);
    if (stale.length > 0) {
      throw refuse(
        [`${planPath} is stale: live resources changed since it was made:`, ...stale.flatMap(describeStale)].join("\n"),
        stale,
      );
    }
    if (!flags.json) {
      output.out(`Saved plan ${planPath} still matches ${desired.file} and the live resources.\n\n`);
      output.out(targetNote(plan) + renderPlanText(plan, { color: output.isColor }));
    }
    assertDestroyAllowed(plan, { isInteractive: false, allowDestroy: flags.allowDestroy === true });
    if (!applied.claim()) throw alreadyApplied();
    if (!hasChanges(plan)) {
      if (flags.json) output.out(`${JSON.stringify(NOTHING_APPLIED)}\n`);
      return ExitCodes.ok;
    }
    return await executePlan(plan, { registry, session, output, env, desiredFile: desired.file, parallelism: flags.parallelism, json: flags.json });
  } finally {
    stopOnSignal();
    await session.close();
  }
}

/** Loads the desired-state file the plan was made from, refusing when it is gone or different. */
async function loadPlannedFile(
  plan: Plan,
  source: SavedPlanSource,
  planPath: string,
  registry: Registry,
  env: Record<string, string | undefined>,
  refuse: (reason: string) => ExitError,
): Promise<DesiredState> {
  if (source.adstackVersion !== adstackVersion()) {
    throw refuse(`${planPath} was made by adstack ${source.adstackVersion}; this is adstack ${adstackVersion()}.`);
  }
  if (!existsSync(resolve(source.file))) throw refuse(`${source.file}, which ${planPath} was made from, no longer exists.`);
  const desired = await loadDesiredState(source.file, { registry, env, defaultRegion: regionFromEnv(env) });
  if (desired.sourceHash !== source.sourceSha256) {
    throw refuse(
      `${source.file} changed since ${planPath} was made (sha256 ${source.sourceSha256.slice(0, 12)}… -> ${desired.sourceHash.slice(0, 12)}…).`,
    );
  }
  if (desired.stack !== plan.stack || desired.region !== plan.region) {
    throw refuse(
      `${planPath} is for stack ${plan.stack} in ${plan.region}, but ${source.file} now means stack ${desired.stack} in ${desired.region} (check AWS_REGION).`,
    );
  }
  return desired;
}

function describeStale(resource: StaleResource): string[] {
  if (resource.fields.length === 0) return [`  ${resource.address}: ${resource.problem}`];
  return resource.fields.map(
    (field) => `  ${resource.address}: ${field.path} changed: ${formatFieldValue(field.planned)} -> ${formatFieldValue(field.now)}`,
  );
}
