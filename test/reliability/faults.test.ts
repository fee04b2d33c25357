/**
 * The stress test: a stack of every kind, 32 resources, applied against a local cloud that fails
 * one call in five (throttling, 5xx, resets, slow and lost answers). Every run must converge (a
 * plan after the applies is empty) within a few applies, nothing may exist twice, and a destroy
 * must leave nothing the stack owned. `npm run reliability` runs many more seeds.
 */
import { describe, expect, it } from "vitest";
import { runStressRound, type StressOutcome } from "./support/converge.js";
import { eachLimited, firstSeed, record, stressSeeds } from "./support/depth.js";
import { stressResourceCount } from "./support/stress-stack.js";

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
      expect(Object.values(outcome.faults).reduce((a, b) => a + b, 0), why).toBeGreaterThan(0);
    }
  });
});
