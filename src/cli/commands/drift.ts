import { ExitCodes } from "../../core/errors.js";
import { loadDesiredState } from "../../config/load.js";
import { detectDrift } from "../../planner/drift.js";
import { refreshLive } from "../../planner/refresh.js";
import { renderDriftText } from "../../render/drift-text.js";
import type { Output } from "../output.js";
import { loadRegistry, openSession, regionFromEnv, type ConnectionFlags } from "../session.js";

export interface DriftFlags extends ConnectionFlags {
  json?: boolean;
}

/**
 * `adstack drift FILE`: refresh as plan does, compare live with the file, propose nothing.
 * Exit 0 without drift, 2 with drift, 1 on error.
 */
export async function runDrift(file: string, flags: DriftFlags, output: Output, env: Record<string, string | undefined>): Promise<number> {
  const registry = await loadRegistry();
  const desired = await loadDesiredState(file, { registry, env, defaultRegion: regionFromEnv(env) });
  const session = await openSession(desired.stack, desired.region, flags, output, env);
  try {
    const report = detectDrift(desired, registry, await refreshLive(desired, registry, session.ctx));
    if (flags.json) output.out(`${JSON.stringify(report, null, 2)}\n`);
    else output.out(renderDriftText(report, { color: output.isColor, file }));
    return report.hasDrift ? ExitCodes.changes : ExitCodes.ok;
  } finally {
    await session.close();
  }
}
