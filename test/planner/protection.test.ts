import { describe, expect, it } from "vitest";
import type { DesiredResourceSpec } from "../../src/core/desired.js";
import type { JsonObject } from "../../src/core/json.js";
import { assertDestroyAllowed } from "../../src/cli/guards.js";
import { ExitError } from "../../src/core/errors.js";
import { planChanges } from "../../src/planner/plan.js";
import { findGuardedDestruction, findProtectedDestruction } from "../../src/planner/protection.js";
import { desiredState, exampleKinds, FakeCloud, fakeContext, resourceSpec, TEST_STACK } from "../support/fake-kinds.js";

const corpLive: JsonObject = { name: "corp.example.com", size: "Small", connectSettings: { vpcId: "vpc-1", subnetIds: ["subnet-a"], customerUserName: "svc" } };
const corp = (overrides: JsonObject, extra: Partial<DesiredResourceSpec> = {}) =>
  resourceSpec("ds/ad-connector", "corp", { ...corpLive, ...overrides }, { position: { file: "stack.yaml", line: 7, col: 3 }, ...extra });
const trust = (direction: string, extra: Partial<DesiredResourceSpec> = {}) =>
  resourceSpec("ds/trust", "forest", { directoryId: "${corp.directoryId}", remoteDomainName: "onprem.example.com", trustDirection: direction }, extra);

async function planOf(resources: DesiredResourceSpec[], mode: "apply" | "destroy" = "apply") {
  const cloud = new FakeCloud();
  const kinds = exampleKinds(cloud);
  cloud.put("ds/ad-connector", { id: "d-1111111111", properties: corpLive, outputs: { directoryId: "d-1111111111" }, owner: { stack: TEST_STACK, name: "corp" } });
  cloud.put("ds/trust", { id: "t-1", properties: { directoryId: "d-1111111111", remoteDomainName: "onprem.example.com", trustDirection: "Two-Way" } });
  const desired = desiredState(resources);
  return { desired, plan: await planChanges({ desired, registry: kinds.registry, ctx: fakeContext(), mode }) };
}

describe("findProtectedDestruction", () => {
  it("names a protected resource a plan would replace, where the flag is, and the fields forcing it", async () => {
    const { desired, plan } = await planOf([corp({ size: "Large" }, { protect: true }), trust("Two-Way")]);
    expect(findProtectedDestruction(plan, desired)).toEqual([
      'ds/ad-connector.corp has protect: true (stack.yaml:7:3), but this plan would replace it (forced by size: "Small" -> "Large")',
    ]);
  });

  it("covers a dependent replaced through an unknown reference, ensure: absent and destroy", async () => {
    const replaced = await planOf([corp({ size: "Large" }), trust("Two-Way", { protect: true })]);
    expect(findProtectedDestruction(replaced.plan, replaced.desired)).toEqual([
      'ds/trust.forest has protect: true (stack.yaml:1:1), but this plan would replace it (forced by directoryId: "d-1111111111" -> (known after apply))',
    ]);
    const absent = await planOf([corp({}, { protect: true, ensure: "absent" })]);
    expect(findProtectedDestruction(absent.plan, absent.desired)).toEqual([
      "ds/ad-connector.corp has protect: true (stack.yaml:7:3), but this plan would delete it (because ensure is absent)",
    ]);
    const destroyed = await planOf([corp({}, { protect: true }), trust("Two-Way")], "destroy");
    expect(findProtectedDestruction(destroyed.plan, destroyed.desired)).toEqual([
      "ds/ad-connector.corp has protect: true (stack.yaml:7:3), but this plan would delete it (adstack destroy deletes everything the stack owns)",
    ]);
  });

  it("lets updates through, and deletes or replacements of unprotected resources", async () => {
    const { desired, plan } = await planOf([corp({ tags: { team: "x" } }, { protect: true }), trust("One-Way: Outgoing")]);
    expect(plan.changes.map((c) => c.action)).toEqual(["update", "replace"]);
    expect(findProtectedDestruction(plan, desired)).toEqual([]);
  });
});

describe("findGuardedDestruction", () => {
  it("lists only directories that a plan deletes or replaces", async () => {
    const trustOnly = await planOf([corp({}), trust("One-Way: Outgoing")]);
    expect(findGuardedDestruction(trustOnly.plan)).toEqual([]);
    const directory = await planOf([corp({ size: "Large" }), trust("Two-Way")]);
    expect(findGuardedDestruction(directory.plan).map((c) => `${c.action} ${c.address}`)).toEqual(["replace ds/ad-connector.corp"]);
    const destroyed = await planOf([], "destroy");
    expect(findGuardedDestruction(destroyed.plan).map((c) => `${c.action} ${c.address}`)).toEqual(["delete ds/ad-connector.corp"]);
  });
});

describe("assertDestroyAllowed", () => {
  it("asks for --allow-destroy only when nobody confirms at a prompt and a directory goes away", async () => {
    const { plan } = await planOf([corp({ size: "Large" }), trust("Two-Way")]);
    expect(() => assertDestroyAllowed(plan, { isInteractive: true, allowDestroy: false })).not.toThrow();
    expect(() => assertDestroyAllowed(plan, { isInteractive: false, allowDestroy: true })).not.toThrow();
    expect(() => assertDestroyAllowed(plan, { isInteractive: false, allowDestroy: false })).toThrow(ExitError);
    expect(() => assertDestroyAllowed(plan, { isInteractive: false, allowDestroy: false })).toThrow(/run again with --allow-destroy/);
    const trustOnly = await planOf([corp({}), trust("One-Way: Outgoing")]);
    expect(() => assertDestroyAllowed(trustOnly.plan, { isInteractive: false, allowDestroy: false })).not.toThrow();
  });
});
