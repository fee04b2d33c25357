import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { expectCleanExit, expectNoSecrets } from "../support/cli-expectations.js";
import { changeLiveTag } from "./gitops-live.js";
import { directoryServiceWorkspace } from "./stack-fixtures.js";

describe("adstack drift", () => {
  it("exits 2 after a tag changed behind adstack's back and 0 after apply; ignoreChanges is shown, not counted", async () => {
    const ws = directoryServiceWorkspace();
    ws.edit("    type: ds/microsoft-ad\n", "    type: ds/microsoft-ad\n    ignoreChanges: [tags]\n");
    expect((await ws.cli("apply", ws.file, "--auto-approve")).code).toBe(0);
    const clean = await ws.cli("drift", ws.file);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain("No drift. Live resources match");

    await changeLiveTag(ws.dir, "corp.example.com", "team", "drifted");
    await changeLiveTag(ws.dir, "aws.corp.example.com", "team", "drifted");
    const drifted = await ws.cli("drift", ws.file);
    expectCleanExit(drifted, 2);
    expect(drifted.stdout).toMatch(/# ds\/ad-connector\.corp differs from the file \[d-[0-9a-f]{10}\]/);
    expect(drifted.stdout).toContain('~ tags.team: desired "identity", live "drifted"');
    expect(drifted.stdout).toContain('ds/microsoft-ad.aws-ad tags: ignored by ignoreChanges; live differs (tags.team: desired "identity", live "drifted")');
    expect(drifted.stdout).toContain("ds/ad-connector.corp password: write-only");
    expect(drifted.stdout).toContain("Drift: 1 changed; 2 in sync.");
    expect(drifted.stdout).toContain("To revert the drift, apply the file");

    const asJson = await ws.cli("drift", ws.file, "--json");
    expect(asJson.code).toBe(2);
    const report = JSON.parse(asJson.stdout);
    expect(report.hasDrift).toBe(true);
    expect(report.resources.map((r: { address: string; state: string }) => [r.address, r.state])).toEqual([
      ["ds/ad-connector.corp", "changed"],
      ["ds/microsoft-ad.aws-ad", "in-sync"],
      ["ds/trust.forest-trust", "in-sync"],
    ]);
    expect(report.resources[0].fields).toEqual([{ path: "tags.team", desired: "identity", live: "drifted", forcesReplacement: false }]);
    expect(report.resources[1].ignored).toEqual([
      { path: "tags", reason: "ignored by ignoreChanges", fields: [{ path: "tags.team", desired: "identity", live: "drifted", forcesReplacement: false }] },
    ]);
    // Two runs over the same live state print the same bytes, so reports can be diffed.
    expect((await ws.cli("drift", ws.file, "--json")).stdout).toBe(asJson.stdout);
    expectNoSecrets(drifted.stdout + asJson.stdout);

    expect((await ws.cli("apply", ws.file, "--auto-approve")).code).toBe(0);
    const after = await ws.cli("drift", ws.file);
    expect(after.code).toBe(0);
    expect(after.stdout).toContain("No drift.");
  });

  it("reports resources missing from live and resources still tagged for the stack but gone from the file", async () => {
    const ws = directoryServiceWorkspace();
    const fresh = await ws.cli("drift", ws.file, "--json");
    expect(fresh.code).toBe(2);
    expect(JSON.parse(fresh.stdout).summary).toMatchObject({ missing: 3, "in-sync": 0 });

    expect((await ws.cli("apply", ws.file, "--auto-approve")).code).toBe(0);
    const text = readFileSync(ws.file, "utf8");
    writeFileSync(ws.file, text.slice(0, text.indexOf("  forest-trust:")));
    const orphaned = await ws.cli("drift", ws.file);
    expect(orphaned.code).toBe(2);
    expect(orphaned.stdout).toMatch(/# ds\/trust\.t-[0-9a-f]{10} is no longer in the file/);
    expect(orphaned.stdout).toContain("tagged for stack 'corp-identity' but not in the file");
  });

  it("exits 1 on a bad file", async () => {
    const ws = directoryServiceWorkspace();
    ws.edit("size: Small", "size: Huge");
    const result = await ws.cli("drift", ws.file);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/stack\.yaml:\d+:\d+: .*size/);
  });
});
