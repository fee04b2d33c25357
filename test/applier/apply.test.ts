import { describe, expect, it } from "vitest";
import { applyPlan } from "../../src/applier/apply.js";
import { InternalError } from "../../src/core/errors.js";
import { exampleKinds, FakeCloud, fakeContext, fakeError } from "../support/fake-kinds.js";
import { outline, run, runIndependentCreates } from "./harness.js";
import { change, planOf } from "./plans.js";

const CONNECTOR = "ds/ad-connector";
const TRUST = "ds/trust";
const connectorProps = { name: "corp.example.com", size: "Small", connectSettings: { vpcId: "vpc-1" } };

function world() {
  const cloud = new FakeCloud();
  return { cloud, ...exampleKinds(cloud) };
}

describe("applyPlan", () => {
  it("creates in dependency order, feeding outputs into references", async () => {
    const { cloud, registry } = world();
    const plan = planOf([
      change(CONNECTOR, "corp", "create", { desired: connectorProps }),
      change(TRUST, "x", "create", {
        desired: { directoryId: "${corp.directoryId}", remoteDomainName: "other.example.com", note: "for ${corp.accessUrl}" },
        dependsOn: ["ds/ad-connector.corp"],
      }),
    ]);
    const { result, events } = await run(plan, registry);

    const [connector] = cloud.all(CONNECTOR);
    const [trust] = cloud.all(TRUST);
    expect(trust.properties).toMatchObject({ directoryId: connector.id, note: `for ${connector.id}-accessUrl` });
    expect(outline(events)).toEqual([
      "plan demo",
      "start ds/ad-connector.corp#create",
      "done ds/ad-connector.corp#create",
      "start ds/trust.x#create",
      "done ds/trust.x#create",
      "summary done=2 failed=0 interruptedSteps=0 skipped=0 notStarted=0",
    ]);
    expect(events.find((e) => e.type === "step_finished" && e.address === "ds/ad-connector.corp")).toMatchObject({ id: connector.id });
    expect(result).toMatchObject({ done: 2, failed: 0, interruptedSteps: 0, skipped: 0, notStarted: 0, interrupted: false, failures: [] });
    expect(result.outputs["ds/trust.x"]).toEqual({ trustId: trust.id });
  });

  it("resolves references to unchanged resources from their planned outputs", async () => {
    const { cloud, registry } = world();
    const plan = planOf([
      change(CONNECTOR, "corp", "noop", { prior: { id: "d-9", properties: {}, outputs: { directoryId: "d-9" } } }),
      change(TRUST, "x", "create", { desired: { directoryId: "${corp.directoryId}" }, dependsOn: ["ds/ad-connector.corp"] }),
    ]);
    const { result } = await run(plan, registry);
    expect(cloud.all(TRUST)[0].properties.directoryId).toBe("d-9");
    expect(Object.keys(result.outputs)).toEqual(["ds/ad-connector.corp", "ds/trust.x"]);
  });

  it("updates in place with the changed paths, and adds tags when adopting", async () => {
    const { cloud, registry } = world();
    const live = cloud.put(CONNECTOR, { properties: { ...connectorProps, alias: "old" }, outputs: { directoryId: "d-1" } });
    const plan = planOf([
      change(CONNECTOR, "corp", "update", {
        prior: { id: live.id, properties: live.properties, outputs: live.outputs },
        desired: { ...connectorProps, alias: "new" },
        changed: ["alias"],
        isAdoption: true,
      }),
    ]);
    const { result, events } = await run(plan, registry);
    expect(cloud.operations("update")).toEqual([{ operation: "update", type: CONNECTOR, target: "corp", changed: ["alias", "tags"] }]);
    expect(cloud.get(live.id)).toMatchObject({ properties: { alias: "new" }, owner: { stack: "demo", name: "corp" } });
    expect(events[1]).toEqual({ type: "step_started", address: "ds/ad-connector.corp", operation: "update", id: live.id });
    expect(result.outputs["ds/ad-connector.corp"]).toEqual({ directoryId: "d-1" });
  });

  it("deletes and waits until the resource is gone", async () => {
    const { cloud, registry } = world();
    const live = cloud.put(CONNECTOR, { properties: connectorProps, owner: { stack: "demo", name: "corp" } });
    const plan = planOf([change(CONNECTOR, "corp", "delete", { prior: { id: live.id, properties: {}, outputs: {} } })]);
    const { result } = await run(plan, registry);
    expect(cloud.all()).toEqual([]);
    expect(cloud.operations().map((c) => c.operation)).toEqual(["delete", "read"]);
    expect(result).toMatchObject({ done: 1, outputs: {} });
  });

  it("treats NotFound from a delete as success", async () => {
    const { cloud, registry } = world();
    cloud.failNext({ operation: "delete", error: fakeError("NotFound") });
    const plan = planOf([change(CONNECTOR, "corp", "delete", { prior: { id: "d-gone", properties: {}, outputs: {} } })]);
    const { result } = await run(plan, registry);
    expect(result).toMatchObject({ done: 1, failed: 0 });
  });

  it("replaces a directory and its trust: trust delete, dir delete, dir create, trust create", async () => {
    const { cloud, registry } = world();
    const dir = cloud.put(CONNECTOR, { properties: connectorProps, outputs: { directoryId: "d-old" }, owner: { stack: "demo", name: "corp" } });
    const trust = cloud.put(TRUST, { properties: { directoryId: dir.id, remoteDomainName: "o" } });
    const plan = planOf([
      change(CONNECTOR, "corp", "replace", { prior: { id: dir.id, properties: {}, outputs: dir.outputs }, desired: { ...connectorProps, size: "Large" } }),
      change(TRUST, "x", "replace", {
        prior: { id: trust.id, properties: {}, outputs: {} },
        desired: { directoryId: "${corp.directoryId}", remoteDomainName: "o" },
        dependsOn: ["ds/ad-connector.corp"],
      }),
    ]);
    const { result } = await run(plan, registry, { parallelism: 4 });
    const writes = cloud.calls.filter((c) => c.operation !== "read").map((c) => `${c.operation} ${c.type}`);
    expect(writes).toEqual([`delete ${TRUST}`, `delete ${CONNECTOR}`, `create ${CONNECTOR}`, `create ${TRUST}`]);
    const [newDir] = cloud.all(CONNECTOR);
    expect(cloud.all(TRUST)[0].properties.directoryId).toBe(newDir.id);
    expect(result.outputs["ds/ad-connector.corp"]).toMatchObject({ directoryId: newDir.id });
  });

  it("skips the dependents of a failed step, lets independent steps finish, and lists the failure", async () => {
    const { cloud, registry } = world();
    cloud.failNext({ operation: "create", target: "corp", error: fakeError("Invalid", "The VPC vpc-1 has no subnets") });
    const plan = planOf([
      change(CONNECTOR, "corp", "create", { desired: connectorProps }),
      change(TRUST, "x", "create", { desired: { directoryId: "${corp.directoryId}" }, dependsOn: ["ds/ad-connector.corp"] }),
      change("workspaces/directory", "ws", "create", { desired: { directoryId: "${x.trustId}" }, dependsOn: ["ds/trust.x"] }),
      change(CONNECTOR, "other", "create", { desired: { ...connectorProps, name: "other.example.com" } }),
    ]);
    const { result, events } = await run(plan, registry, { parallelism: 1 });
    expect(outline(events)).toEqual([
      "plan demo",
      "start ds/ad-connector.corp#create",
      "failed ds/ad-connector.corp#create: FakeInvalidException: The VPC vpc-1 has no subnets",
      "skipped ds/trust.x#create: upstream failed: ds/ad-connector.corp",
      "skipped workspaces/directory.ws#create: upstream failed: ds/ad-connector.corp",
      "start ds/ad-connector.other#create",
      "done ds/ad-connector.other#create",
      "summary done=1 failed=1 interruptedSteps=0 skipped=2 notStarted=0",
    ]);
    expect(result).toMatchObject({
      done: 1,
      failed: 1,
      skipped: 2,
      interrupted: false,
      failures: [{ address: "ds/ad-connector.corp", operation: "create", message: "FakeInvalidException: The VPC vpc-1 has no subnets" }],
    });
    expect(cloud.operations("create").map((c) => c.target)).toEqual(["corp", "other"]);
  });

  it("names the call that failed a step, and how often it was sent", async () => {
    const { cloud, registry } = world();
    const failure = fakeError("Invalid", "The VPC vpc-1 has no subnets").withContext({ operation: "ds ConnectDirectory", attempts: 2 });
    cloud.failNext({ operation: "create", target: "corp", error: failure });
    const { result } = await run(planOf([change(CONNECTOR, "corp", "create", { desired: connectorProps })]), registry);
    expect(result.failures).toEqual([
      { address: "ds/ad-connector.corp", operation: "create", message: "ds ConnectDirectory failed after 2 attempts: FakeInvalidException: The VPC vpc-1 has no subnets" },
    ]);
  });

  it("retries a throttled create and then succeeds", async () => {
    const { cloud, registry } = world();
    cloud.failNext({ operation: "create", error: fakeError("Throttled"), times: 2 });
    const { result } = await run(planOf([change(CONNECTOR, "corp", "create", { desired: connectorProps })]), registry);
    expect(result.done).toBe(1);
    expect(cloud.operations("create")).toHaveLength(3);
    expect(cloud.all(CONNECTOR)).toHaveLength(1);
  });

  it("refuses to start when a kind in the plan is not registered", async () => {
    const { registry } = world();
    const plan = planOf([change("ds/unknown", "u", "create")]);
    await expect(
      applyPlan(plan, { registry, ctx: fakeContext(), reporter: () => {}, resolveSecret: () => "" }),
    ).rejects.toBeInstanceOf(InternalError);
  });

  it("runs no more than `parallelism` steps at once", async () => {
    const { result, peakCreates } = await runIndependentCreates(9, 3);
    expect(result.done).toBe(9);
    expect(peakCreates).toBe(3);
  });
});
