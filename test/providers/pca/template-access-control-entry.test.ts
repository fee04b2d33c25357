import { describe, expect, it } from "vitest";
import type { JsonObject } from "../../../src/core/json.js";
import type { KindContext } from "../../../src/core/resource-kind.js";
import { pcaConnector } from "../../../src/providers/pca/connector.js";
import { pcaTemplateAccessControlEntry as kind } from "../../../src/providers/pca/template-access-control-entry.js";
import { pcaTemplate } from "../../../src/providers/pca/template.js";
import { computerTemplateDefinition, connectorProperties, CREATE_DELAY_MS, harnessPerTest, planAction, readFresh, STACK } from "./pca-harness.js";

const h = harnessPerTest();

async function ownedTemplate(ctx: KindContext): Promise<string> {
  const connector = await pcaConnector.create(ctx, { name: "connector", properties: connectorProperties() });
  h.advance(CREATE_DELAY_MS);
  const template = await pcaTemplate.create(ctx, {
    name: "computer",
    properties: { connectorArn: connector.id, name: "Computer", definition: computerTemplateDefinition() },
  });
  return template.id;
}

const entry = (templateArn: string, rights = { enroll: "ALLOW", autoEnroll: "ALLOW" }, groupDisplayName = "Domain Computers"): JsonObject => ({
  templateArn,
  groupSecurityIdentifier: "S-1-5-21-1004336348-1177238915-682003330-515",
  groupDisplayName,
  accessRights: rights,
});

describe("pca/template-access-control-entry", () => {
  it("creates synchronously and reads back equal, owned through its template", async () => {
    const ctx = h.context();
    const properties = entry(await ownedTemplate(ctx));
    const created = await kind.create(ctx, { name: "computers-enroll", properties });
    expect(created.id).toBe(kind.naturalKey!(properties));
    const live = (await readFresh(kind, ctx, created.id))!;
    expect(kind.readiness(live)).toEqual({ state: "ready" });
    expect(live.properties).toEqual(properties);
    expect(live.owner).toEqual({ stack: STACK });
    expect(planAction(kind, properties, live)).toBe("noop");
    expect(planAction(kind, { ...properties, groupSecurityIdentifier: "S-1-5-21-1-2-3-513" }, live)).toBe("replace");
  });

  it("changes display name and rights in place", async () => {
    const ctx = h.context();
    const templateArn = await ownedTemplate(ctx);
    const live = (await readFresh(kind, ctx, (await kind.create(ctx, { name: "computers-enroll", properties: entry(templateArn) })).id))!;
    const next = entry(templateArn, { enroll: "ALLOW", autoEnroll: "DENY" }, "Workstations");
    expect(planAction(kind, next, live)).toBe("update");
    await kind.update!(ctx, live, { name: "computers-enroll", properties: next }, ["accessRights.autoEnroll", "groupDisplayName"]);
    const updated = (await readFresh(kind, ctx, live.id))!;
    expect(updated.properties).toEqual(next);
    expect(planAction(kind, next, updated)).toBe("noop");
  });

  it("is listed under templates the stack owns only", async () => {
    const ctx = h.context();
    const properties = entry(await ownedTemplate(ctx));
    await kind.create(ctx, { name: "computers-enroll", properties });
    const listed = await kind.list(h.context());
    expect(listed.map((live) => kind.naturalKey!(live.properties))).toEqual([kind.naturalKey!(properties)]);
    expect(await kind.list(h.context("another-stack"))).toEqual([]);
  });

  it("deletes at once, and deleting again is a no-op", async () => {
    const ctx = h.context();
    const live = (await readFresh(kind, ctx, (await kind.create(ctx, { name: "computers-enroll", properties: entry(await ownedTemplate(ctx)) })).id))!;
    await kind.delete(ctx, live);
    expect(await readFresh(kind, ctx, live.id)).toBeUndefined();
    await expect(kind.delete(ctx, live)).resolves.toBeUndefined();
  });
});
