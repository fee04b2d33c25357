import { describe, expect, it } from "vitest";
import { buildRegistry } from "../../src/core/registry.js";
import type { ResourceKind } from "../../src/core/resource-kind.js";
import { FakeCloud, fakeError, fakeKind, type FakeKindOptions } from "../support/fake-kinds.js";
import { run } from "./harness.js";
import { change, planOf } from "./plans.js";

/** The create goes through on the service, but the response is lost: the caller sees a 5xx. */
function losingFirstResponse(kind: ResourceKind, times = 1): ResourceKind {
  let left = times;
  return {
    ...kind,
    create: async (ctx, desired) => {
      const live = await kind.create(ctx, desired);
      if (left-- > 0) throw fakeError("Unavailable", "connection reset by peer");
      return live;
    },
  };
}

const byName = (p: { name?: unknown }) => (typeof p.name === "string" ? p.name : undefined);

function setup(options: Partial<FakeKindOptions> & { times?: number } = {}) {
  const cloud = new FakeCloud();
  const kind = fakeKind(cloud, { type: "ds/ad-connector", isCreateIdempotent: false, naturalKey: byName, ...options });
  return { cloud, registry: buildRegistry([losingFirstResponse(kind, options.times)]) };
}

const plan = planOf([change("ds/ad-connector", "corp", "create", { desired: { name: "corp.example.com" } })]);

describe("never twice", () => {
  it("finds and takes the resource an ambiguous create made instead of creating again", async () => {
    const { cloud, registry } = setup();
    const { result } = await run(plan, registry);
    expect(result).toMatchObject({ done: 1, failed: 0 });
    expect(cloud.all("ds/ad-connector")).toHaveLength(1);
    expect(cloud.operations().filter((c) => c.operation !== "read").map((c) => c.operation)).toEqual(["create", "find"]);
    expect(result.outputs["ds/ad-connector.corp"]).toEqual({ id: cloud.all()[0].id, arn: expect.any(String) });
  });

  it("keeps looking first on every later attempt, even after a different error", async () => {
    const { cloud, registry } = setup();
    cloud.failNext({ operation: "find", error: fakeError("Throttled") });
    const { result } = await run(plan, registry);
    expect(result.done).toBe(1);
    expect(cloud.all("ds/ad-connector")).toHaveLength(1);
    expect(cloud.operations().filter((c) => c.operation !== "read").map((c) => c.operation)).toEqual(["create", "find", "find"]);
  });

  it("creates again when nothing of this stack and name is found", async () => {
    const { cloud, registry } = setup();
    // The earlier attempt's resource is owned by someone else as far as the lookup can tell.
    const kind = registry.get("ds/ad-connector")!;
    const foreign: ResourceKind = {
      ...kind,
      find: async (ctx, desired) => {
        const found = await kind.find(ctx, desired);
        return found && { ...found, owner: { stack: "other-stack", name: "corp" } };
      },
    };
    const { result } = await run(plan, buildRegistry([foreign]));
    expect(result.done).toBe(1);
    expect(cloud.all("ds/ad-connector")).toHaveLength(2);
  });

  it("retries without looking when the kind's create is idempotent", async () => {
    const { cloud, registry } = setup({ isCreateIdempotent: true });
    await run(plan, registry);
    expect(cloud.operations("find")).toHaveLength(0);
    expect(cloud.operations("create")).toHaveLength(2);
    // The fake's create really is not idempotent: this is the duplicate the lookup prevents.
    expect(cloud.all("ds/ad-connector")).toHaveLength(2);
  });

  it("takes an untaggable child by natural key under a parent the stack owns", async () => {
    const cloud = new FakeCloud();
    const parent = cloud.put("ds/ad-connector", { id: "d-1", properties: {}, owner: { stack: "demo", name: "corp" } });
    const trustKind = fakeKind(cloud, {
      type: "ds/trust",
      ownership: "parent",
      parentPaths: ["directoryId"],
      isCreateIdempotent: false,
      naturalKey: (p) => `${String(p.directoryId)}|${String(p.remoteDomainName)}`,
    });
    const trustPlan = planOf([
      change("ds/trust", "x", "create", { desired: { directoryId: parent.id, remoteDomainName: "other.example.com" } }),
    ]);
    const { result } = await run(trustPlan, buildRegistry([losingFirstResponse(trustKind)]));
    expect(result.done).toBe(1);
    expect(cloud.all("ds/trust")).toHaveLength(1);
  });
});
