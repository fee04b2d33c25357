import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ExitError } from "../../src/core/errors.js";
import { appliedPlans } from "../../src/cli/applied-plans.js";
import { isSavedPlanText, parseSavedPlan, serializeSavedPlan, type SavedPlanSource } from "../../src/cli/saved-plan.js";
import { renderPlanJson } from "../../src/render/json.js";
import { scenarioPlan } from "../render/scenario.js";

const source: SavedPlanSource = { adstackVersion: "0.1.0", file: "stack.yaml", sourceSha256: "a".repeat(64) };

function parseError(text: string): string {
  try {
    parseSavedPlan(text, "x.plan");
  } catch (error) {
    expect(error).toBeInstanceOf(ExitError);
    expect((error as ExitError).exitCode).toBe(1);
    return (error as Error).message;
  }
  throw new Error("expected the plan file to be rejected");
}

describe("saved plan files", () => {
  it("are the full plan JSON plus savedPlan, and read back as the same plan", async () => {
    const plan = await scenarioPlan();
    const text = serializeSavedPlan(plan, source);
    const json = JSON.parse(text);
    expect(json).toEqual({ ...renderPlanJson(plan, { full: true }), savedPlan: source });

    const { plan: parsed, source: parsedSource } = parseSavedPlan(text, "x.plan");
    expect(parsedSource).toEqual(source);
    expect(parsed).toEqual(plan);
    expect(renderPlanJson(parsed, { full: true })).toEqual(renderPlanJson(plan, { full: true }));
  });

  it("keep the targets of a partial plan", async () => {
    const plan = { ...(await scenarioPlan()), targets: ["corp"] };
    const text = serializeSavedPlan(plan, source);
    expect(JSON.parse(text).targets).toEqual(["corp"]);
    expect(parseSavedPlan(text, "x.plan").plan.targets).toEqual(["corp"]);
  });

  it("hold secret sources, never values", async () => {
    const text = serializeSavedPlan(await scenarioPlan(), source);
    expect(text).toContain('"env": "CORP_PASSWORD"');
    expect(text).not.toMatch(/secret-value|"password": "/);
  });

  it("are told apart from desired-state files by content", async () => {
    expect(isSavedPlanText(serializeSavedPlan(await scenarioPlan(), source))).toBe(true);
    expect(isSavedPlanText("stack: corp\nregion: us-east-1\nresources: {}\n")).toBe(false);
    expect(isSavedPlanText('{"stack": "corp", "region": "us-east-1", "resources": {}}')).toBe(false);
    expect(isSavedPlanText(JSON.stringify(renderPlanJson(await scenarioPlan())))).toBe(false);
    expect(isSavedPlanText("{ not json")).toBe(false);
  });

  it("are rejected with exit 1 when malformed, saying where", async () => {
    const good = JSON.parse(serializeSavedPlan(await scenarioPlan(), source));
    expect(parseError("{ nope")).toMatch(/^x\.plan is not a valid adstack plan file: /);
    expect(parseError(JSON.stringify({ ...good, formatVersion: "9" }))).toContain('formatVersion "9" is not one this adstack reads');
    expect(parseError(JSON.stringify({ ...good, savedPlan: { ...source, sourceSha256: 5 } }))).toContain("savedPlan.sourceSha256 must be a string");
    const badAction = structuredClone(good);
    badAction.changes[1].action = "explode";
    expect(parseError(JSON.stringify(badAction))).toContain("changes[1].action must be create, update, replace, delete, noop");
    const badPrior = structuredClone(good);
    badPrior.changes.find((c: { prior: unknown }) => c.prior).prior.properties = [];
    expect(parseError(JSON.stringify(badPrior))).toMatch(/changes\[\d+\]\.prior\.properties must be an object/);
  });
});

describe("applied plan markers", () => {
  it("let a plan be claimed once, by content, wherever the file is", () => {
    const cwd = mkdtempSync(join(tmpdir(), "adstack-applied-"));
    const bytes = Buffer.from('{"formatVersion":"1"}');
    const first = appliedPlans(bytes, "a.plan", cwd);
    expect(first.previousApplication()).toBeUndefined();
    expect(first.claim()).toBe(true);
    expect(first.claim()).toBe(false);

    const copy = appliedPlans(bytes, "copied/elsewhere.plan", cwd);
    expect(copy.previousApplication()).toMatch(/^at \d{4}-\d\d-\d\dT/);
    expect(copy.marker).toBe(join(".adstack", "applied-plans", `${JSON.parse(readFileSync(join(cwd, copy.marker), "utf8")).sha256}.json`));

    const other = appliedPlans(Buffer.from('{"formatVersion":"1" }'), "a.plan", cwd);
    expect(other.previousApplication()).toBeUndefined();
  });
});
