import { describe, expect, it } from "vitest";
import { buildRegistry } from "../../src/core/registry.js";
import { FakeCloud, fakeError, fakeKind } from "../support/fake-kinds.js";
import { outline, run } from "./harness.js";
import { change, planOf } from "./plans.js";

describe("interrupting an apply", () => {
  it("lets the running create reach a safe point, starts nothing new, and says the resource exists", async () => {
    const cloud = new FakeCloud();
    const kind = fakeKind(cloud, { type: "ds/microsoft-ad", pendingReadsAfterCreate: 100, timeouts: { createMs: 3_600_000, pollMs: 10_000 } });
    const controller = new AbortController();
    cloud.onCall = (call) => {
      if (call.operation === "create") controller.abort();
    };
    const plan = planOf([
      change("ds/microsoft-ad", "a", "create"),
      change("ds/microsoft-ad", "b", "create"),
      change("ds/microsoft-ad", "c", "create", { dependsOn: ["ds/microsoft-ad.a"] }),
    ]);
    const { result, events, clock } = await run(plan, buildRegistry([kind]), { parallelism: 1, signal: controller.signal });

    expect(cloud.all()).toHaveLength(1);
    expect(clock.now()).toBe(0);
    expect(outline(events)).toEqual([
      "plan demo",
      "start ds/microsoft-ad.a#create",
      "interrupted ds/microsoft-ad.a#create: the resource exists and the next apply will continue",
      "skipped ds/microsoft-ad.c#create: not started: the apply was interrupted",
      "skipped ds/microsoft-ad.b#create: not started: the apply was interrupted",
      "summary done=0 failed=0 interruptedSteps=1 skipped=2 notStarted=2 interrupted",
    ]);
    expect(events.find((e) => e.type === "step_finished" && e.outcome === "interrupted")).toMatchObject({ id: cloud.all()[0].id });
    expect(result).toMatchObject({ done: 0, failed: 0, interruptedSteps: 1, skipped: 2, notStarted: 2, interrupted: true, failures: [] });
  });

  it("keeps a genuine failure failed while the step the interrupt stopped is interrupted", async () => {
    const cloud = new FakeCloud();
    const controller = new AbortController();
    const kind = fakeKind(cloud, { type: "ds/microsoft-ad", pendingReadsAfterCreate: 100, timeouts: { createMs: 3_600_000, pollMs: 10_000 } });
    const rejecting = {
      ...kind,
      create: async (...args: Parameters<typeof kind.create>) => {
        if (args[1].name !== "bad") return kind.create(...args);
        controller.abort();
        throw fakeError("Invalid", "The VPC has no subnets");
      },
    };
    const plan = planOf([
      change("ds/microsoft-ad", "bad", "create"),
      change("ds/microsoft-ad", "slow", "create"),
      change("ds/microsoft-ad", "after-bad", "create", { dependsOn: ["ds/microsoft-ad.bad"] }),
      change("ds/microsoft-ad", "after-slow", "create", { dependsOn: ["ds/microsoft-ad.slow"] }),
    ]);
    const { result, events } = await run(plan, buildRegistry([rejecting]), { parallelism: 2, signal: controller.signal });

    const outcomes = events.flatMap((e) => (e.type === "step_finished" ? [`${e.outcome} ${e.address}`] : []));
    expect(outcomes.sort()).toEqual([
      "failed ds/microsoft-ad.bad",
      "interrupted ds/microsoft-ad.slow",
      "skipped ds/microsoft-ad.after-bad",
      "skipped ds/microsoft-ad.after-slow",
    ]);
    expect(result.failures).toEqual([{ address: "ds/microsoft-ad.bad", operation: "create", message: "FakeInvalidException: The VPC has no subnets" }]);
    expect(result).toMatchObject({ done: 0, failed: 1, interruptedSteps: 1, skipped: 2, notStarted: 1, interrupted: true });
    expect(events.at(-1)).toEqual({ type: "summary", done: 0, failed: 1, interruptedSteps: 1, skipped: 2, notStarted: 1, interrupted: true });
  });

  it("reports an apply interrupted before any step as not started", async () => {
    const cloud = new FakeCloud();
    const controller = new AbortController();
    controller.abort();
    const plan = planOf([change("t/k", "a", "create")]);
    const { result } = await run(plan, buildRegistry([fakeKind(cloud, { type: "t/k" })]), { signal: controller.signal });
    expect(result).toMatchObject({ done: 0, failed: 0, interruptedSteps: 0, skipped: 1, notStarted: 1, interrupted: true });
    expect(cloud.calls).toEqual([]);
  });
});

describe("interrupting a step that is retrying", () => {
  it("stops retrying, says why, and leaves dependents not started", async () => {
    const cloud = new FakeCloud();
    const controller = new AbortController();
    cloud.onCall = (call) => {
      if (call.operation === "create") controller.abort();
    };
    const kind = fakeKind(cloud, { type: "t/k" });
    const flaky = {
      ...kind,
      create: async (...args: Parameters<typeof kind.create>) => {
        await kind.create(...args);
        throw fakeError("Throttled", "Rate exceeded");
      },
    };
    const plan = planOf([change("t/k", "a", "create"), change("t/k", "b", "create", { dependsOn: ["t/k.a"] })]);
    const { result, events } = await run(plan, buildRegistry([flaky]), { signal: controller.signal });
    expect(cloud.operations("create")).toHaveLength(1);
    expect(outline(events).slice(2)).toEqual([
      "interrupted t/k.a#create: stopped retrying after FakeThrottledException: Rate exceeded",
      "skipped t/k.b#create: not started: the apply was interrupted",
      "summary done=0 failed=0 interruptedSteps=1 skipped=1 notStarted=1 interrupted",
    ]);
    expect(result).toMatchObject({ failed: 0, interruptedSteps: 1, skipped: 1, notStarted: 1, interrupted: true, failures: [] });
  });
});
