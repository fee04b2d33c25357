import { describe, expect, it } from "vitest";
import type { DesiredResourceSpec } from "../../src/core/desired.js";
import { ExitError } from "../../src/core/errors.js";
import type { JsonObject } from "../../src/core/json.js";
import type { Plan } from "../../src/core/plan.js";
import { planChanges } from "../../src/planner/plan.js";
import { restrictToTargets } from "../../src/planner/targets.js";
import { desiredState, exampleKinds, FakeCloud, fakeContext, resourceSpec, TEST_STACK } from "../support/fake-kinds.js";

const connector = (name: string, domain: string): DesiredResourceSpec =>
  resourceSpec("ds/ad-connector", name, { name: domain, size: "Small", connectSettings: { vpcId: "vpc-1", subnetIds: ["subnet-a"], customerUserName: "svc" } });
const trust = resourceSpec("ds/trust", "forest", { directoryId: "${corp.directoryId}", remoteDomainName: "onprem.example.com", trustDirection: "Two-Way" });
const desk = resourceSpec("workspaces/directory", "desk", { directoryId: "${lab.directoryId}" }, { dependsOn: ["forest"] });
const specs = [connector("corp", "corp.example.com"), connector("lab", "lab.example.com"), trust, desk];

async function world() {
  const cloud = new FakeCloud();
  const kinds = exampleKinds(cloud);
  const liveConnector = (id: string, name: string, properties: JsonObject = {}) =>
    cloud.put("ds/ad-connector", { id, properties: { name: `${name}.example.com`, size: "Small", ...properties }, outputs: { directoryId: id }, owner: { stack: TEST_STACK, name } });
  liveConnector("d-0000000001", "old");
  cloud.put("ds/trust", { id: "t-0000000001", properties: { directoryId: "d-0000000001", remoteDomainName: "x.example.com", trustDirection: "Two-Way" } });
  liveConnector("d-0000000002", "stale");
  const desired = desiredState(specs);
  const plan = await planChanges({ desired, registry: kinds.registry, ctx: fakeContext() });
  return { desired, plan };
}
const actions = (plan: Plan) => plan.changes.map((c) => `${c.action} ${c.address}`);

describe("restrictToTargets", () => {
  it("keeps the targets and what they depend on, transitively, and nothing else", async () => {
    const { desired, plan } = await world();
    const targeted = restrictToTargets(plan, desired, ["desk"]);
    expect(actions(targeted)).toEqual([
      "create ds/ad-connector.corp",
      "create ds/ad-connector.lab",
      "create ds/trust.forest",
      "create workspaces/directory.desk",
    ]);
    expect(targeted.targets).toEqual(["desk"]);
    expect(targeted.summary).toMatchObject({ create: 4, delete: 0 });

    const byAddress = restrictToTargets(plan, desired, ["ds/trust.forest"]);
    expect(actions(byAddress)).toEqual(["create ds/ad-connector.corp", "create ds/trust.forest"]);
    expect(byAddress.changes[1].dependsOn).toEqual(["ds/ad-connector.corp"]);
  });

  it("keeps an orphan delete only when named, with the deletes that must go before it", async () => {
    const { desired, plan } = await world();
    expect(actions(plan).filter((a) => a.startsWith("delete"))).toEqual([
      "delete ds/ad-connector.stale",
      "delete ds/trust.t-0000000001",
      "delete ds/ad-connector.old",
    ]);
    expect(actions(restrictToTargets(plan, desired, ["corp"]))).toEqual(["create ds/ad-connector.corp"]);
    expect(actions(restrictToTargets(plan, desired, ["old"]))).toEqual(["delete ds/trust.t-0000000001", "delete ds/ad-connector.old"]);
    expect(actions(restrictToTargets(plan, desired, ["ds/ad-connector.stale", "lab"]))).toEqual(["create ds/ad-connector.lab", "delete ds/ad-connector.stale"]);
  });

  it("prefers the file's resource over a same-named orphan of another kind", async () => {
    const { desired, plan } = await world();
    const withOrphan: Plan = {
      ...plan,
      changes: [...plan.changes, { ...plan.changes.at(-1)!, address: "ds/trust.corp", type: "ds/trust", name: "corp", dependsOn: [] }],
    };
    expect(actions(restrictToTargets(withOrphan, desired, ["corp"]))).toEqual(["create ds/ad-connector.corp"]);
    expect(actions(restrictToTargets(withOrphan, desired, ["ds/trust.corp"]))).toEqual(["delete ds/trust.corp"]);
  });

  it("rejects targets that name nothing, all at once, with exit 1 and the choices", async () => {
    const { desired, plan } = await world();
    let error: unknown;
    try {
      restrictToTargets(plan, desired, ["corp", "nope", "ds/trust.other"]);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ExitError);
    expect((error as ExitError).exitCode).toBe(1);
    expect((error as Error).message).toBe(
      '--target "nope", "ds/trust.other" name no resource in stack.yaml and no resource this plan deletes. ' +
        "Targets can be: corp, desk, ds/ad-connector.old, ds/ad-connector.stale, ds/trust.t-0000000001, forest, lab.",
    );
  });
});
