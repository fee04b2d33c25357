/**
 * The stress test: a stack of every kind, 32 resources, applied against a local cloud that fails
 * one call in five (throttling, 5xx, resets, slow and lost answers). Every run must converge (a
 * plan after the applies is empty) within a few applies, nothing may exist twice, and a destroy
 * must leave nothing the stack owned. `npm run reliability` runs many more seeds. And the same
 * fault settings reach the cloud that any command starts with `--local`.
 */
import { describe, expect, it } from "vitest";
import { runCli, stackWorkspace, type CliResult } from "../support/cli.js";
import { faultKinds } from "../../src/local-cloud/faults.js";
import { runStressRound, type StressOutcome } from "./support/converge.js";
import { eachLimited, firstSeed, record, stressSeeds } from "./support/depth.js";
import { stressResourceCount } from "./support/stress-stack.js";
import { compressedTimeEnv } from "./support/time.js";

const FAULT_RATE = 0.2;
const seeds = Array.from({ length: stressSeeds }, (_, i) => firstSeed + i);

function explain(outcome: StressOutcome): string {
  return `seed ${outcome.seed}: ${JSON.stringify({ ...outcome, transcript: undefined })}\n${outcome.transcript.join("\n-----\n")}`;
}

describe(`a ${stressResourceCount()}-resource stack under a ${FAULT_RATE * 100}% fault rate`, () => {
  it(`converges, never duplicates and leaves nothing behind (seeds ${seeds.join(", ")})`, { timeout: 60_000 + stressSeeds * 45_000 }, async () => {
    const outcomes: StressOutcome[] = [];
    await eachLimited(seeds, 2, async (seed) => {
      const outcome = await runStressRound({ seed, faultRate: FAULT_RATE });
      outcomes.push(outcome);
      record({
        test: "stress",
        seed,
        resources: outcome.resources,
        applies: outcome.appliesToConverge,
        destroys: outcome.destroysToFinish,
        failedPlans: outcome.failedPlans,
        duplicates: outcome.duplicates.length,
        leaks: outcome.leaks.length,
        faults: { ...outcome.faults },
        calls: outcome.calls,
        elapsedMs: outcome.elapsedMs,
      });
    });
    for (const outcome of outcomes.sort((a, b) => a.seed - b.seed)) {
      const why = explain(outcome);
      expect(outcome.appliesToConverge, why).toBeDefined();
      expect(outcome.ownedAfterApply, why).toBe(outcome.resources);
      expect(outcome.duplicates, why).toEqual([]);
      expect(outcome.destroysToFinish, why).toBeDefined();
      expect(outcome.leaks, why).toEqual([]);
      // Every kind of fault, lost answers to creates included, was met and survived.
      for (const kind of faultKinds) expect(outcome.faults[kind], `${kind} faults, ${why}`).toBeGreaterThan(0);
    }
  });
});

describe("a command run with --local", () => {
  /** Plans the corporate example against its in-process cloud, with these ADSTACK_LOCAL_FAULT_* variables. */
  function planUnder(faults: Record<string, string>): Promise<CliResult> {
    const { dir, file } = stackWorkspace("examples/corporate-identity.yaml");
    // Backoffs a hundred times shorter: a plan whose every call fails gives up in about a second.
    return runCli(["plan", file, "--local", "--local-state", "cloud.json"], { cwd: dir, env: { ...compressedTimeEnv(0.01), ...faults } });
  }

  it("gets the faults ADSTACK_LOCAL_FAULT_RATE, _SEED and _KINDS ask for", async () => {
    const faulted = await planUnder({ ADSTACK_LOCAL_FAULT_RATE: "1", ADSTACK_LOCAL_FAULT_SEED: "7", ADSTACK_LOCAL_FAULT_KINDS: "5xx" });
    expect(faulted.code, faulted.stdout + faulted.stderr).toBe(1);
    // A service's own internal error: DS ServiceException, PCA InternalServerException, WorkSpaces InternalFailure.
    // It names the call and says it was retried.
    expect(faulted.stderr).toMatch(/^Error: (ds|pca-connector-ad|workspaces) \w+ failed after 5 attempts: (ServiceException|InternalServerException|InternalFailure): /m);

    const clean = await planUnder({ ADSTACK_LOCAL_FAULT_RATE: "0", ADSTACK_LOCAL_FAULT_KINDS: "5xx" });
    expect(clean.code, clean.stdout + clean.stderr).toBe(0);
  });

  it("refuses a fault setting it cannot use, naming the variable, before planning", async () => {
    const result = await planUnder({ ADSTACK_LOCAL_FAULT_RATE: "0.2", ADSTACK_LOCAL_FAULT_KINDS: "5xx,flood" });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain('ADSTACK_LOCAL_FAULT_KINDS: unknown fault kind "flood"');
  });
});
