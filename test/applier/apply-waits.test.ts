import { describe, expect, it } from "vitest";
import { buildRegistry } from "../../src/core/registry.js";
import type { Readiness } from "../../src/core/resource-kind.js";
import { FakeCloud, fakeKind } from "../support/fake-kinds.js";
import { FakeClock } from "./fake-clock.js";
import { run, runIndependentCreates } from "./harness.js";
import { change, planOf } from "./plans.js";

const MINUTE = 60_000;

function directoryWorld(options: { pendingReads?: number; settlesAs?: Readiness; createMs?: number }) {
  const cloud = new FakeCloud();
  const kind = fakeKind(cloud, {
    type: "ds/microsoft-ad",
    outputs: ["directoryId"],
    pendingReadsAfterCreate: options.pendingReads ?? 0,
    readinessAfterCreate: options.settlesAs,
    timeouts: { createMs: options.createMs ?? 60 * MINUTE, pollMs: 10_000 },
  });
  return { cloud, registry: buildRegistry([kind]) };
}

const plan = planOf([change("ds/microsoft-ad", "corp", "create", { desired: { name: "corp.example.com" } })]);

describe("applyPlan waits", () => {
  it("polls a pending resource with backoff until it is ready, then records its outputs", async () => {
    const { cloud, registry } = directoryWorld({ pendingReads: 3 });
    const { result, clock, events } = await run(plan, registry);
    expect(result.done).toBe(1);
    expect(cloud.operations("read")).toHaveLength(4);
    // The create's answer is the first look; then 10 s, and half again each time, each on a whole
    // second: reads at 10, 25, 48 and 82 s.
    expect(clock.now()).toBe(82_000);
    expect(events.at(-2)).toMatchObject({ type: "step_finished", outcome: "done", elapsedMs: 82_000 });
    expect(result.outputs["ds/microsoft-ad.corp"]).toEqual({ directoryId: cloud.all()[0].id });
  });

  it("polls with the kind's readForWait where it has one, never its full read", async () => {
    const cloud = new FakeCloud();
    const base = fakeKind(cloud, { type: "ds/trust", outputs: ["trustId"], pendingReadsAfterCreate: 3, timeouts: { createMs: 60 * MINUTE, pollMs: 10_000 } });
    const reads = { full: 0, forWait: 0 };
    const kind = {
      ...base,
      read: (ctx: Parameters<typeof base.read>[0], id: string) => ((reads.full += 1), base.read(ctx, id)),
      readForWait: (ctx: Parameters<typeof base.read>[0], id: string) => ((reads.forWait += 1), base.read(ctx, id)),
    };
    const trustPlan = planOf([change("ds/trust", "onprem", "create", { desired: { remoteDomainName: "corp.example.com" } })]);
    const { result } = await run(trustPlan, buildRegistry([kind]));
    expect(result.done).toBe(1);
    expect(reads).toEqual({ full: 0, forWait: 4 });
  });

  it("completes a create once the resource is ready, and records the outputs that completion changed", async () => {
    const cloud = new FakeCloud();
    const base = fakeKind(cloud, { type: "ds/ad-connector", outputs: ["directoryId"], pendingReadsAfterCreate: 2, timeouts: { createMs: 60 * MINUTE, pollMs: 10_000 } });
    const calls: { id: string; at: number; readsBefore: number }[] = [];
    let clockNow = () => 0;
    const kind = {
      ...base,
      completeWhenReady: async (_ctx: unknown, id: string) => {
        calls.push({ id, at: clockNow(), readsBefore: cloud.operations("read").length });
        return { id, properties: {}, outputs: { directoryId: id, alias: "corp" } };
      },
    };
    const clock = new FakeClock(0);
    clockNow = () => clock.now();
    const { result } = await run(planOf([change("ds/ad-connector", "corp", "create")]), buildRegistry([kind]), { clock });
    const id = cloud.all()[0].id;
    // After the wait's three reads (10 and 25 s pending, 48 s ready), once.
    expect(calls).toEqual([{ id, at: 48_000, readsBefore: 3 }]);
    expect(result.outputs["ds/ad-connector.corp"]).toEqual({ directoryId: id, alias: "corp" });
  });

  it("reports progress every interval while waiting, with the id once known", async () => {
    const { cloud, registry } = directoryWorld({ pendingReads: 3 });
    const { events } = await run(plan, registry);
    const id = cloud.all()[0].id;
    expect(events.filter((e) => e.type === "step_progress")).toEqual(
      [10_000, 20_000, 30_000, 40_000, 50_000, 60_000, 70_000, 80_000].map((elapsedMs) => ({
        type: "step_progress",
        address: "ds/microsoft-ad.corp",
        operation: "create",
        elapsedMs,
        id,
      })),
    );
  });

  it("honours a custom progress interval", async () => {
    const { registry } = directoryWorld({ pendingReads: 3 });
    const { events } = await run(plan, registry, { progressIntervalMs: 30_000 });
    expect(events.filter((e) => e.type === "step_progress").map((e) => (e.type === "step_progress" ? e.elapsedMs : 0))).toEqual([
      30_000, 60_000,
    ]);
  });

  it("fails the step with the service's reason when the resource fails", async () => {
    const reason = "stage Failed: Connectivity issues detected while creating the directory";
    const { registry } = directoryWorld({ pendingReads: 1, settlesAs: { state: "failed", reason } });
    const { result, events } = await run(plan, registry);
    expect(result.failures).toEqual([{ address: "ds/microsoft-ad.corp", operation: "create", message: reason }]);
    expect(events.at(-2)).toMatchObject({ type: "step_finished", outcome: "failed", message: reason });
  });

  it("gives up at the kind's timeout, saying what it last saw", async () => {
    const { cloud, registry } = directoryWorld({ pendingReads: Number.POSITIVE_INFINITY, createMs: 2 * MINUTE });
    const { result, clock } = await run(plan, registry);
    expect(result.failures[0].message).toBe("timed out after 2m0s waiting to become ready (last seen: pending: still working)");
    expect(clock.now()).toBe(2 * MINUTE);
    // After the create's answer, reads at 10 s, then every 12 s (a tenth of the timeout) up to 118 s, and a last one at 120 s.
    expect(cloud.operations("read").length).toBe(11);
  });

  it("gives up on a deletion that never finishes at the kind's delete timeout", async () => {
    const cloud = new FakeCloud();
    const kind = fakeKind(cloud, { type: "t/k", timeouts: { deleteMs: MINUTE, pollMs: 5_000 } });
    const stubborn = { ...kind, delete: async () => {} };
    const live = cloud.put("t/k", { properties: {} });
    const deletion = planOf([change("t/k", "a", "delete", { prior: { id: live.id, properties: {}, outputs: {} } })]);
    const { result } = await run(deletion, buildRegistry([stubborn]));
    expect(result.failures[0].message).toBe("timed out after 1m0s waiting for the deletion to finish");
  });

  it("lets a waiting step give its parallelism slot to the next, so slow creations overlap", async () => {
    const { cloud, registry } = directoryWorld({ pendingReads: 3 });
    const three = planOf(["a", "b", "c"].map((name) => change("ds/microsoft-ad", name, "create", { desired: { name: `${name}.example.com` } })));
    const { result, clock, events } = await run(three, registry, { parallelism: 1 });
    expect(result.done).toBe(3);
    // Each creation waits 82 s; one after another they would take three times that.
    expect(clock.now()).toBe(82_000);
    const starts = events.filter((e) => e.type === "step_started").map((e) => e.address);
    expect(starts).toEqual(["ds/microsoft-ad.a", "ds/microsoft-ad.b", "ds/microsoft-ad.c"]);
    expect(cloud.operations("create")).toHaveLength(3);
  });

  it("still sends one step's calls at a time at parallelism 1", async () => {
    const { peakCreates } = await runIndependentCreates(5, 1);
    expect(peakCreates).toBe(1);
  });
});
