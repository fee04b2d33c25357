import { describe, expect, it } from "vitest";
import type { DesiredResource } from "../../src/core/resource-kind.js";
import { planChanges } from "../../src/planner/plan.js";
import { refreshLive } from "../../src/planner/refresh.js";
import { concurrencyMeter } from "../support/concurrency.js";
import { desiredState, exampleKinds, FakeCloud, fakeContext, fakeError, resourceSpec, TEST_STACK } from "../support/fake-kinds.js";

function world() {
  const cloud = new FakeCloud();
  const kinds = exampleKinds(cloud);
  return { cloud, kinds };
}

const corp = resourceSpec("ds/ad-connector", "corp", {
  name: "corp.example.com",
  size: "Small",
  password: { env: "CORP_PASSWORD" },
  connectSettings: { vpcId: "vpc-1", subnetIds: ["subnet-a"], customerUserName: "svc" },
});
const forest = resourceSpec("ds/trust", "forest", { directoryId: "${corp.directoryId}", remoteDomainName: "onprem.example.com", trustPassword: { env: "T" } });

describe("refreshLive", () => {
  it("lists every registered kind once, in parallel, even kinds the file does not use", async () => {
    const { cloud, kinds } = world();
    const lists = concurrencyMeter(() => new Promise((resolve) => setTimeout(resolve, 5)));
    cloud.onCall = (call) => (call.operation === "list" ? lists.visit() : undefined);
    const result = await refreshLive(desiredState([corp]), kinds.registry, fakeContext());
    expect(cloud.operations("list").map((c) => c.type).sort()).toEqual(kinds.registry.kinds.map((k) => k.type));
    expect(lists.peak).toBe(kinds.registry.kinds.length);
    expect(Object.keys(result.listed).sort()).toEqual(kinds.registry.kinds.map((k) => k.type));
  });

  it("looks up by find with references resolved from matched outputs and write-only paths stripped", async () => {
    const { cloud, kinds } = world();
    cloud.put("ds/ad-connector", { id: "d-1", properties: {}, outputs: { directoryId: "d-1" }, owner: { stack: TEST_STACK, name: "corp" } });
    const seen: DesiredResource[] = [];
    const trust = kinds.trust;
    const find = trust.find.bind(trust);
    trust.find = async (ctx, desired) => {
      seen.push(desired);
      return find(ctx, desired);
    };
    await refreshLive(desiredState([forest, corp]), kinds.registry, fakeContext());
    expect(seen).toEqual([{ name: "forest", properties: { directoryId: "d-1", remoteDomainName: "onprem.example.com" } }]);
    expect(cloud.operations("find").map((c) => c.target)).toEqual(["forest"]);
  });

  it("does not look up a resource whose properties are unknown until apply", async () => {
    const { cloud, kinds } = world();
    const result = await refreshLive(desiredState([corp, forest]), kinds.registry, fakeContext());
    expect(cloud.operations("find").map((c) => c.target)).toEqual(["corp"]);
    expect(result.matches).toEqual({});
  });

  it("pairs one live resource with one desired resource only", async () => {
    const { cloud, kinds } = world();
    cloud.put("workspaces/directory", { id: "wsd-1", properties: { directoryId: "d-9" }, outputs: {} });
    const twins = ["a", "b"].map((name) => resourceSpec("workspaces/directory", name, { directoryId: "d-9" }));
    const result = await refreshLive(desiredState(twins), kinds.registry, fakeContext());
    expect(Object.keys(result.matches)).toEqual(["a"]);
    expect(result.matches.a).toMatchObject({ matchedBy: "find", live: { id: "wsd-1" } });
  });

  it("skips find for a destroy", async () => {
    const { cloud, kinds } = world();
    await planChanges({ desired: desiredState([corp]), registry: kinds.registry, ctx: fakeContext(), mode: "destroy" });
    expect(cloud.operations("find")).toEqual([]);
  });

  it("lets provider errors through: a plan is never made from a partial read", async () => {
    const { cloud, kinds } = world();
    cloud.failNext({ operation: "list", type: "ds/trust", error: fakeError("AccessDenied", "not allowed to ListTrusts") });
    await expect(refreshLive(desiredState([corp]), kinds.registry, fakeContext())).rejects.toMatchObject({ code: "AccessDenied" });
  });
});
