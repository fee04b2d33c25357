import { describe, expect, it } from "vitest";
import type { DesiredResourceSpec } from "../../src/core/desired.js";
import type { JsonObject } from "../../src/core/json.js";
import type { Plan } from "../../src/core/plan.js";
import { planChanges } from "../../src/planner/plan.js";
import { refreshLive } from "../../src/planner/refresh.js";
import { findStaleResources } from "../../src/planner/stale.js";
import { restrictToTargets } from "../../src/planner/targets.js";
import { desiredState, exampleKinds, FakeCloud, fakeContext, resourceSpec, TEST_STACK } from "../support/fake-kinds.js";

const corpLive: JsonObject = {
  name: "corp.example.com",
  size: "Small",
  connectSettings: { vpcId: "vpc-1", subnetIds: ["subnet-a", "subnet-b"], customerUserName: "svc" },
  tags: { team: "identity" },
};
const corp = (extra: Partial<DesiredResourceSpec> = {}) =>
  resourceSpec("ds/ad-connector", "corp", { ...corpLive, password: { env: "CORP_PASSWORD" }, tags: { team: "platform" } }, extra);
const desk = () => resourceSpec("workspaces/directory", "desk", { directoryId: "${corp.directoryId}", mode: "basic" });

/** A stack with a connector to update, a desk registration to create and an orphan to delete. */
function world(specs: DesiredResourceSpec[] = [corp(), desk()]) {
  const cloud = new FakeCloud();
  const kinds = exampleKinds(cloud);
  const desired = desiredState(specs);
  cloud.put("ds/ad-connector", { id: "d-1111111111", properties: corpLive, outputs: { directoryId: "d-1111111111", arn: "arn:corp" }, owner: { stack: TEST_STACK, name: "corp" } });
  cloud.put("ds/ad-connector", { id: "d-9999999999", properties: { ...corpLive, name: "old.example.com" }, outputs: {}, owner: { stack: TEST_STACK, name: "old" } });
  const plan = () => planChanges({ desired, registry: kinds.registry, ctx: fakeContext() });
  const staleness = async (saved: Plan) => findStaleResources(saved, desired, kinds.registry, await refreshLive(desired, kinds.registry, fakeContext()));
  const stored = (id: string) => cloud.find(id)!.live;
  return { cloud, desired, kinds, plan, staleness, stored };
}

describe("findStaleResources", () => {
  it("finds nothing when live is as it was at plan time", async () => {
    const { plan, staleness } = world();
    const saved = await plan();
    expect(saved.changes.map((c) => `${c.action} ${c.address}`)).toEqual([
      "update ds/ad-connector.corp",
      "create workspaces/directory.desk",
      "delete ds/ad-connector.old",
    ]);
    expect(await staleness(saved)).toEqual([]);
  });

  it("names each moved property of a planned resource with its planned and current value", async () => {
    const { plan, staleness, stored } = world();
    const saved = await plan();
    stored("d-1111111111").properties = { ...corpLive, size: "Large", tags: { team: "identity", extra: "x" } };
    expect(await staleness(saved)).toEqual([
      {
        address: "ds/ad-connector.corp",
        problem: "changed",
        fields: [
          { path: "size", planned: "Small", now: "Large" },
          { path: "tags.extra", now: "x" },
        ],
      },
    ]);
  });

  it("ignores values the plan never looked at: ignoreChanges paths and outputs nothing references", async () => {
    const { plan, staleness, stored } = world([corp({ ignoreChanges: ["size"] }), desk()]);
    const saved = await plan();
    stored("d-1111111111").properties = { ...corpLive, size: "Large" };
    stored("d-1111111111").outputs = { directoryId: "d-1111111111", arn: "arn:corp:renamed" };
    expect(await staleness(saved)).toEqual([]);
  });

  it("catches a referenced output, ownership tags and a change into a failed state", async () => {
    const { cloud, plan, staleness, stored } = world();
    const saved = await plan();
    stored("d-1111111111").outputs = { directoryId: "d-1111111112", arn: "arn:corp" };
    stored("d-1111111111").owner = { stack: "someone-else", name: "corp" };
    cloud.setReadiness("d-9999999999", { state: "failed", reason: "DNS unavailable" });
    expect(await staleness(saved)).toEqual([
      {
        address: "ds/ad-connector.corp",
        problem: "changed",
        fields: [
          { path: "outputs.directoryId", planned: "d-1111111111", now: "d-1111111112" },
          { path: `tags.adstack:stack`, planned: TEST_STACK, now: "someone-else" },
        ],
      },
      { address: "ds/ad-connector.old", problem: "changed", fields: [{ path: "status", planned: "ready", now: "failed: DNS unavailable" }] },
    ]);
  });

  it("catches resources that are gone, replaced by another, or now exist where the plan creates", async () => {
    const { cloud, plan, staleness } = world();
    const saved = await plan();
    cloud.remove("d-9999999999");
    cloud.remove("d-1111111111");
    cloud.put("ds/ad-connector", { id: "d-2222222222", properties: corpLive, outputs: { directoryId: "d-2222222222" }, owner: { stack: TEST_STACK, name: "corp" } });
    cloud.put("workspaces/directory", { id: "wsd-1", properties: { directoryId: "d-2222222222", mode: "basic" }, owner: { stack: TEST_STACK, name: "desk" } });
    expect(await staleness(saved)).toEqual([
      { address: "ds/ad-connector.corp", problem: "is now another resource (d-1111111111 -> d-2222222222)", fields: [] },
      { address: "ds/ad-connector.old", problem: "no longer exists (d-9999999999)", fields: [] },
      { address: "workspaces/directory.desk", problem: "now exists (wsd-1), but the plan creates it", fields: [] },
    ]);
  });

  it("does not look at resources a targeted plan leaves out", async () => {
    const { desired, plan, staleness, stored } = world();
    const saved = restrictToTargets(await plan(), desired, ["ds/ad-connector.old"]);
    stored("d-1111111111").properties = { ...corpLive, size: "Large" };
    expect(await staleness(saved)).toEqual([]);
  });
});
