/**
 * One stress run: apply a stack against a faulty local cloud until a plan comes back empty, check
 * that nothing exists twice, destroy it, and check that nothing it owned is left.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCli, scratchDir, type CliResult } from "../../support/cli.js";
import { findDuplicates, findLeaks, liveResources, readCloudState, resourcesOf, type AuditedResource, type Duplicate } from "./cloud-state.js";
import { startStandaloneCloud, type FaultCounts } from "./standalone-cloud.js";
import { compressedTimeEnv } from "./time.js";
import { stressResourceCount, stressStackYaml, type StressShape, defaultStressShape } from "./stress-stack.js";

export interface StressOptions {
  seed: number;
  faultRate: number;
  shape?: StressShape;
  /** Applies allowed before the stack must have converged; the same bound holds for destroys. */
  maxRounds?: number;
  /** Time compression of the CLI runs (see compressedTimeEnv); 0.1 unless given. */
  timeScale?: number;
}

export interface StressOutcome {
  seed: number;
  resources: number;
  /** Applies it took until a plan was empty; undefined when it never got there. */
  appliesToConverge?: number;
  destroysToFinish?: number;
  /** Plans that failed outright (every retry of a read exhausted). */
  failedPlans: number;
  duplicates: Duplicate[];
  leaks: AuditedResource[];
  /** Resources of the stack that existed once converged (expected: `resources`). */
  ownedAfterApply: number;
  faults: FaultCounts;
  calls: number;
  /** The last CLI results, for a failure message. */
  transcript: string[];
  elapsedMs: number;
}

/** A local cloud whose asynchronous work finishes in a blink. */
export const fastCloudEnv = { ADSTACK_LOCAL_CREATE_DELAY_MS: "100", ADSTACK_LOCAL_DELETE_DELAY_MS: "50" };

export async function runStressRound(options: StressOptions): Promise<StressOutcome> {
  const started = Date.now();
  const shape = options.shape ?? defaultStressShape;
  const maxRounds = options.maxRounds ?? 4;
  const dir = scratchDir();
  const stack = `stress-${options.seed}`;
  const file = join(dir, "stack.yaml");
  writeFileSync(file, stressStackYaml(stack, shape));
  const cloud = await startStandaloneCloud(dir, {
    ...fastCloudEnv,
    ...compressedTimeEnv(options.timeScale ?? 0.1),
    ADSTACK_LOCAL_FAULT_RATE: String(options.faultRate),
    ADSTACK_LOCAL_FAULT_SEED: String(options.seed),
  });
  const transcript: string[] = [];
  let failedPlans = 0;
  const cli = async (...args: string[]): Promise<CliResult> => {
    const began = Date.now();
    const result = await runCli(args, { cwd: dir, env: { ...cloud.env, ...compressedTimeEnv(options.timeScale ?? 0.1) } });
    const seconds = ((Date.now() - began) / 1000).toFixed(1);
    transcript.push(`$ adstack ${args.join(" ")} → ${result.code} in ${seconds}s\n${result.stdout.slice(-3000)}${result.stderr.slice(-3000)}`);
    if (transcript.length > 12) transcript.shift();
    return result;
  };
  /** Runs `command` until the check after it finds nothing left to do: how many runs that took, or undefined. */
  const converge = async (command: "apply" | "destroy"): Promise<number | undefined> => {
    const run = command === "apply" ? ["apply", file, "--auto-approve"] : ["destroy", file, "--auto-approve", "--allow-destroy"];
    // After an apply a plan must be empty; after a destroy, a second destroy must find nothing to do.
    const check = command === "apply" ? ["plan", file, "--detailed-exitcode"] : run;
    for (let round = 1; round <= maxRounds; round++) {
      await cli(...run);
      const after = await cli(...check);
      if (after.code === 0 && (command === "apply" || after.stdout.includes("No changes."))) return round;
      if (command === "apply" && after.code === 1) failedPlans += 1;
    }
    return undefined;
  };
  try {
    const appliesToConverge = await converge("apply");
    const afterApply = liveResources(readCloudState(cloud.stateFile));
    const duplicates = findDuplicates(afterApply);
    const ownedAfterApply = resourcesOf(afterApply, stack).length;
    const destroysToFinish = await converge("destroy");
    const leaks = findLeaks(liveResources(readCloudState(cloud.stateFile)), stack);
    const stats = await cloud.stats();
    return {
      seed: options.seed,
      resources: stressResourceCount(shape),
      appliesToConverge,
      destroysToFinish,
      failedPlans,
      duplicates,
      leaks,
      ownedAfterApply,
      faults: stats.faults,
      calls: Object.values(stats.calls).reduce((a, b) => a + b, 0),
      transcript,
      elapsedMs: Date.now() - started,
    };
  } finally {
    await cloud.stop();
  }
}
