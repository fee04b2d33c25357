/**
 * How the applier picks up after a failure it cannot see the end of, on fake kinds: a create
 * whose call went through before a later step failed is finished rather than made again, and a
 * resource that an interrupted apply left settling is waited for before anything that needs it.
 */
import { describe, expect, it } from "vitest";
import { buildRegistry } from "../../src/core/registry.js";
import { ProviderError } from "../../src/core/errors.js";
import type { Live, ResourceKind } from "../../src/core/resource-kind.js";
import { run } from "../applier/harness.js";
import { change, planOf, prior } from "../applier/plans.js";

interface Made {
  live: Map<string, Live>;
  calls: string[];
}

/** A directory-like kind: `create` makes the resource, then a second step (an alias) that can fail. */
function twoStepKind(made: Made, failSecondStep: ProviderError[]): ResourceKind {
  const owned = (name: string) => [...made.live.values()].find((live) => live.owner?.name === name);
  const secondStep = (live: Live) => {
    made.calls.push("alias");
    const failure = failSecondStep.shift();
    if (failure) throw failure;
    live.outputs.alias = "set";
    return live;
  };
  return {
    type: "ds/ad-connector",
    description: "two-step fake",
    schema: { type: "object" },
    replaceOn: [],
    writeOnly: [],
    outputs: ["directoryId", "alias"],
    isCreateIdempotent: false,
    timeouts: { createMs: 1_000, updateMs: 1_000, deleteMs: 1_000, pollMs: 1 },
    readiness: () => ({ state: "ready" }),
    list: async () => [...made.live.values()],
    find: async (_ctx, desired) => owned(desired.name),
    read: async (_ctx, id) => made.live.get(id),
    async create(ctx, desired) {
      made.calls.push("create");
      const id = `d-${made.live.size}`;
      const live: Live = { id, properties: {}, outputs: { directoryId: id }, owner: { stack: ctx.stack, name: desired.name } };
      made.live.set(id, live);
      return secondStep(live);
    },
    async resumeCreate(_ctx, live) {
      made.calls.push("resume");
      return secondStep(live);
    },
    delete: async (_ctx, live) => void made.live.delete(live.id),
  };
}

describe("a create that failed after its call went through", () => {
  it.each([
    ["throttled", new ProviderError("Throttled", "Rate exceeded", "ClientException")],
    ["answered with a 5xx", new ProviderError("Unavailable", "internal error", "ServiceException")],
    ["in conflict", new ProviderError("Conflict", "not yet", "DirectoryUnavailableException")],
  ])("is found and finished, never made again, when its later step was %s", async (_how, failure) => {
    const made: Made = { live: new Map(), calls: [] };
    const registry = buildRegistry([twoStepKind(made, [failure])]);
    const { result } = await run(planOf([change("ds/ad-connector", "corp", "create")]), registry);
    expect(result).toMatchObject({ done: 1, failed: 0 });
    expect(made.live.size).toBe(1);
    expect(made.calls).toEqual(["create", "alias", "resume", "alias"]);
    expect(result.outputs["ds/ad-connector.corp"]).toEqual({ directoryId: "d-0", alias: "set" });
  });
});

describe("a resource left settling by an interrupted apply", () => {
  it("is waited for before what depends on it starts, and its fresh outputs are used", async () => {
    const calls: string[] = [];
    let reads = 0;
    const parent: ResourceKind = {
      ...twoStepKind({ live: new Map(), calls: [] }, []),
      type: "ds/microsoft-ad",
      readiness: (live) => (live.outputs.stage === "Active" ? { state: "ready" } : { state: "pending", reason: String(live.outputs.stage) }),
      read: async (_ctx, id) => {
        calls.push(`read parent (${++reads})`);
        return { id, properties: {}, outputs: { directoryId: id, stage: reads < 3 ? "Creating" : "Active" } };
      },
    };
    const child: ResourceKind = {
      ...twoStepKind({ live: new Map(), calls: [] }, []),
      type: "ds/trust",
      async create(_ctx, desired) {
        calls.push(`create child under ${String(desired.properties.directoryId)}`);
        return { id: "t-1", properties: {}, outputs: {} };
      },
      read: async (_ctx, id) => ({ id, properties: {}, outputs: {} }),
    };
    const settling = change("ds/microsoft-ad", "forest", "noop", { prior: prior("d-7", { directoryId: "d-7", stage: "Creating" }) });
    settling.status = { state: "pending", reason: "Creating" };
    const plan = planOf([
      settling,
      change("ds/trust", "trust", "create", { desired: { directoryId: "${forest.directoryId}" }, dependsOn: ["ds/microsoft-ad.forest"] }),
    ]);
    const { result } = await run(plan, buildRegistry([parent, child]));
    expect(result).toMatchObject({ done: 1, failed: 0 });
    expect(calls).toEqual(["read parent (1)", "read parent (2)", "read parent (3)", "create child under d-7"]);
  });

  it("fails the dependent step, naming the dependency, when it ends up failed", async () => {
    const parent: ResourceKind = {
      ...twoStepKind({ live: new Map(), calls: [] }, []),
      type: "ds/microsoft-ad",
      readiness: () => ({ state: "failed", reason: "the directory is Failed" }),
      read: async (_ctx, id) => ({ id, properties: {}, outputs: { stage: "Failed" } }),
    };
    const child: ResourceKind = { ...twoStepKind({ live: new Map(), calls: [] }, []), type: "ds/trust" };
    const settling = change("ds/microsoft-ad", "forest", "noop", { prior: prior("d-7", { stage: "Creating" }) });
    settling.status = { state: "pending" };
    const plan = planOf([settling, change("ds/trust", "trust", "create", { dependsOn: ["ds/microsoft-ad.forest"] })]);
    const { result } = await run(plan, buildRegistry([parent, child]));
    expect(result.failures).toEqual([
      { address: "ds/trust.trust", operation: "create", message: "ds/microsoft-ad.forest did not become ready: the directory is Failed" },
    ]);
  });
});
