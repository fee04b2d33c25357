import { describe, expect, it } from "vitest";
import { buildRegistry } from "../../src/core/registry.js";
import type { Live } from "../../src/core/resource-kind.js";
import { assemblePlan } from "../../src/planner/plan.js";
import type { RefreshResult } from "../../src/planner/refresh.js";
import { desiredState, FakeCloud, fakeKind, resourceSpec, TEST_STACK } from "../support/fake-kinds.js";

// Pure assembly over hand-built refresh results: no kind method is called.
const cloud = new FakeCloud();
const directory = fakeKind(cloud, { type: "test/directory", replaceOn: ["domain"], outputs: ["directoryId"] });
const registration = fakeKind(cloud, { type: "test/registration", replaceOn: ["directoryId"], outputs: ["arn"], parentPaths: ["directoryId"] });
const template = fakeKind(cloud, { type: "test/template", replaceOn: ["registrationArn"], outputs: ["arn"], parentPaths: ["registrationArn"], replaceOrder: "create-first" });
const note = fakeKind(cloud, { type: "test/note", outputs: [], parentPaths: ["templateArn"] });
const registry = buildRegistry([directory, registration, template, note]);

const owned = (name: string, id: string, properties: Live["properties"], outputs: Live["outputs"]): Live => ({
  id,
  properties,
  outputs,
  owner: { stack: TEST_STACK, name },
});

const liveChain = {
  dir: owned("dir", "d-1", { domain: "corp.example.com" }, { directoryId: "d-1" }),
  reg: owned("reg", "r-1", { directoryId: "d-1" }, { arn: "arn:reg/1" }),
  tpl: owned("tpl", "t-1", { registrationArn: "arn:reg/1", label: "a" }, { arn: "arn:tpl/1" }),
};

const chainSpecs = (domain: string) => [
  resourceSpec("test/template", "tpl", { registrationArn: "${reg.arn}", label: "a" }),
  resourceSpec("test/registration", "reg", { directoryId: "${dir.directoryId}" }),
  resourceSpec("test/directory", "dir", { domain }),
];

function refreshOf(lives: Record<string, Live>, types: Record<string, string>): RefreshResult {
  const listed: Record<string, Live[]> = Object.fromEntries(registry.kinds.map((k) => [k.type, [] as Live[]]));
  for (const [name, live] of Object.entries(lives)) listed[types[name]].push(live);
  const matches = Object.fromEntries(Object.entries(lives).map(([name, live]) => [name, { live, matchedBy: "owner" as const }]));
  return { listed, matches };
}
const chainTypes = { dir: "test/directory", reg: "test/registration", tpl: "test/template" };

describe("assemblePlan", () => {
  it("propagates a replacement through two levels of references", () => {
    const plan = assemblePlan(desiredState(chainSpecs("new.example.com")), registry, refreshOf(liveChain, chainTypes));
    expect(plan.changes.map((c) => [c.address, c.action, c.replacePaths])).toEqual([
      ["test/directory.dir", "replace", ["domain"]],
      ["test/registration.reg", "replace", ["directoryId"]],
      ["test/template.tpl", "replace", ["registrationArn"]],
    ]);
    expect(plan.changes.map((c) => c.replaceOrder)).toEqual(["delete-first", "delete-first", "create-first"]);
    expect(plan.summary).toMatchObject({ replace: 3 });
  });

  it("does not propagate an in-place update: outputs stay known", () => {
    const lives = { ...liveChain, tpl: { ...liveChain.tpl, properties: { ...liveChain.tpl.properties, label: "old" } } };
    const plan = assemblePlan(desiredState(chainSpecs("corp.example.com")), registry, refreshOf(lives, chainTypes));
    expect(plan.changes.map((c) => c.action)).toEqual(["noop", "noop", "update"]);
  });

  it("infers an orphan's parents from parentPaths, deleting children first", () => {
    const orphanNote: Live = { id: "n-1", properties: { templateArn: "arn:tpl/1" }, outputs: {}, owner: { stack: TEST_STACK } };
    const refresh = refreshOf(liveChain, chainTypes);
    refresh.listed["test/note"] = [orphanNote];
    const plan = assemblePlan(desiredState([]), registry, refresh);
    expect(plan.changes.map((c) => [c.address, c.dependsOn])).toEqual([
      ["test/note.n-1", ["test/template.tpl"]],
      ["test/template.tpl", ["test/registration.reg"]],
      ["test/registration.reg", ["test/directory.dir"]],
      ["test/directory.dir", []],
    ]);
  });

  it("keeps a kept parent in an orphan child's dependencies", () => {
    const refresh = refreshOf(liveChain, chainTypes);
    refresh.listed["test/note"] = [{ id: "arn:note/1.x", properties: { templateArn: "arn:tpl/1" }, outputs: {}, owner: { stack: TEST_STACK } }];
    const plan = assemblePlan(desiredState(chainSpecs("corp.example.com")), registry, refresh);
    const orphan = plan.changes.at(-1)!;
    expect(orphan).toMatchObject({ address: "test/note.arn_note_1_x", name: "arn_note_1_x", action: "delete", dependsOn: ["test/template.tpl"] });
  });

  it("keeps the file's explicit dependencies when destroying", () => {
    const lives = { dir: liveChain.dir, n: owned("n", "n-1", {}, {}) };
    const specs = [resourceSpec("test/note", "n", {}, { dependsOn: ["dir"] }), resourceSpec("test/directory", "dir", { domain: "x" })];
    const plan = assemblePlan(desiredState(specs), registry, refreshOf(lives, { ...chainTypes, n: "test/note" }), "destroy");
    expect(plan.changes.map((c) => [c.address, c.action, c.dependsOn])).toEqual([
      ["test/note.n", "delete", ["test/directory.dir"]],
      ["test/directory.dir", "delete", []],
    ]);
  });

  it("gives a duplicate owned resource its own address", () => {
    const duplicate = owned("dir", "d-2", { domain: "corp.example.com" }, { directoryId: "d-2" });
    const refresh = refreshOf({ dir: liveChain.dir }, chainTypes);
    refresh.listed["test/directory"].push(duplicate);
    const plan = assemblePlan(desiredState([resourceSpec("test/directory", "dir", { domain: "corp.example.com" })]), registry, refresh);
    expect(plan.changes.map((c) => `${c.action} ${c.address}`)).toEqual(["noop test/directory.dir", "delete test/directory.dir~d-2"]);
  });

  it("ignores listed resources of other stacks", () => {
    const refresh = refreshOf({}, chainTypes);
    refresh.listed["test/directory"] = [{ ...liveChain.dir, owner: { stack: "other", name: "dir" } }];
    expect(assemblePlan(desiredState([]), registry, refresh).changes).toEqual([]);
  });

  it("is a pure function of its inputs", () => {
    const input = () => [desiredState(chainSpecs("new.example.com")), registry, refreshOf(liveChain, chainTypes)] as const;
    expect(assemblePlan(...input())).toEqual(assemblePlan(...input()));
    expect(cloud.calls).toEqual([]);
  });
});

describe("assemblePlan with a failed live resource", () => {
  it("replaces it even when the file did not change, and says why", () => {
    const failedCloud = new FakeCloud();
    const kind = fakeKind(failedCloud, { type: "test/directory", replaceOn: ["domain"], outputs: ["directoryId"] });
    const live = failedCloud.put("test/directory", {
      properties: { domain: "corp.example.com" },
      outputs: { directoryId: "d-9" },
      owner: { stack: TEST_STACK, name: "dir" },
      readiness: { state: "failed", reason: "DNS unavailable" },
    });
    const plan = assemblePlan(
      desiredState([resourceSpec("test/directory", "dir", { domain: "corp.example.com" })]),
      buildRegistry([kind]),
      { listed: { "test/directory": [live] }, matches: { dir: { live, matchedBy: "owner" } } },
    );
    expect(plan.changes[0]).toMatchObject({ action: "replace", status: { state: "failed" } });
    expect(plan.changes[0].reasons.join(" ")).toContain("failed: DNS unavailable");

    // A file change that forces the replacement anyway still says the live resource failed.
    const renamed = assemblePlan(
      desiredState([resourceSpec("test/directory", "dir", { domain: "new.example.com" })]),
      buildRegistry([kind]),
      { listed: { "test/directory": [live] }, matches: { dir: { live, matchedBy: "owner" } } },
    );
    expect(renamed.changes[0]).toMatchObject({ action: "replace", replacePaths: ["domain"] });
    expect(renamed.changes[0].reasons.join(" ")).toContain("failed: DNS unavailable");
  });
});
