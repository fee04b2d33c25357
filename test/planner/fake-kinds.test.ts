import { describe, expect, it } from "vitest";
import { exampleKinds, FakeCloud, fakeContext, fakeError, fakeKind, TEST_STACK } from "../support/fake-kinds.js";

// The fake provider is shared by planner and applier tests; these pin the behaviour they rely on.
describe("fake kinds", () => {
  it("creates with ownership, strips write-only fields from what it stores, and remembers the secret it got", async () => {
    const cloud = new FakeCloud();
    const { connector } = exampleKinds(cloud);
    const live = await connector.create(fakeContext(), { name: "corp", properties: { name: "corp.example.com", password: "pw" } });
    expect(live).toEqual({
      id: "d-0000000001",
      properties: { name: "corp.example.com" },
      outputs: { directoryId: "d-0000000001", arn: "arn:aws:ds:eu-west-1:111122223333:ad-connector/d-0000000001", accessUrl: "d-0000000001-accessUrl" },
      owner: { stack: TEST_STACK, name: "corp" },
    });
    expect(cloud.lastDesired(live.id)?.properties.password).toBe("pw");
    expect(await connector.list(fakeContext({ stack: "other" }))).toEqual([]);
  });

  it("lists untaggable children only under parents the stack owns", async () => {
    const cloud = new FakeCloud();
    const { trust } = exampleKinds(cloud);
    cloud.put("ds/ad-connector", { id: "d-1", properties: {}, owner: { stack: TEST_STACK, name: "corp" } });
    cloud.put("ds/trust", { id: "t-1", properties: { directoryId: "d-1" } });
    cloud.put("ds/trust", { id: "t-2", properties: { directoryId: "d-elsewhere" } });
    expect((await trust.list(fakeContext())).map((l) => [l.id, l.owner])).toEqual([["t-1", { stack: TEST_STACK }]]);
  });

  it("updates only the changed paths and writes ownership tags with any tag change", async () => {
    const cloud = new FakeCloud();
    const kind = fakeKind(cloud, { type: "t/thing" });
    const seeded = cloud.put("t/thing", { id: "x-1", properties: { a: 1, b: 1, tags: { old: "1" } } });
    await kind.update!(fakeContext(), seeded, { name: "thing", properties: { a: 2, b: 2, tags: { new: "1" } } }, ["a", "tags.new"]);
    expect(cloud.get("x-1")).toMatchObject({ properties: { a: 2, b: 1, tags: { new: "1" } }, owner: { stack: TEST_STACK, name: "thing" } });
    expect(cloud.operations("update")).toEqual([{ operation: "update", type: "t/thing", target: "thing", changed: ["a", "tags.new"] }]);
  });

  it("fails as configured, a set number of times, by target", async () => {
    const cloud = new FakeCloud();
    const kind = fakeKind(cloud, { type: "t/thing" });
    cloud.failNext({ operation: "create", target: "b", error: fakeError("Throttled"), times: 2 });
    await expect(kind.create(fakeContext(), { name: "a", properties: {} })).resolves.toBeDefined();
    await expect(kind.create(fakeContext(), { name: "b", properties: {} })).rejects.toMatchObject({ code: "Throttled", isRetryable: true });
    await expect(kind.create(fakeContext(), { name: "b", properties: {} })).rejects.toThrow();
    await expect(kind.create(fakeContext(), { name: "b", properties: {} })).resolves.toBeDefined();
  });

  it("reports pending for the first reads after create, then the settled status", async () => {
    const cloud = new FakeCloud();
    const kind = fakeKind(cloud, { type: "t/thing", pendingReadsAfterCreate: 2, readinessAfterCreate: { state: "failed", reason: "bad password" } });
    const { id } = await kind.create(fakeContext(), { name: "a", properties: {} });
    const states = [];
    for (let i = 0; i < 3; i += 1) states.push(kind.readiness((await kind.read(fakeContext(), id))!).state);
    expect(states).toEqual(["pending", "pending", "failed"]);
  });

  it("deletes idempotently", async () => {
    const cloud = new FakeCloud();
    const kind = fakeKind(cloud, { type: "t/thing" });
    const live = await kind.create(fakeContext(), { name: "a", properties: {} });
    await kind.delete(fakeContext(), live);
    await kind.delete(fakeContext(), live);
    expect(await kind.read(fakeContext(), live.id)).toBeUndefined();
    expect(cloud.all()).toEqual([]);
  });
});
