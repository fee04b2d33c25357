import { describe, expect, it } from "vitest";
import { CreateDirectoryRegistrationCommand } from "../../../src/providers/pca/client.js";
import { pcaDirectoryRegistration as kind } from "../../../src/providers/pca/directory-registration.js";
import { ACCOUNT, CREATE_DELAY_MS, createReady, DELETE_DELAY_MS, harnessPerTest, planAction, readFresh, REGION, STACK } from "./pca-harness.js";

const h = harnessPerTest();

const properties = (directoryId = "d-1234567890") => ({ directoryId, tags: { stage: "prod" } });

describe("pca/directory-registration", () => {
  it("creates, becomes ACTIVE, reads back equal and carries an ARN ending in the directory ID", async () => {
    const ctx = h.context();
    const created = await kind.create(ctx, { name: "registration", properties: properties() });
    expect(created.id).toBe(`arn:aws:pca-connector-ad:${REGION}:${ACCOUNT}:directory-registration/d-1234567890`);
    expect(kind.readiness((await readFresh(kind, ctx, created.id))!).state).toBe("pending");
    h.advance(CREATE_DELAY_MS);
    const live = (await readFresh(kind, ctx, created.id))!;
    expect(kind.readiness(live)).toEqual({ state: "ready" });
    expect(live).toMatchObject({ properties: properties(), outputs: { arn: created.id, status: "ACTIVE" }, owner: { stack: STACK, name: "registration" } });
    expect(planAction(kind, properties(), live)).toBe("noop");
    expect(planAction(kind, properties("d-0000000001"), live)).toBe("replace");
  });

  it("updates tags in place, removing the ones no longer wanted", async () => {
    const ctx = h.context();
    const live = await createReady(h, kind, ctx, { name: "registration", properties: properties() });
    const next = { directoryId: "d-1234567890" };
    expect(planAction(kind, next, live)).toBe("update");
    await kind.update!(ctx, live, { name: "registration", properties: next }, ["tags.env"]);
    const updated = (await readFresh(kind, ctx, live.id))!;
    expect(updated.properties.tags).toEqual({});
    expect(updated.owner).toEqual({ stack: STACK, name: "registration" });
    expect(planAction(kind, next, updated)).toBe("noop");
  });

  it("adopts an untagged registration by directory ID and tags it on update", async () => {
    const ctx = h.context();
    await h.client().send(new CreateDirectoryRegistrationCommand({ DirectoryId: "d-1234567890", Tags: { stage: "prod" } }));
    const found = (await kind.find(ctx, { name: "registration", properties: properties() }))!;
    expect(found.owner).toBeUndefined();
    expect(await kind.list(ctx)).toEqual([]);
    await kind.update!(ctx, found, { name: "registration", properties: properties() }, ["tags"]);
    expect((await readFresh(kind, ctx, found.id))!.owner).toEqual({ stack: STACK, name: "registration" });
    expect((await kind.list(h.context())).map((live) => live.id)).toEqual([found.id]);
  });

  it("deletes through DELETING until gone", async () => {
    const ctx = h.context();
    const live = await createReady(h, kind, ctx, { name: "registration", properties: properties() });
    await kind.delete(ctx, live);
    expect((await readFresh(kind, ctx, live.id))!.outputs.status).toBe("DELETING");
    h.advance(DELETE_DELAY_MS);
    expect(await readFresh(kind, ctx, live.id)).toBeUndefined();
    await expect(kind.delete(ctx, live)).resolves.toBeUndefined();
  });
});
