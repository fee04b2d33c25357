import { describe, expect, it } from "vitest";
import type { KindContext } from "../../../src/core/resource-kind.js";
import { pcaConnector } from "../../../src/providers/pca/connector.js";
import { pcaDirectoryRegistration } from "../../../src/providers/pca/directory-registration.js";
import { pcaServicePrincipalName as kind } from "../../../src/providers/pca/service-principal-name.js";
import { connectorProperties, CREATE_DELAY_MS, createReady, DELETE_DELAY_MS, harnessPerTest, planAction, readFresh, STACK } from "./pca-harness.js";

const h = harnessPerTest();

/** An ACTIVE connector and registration for one directory, owned by the test stack. */
async function parents(ctx: KindContext): Promise<{ directoryRegistrationArn: string; connectorArn: string }> {
  const connector = await pcaConnector.create(ctx, { name: "connector", properties: connectorProperties() });
  const registration = await pcaDirectoryRegistration.create(ctx, { name: "registration", properties: { directoryId: "d-1234567890" } });
  h.advance(CREATE_DELAY_MS);
  return { directoryRegistrationArn: registration.id, connectorArn: connector.id };
}

describe("pca/service-principal-name", () => {
  it("creates under its registration, waits for ACTIVE and reads back by its composite id", async () => {
    const ctx = h.context();
    const properties = await parents(ctx);
    const created = await kind.create(ctx, { name: "spn", properties });
    expect(created.id).toBe(kind.naturalKey!(properties));
    expect(kind.readiness((await readFresh(kind, ctx, created.id))!).state).toBe("pending");
    h.advance(CREATE_DELAY_MS);
    const live = (await readFresh(kind, ctx, created.id))!;
    expect(kind.readiness(live)).toEqual({ state: "ready" });
    expect(live).toMatchObject({ properties, outputs: { status: "ACTIVE" }, owner: { stack: STACK } });
    expect(live.owner?.name).toBeUndefined();
    expect(planAction(kind, properties, live)).toBe("noop");
    expect(kind.update).toBeUndefined();
  });

  it("is listed under registrations the stack owns, with the natural key the planner matches on", async () => {
    const ctx = h.context();
    const properties = await parents(ctx);
    await createReady(h, kind, ctx, { name: "spn", properties });
    const listed = await kind.list(h.context());
    expect(listed).toHaveLength(1);
    expect(kind.naturalKey!(listed[0].properties)).toBe(kind.naturalKey!(properties));
    expect(await kind.list(h.context("another-stack"))).toEqual([]);
    expect(await kind.find(h.context("another-stack"), { name: "spn", properties })).toMatchObject({ owner: { stack: STACK } });
  });

  it("deletes through DELETING until gone", async () => {
    const ctx = h.context();
    const live = await createReady(h, kind, ctx, { name: "spn", properties: await parents(ctx) });
    await kind.delete(ctx, live);
    expect((await readFresh(kind, ctx, live.id))!.outputs.status).toBe("DELETING");
    expect(await kind.list(ctx)).toEqual([]);
    h.advance(DELETE_DELAY_MS);
    expect(await readFresh(kind, ctx, live.id)).toBeUndefined();
    await expect(kind.delete(ctx, live)).resolves.toBeUndefined();
  });
});
