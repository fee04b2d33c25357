import { describe, expect, it } from "vitest";
import { appliedDirectoryServiceWorkspace, directoryServiceWorkspace } from "./stack-fixtures.js";

type JsonChange = { address: string; action: string };

describe("--target", () => {
  it("plans and applies only the targeted resources and what they depend on, and says the plan is partial", async () => {
    const ws = directoryServiceWorkspace();
    const plan = await ws.cli("plan", ws.file, "--target", "forest-trust");
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain("Note: this plan is limited to --target forest-trust and what it depends on");
    expect(plan.stdout).toContain("Plan: 2 to add, 0 to change, 0 to replace, 0 to destroy.");
    expect(plan.stdout).not.toContain("ds/ad-connector.corp");

    const json = JSON.parse((await ws.cli("plan", ws.file, "--json", "--target", "ds/microsoft-ad.aws-ad")).stdout);
    expect(json.targets).toEqual(["ds/microsoft-ad.aws-ad"]);
    expect(json.changes.map((c: JsonChange) => c.address)).toEqual(["ds/microsoft-ad.aws-ad"]);

    const applied = await ws.cli("apply", ws.file, "--auto-approve", "--target", "aws-ad");
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain("Apply complete! Resources: 1 added, 0 changed, 0 destroyed.");
    const rest = JSON.parse((await ws.cli("plan", ws.file, "--json")).stdout);
    expect(rest.changes.filter((c: JsonChange) => c.action !== "noop").map((c: JsonChange) => c.address)).toEqual([
      "ds/ad-connector.corp",
      "ds/trust.forest-trust",
    ]);
  });

  it("rejects a target that names nothing, with exit 1", async () => {
    const ws = directoryServiceWorkspace();
    const result = await ws.cli("plan", ws.file, "--target", "nope", "--target", "corp");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--target "nope" names no resource in');
    expect(result.stderr).toContain("Targets can be: aws-ad, corp, forest-trust.");
  });
});

describe("protect: true", () => {
  it("fails plan and apply that would replace the resource, naming the forcing field, until the flag is removed", async () => {
    const ws = directoryServiceWorkspace();
    ws.edit("    type: ds/microsoft-ad\n", "    type: ds/microsoft-ad\n    protect: true\n");
    expect((await ws.cli("apply", ws.file, "--auto-approve")).code).toBe(0);

    ws.edit("name: aws.corp.example.com", "name: aws2.corp.example.com");
    const plan = await ws.cli("plan", ws.file);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toMatch(
      /ds\/microsoft-ad\.aws-ad has protect: true \(.*stack\.yaml:\d+:\d+\), but this plan would replace it \(forced by name: "aws\.corp\.example\.com" -> "aws2\.corp\.example\.com"\)/,
    );
    expect((await ws.cli("plan", ws.file, "--json")).code).toBe(1);
    const apply = await ws.cli("apply", ws.file, "--auto-approve", "--allow-destroy");
    expect(apply.code).toBe(1);
    expect(apply.stdout).not.toContain("Destroying...");

    ws.edit("    protect: true\n", "");
    expect((await ws.cli("plan", ws.file, "--detailed-exitcode")).code).toBe(2);
  });
});

describe("--allow-destroy", () => {
  it("is needed to replace or delete a directory without a terminal, in apply, apply PLAN and destroy", async () => {
    const ws = await appliedDirectoryServiceWorkspace();
    ws.edit("name: aws.corp.example.com", "name: aws2.corp.example.com");

    const refused = await ws.cli("apply", ws.file, "--auto-approve");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("refusing to delete directories in a non-interactive run without --allow-destroy");
    expect(refused.stderr).toContain('ds/microsoft-ad.aws-ad: this plan would replace it (forced by name: "aws.corp.example.com" -> "aws2.corp.example.com")');
    expect(refused.stderr).toContain("run again with --allow-destroy");
    expect(refused.stdout).not.toContain("Destroying...");

    expect((await ws.cli("plan", ws.file, "--out", "rename.plan")).code).toBe(0);
    const savedRefused = await ws.cli("apply", "rename.plan");
    expect(savedRefused.code).toBe(1);
    expect(savedRefused.stderr).toContain("--allow-destroy");
    // A refused plan was never started, so it can still be applied once allowed.
    expect((await ws.cli("apply", "rename.plan", "--allow-destroy")).code).toBe(0);

    const destroy = await ws.cli("destroy", ws.file, "--auto-approve");
    expect(destroy.code).toBe(1);
    expect(destroy.stderr).toContain("ds/ad-connector.corp: this plan would delete it (adstack destroy deletes everything the stack owns)");
    expect((await ws.cli("destroy", ws.file, "--auto-approve", "--allow-destroy")).code).toBe(0);
  });

  it("is not needed when no directory goes away", async () => {
    const ws = await appliedDirectoryServiceWorkspace();
    ws.edit("trustDirection: Two-Way", "trustDirection: \"One-Way: Outgoing\"");
    const replaced = await ws.cli("apply", ws.file, "--auto-approve");
    expect(replaced.code).toBe(0);
    expect(replaced.stdout).toContain("ds/trust.forest-trust: Destroying...");
  });
});
