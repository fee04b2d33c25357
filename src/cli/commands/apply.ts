import { dirname } from "node:path";
import { createInterface } from "node:readline/promises";
import { ExitCodes, ExitError } from "../../core/errors.js";
import { hasChanges, type Plan } from "../../core/plan.js";
import type { SecretSource } from "../../core/values.js";
import { loadDesiredState } from "../../config/load.js";
import { resolveSecretSource } from "../../config/secrets.js";
import { planChanges } from "../../planner/plan.js";
import { renderPlanText } from "../../render/text.js";
import { applyPlan } from "../../applier/apply.js";
import { createJsonLinesReporter } from "../reporters/json-lines.js";
import { createLineReporter } from "../reporters/lines.js";
import type { Output } from "../output.js";
import { loadRegistry, openSession, regionFromEnv, type ConnectionFlags } from "../session.js";

export interface ApplyFlags extends ConnectionFlags {
  autoApprove?: boolean;
  parallelism?: number;
  json?: boolean;
}

/** `adstack apply FILE` and `adstack destroy FILE`: plan, confirm, execute, report. */
export async function runApply(
  file: string,
  mode: "apply" | "destroy",
  flags: ApplyFlags,
  output: Output,
  env: Record<string, string | undefined>,
  stdin: NodeJS.ReadStream,
): Promise<number> {
  const registry = await loadRegistry();
  const desired = await loadDesiredState(file, { registry, env, defaultRegion: regionFromEnv(env) });
  const session = await openSession(desired.stack, desired.region, flags, output, env);
  const stopOnSignal = installSignalHandlers(session.abort, output);
  try {
    const plan = await planChanges({ desired, registry, ctx: session.ctx, mode });
    if (!flags.json) output.out(renderPlanText(plan, { color: output.isColor }));
    if (!hasChanges(plan)) {
      if (flags.json) output.out(`${JSON.stringify({ type: "summary", done: 0, failed: 0, skipped: 0, interrupted: false })}\n`);
      return ExitCodes.ok;
    }
    await confirm(plan, mode, flags, output, stdin);
    const reporter = flags.json
      ? createJsonLinesReporter((line) => output.out(`${line}\n`))
      : createLineReporter((line) => output.out(`${line}\n`), { color: output.isColor });
    const resolveSecret = (source: SecretSource): string => {
      const value = resolveSecretSource(source, { baseDir: dirname(file), env });
      output.addSecret(value);
      return value;
    };
    const result = await applyPlan(plan, {
      registry,
      ctx: session.ctx,
      parallelism: flags.parallelism ?? 10,
      reporter,
      resolveSecret,
      signal: session.abort.signal,
    });
    if (result.interrupted) return ExitCodes.interrupted;
    return result.failed > 0 || result.skipped > 0 ? ExitCodes.error : ExitCodes.ok;
  } finally {
    stopOnSignal();
    await session.close();
  }
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

/** First SIGINT/SIGTERM: stop starting steps and let in-flight ones reach a safe point; second: exit now. */
function installSignalHandlers(abort: AbortController, output: Output): () => void {
  const onSignal = (signal: NodeJS.Signals) => {
    if (abort.signal.aborted) {
      output.err(`\nTwo interrupts received. Exiting immediately; the next apply will converge.\n`);
      process.exit(ExitCodes.interrupted);
    }
    output.err(`\n${signal} received. Waiting for in-flight steps to reach a safe point; no new steps will start...\n`);
    abort.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return () => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  };
}
