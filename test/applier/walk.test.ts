import { describe, expect, it } from "vitest";
import { walkGraph, type NodeOutcome } from "../../src/graph/walk.js";
import { concurrencyMeter } from "../support/concurrency.js";

/** A visit that can be released by hand, to control exactly what is in flight. */
function gate() {
  let release!: () => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<void>((resolve, reject) => {
    release = resolve;
    fail = reject;
  });
  return { promise, release, fail };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

function edges(map: Record<string, string[]>) {
  return (node: string) => map[node] ?? [];
}

const states = (outcomes: Map<string, NodeOutcome>) =>
  Object.fromEntries([...outcomes].map(([node, outcome]) => [node, outcome.state]));

describe("walkGraph", () => {
  it("visits dependencies first and starts ready nodes in sorted order", async () => {
    const order: string[] = [];
    const result = await walkGraph({
      nodes: ["trust", "dir", "alias", "zeta"],
      dependenciesOf: edges({ trust: ["dir"], alias: ["dir"] }),
      concurrency: 1,
      visit: async (node) => void order.push(node),
    });
    expect(order).toEqual(["dir", "alias", "trust", "zeta"]);
    expect(states(result.outcomes)).toEqual({ dir: "done", alias: "done", trust: "done", zeta: "done" });
    expect(result.interrupted).toBe(false);
  });

  it("never runs more than `concurrency` visits at once, and runs independent branches in parallel", async () => {
    const visits = concurrencyMeter(tick);
    const nodes = Array.from({ length: 12 }, (_, i) => `n${String(i).padStart(2, "0")}`);
    await walkGraph({
      nodes,
      dependenciesOf: () => [],
      concurrency: 3,
      visit: () => visits.visit(),
    });
    expect(visits.peak).toBe(3);
  });

  it("starts another node in the slot a waiting visit releases, and still waits for that visit", async () => {
    const waits = { a: gate(), b: gate() };
    const started: string[] = [];
    const walk = walkGraph({
      nodes: ["a", "b", "c"],
      dependenciesOf: () => [],
      concurrency: 1,
      visit: async (node, releaseSlot) => {
        started.push(node);
        if (node === "c") return;
        releaseSlot();
        releaseSlot(); // a second release frees nothing more
        await waits[node as "a" | "b"].promise;
      },
    });
    await tick();
    expect(started).toEqual(["a", "b", "c"]);
    let isSettled = false;
    void walk.then(() => (isSettled = true));
    waits.a.release();
    await tick();
    expect(isSettled).toBe(false);
    waits.b.release();
    expect(states((await walk).outcomes)).toEqual({ c: "done", a: "done", b: "done" });
  });

  it("keeps the slot of a visit that never releases it", async () => {
    const first = gate();
    const started: string[] = [];
    const walk = walkGraph({
      nodes: ["a", "b"],
      dependenciesOf: () => [],
      concurrency: 1,
      visit: async (node) => {
        started.push(node);
        if (node === "a") await first.promise;
      },
    });
    await tick();
    expect(started).toEqual(["a"]);
    first.release();
    await walk;
    expect(started).toEqual(["a", "b"]);
  });

  it("skips every dependent of a failure, transitively, while independent nodes finish", async () => {
    const visited: string[] = [];
    const skippedLive: string[] = [];
    const result = await walkGraph({
      nodes: ["dir", "trust", "sso", "other", "other-child"],
      dependenciesOf: edges({ trust: ["dir"], sso: ["trust"], "other-child": ["other"] }),
      concurrency: 4,
      visit: async (node) => {
        visited.push(node);
        if (node === "dir") throw new Error("boom");
      },
      onSkipped: (node, reason) => skippedLive.push(`${node}: ${reason}`),
    });
    expect(visited.sort()).toEqual(["dir", "other", "other-child"]);
    expect(result.outcomes.get("dir")).toMatchObject({ state: "failed", error: new Error("boom") });
    expect(result.outcomes.get("trust")).toEqual({ state: "skipped", reason: "upstream failed: dir", upstream: "dir" });
    expect(result.outcomes.get("sso")).toEqual({ state: "skipped", reason: "upstream failed: dir", upstream: "dir" });
    expect(states(result.outcomes)).toMatchObject({ other: "done", "other-child": "done" });
    expect(skippedLive).toEqual(["trust: upstream failed: dir", "sso: upstream failed: dir"]);
  });

  it("skips a node when any one of its dependencies fails", async () => {
    const result = await walkGraph({
      nodes: ["a", "b", "c"],
      dependenciesOf: edges({ c: ["a", "b"] }),
      concurrency: 2,
      visit: async (node) => {
        if (node === "b") throw new Error("no");
      },
    });
    expect(states(result.outcomes)).toEqual({ a: "done", b: "failed", c: "skipped" });
  });

  it("starts nothing new once aborted, lets in-flight visits finish, and reports the rest as not started", async () => {
    const controller = new AbortController();
    const gates = new Map<string, ReturnType<typeof gate>>();
    const started: string[] = [];
    const walking = walkGraph({
      nodes: ["a", "b", "c", "d"],
      dependenciesOf: edges({ c: ["a"], d: ["c"] }),
      concurrency: 2,
      signal: controller.signal,
      visit: (node) => {
        started.push(node);
        const g = gate();
        gates.set(node, g);
        return g.promise;
      },
    });
    await tick();
    expect(started).toEqual(["a", "b"]);
    controller.abort();
    gates.get("a")!.release();
    await tick();
    gates.get("b")!.release();
    const result = await walking;
    expect(started).toEqual(["a", "b"]);
    expect(states(result.outcomes)).toEqual({ a: "done", b: "done", c: "not-started", d: "not-started" });
    expect(result.interrupted).toBe(true);
  });

  it("is not interrupted when the abort comes after everything started", async () => {
    const controller = new AbortController();
    const result = await walkGraph({
      nodes: ["a"],
      dependenciesOf: () => [],
      concurrency: 1,
      signal: controller.signal,
      visit: async () => controller.abort(),
    });
    expect(result).toEqual({ outcomes: new Map([["a", { state: "done" }]]), interrupted: false });
  });

  it("resolves at once when aborted before it starts", async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await walkGraph({
      nodes: ["a", "b"],
      dependenciesOf: () => [],
      concurrency: 1,
      signal: controller.signal,
      visit: async () => {
        throw new Error("must not run");
      },
    });
    expect(states(result.outcomes)).toEqual({ a: "not-started", b: "not-started" });
  });

  it("rejects unknown dependencies, cycles and a bad concurrency", async () => {
    const visit = async () => {};
    expect(() => walkGraph({ nodes: ["a"], dependenciesOf: () => ["ghost"], concurrency: 1, visit })).toThrow(/ghost/);
    expect(() => walkGraph({ nodes: ["a"], dependenciesOf: () => [], concurrency: 0, visit })).toThrow(RangeError);
    await expect(
      walkGraph({ nodes: ["a", "b"], dependenciesOf: edges({ a: ["b"], b: ["a"] }), concurrency: 1, visit }),
    ).rejects.toThrow(/wait on each other: a, b/);
  });

  it("treats a visit that throws synchronously as a failure", async () => {
    const result = await walkGraph({
      nodes: ["a"],
      dependenciesOf: () => [],
      concurrency: 1,
      visit: () => {
        throw new Error("sync");
      },
    });
    expect(result.outcomes.get("a")).toMatchObject({ state: "failed" });
  });
});
