import { describe, expect, it } from "vitest";
import type { DesiredResourceSpec } from "../../src/core/desired.js";
import type { JsonObject } from "../../src/core/json.js";
import type { Change, Plan } from "../../src/core/plan.js";
import type { Owner } from "../../src/core/resource-kind.js";
import { isSecretSource, resolveReferences } from "../../src/core/values.js";
import { ownedByOtherStack } from "../../src/planner/ownership.js";
import { planChanges } from "../../src/planner/plan.js";
import { desiredState, exampleKinds, FakeCloud, fakeContext, resourceSpec, TEST_STACK } from "../support/fake-kinds.js";
import { corpLive, corpProperties, putCorpConnector } from "./corp-connector.js";

const corp = (overrides: JsonObject = {}, extra: Partial<DesiredResourceSpec> = {}) =>
  resourceSpec("ds/ad-connector", "corp", { ...corpProperties, ...overrides }, extra);
const forest = () =>
  resourceSpec("ds/trust", "forest", { directoryId: "${corp.directoryId}", remoteDomainName: "onprem.example.com", trustDirection: "Two-Way", trustPassword: { env: "TRUST_PASSWORD" } });
const desk = () => resourceSpec("workspaces/directory", "desk", { directoryId: "${corp.directoryId}", selfservicePermissions: { restartWorkspace: "ENABLED" } });

function world() {
  const cloud = new FakeCloud();
  const kinds = exampleKinds(cloud);
  const putCorp = (owner?: Owner | null) => putCorpConnector(cloud, owner);
  const putTrust = (directoryId = "d-1111111111") =>
    cloud.put("ds/trust", { id: "t-2222222222", properties: { directoryId, remoteDomainName: "onprem.example.com", trustDirection: "Two-Way" }, outputs: { trustId: "t-2222222222" } });
  const plan = (resources: DesiredResourceSpec[], mode: "apply" | "destroy" = "apply") =>
    planChanges({ desired: desiredState(resources), registry: kinds.registry, ctx: fakeContext(), mode });
  return { cloud, kinds, putCorp, putTrust, plan };
}

/** What apply does with `{ env: NAME }` sources: a real value goes to the kind (and nowhere else). */
const revealSecrets = (properties: JsonObject): JsonObject =>
  Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, isSecretSource(v) ? "secret-value" : v]));

const byAddress = (plan: Plan, address: string): Change => {
  const change = plan.changes.find((c) => c.address === address);
  if (!change) throw new Error(`no change for ${address}: ${plan.changes.map((c) => c.address).join(", ")}`);
  return change;
};
const actions = (plan: Plan) => plan.changes.map((c) => `${c.action} ${c.address}`);

describe("planChanges", () => {
  it("creates what does not exist, dependencies first, with unknown references", async () => {
    const { plan } = world();
    const result = await plan([desk(), forest(), corp()]);
    expect(actions(result)).toEqual(["create ds/ad-connector.corp", "create ds/trust.forest", "create workspaces/directory.desk"]);
    expect(result.summary).toEqual({ create: 3, update: 0, replace: 0, delete: 0, noop: 0 });
    const trust = byAddress(result, "ds/trust.forest");
    expect(trust.dependsOn).toEqual(["ds/ad-connector.corp"]);
    expect(trust.attributes.find((a) => a.path === "directoryId")).toEqual({ path: "directoryId", isUnknown: true, isChanged: true });
    expect(trust.desired).toEqual(forest().properties);
    expect(trust.prior).toBeUndefined();
  });

  it("plans nothing when live matches, and the plan never holds a secret", async () => {
    const { plan, putCorp, putTrust } = world();
    putCorp();
    putTrust();
    const result = await plan([corp(), forest()]);
    expect(actions(result)).toEqual(["noop ds/ad-connector.corp", "noop ds/trust.forest"]);
    expect(byAddress(result, "ds/ad-connector.corp").prior?.owner).toEqual({ stack: TEST_STACK, name: "corp" });
    expect(JSON.stringify(result)).not.toMatch(/hunter|secret-value/);
  });

  it("updates in place and replaces by replaceOn, delete-first by default", async () => {
    const { plan, putCorp } = world();
    putCorp();
    const updated = await plan([corp({ tags: { team: "platform" } })]);
    expect(byAddress(updated, "ds/ad-connector.corp")).toMatchObject({ action: "update", replacePaths: [] });
    const replaced = await plan([corp({ size: "Large" })]);
    expect(byAddress(replaced, "ds/ad-connector.corp")).toMatchObject({ action: "replace", replacePaths: ["size"], replaceOrder: "delete-first" });
  });

  it("propagates a replacement to dependents through unknown references", async () => {
    const { plan, putCorp, putTrust } = world();
    putCorp();
    putTrust();
    const result = await plan([corp({ connectSettings: { vpcId: "vpc-2", subnetIds: ["subnet-a", "subnet-b"], customerUserName: "svc" } }), forest()]);
    expect(actions(result)).toEqual(["replace ds/ad-connector.corp", "replace ds/trust.forest"]);
    expect(byAddress(result, "ds/trust.forest").replacePaths).toEqual(["directoryId"]);
  });

  it("deletes owned resources that left the file, children before parents", async () => {
    const { plan, putCorp, putTrust } = world();
    putCorp();
    putTrust();
    const result = await plan([]);
    expect(actions(result)).toEqual(["delete ds/trust.t-2222222222", "delete ds/ad-connector.corp"]);
    const trust = result.changes[0];
    expect(trust.reasons).toEqual(["because it is not in the file"]);
    expect(trust.dependsOn).toEqual(["ds/ad-connector.corp"]);
    expect(trust.prior?.id).toBe("t-2222222222");
    expect(trust.desired).toBeUndefined();
    expect(trust.attributes).toContainEqual({ path: "remoteDomainName", before: "onprem.example.com", isChanged: true });
  });

  it("keeps untaggable children matched by natural key under an owned parent", async () => {
    const { plan, putCorp, putTrust } = world();
    putCorp();
    putTrust();
    const result = await plan([corp()]);
    expect(actions(result)).toEqual(["noop ds/ad-connector.corp", "delete ds/trust.t-2222222222"]);
    const kept = await plan([corp(), forest()]);
    expect(byAddress(kept, "ds/trust.forest").prior?.id).toBe("t-2222222222");
  });

  it("deletes on ensure: absent, and leaves absent-and-gone out", async () => {
    const { plan, putCorp } = world();
    putCorp();
    const result = await plan([corp({}, { ensure: "absent" }), resourceSpec("workspaces/directory", "gone", { directoryId: "d-9" }, { ensure: "absent" })]);
    expect(actions(result)).toEqual(["delete ds/ad-connector.corp"]);
    expect(result.changes[0].reasons).toEqual(["because ensure is absent"]);
  });

  it("never touches a resource another stack owns, and says so", async () => {
    const { plan, putCorp, cloud } = world();
    putCorp({ stack: "other", name: "corp" });
    const result = await plan([corp({ size: "Large" })]);
    const change = byAddress(result, "ds/ad-connector.corp");
    expect(change).toMatchObject({ action: "noop", attributes: [] });
    expect(change.reasons).toEqual(["owned by stack 'other' (adstack:stack tag); adstack will not touch it"]);
    expect(ownedByOtherStack(change, result.stack)).toBe("other");
    expect(cloud.operations("find").map((c) => c.target)).toEqual(["corp"]);
  });

  it("adopts an untagged resource by writing ownership tags, never replacing for a write-only field", async () => {
    const { plan, putCorp } = world();
    putCorp(null);
    const result = await plan([corp()]);
    const change = byAddress(result, "ds/ad-connector.corp");
    expect(change).toMatchObject({ action: "update", isAdoption: true, replacePaths: [] });
    expect(change.reasons).toEqual(["adopting untagged d-1111111111 found by natural key"]);
    expect(change.attributes.filter((a) => a.isChanged)).toEqual([
      { path: "tags.adstack:name", after: "corp", isChanged: true },
      { path: "tags.adstack:stack", after: TEST_STACK, isChanged: true },
    ]);
    expect(change.attributes.find((a) => a.path === "password")).toEqual({ path: "password", isSensitive: true, isChanged: false });
  });

  it("adopts an untaggable child found outside the stack as a noop", async () => {
    const { plan, putCorp, putTrust } = world();
    putCorp(null);
    putTrust();
    const result = await plan([
      resourceSpec("ds/trust", "forest", { directoryId: "d-1111111111", remoteDomainName: "onprem.example.com", trustDirection: "Two-Way" }),
    ]);
    expect(byAddress(result, "ds/trust.forest")).toMatchObject({ action: "noop", isAdoption: true });
  });

  it("destroys everything the stack owns, children first, ignoring the file's edits", async () => {
    const { plan, putCorp, putTrust, cloud } = world();
    putCorp();
    putTrust();
    cloud.put("ds/ad-connector", { id: "d-3333333333", properties: corpLive, outputs: {}, owner: { stack: "other", name: "x" } });
    const result = await plan([corp({ size: "Large" }), forest()], "destroy");
    expect(result.mode).toBe("destroy");
    expect(actions(result)).toEqual(["delete ds/trust.forest", "delete ds/ad-connector.corp"]);
    expect(result.changes.every((c) => c.reasons.length === 0)).toBe(true);
    expect(cloud.operations("find")).toEqual([]);
  });

  it("orders the same input the same way every time", async () => {
    const resources = [desk(), forest(), corp(), resourceSpec("ds/ad-connector", "alpha", { ...corpProperties, name: "alpha.example.com" })];
    const first = await world().plan(resources);
    const second = await world().plan([...resources].reverse());
    expect(actions(second)).toEqual(actions(first));
    expect(actions(first)).toEqual([
      "create ds/ad-connector.alpha",
      "create ds/ad-connector.corp",
      "create ds/trust.forest",
      "create workspaces/directory.desk",
    ]);
  });

  it("shows a failed live resource's status", async () => {
    const { plan, putCorp, cloud } = world();
    putCorp();
    cloud.setReadiness("d-1111111111", { state: "failed", reason: "DNS unreachable" });
    const result = await plan([corp()]);
    expect(byAddress(result, "ds/ad-connector.corp").status).toEqual({ state: "failed", reason: "DNS unreachable" });
  });

  it("converges: creating what the plan says, then planning again, is all noop", async () => {
    const { plan, kinds, cloud } = world();
    const resources = [corp(), forest(), desk()];
    const first = await plan(resources);
    const ctx = fakeContext();
    for (const change of first.changes) {
      const kind = kinds.registry.get(change.type)!;
      const outputs = (name: string) => cloud.all().find((l) => l.owner?.name === name)?.outputs ?? {};
      const properties = resolveReferences(change.desired!, (ref) => outputs(ref.resource)[ref.attribute] ?? null) as JsonObject;
      await kind.create(ctx, { name: change.name, properties: revealSecrets(properties) });
    }
    const second = await plan(resources);
    expect(actions(second)).toEqual(["noop ds/ad-connector.corp", "noop ds/trust.forest", "noop workspaces/directory.desk"]);
  });
});
