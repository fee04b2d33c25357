import { describe, expect, it } from "vitest";
import type { JsonObject } from "../../../src/core/json.js";
import type { KindContext } from "../../../src/core/resource-kind.js";
import { diffResource } from "../../../src/planner/diff.js";
import { pcaConnector } from "../../../src/providers/pca/connector.js";
import { pcaTemplate as kind } from "../../../src/providers/pca/template.js";
import {
  computerTemplateDefinition,
  connectorProperties,
  CREATE_DELAY_MS,
  DELETE_DELAY_MS,
  harnessPerTest,
  planAction,
  readFresh,
  STACK,
} from "./pca-harness.js";

const h = harnessPerTest();

async function activeConnector(ctx: KindContext, directoryId = "d-1234567890"): Promise<string> {
  const connector = await pcaConnector.create(ctx, { name: `connector-${directoryId}`, properties: connectorProperties(directoryId) });
  h.advance(CREATE_DELAY_MS);
  return connector.id;
}

const templateProperties = (connectorArn: string, definition: JsonObject = computerTemplateDefinition()): JsonObject => ({
  connectorArn,
  name: "Computer",
  definition,
  tags: { purpose: "machines" },
});

/** The V2 block of a definition, for edits. */
const v2 = (definition: JsonObject) => definition.templateV2 as Record<string, Record<string, unknown>>;

describe("pca/template", () => {
  it("creates synchronously and reads back a definition that plans as no change", async () => {
    const ctx = h.context();
    const properties = templateProperties(await activeConnector(ctx));
    const created = await kind.create(ctx, { name: "computer", properties });
    const live = (await readFresh(kind, ctx, created.id))!;
    expect(kind.readiness(live)).toEqual({ state: "ready" });
    expect(live.owner).toEqual({ stack: STACK, name: "computer" });
    expect(live.properties).toMatchObject({ connectorArn: properties.connectorArn, name: "Computer", tags: { purpose: "machines" } });
    expect(live.outputs).toMatchObject({ arn: created.id, policySchema: 2, revision: { majorRevision: 1, minorRevision: 0 }, status: "ACTIVE" });
    expect(live.outputs.objectIdentifier).toMatch(/^([0-2])\.([0-9]|([0-3][0-9]))(\.([0-9]+)){0,126}$/);
    expect(planAction(kind, properties, live)).toBe("noop");
  });

  it.each<[string, number, JsonObject]>([
    [
      "templateV3",
      3,
      {
        hashAlgorithm: "SHA384",
        privateKeyAttributes: {
          algorithm: "ECDH_P384",
          keySpec: "SIGNATURE",
          keyUsageProperty: { propertyFlags: { sign: true } },
          minimalKeyLength: 384,
          cryptoProviders: ["Microsoft Software Key Storage Provider"],
        },
        privateKeyFlags: { clientVersion: "WINDOWS_SERVER_2012", requireAlternateSignatureAlgorithm: true },
      },
    ],
    [
      "templateV4",
      4,
      {
        hashAlgorithm: "SHA256",
        privateKeyAttributes: { algorithm: "RSA", keySpec: "KEY_EXCHANGE", keyUsageProperty: { propertyType: "ALL" }, minimalKeyLength: 2048 },
        privateKeyFlags: { clientVersion: "WINDOWS_SERVER_2016", requireSameKeyRenewal: true, useLegacyProvider: false },
        supersededTemplates: ["Workstation", "Machine"],
      },
    ],
  ])("round-trips a %s definition through the service as no change (policy schema %i)", async (arm, policySchema, own) => {
    const ctx = h.context();
    const { privateKeyAttributes: _v2Key, privateKeyFlags: _v2Flags, ...shared } = computerTemplateDefinition().templateV2 as JsonObject;
    const definition: JsonObject = { [arm]: { ...shared, ...own } };
    const properties = templateProperties(await activeConnector(ctx), definition);
    const live = (await readFresh(kind, ctx, (await kind.create(ctx, { name: "computer", properties })).id))!;
    expect(live.outputs.policySchema).toBe(policySchema);
    expect(Object.keys(live.properties.definition as JsonObject)).toEqual([arm]);
    expect(planAction(kind, properties, live)).toBe("noop");
  });

  it("compares omitted booleans as false and set-like lists in any order", async () => {
    const ctx = h.context();
    const properties = templateProperties(await activeConnector(ctx));
    const live = (await readFresh(kind, ctx, (await kind.create(ctx, { name: "computer", properties })).id))!;

    const equivalent = computerTemplateDefinition();
    v2(equivalent).privateKeyFlags = { clientVersion: "WINDOWS_SERVER_2012_R2" };
    v2(equivalent).enrollmentFlags = { includeSymmetricAlgorithms: true, userInteractionRequired: false };
    v2(equivalent).extensions = {
      keyUsage: { critical: true, usageFlags: { keyEncipherment: true, digitalSignature: true } },
      applicationPolicies: { policies: [{ policyType: "CLIENT_AUTHENTICATION" }, { policyType: "SERVER_AUTHENTICATION" }] },
    };
    const providers = (v2(equivalent).privateKeyAttributes as { cryptoProviders: string[] }).cryptoProviders;
    providers.reverse();
    expect(planAction(kind, templateProperties(properties.connectorArn as string, equivalent), live)).toBe("noop");

    const changed = computerTemplateDefinition();
    v2(changed).privateKeyFlags = { clientVersion: "WINDOWS_SERVER_2012_R2", exportableKey: true };
    const diff = diffResource({ kind, desired: templateProperties(properties.connectorArn as string, changed), live: live.properties });
    expect(diff.action).toBe("update");
    expect(diff.attributes.filter((a) => a.isChanged).map((a) => a.path)).toEqual(["definition.templateV2.privateKeyFlags.exportableKey"]);
  });

  it("updates the definition in place, raising the minor revision, and the major one when asked to re-enroll", async () => {
    const ctx = h.context();
    const properties = templateProperties(await activeConnector(ctx));
    const live = (await readFresh(kind, ctx, (await kind.create(ctx, { name: "computer", properties })).id))!;
    const definition = computerTemplateDefinition();
    v2(definition).generalFlags = { autoEnrollment: false, machineType: true };
    const next = templateProperties(properties.connectorArn as string, definition);
    await kind.update!(ctx, live, { name: "computer", properties: next }, ["definition.templateV2.generalFlags.autoEnrollment"]);
    const updated = (await readFresh(kind, ctx, live.id))!;
    expect(updated.outputs.revision).toEqual({ majorRevision: 1, minorRevision: 1 });
    expect(planAction(kind, next, updated)).toBe("noop");

    v2(definition).generalFlags = { autoEnrollment: true, machineType: true };
    const reenrolling = { ...templateProperties(properties.connectorArn as string, definition), reenrollAllCertificateHolders: true };
    await kind.update!(ctx, updated, { name: "computer", properties: reenrolling }, ["definition.templateV2.generalFlags.autoEnrollment"]);
    const reenrolled = (await readFresh(kind, ctx, live.id))!;
    expect(reenrolled.outputs.revision).toEqual({ majorRevision: 2, minorRevision: 0 });
    // The option is never compared: it stays in the file without planning anything.
    expect(planAction(kind, reenrolling, reenrolled)).toBe("noop");
  });

  it("changes tags in place and replaces on a new name or connector", async () => {
    const ctx = h.context();
    const properties = templateProperties(await activeConnector(ctx));
    const live = (await readFresh(kind, ctx, (await kind.create(ctx, { name: "computer", properties })).id))!;
    expect(planAction(kind, { ...properties, name: "Workstation" }, live)).toBe("replace");
    expect(planAction(kind, { ...properties, connectorArn: await activeConnector(ctx, "d-0000000002") }, live)).toBe("replace");
    const next = { ...properties, tags: { purpose: "servers" } };
    expect(planAction(kind, next, live)).toBe("update");
    await kind.update!(ctx, live, { name: "computer", properties: next }, ["tags.purpose"]);
    expect(planAction(kind, next, (await readFresh(kind, ctx, live.id))!)).toBe("noop");
  });

  it("is found by tags under any connector, else by name under its connector", async () => {
    const ctx = h.context();
    const properties = templateProperties(await activeConnector(ctx));
    const created = await kind.create(ctx, { name: "computer", properties });
    const fresh = h.context();
    expect((await kind.list(fresh)).map((live) => live.id)).toEqual([created.id]);
    expect(await kind.find(fresh, { name: "computer", properties: { ...properties, name: "Renamed" } })).toMatchObject({ id: created.id });
    const other = h.context("another-stack");
    expect(await kind.list(other)).toEqual([]);
    expect(await kind.find(other, { name: "computer", properties })).toMatchObject({ id: created.id, owner: { stack: STACK } });
  });

  it("deletes through DELETING until gone", async () => {
    const ctx = h.context();
    const properties = templateProperties(await activeConnector(ctx));
    const live = (await readFresh(kind, ctx, (await kind.create(ctx, { name: "computer", properties })).id))!;
    await kind.delete(ctx, live);
    expect(kind.readiness((await readFresh(kind, ctx, live.id))!)).toEqual({ state: "pending", reason: "DELETING" });
    h.advance(DELETE_DELAY_MS);
    expect(await readFresh(kind, ctx, live.id)).toBeUndefined();
    await expect(kind.delete(ctx, live)).resolves.toBeUndefined();
  });
});
