import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { expectCleanExit, expectNoSecrets } from "../support/cli-expectations.js";
import { changeLiveTag } from "./gitops-live.js";
import { appliedDirectoryServiceWorkspace, directoryServiceWorkspace, expectNoChanges } from "./stack-fixtures.js";

describe("saved plans: plan --out, apply PLAN", () => {
  it("applies exactly the saved plan, converges, holds no secret, and refuses a second apply", async () => {
    const ws = directoryServiceWorkspace();
    const planned = await ws.cli("plan", ws.file, "--out", "changes.plan.json");
    expect(planned.code).toBe(0);
    expect(planned.stdout).toContain("Saved the plan to: changes.plan.json");
    expect(planned.stdout).toContain("adstack apply changes.plan.json");

    const saved = readFileSync(join(ws.dir, "changes.plan.json"), "utf8");
    expectNoSecrets(saved);
    const json = JSON.parse(saved);
    expect(json.formatVersion).toBe("1");
    expect(json.savedPlan).toMatchObject({ file: "stack.yaml", sourceSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const corp = json.changes.find((c: { address: string }) => c.address === "ds/ad-connector.corp");
    expect(corp.desired.password).toEqual({ env: "CORP_CONNECTOR_PASSWORD" });

    const applied = await ws.cli("apply", "changes.plan.json");
    expectCleanExit(applied, 0);
    expect(applied.stdout).toContain("Apply complete! Resources: 3 added, 0 changed, 0 destroyed.");
    await expectNoChanges(ws);

    const again = await ws.cli("apply", "changes.plan.json");
    expect(again.code).toBe(3);
    expect(again.stderr).toMatch(/changes\.plan\.json was already applied at .*a saved plan is applied only once/);
    expectNoSecrets(planned, applied, again);
  });

  it("refuses a second apply of a plan whose changes leave no trace in live (a no-change plan)", async () => {
    const ws = await appliedDirectoryServiceWorkspace();
    expect((await ws.cli("plan", ws.file, "--out", "noop.plan")).code).toBe(0);
    const first = await ws.cli("apply", "noop.plan");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("No changes.");
    const second = await ws.cli("apply", "noop.plan", "--json");
    expect(second.code).toBe(3);
    expect(JSON.parse(second.stdout.trim())).toMatchObject({ type: "stale_plan", plan: "noop.plan" });
  });

  it("refuses with exit 3, naming resource and field, when a live value moved behind its back", async () => {
    const ws = await appliedDirectoryServiceWorkspace();
    ws.edit("tags: { team: identity }", "tags: { team: identity, owner: alice }");
    expect((await ws.cli("plan", ws.file, "--out", "update.plan")).code).toBe(0);

    await changeLiveTag(ws.dir, "corp.example.com", "team", "drifted");
    const refused = await ws.cli("apply", "update.plan");
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain("update.plan is stale: live resources changed since it was made");
    expect(refused.stderr).toContain('ds/ad-connector.corp: tags.team changed: "identity" -> "drifted"');
    expect(refused.stderr).toContain("Run adstack plan again");
    expect(refused.stdout).not.toContain("Creating...");

    const asJson = await ws.cli("apply", "update.plan", "--json");
    expect(asJson.code).toBe(3);
    const event = JSON.parse(asJson.stdout.trim());
    expect(event).toMatchObject({ type: "stale_plan", resources: [{ address: "ds/ad-connector.corp", problem: "changed" }] });
    expect(event.resources[0].fields).toEqual([{ path: "tags.team", planned: "identity", now: "drifted" }]);
    expectNoSecrets(refused, asJson);

    // A fresh plan takes the new live value into account and applies.
    expect((await ws.cli("plan", ws.file, "--out", "fresh.plan")).code).toBe(0);
    expect((await ws.cli("apply", "fresh.plan")).code).toBe(0);
    await expectNoChanges(ws);
  });

  it("refuses with exit 3 when the desired-state file changed since the plan", async () => {
    const ws = directoryServiceWorkspace();
    expect((await ws.cli("plan", ws.file, "--out", "create.plan")).code).toBe(0);
    ws.edit("tags: { team: identity }", "tags: { team: platform }");
    const refused = await ws.cli("apply", "create.plan");
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/stack\.yaml changed since create\.plan was made \(sha256 [0-9a-f]{12}… -> [0-9a-f]{12}…\)/);
    expect((await ws.cli("plan", ws.file, "--detailed-exitcode")).stdout).toContain("Plan: 3 to add");
  });

  it("refuses with exit 3 when something now exists where the plan creates", async () => {
    const ws = directoryServiceWorkspace();
    expect((await ws.cli("plan", ws.file, "--out", "create.plan")).code).toBe(0);
    expect((await ws.cli("apply", ws.file, "--auto-approve", "--target", "aws-ad")).code).toBe(0);
    const refused = await ws.cli("apply", "create.plan");
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/ds\/microsoft-ad\.aws-ad: now exists \(d-[0-9a-f]{10}\), but the plan creates it/);
  });

  it("refuses with exit 3 a plan from another adstack version, for another region, or whose file is gone", async () => {
    const ws = directoryServiceWorkspace();
    ws.edit("region: us-east-1\n", "");
    expect((await ws.cli("plan", ws.file, "--out", "create.plan")).code).toBe(0);
    const planPath = join(ws.dir, "create.plan");
    const saved = readFileSync(planPath, "utf8");

    const otherRegion = await runCli(["apply", "create.plan", "--local", "--local-state", "cloud.json"], { cwd: ws.dir, env: { AWS_REGION: "eu-west-1" } });
    expect(otherRegion.code).toBe(3);
    expect(otherRegion.stderr).toContain("create.plan is for stack corp-identity in us-east-1, but stack.yaml now means stack corp-identity in eu-west-1");

    writeFileSync(planPath, saved.replace(/"adstackVersion": "[^"]+"/, '"adstackVersion": "0.0.0-other"'));
    const otherVersion = await ws.cli("apply", "create.plan");
    expect(otherVersion.code).toBe(3);
    expect(otherVersion.stderr).toMatch(/create\.plan was made by adstack 0\.0\.0-other; this is adstack \d+\.\d+\.\d+/);

    writeFileSync(planPath, saved);
    const targeted = await ws.cli("apply", "create.plan", "--target", "corp");
    expect(targeted.code).toBe(1);
    expect(targeted.stderr).toContain("--target cannot be used with a saved plan");

    rmSync(ws.file);
    const gone = await ws.cli("apply", "create.plan");
    expect(gone.code).toBe(3);
    expect(gone.stderr).toContain("stack.yaml, which create.plan was made from, no longer exists.");
  });

  it("reads a plan file by its content and reports a malformed one with exit 1", async () => {
    const ws = directoryServiceWorkspace();
    expect((await ws.cli("plan", ws.file, "--out", "good.plan")).code).toBe(0);
    const text = readFileSync(join(ws.dir, "good.plan"), "utf8").replace('"action": "create"', '"action": "explode"');
    writeFileSync(join(ws.dir, "bad.plan"), text);
    const bad = await ws.cli("apply", "bad.plan");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("bad.plan is not a valid adstack plan file: changes[0].action must be");
    writeFileSync(join(ws.dir, "odd.plan"), readFileSync(join(ws.dir, "good.plan"), "utf8").replaceAll('"ds/trust', '"ds/tru5t'));
    const odd = await ws.cli("apply", "odd.plan");
    expect(odd.code).toBe(1);
    expect(odd.stderr).toContain("odd.plan is not a valid adstack plan file: ds/tru5t.forest-trust has unknown type ds/tru5t");
  });
});
