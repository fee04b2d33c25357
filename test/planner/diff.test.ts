import { describe, expect, it } from "vitest";
import type { JsonObject } from "../../src/core/json.js";
import type { FieldDiff } from "../../src/core/plan.js";
import { UNKNOWN } from "../../src/core/values.js";
import { diffResource, removalAttributes } from "../../src/planner/diff.js";
import type { ResolvedObject } from "../../src/planner/unknown.js";
import { exampleKinds, FakeCloud, fakeKind } from "../support/fake-kinds.js";

const kinds = exampleKinds(new FakeCloud());
const connector = kinds.connector;

const live: JsonObject = {
  name: "corp.example.com",
  shortName: "CORP",
  size: "Small",
  description: "connector",
  connectSettings: { vpcId: "vpc-1", subnetIds: ["subnet-a", "subnet-b"], customerUserName: "svc", customerDnsIps: ["10.0.0.2"] },
  tags: { team: "identity" },
};

/** The live properties with some fields replaced, as a file would write them. */
function desiredWith(overrides: ResolvedObject, without: string[] = []): ResolvedObject {
  const base: ResolvedObject = structuredClone(live);
  delete base.shortName;
  for (const key of without) delete base[key];
  return { ...base, ...overrides };
}

const changed = (attributes: FieldDiff[]) => attributes.filter((a) => a.isChanged);

describe("diffResource", () => {
  it.each([
    ["a field the file omits (service default) is not managed", desiredWith({})],
    ["a reordered set is equal after normalize", desiredWith({ connectSettings: { ...(live.connectSettings as JsonObject), subnetIds: ["subnet-b", "subnet-a"] } })],
    ["a write-only field is never compared", desiredWith({ password: { env: "CORP_PASSWORD" } })],
  ])("noop: %s", (_title, desired) => {
    const diff = diffResource({ kind: connector, desired, live });
    expect(diff.action).toBe("noop");
    expect(changed(diff.attributes)).toEqual([]);
    expect(diff.attributes.map((a) => a.path)).not.toContain("shortName");
  });

  it.each([
    ["connectSettings.vpcId", { connectSettings: { ...(live.connectSettings as JsonObject), vpcId: "vpc-2" } }, "replace"],
    ["connectSettings.subnetIds", { connectSettings: { ...(live.connectSettings as JsonObject), subnetIds: ["subnet-c"] } }, "replace"],
    ["networkType", { networkType: "Dual-stack" }, "update"],
    ["tags.team", { tags: { team: "platform" } }, "update"],
  ] as const)("a change at %s is an %s", (path, overrides, action) => {
    const diff = diffResource({ kind: connector, desired: desiredWith(overrides as ResolvedObject), live });
    expect(diff.action).toBe(action);
    expect(changed(diff.attributes).map((a) => a.path)).toEqual([path]);
    expect(diff.replacePaths).toEqual(action === "replace" ? [path] : []);
    expect(changed(diff.attributes)[0].forcesReplacement ?? false).toBe(action === "replace");
  });

  it("compares objects leaf by leaf and arrays as a whole", () => {
    const diff = diffResource({
      kind: connector,
      desired: desiredWith({ connectSettings: { ...(live.connectSettings as JsonObject), customerDnsIps: ["10.0.0.2", "10.0.0.3"] } }),
      live,
    });
    expect(changed(diff.attributes)).toEqual([
      { path: "connectSettings.customerDnsIps", before: ["10.0.0.2"], after: ["10.0.0.2", "10.0.0.3"], isChanged: true },
    ]);
    expect(diff.action).toBe("update");
  });

  it("lets impactOf refine a path: an alias can be set once, never changed", () => {
    const setOnce = diffResource({ kind: connector, desired: desiredWith({ alias: "corp" }), live });
    expect(setOnce.action).toBe("update");
    const renamed = diffResource({ kind: connector, desired: desiredWith({ alias: "other" }), live: { ...live, alias: "corp" } });
    expect(renamed.action).toBe("replace");
    expect(renamed.replacePaths).toEqual(["alias"]);
  });

  it("replaces when a replaceOn path is unknown until apply", () => {
    const diff = diffResource({ kind: connector, desired: desiredWith({ connectSettings: { ...(live.connectSettings as JsonObject), vpcId: UNKNOWN } }), live });
    expect(diff.action).toBe("replace");
    expect(diff.attributes.find((a) => a.path === "connectSettings.vpcId")).toEqual({
      path: "connectSettings.vpcId",
      before: "vpc-1",
      isUnknown: true,
      isChanged: true,
      forcesReplacement: true,
    });
  });

  it("updates in place when an unknown value sits on an updatable path", () => {
    const diff = diffResource({ kind: connector, desired: desiredWith({ networkType: UNKNOWN }), live });
    expect(diff.action).toBe("update");
    expect(changed(diff.attributes)).toEqual([{ path: "networkType", isUnknown: true, isChanged: true }]);
  });

  it("removes live tag keys the file does not list, even when the file has no tags at all", () => {
    const liveTags = { ...live, tags: { team: "identity", cost: "42" } };
    const fewer = diffResource({ kind: connector, desired: desiredWith({}), live: liveTags });
    expect(changed(fewer.attributes)).toEqual([{ path: "tags.cost", before: "42", isChanged: true }]);
    expect(fewer.action).toBe("update");
    const none = diffResource({ kind: connector, desired: desiredWith({}, ["tags"]), live: liveTags });
    expect(changed(none.attributes).map((a) => a.path)).toEqual(["tags.cost", "tags.team"]);
  });

  it("leaves ignoreChanges paths out of an existing resource's diff but sends them on create", () => {
    const desired = desiredWith({ description: "edited by hand", tags: { team: "x" } });
    const diff = diffResource({ kind: connector, desired, live, ignoreChanges: ["description", "tags"] });
    expect(diff.action).toBe("noop");
    expect(diff.attributes.map((a) => a.path)).not.toContain("description");
    const create = diffResource({ kind: connector, desired, ignoreChanges: ["description"] });
    expect(create.attributes.find((a) => a.path === "description")).toMatchObject({ after: "edited by hand", isChanged: true });
  });

  it("marks write-only fields sensitive, without values, changed only on create", () => {
    const desired = desiredWith({ password: "hunter2-resolved-secret" });
    const create = diffResource({ kind: connector, desired });
    const update = diffResource({ kind: connector, desired, live });
    expect(create.attributes.find((a) => a.path === "password")).toEqual({ path: "password", isSensitive: true, isChanged: true });
    expect(update.attributes.find((a) => a.path === "password")).toEqual({ path: "password", isSensitive: true, isChanged: false });
    expect(JSON.stringify([create, update])).not.toContain("hunter2");
  });

  it("turns every update into a replace for a kind without update", () => {
    const spn = kinds.servicePrincipalName;
    const diff = diffResource({ kind: spn, desired: { directoryId: "d-1", connectorArn: "arn:b" }, live: { directoryId: "d-1", connectorArn: "arn:a" } });
    expect(diff.action).toBe("replace");
    expect(diff.replacePaths).toEqual(["connectorArn"]);
  });

  it("creates with every desired leaf as a change and unknowns marked", () => {
    const diff = diffResource({ kind: connector, desired: { name: "corp.example.com", connectSettings: { vpcId: UNKNOWN } } });
    expect(diff).toEqual({
      action: "create",
      replacePaths: [],
      attributes: [
        { path: "connectSettings.vpcId", isUnknown: true, isChanged: true },
        { path: "name", after: "corp.example.com", isChanged: true },
      ],
    });
  });

  it("keeps an unknown leaf unknown through a normalize that rewrites strings", () => {
    const lower = fakeKind(new FakeCloud(), { type: "t/lower", normalize: (p) => ({ ...p, name: String(p.name).toLowerCase().replace(/\.$/, "") }) });
    const diff = diffResource({ kind: lower, desired: { name: UNKNOWN }, live: { name: "x" } });
    expect(diff.attributes).toEqual([{ path: "name", before: "x", isUnknown: true, isChanged: true }]);
  });

  it("lists what a delete takes away", () => {
    expect(removalAttributes({ name: "a", nested: { x: 1, list: [1, 2] }, empty: {} })).toEqual([
      { path: "name", before: "a", isChanged: true },
      { path: "nested.x", before: 1, isChanged: true },
      { path: "nested.list", before: [1, 2], isChanged: true },
      { path: "empty", before: {}, isChanged: true },
    ]);
  });
});

describe("diffResource with input-only fields", () => {
  const kind = { ...connector, inputOnly: ["sso.userName"] };

  it("shows them on create and never compares them afterwards", () => {
    const desired = desiredWith({ sso: { enabled: true, userName: "alt-admin" } });
    const created = diffResource({ kind, desired });
    expect(created.attributes.find((a) => a.path === "sso.userName")).toMatchObject({ after: "alt-admin", isChanged: true });

    const existing = diffResource({ kind, desired, live: { ...live, sso: { enabled: true } } });
    expect(existing.action).toBe("noop");
    expect(existing.attributes.map((a) => a.path)).not.toContain("sso.userName");
  });
});
