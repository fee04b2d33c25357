import { describe, expect, it } from "vitest";
import { renderPlanJson } from "../../src/render/json.js";
import { scenarioPlan } from "./scenario.js";

describe("renderPlanJson", () => {
  it("has a stable, documented shape", async () => {
    const json = renderPlanJson(await scenarioPlan());
    expect(Object.keys(json)).toEqual(["formatVersion", "stack", "region", "mode", "changes", "summary"]);
    expect(json).toMatchObject({ formatVersion: "1", stack: "demo", region: "eu-west-1", mode: "apply" });
    expect(json.summary).toEqual({ create: 1, update: 1, replace: 3, delete: 1, noop: 1 });
    const corp = json.changes.find((c) => c.address === "ds/ad-connector.corp")!;
    expect(Object.keys(corp)).toEqual([
      "address", "type", "name", "action", "replaceOrder", "replacePaths", "isAdoption", "ownedByStack", "reasons", "dependsOn", "status", "attributes",
    ]);
    expect(corp).toMatchObject({ action: "replace", replaceOrder: "delete-first", replacePaths: ["connectSettings.subnetIds"], isAdoption: false, ownedByStack: null });
    expect(corp.attributes.find((a) => a.path === "connectSettings.subnetIds")).toEqual({
      path: "connectSettings.subnetIds",
      before: ["subnet-a", "subnet-b"],
      after: ["subnet-a", "subnet-c"],
      afterUnknown: false,
      sensitive: false,
      changed: true,
      forcesReplacement: true,
    });
    expect(json.changes.find((c) => c.address === "ds/ad-connector.shared")).toMatchObject({ action: "noop", ownedByStack: "network" });
    expect(json.changes.find((c) => c.address === "ds/ad-connector.lab")!.status).toEqual({ state: "failed", reason: "The DNS servers did not respond" });
  });

  it("marks unknown values and redacts write-only ones", async () => {
    const json = renderPlanJson(await scenarioPlan());
    const trust = json.changes.find((c) => c.address === "ds/trust.forest")!;
    expect(trust.attributes.find((a) => a.path === "directoryId")).toMatchObject({ before: "d-1111111111", after: null, afterUnknown: true });
    expect(trust.attributes.find((a) => a.path === "trustPassword")).toEqual({
      path: "trustPassword",
      before: null,
      after: "(sensitive)",
      afterUnknown: false,
      sensitive: true,
      changed: false,
      forcesReplacement: false,
    });
  });

  it("includes desired and prior only when full, with secret sources by name alone", async () => {
    const plan = await scenarioPlan();
    const brief = renderPlanJson(plan);
    expect(brief.changes.every((c) => !("desired" in c) && !("prior" in c))).toBe(true);
    expect(JSON.stringify(brief)).not.toContain("CORP_PASSWORD");
    const full = renderPlanJson(plan, { full: true });
    const corp = full.changes.find((c) => c.address === "ds/ad-connector.corp")!;
    expect(corp.desired?.password).toEqual({ env: "CORP_PASSWORD" });
    expect(corp.prior).toMatchObject({ id: "d-1111111111", owner: { stack: "demo", name: "corp" } });
    expect(full.changes.find((c) => c.address === "ds/ad-connector.legacy")).toMatchObject({ desired: null });
  });

  it("is deterministic", async () => {
    expect(JSON.stringify(renderPlanJson(await scenarioPlan(), { full: true }))).toBe(JSON.stringify(renderPlanJson(await scenarioPlan(), { full: true })));
  });
});
