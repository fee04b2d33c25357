import { describe, expect, it } from "vitest";
import type { DesiredResourceSpec } from "../../src/core/desired.js";
import type { JsonObject } from "../../src/core/json.js";
import type { Owner } from "../../src/core/resource-kind.js";
import { detectDrift, type DriftResource } from "../../src/planner/drift.js";
import { refreshLive } from "../../src/planner/refresh.js";
import { desiredState, exampleKinds, FakeCloud, fakeContext, resourceSpec, TEST_STACK } from "../support/fake-kinds.js";
import { corpLive, corpProperties, putCorpConnector } from "./corp-connector.js";

const corp = (extra: Partial<DesiredResourceSpec> = {}) => resourceSpec("ds/ad-connector", "corp", corpProperties, extra);
const desk = () => resourceSpec("workspaces/directory", "desk", { directoryId: "${corp.directoryId}", mode: "basic" });

function world() {
  const cloud = new FakeCloud();
  const kinds = exampleKinds(cloud);
  const putCorp = (overrides: JsonObject = {}, owner?: Owner | null) => putCorpConnector(cloud, owner, overrides);
  const drift = async (resources: DesiredResourceSpec[]) => {
    const desired = desiredState(resources);
    return detectDrift(desired, kinds.registry, await refreshLive(desired, kinds.registry, fakeContext()));
  };
  return { cloud, putCorp, drift };
}

const byAddress = (resources: DriftResource[], address: string) => resources.find((r) => r.address === address)!;

describe("detectDrift", () => {
  it("reports a resource that matches as in sync, and says which fields cannot be checked", async () => {
    const { putCorp, drift } = world();
    putCorp();
    const report = await drift([corp()]);
    expect(report.hasDrift).toBe(false);
    expect(report.resources).toEqual([
      {
        address: "ds/ad-connector.corp",
        type: "ds/ad-connector",
        name: "corp",
        state: "in-sync",
        id: "d-1111111111",
        status: null,
        isDrifted: false,
        reasons: [],
        fields: [],
        ignored: [],
        unchecked: [{ path: "password", reason: "write-only: AWS never returns it, so its drift cannot be known" }],
      },
    ]);
    expect(report.summary).toEqual({ "in-sync": 1, changed: 0, missing: 0, orphaned: 0, unadopted: 0, "other-stack": 0, unwanted: 0 });
  });

  it("names each drifted field with desired and live values, sorted by path, marking what reverting would replace", async () => {
    const { putCorp, drift } = world();
    putCorp({ size: "Large", tags: { team: "drifted", extra: "x" } });
    const [resource] = (await drift([corp()])).resources;
    expect(resource.state).toBe("changed");
    expect(resource.fields).toEqual([
      { path: "size", desired: "Small", live: "Large", forcesReplacement: true },
      { path: "tags.extra", desired: null, live: "x", forcesReplacement: false },
      { path: "tags.team", desired: "identity", live: "drifted", forcesReplacement: false },
    ]);
  });

  it("leaves ignoreChanges paths out of the drift and shows them with the reason and what differs", async () => {
    const { putCorp, drift } = world();
    putCorp({ tags: { team: "drifted" } });
    const report = await drift([corp({ ignoreChanges: ["tags", "size"] })]);
    expect(report.hasDrift).toBe(false);
    expect(report.resources[0].state).toBe("in-sync");
    expect(report.resources[0].ignored).toEqual([
      { path: "size", reason: "ignored by ignoreChanges", fields: [] },
      { path: "tags", reason: "ignored by ignoreChanges", fields: [{ path: "tags.team", desired: "identity", live: "drifted", forcesReplacement: false }] },
    ]);
  });

  it("reports missing, orphaned, unadopted, other-stack and unwanted resources, sorted by address", async () => {
    const { cloud, putCorp, drift } = world();
    putCorp({}, null);
    cloud.put("ds/ad-connector", { id: "d-2222222222", properties: { ...corpLive, name: "old.example.com" }, owner: { stack: TEST_STACK, name: "old" } });
    cloud.put("ds/ad-connector", { id: "d-3333333333", properties: { ...corpLive, name: "theirs.example.com" }, owner: { stack: "someone-else", name: "theirs" } });
    cloud.put("ds/ad-connector", { id: "d-4444444444", properties: { ...corpLive, name: "gone.example.com" }, owner: { stack: TEST_STACK, name: "gone" } });
    const theirs = resourceSpec("ds/ad-connector", "theirs", { ...corpProperties, name: "theirs.example.com" });
    const gone = resourceSpec("ds/ad-connector", "gone", { ...corpProperties, name: "gone.example.com" }, { ensure: "absent" });
    const never = resourceSpec("ds/ad-connector", "never", { ...corpProperties, name: "never.example.com" }, { ensure: "absent" });
    const report = await drift([theirs, gone, never, desk(), corp()]);
    expect(report.resources.map((r) => [r.address, r.state, r.id])).toEqual([
      ["ds/ad-connector.corp", "unadopted", "d-1111111111"],
      ["ds/ad-connector.gone", "unwanted", "d-4444444444"],
      ["ds/ad-connector.never", "in-sync", null],
      ["ds/ad-connector.old", "orphaned", "d-2222222222"],
      ["ds/ad-connector.theirs", "other-stack", "d-3333333333"],
      ["workspaces/directory.desk", "missing", null],
    ]);
    expect(byAddress(report.resources, "ds/ad-connector.old").reasons).toEqual([`tagged for stack '${TEST_STACK}' but not in the file`]);
    expect(byAddress(report.resources, "ds/ad-connector.theirs").reasons[0]).toContain("owned by stack 'someone-else'");
    expect(report.hasDrift).toBe(true);
    expect(report.summary).toMatchObject({ "in-sync": 1, missing: 1, orphaned: 1, unadopted: 1, "other-stack": 1, unwanted: 1 });
  });

  it("reports a live resource that failed or is still pending, even with no field drift", async () => {
    const { cloud, putCorp, drift } = world();
    putCorp();
    cloud.setReadiness("d-1111111111", { state: "failed", reason: "DNS unavailable" });
    const [resource] = (await drift([corp()])).resources;
    expect(resource).toMatchObject({ state: "in-sync", status: { state: "failed", reason: "DNS unavailable" }, isDrifted: true });
  });

  it("compares a dependent with what its references point at now, never with a propagated replacement", async () => {
    const { cloud, putCorp, drift } = world();
    putCorp({ size: "Large" });
    cloud.put("workspaces/directory", { id: "wsd-1", properties: { directoryId: "d-1111111111", mode: "basic" }, owner: { stack: TEST_STACK, name: "desk" } });
    const report = await drift([corp(), desk()]);
    expect(byAddress(report.resources, "ds/ad-connector.corp").state).toBe("changed");
    expect(byAddress(report.resources, "workspaces/directory.desk")).toMatchObject({ state: "in-sync", fields: [], unchecked: [] });
  });

  it("does not guess a field whose reference has no live value", async () => {
    const { cloud, drift } = world();
    cloud.put("workspaces/directory", { id: "wsd-1", properties: { directoryId: "d-1111111111", mode: "basic" }, owner: { stack: TEST_STACK, name: "desk" } });
    const report = await drift([corp(), desk()]);
    expect(byAddress(report.resources, "workspaces/directory.desk")).toMatchObject({
      state: "in-sync",
      unchecked: [{ path: "directoryId", reason: "its value comes from a resource that does not exist" }],
    });
  });
});
