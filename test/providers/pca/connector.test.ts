import { describe, expect, it } from "vitest";
import { CreateConnectorCommand } from "../../../src/providers/pca/client.js";
import { pcaConnector as kind } from "../../../src/providers/pca/connector.js";
import {
  CA_ARN,
  connectorProperties,
  CREATE_DELAY_MS,
  createReady,
  DELETE_DELAY_MS,
  harnessPerTest,
  planAction,
  readFresh,
  STACK,
  UNREACHABLE_CA_ARN,
} from "./pca-harness.js";

const h = harnessPerTest();

describe("pca/connector", () => {
  it("creates with ownership tags, waits CREATING → ACTIVE and reads back what was asked", async () => {
    const ctx = h.context();
    const desired = { name: "connector", properties: connectorProperties() };
    const created = await kind.create(ctx, desired);
    expect(kind.readiness((await readFresh(kind, ctx, created.id))!)).toEqual({ state: "pending", reason: "CREATING" });

    h.advance(CREATE_DELAY_MS);
    const live = (await readFresh(kind, ctx, created.id))!;
    expect(kind.readiness(live)).toEqual({ state: "ready" });
    expect(live.owner).toEqual({ stack: STACK, name: "connector" });
    expect(live.properties).toEqual({
      certificateAuthorityArn: CA_ARN,
      directoryId: "d-1234567890",
      vpcInformation: { securityGroupIds: ["sg-0123456789abcdef0", "sg-01234567"], ipAddressType: "IPV4" },
      tags: { team: "pki" },
    });
    expect(live.outputs).toMatchObject({ arn: created.id, status: "ACTIVE" });
    expect(live.outputs.certificateEnrollmentPolicyServerEndpoint).toMatch(/^https:\/\//);
    expect(planAction(kind, desired.properties, live)).toBe("noop");
  });

  it("treats security groups as a set and every field but tags as a replacement", async () => {
    const ctx = h.context();
    const live = await createReady(h, kind, ctx, { name: "connector", properties: connectorProperties() });
    const reordered = connectorProperties();
    reordered.vpcInformation = { securityGroupIds: ["sg-01234567", "sg-0123456789abcdef0"], ipAddressType: "IPV4" };
    expect(planAction(kind, reordered, live)).toBe("noop");
    expect(planAction(kind, { ...connectorProperties(), tags: { team: "security" } }, live)).toBe("update");
    expect(planAction(kind, { ...connectorProperties(), vpcInformation: { securityGroupIds: ["sg-01234567"] } }, live)).toBe("replace");
    expect(planAction(kind, { ...connectorProperties(), directoryId: "d-0000000001" }, live)).toBe("replace");
  });

  it("changes tags in place and keeps the ownership tags", async () => {
    const ctx = h.context();
    const live = await createReady(h, kind, ctx, { name: "connector", properties: connectorProperties() });
    const next = { ...connectorProperties(), tags: { owner: "platform" } };
    await kind.update!(ctx, live, { name: "connector", properties: next }, ["tags.team", "tags.owner"]);
    const updated = (await readFresh(kind, ctx, live.id))!;
    expect(updated.properties.tags).toEqual({ owner: "platform" });
    expect(updated.owner).toEqual({ stack: STACK, name: "connector" });
    expect(planAction(kind, next, updated)).toBe("noop");
  });

  it("repeats a create with the same ClientToken instead of making a second connector", async () => {
    const ctx = h.context();
    const desired = { name: "connector", properties: connectorProperties() };
    const first = await kind.create(ctx, desired);
    const second = await kind.create(ctx, desired);
    expect(second.id).toBe(first.id);
  });

  it("lists only this stack's connectors and finds an untagged one by directory and CA", async () => {
    const ctx = h.context();
    const ours = await createReady(h, kind, ctx, { name: "connector", properties: connectorProperties() });
    await h.client().send(
      new CreateConnectorCommand({ CertificateAuthorityArn: CA_ARN, DirectoryId: "d-0000000002", VpcInformation: { SecurityGroupIds: ["sg-01234567"] } }),
    );
    const fresh = h.context();
    expect((await kind.list(fresh)).map((live) => live.id)).toEqual([ours.id]);
    expect(await kind.list(h.context("another-stack"))).toEqual([]);

    const adopted = await kind.find(fresh, { name: "legacy", properties: connectorProperties("d-0000000002") });
    expect(adopted).toBeDefined();
    expect(adopted!.owner).toBeUndefined();
    expect(await kind.find(fresh, { name: "connector", properties: connectorProperties("d-0000000003") })).toMatchObject({ id: ours.id });
  });

  it("reports a failed creation with the service's status reason", async () => {
    const ctx = h.context();
    const created = await kind.create(ctx, { name: "broken", properties: connectorProperties("d-1234567890", UNREACHABLE_CA_ARN) });
    h.advance(CREATE_DELAY_MS);
    const live = (await readFresh(kind, ctx, created.id))!;
    expect(kind.readiness(live)).toEqual({ state: "failed", reason: "PRIVATECA_RESOURCE_NOT_FOUND" });
    expect(live.outputs).toMatchObject({ status: "FAILED", statusReason: "PRIVATECA_RESOURCE_NOT_FOUND" });
  });

  it("deletes through DELETING until it is gone, and deleting again is a no-op", async () => {
    const ctx = h.context();
    const live = await createReady(h, kind, ctx, { name: "connector", properties: connectorProperties() });
    await kind.delete(ctx, live);
    const deleting = (await readFresh(kind, ctx, live.id))!;
    expect(kind.readiness(deleting)).toEqual({ state: "pending", reason: "DELETING" });
    expect(await kind.list(ctx)).toEqual([]);
    h.advance(DELETE_DELAY_MS);
    expect(await readFresh(kind, ctx, live.id)).toBeUndefined();
    await expect(kind.delete(ctx, live)).resolves.toBeUndefined();
  });

  it("reads each listing once per run", async () => {
    const ctx = h.context();
    await createReady(h, kind, ctx, { name: "connector", properties: connectorProperties() });
    const fresh = h.context();
    h.cloud.resetStats();
    await kind.list(fresh);
    await kind.find(fresh, { name: "connector", properties: connectorProperties() });
    expect(h.cloud.stats().calls).toEqual({ "pca-connector-ad:ListConnectors": 1, "pca-connector-ad:ListTagsForResource": 1 });
  });
});
