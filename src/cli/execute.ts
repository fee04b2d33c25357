import { dirname } from "node:path";
import { ExitCodes } from "../core/errors.js";
import type { Plan } from "../core/plan.js";
import type { Registry } from "../core/registry.js";
import type { SecretSource } from "../core/values.js";
import { resolveSecretSource } from "../config/secrets.js";
import { applyPlan } from "../applier/apply.js";
import { createApplyReporter } from "./reporters/choose.js";
import type { Output } from "./output.js";
import type { Session } from "./session.js";

/** How a plan is carried out once it is approved. */
export interface ExecuteOptions {
  registry: Registry;
  session: Session;
  output: Output;
  env: Record<string, string | undefined>;
  /** The desired-state file: relative `file:` secrets are read from its directory. */
  desiredFile: string;
  parallelism?: number;
  /** Progress as NDJSON events instead of lines. */
  json?: boolean;
}

/**
 * Applies an approved plan with progress and returns the exit code. Secrets are read only here,
 * step by step, and each value is registered with the output so it is scrubbed if echoed.
 */
export async function executePlan(plan: Plan, options: ExecuteOptions): Promise<number> {
  const { output, env } = options;
  const reporter = createApplyReporter(output, { json: options.json, interrupt: options.session.abort.signal });
  const resolveSecret = (source: SecretSource): string => {
    const value = resolveSecretSource(source, { baseDir: dirname(options.desiredFile), env });
    output.addSecret(value);
    return value;
  };
  const result = await applyPlan(plan, {
    registry: options.registry,
    ctx: options.session.ctx,
    parallelism: options.parallelism ?? 10,
    reporter,
    resolveSecret,
    signal: options.session.abort.signal,
  });
  if (result.interrupted) return ExitCodes.interrupted;
  return result.failed > 0 || result.skipped > 0 ? ExitCodes.error : ExitCodes.ok;
}

/** First SIGINT/SIGTERM: stop starting steps and let in-flight ones reach a safe point; second: exit now. */
export function installSignalHandlers(abort: AbortController, output: Output): () => void {
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
