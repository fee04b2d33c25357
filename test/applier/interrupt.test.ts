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
    const message = "interrupted; the resource exists and the next apply will continue";
    expect(outline(events)).toEqual([
      "plan demo",
      "start ds/microsoft-ad.a#create",
      `failed ds/microsoft-ad.a#create: ${message}`,
      "skipped ds/microsoft-ad.c#create: not started: the apply was interrupted",
      "skipped ds/microsoft-ad.b#create: not started: the apply was interrupted",
      "summary done=0 failed=1 skipped=2 interrupted",
    ]);
    expect(result).toMatchObject({ done: 0, failed: 1, skipped: 2, notStarted: 2, interrupted: true });
  });

  it("reports an apply interrupted before any step as not started", async () => {
    const cloud = new FakeCloud();
    const controller = new AbortController();
    controller.abort();
    const plan = planOf([change("t/k", "a", "create")]);
    const { result } = await run(plan, buildRegistry([fakeKind(cloud, { type: "t/k" })]), { signal: controller.signal });
    expect(result).toMatchObject({ done: 0, failed: 0, skipped: 1, notStarted: 1, interrupted: true });
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
    const { result } = await run(plan, buildRegistry([flaky]), { signal: controller.signal });
    expect(cloud.operations("create")).toHaveLength(1);
    expect(result.failures).toEqual([
      { address: "t/k.a", operation: "create", message: "interrupted while retrying: FakeThrottledException: Rate exceeded" },
    ]);
    expect(result).toMatchObject({ skipped: 1, notStarted: 1, interrupted: true });
  });
});
