import { applyPlan, type ApplyOptions, type ApplyResult } from "../../src/applier/apply.js";
import type { ApplyEvent } from "../../src/core/events.js";
import type { Plan } from "../../src/core/plan.js";
import { buildRegistry, type Registry } from "../../src/core/registry.js";
import { describeSecretSource } from "../../src/core/values.js";
import { concurrencyMeter } from "../support/concurrency.js";
import { FakeCloud, fakeContext, fakeKind } from "../support/fake-kinds.js";
import { FakeClock } from "./fake-clock.js";
import { change, planOf } from "./plans.js";

/** No real backoff: retries happen at once, so the fake clock alone drives time. */
export const NO_BACKOFF = { retries: 3, minTimeoutMs: 0, maxTimeoutMs: 0 };

export interface Run {
  result: ApplyResult;
  events: ApplyEvent[];
  clock: FakeClock;
}

/** Applies a plan on a fake clock, recording every event. */
export async function run(plan: Plan, registry: Registry, overrides: Partial<ApplyOptions> = {}): Promise<Run> {
  const events: ApplyEvent[] = [];
  const clock = (overrides.clock as FakeClock | undefined) ?? new FakeClock(0);
  const result = await applyPlan(plan, {
    registry,
    ctx: fakeContext(),
    parallelism: 10,
    reporter: (event) => events.push(structuredClone(event)),
    resolveSecret: (source) => `secret-for-${describeSecretSource(source)}`,
    retry: NO_BACKOFF,
    clock,
    ...overrides,
  });
  return { result, events, clock };
}

/** Applies `count` independent creates of one fake kind at `parallelism`; `peakCreates` is the most create calls in flight at once. */
export async function runIndependentCreates(count: number, parallelism: number): Promise<Run & { peakCreates: number }> {
  const cloud = new FakeCloud();
  const kind = fakeKind(cloud, { type: "t/k" });
  const creates = concurrencyMeter();
  cloud.onCall = (call) => (call.operation === "create" ? creates.visit() : undefined);
  const plan = planOf(Array.from({ length: count }, (_, i) => change("t/k", `r${i}`, "create")));
  const applied = await run(plan, buildRegistry([kind]), { parallelism });
  return { ...applied, peakCreates: creates.peak };
}

/** Events without timings, for comparing sequences. */
export function outline(events: ApplyEvent[]): string[] {
  return events.map((e) => {
    switch (e.type) {
      case "plan":
        return `plan ${e.stack}`;
      case "step_started":
        return `start ${e.address}#${e.operation}`;
      case "step_progress":
        return `progress ${e.address}#${e.operation}`;
      case "step_finished":
        return `${e.outcome} ${e.address}#${e.operation}${e.message ? `: ${e.message}` : ""}`;
      case "summary":
        return `summary done=${e.done} failed=${e.failed} interruptedSteps=${e.interruptedSteps} skipped=${e.skipped} notStarted=${e.notStarted}${e.interrupted ? " interrupted" : ""}`;
    }
  });
}
