import { DeleteDirectoryCommand, DescribeDirectoriesCommand } from "@aws-sdk/client-directory-service";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startLocalCloud } from "../../src/local-cloud/server.js";
import { dsClient } from "../providers/workspaces/support.js";
import { runCli, scratchDir, testSecrets } from "../support/cli.js";
import { expectCleanExit, expectNoSecrets } from "../support/cli-expectations.js";
import { appliedDirectoryServiceWorkspace, directoryServiceWorkspace, expectApplyConverges } from "./stack-fixtures.js";

describe("adstack against the local cloud: Directory Service", () => {
  it("creates the stack, then plans no changes", async () => {
    const ws = directoryServiceWorkspace();
    const before = await ws.cli("plan", ws.file, "--detailed-exitcode");
    expectCleanExit(before, 2);
    expect(before.stdout).toContain("# ds/ad-connector.corp will be created");
    expect(before.stdout).toContain("Plan: 3 to add, 0 to change, 0 to replace, 0 to destroy.");
    expect(before.stdout).toContain("(sensitive)");

    const apply = await ws.cli("apply", ws.file, "--auto-approve");
    expectCleanExit(apply, 0);
    expect(apply.stdout).toMatch(/ds\/trust\.forest-trust: Creation complete/);
    expect(apply.stdout).toContain("Apply complete! Resources: 3 added, 0 changed, 0 destroyed.");

    const after = await ws.cli("plan", ws.file, "--detailed-exitcode");
    expect(after.code).toBe(0);
    expect(after.stdout).toContain("No changes.");
    expectNoSecrets(before, apply, after);
    expect(readFileSync(join(ws.dir, "cloud.json"), "utf8")).not.toContain(testSecrets.CORP_CONNECTOR_PASSWORD);
  });

  it("changes a tag in place and replaces on a name change", async () => {
    const ws = await appliedDirectoryServiceWorkspace();

    ws.edit("tags: { team: identity }\n\n  aws-ad", "tags: { team: platform }\n\n  aws-ad");
    const tagPlan = await ws.cli("plan", ws.file, "--json");
    const tagChanges = JSON.parse(tagPlan.stdout).changes.filter((c: { action: string }) => c.action !== "noop");
    expect(tagChanges).toHaveLength(1);
    expect(tagChanges[0]).toMatchObject({ address: "ds/ad-connector.corp", action: "update" });
    expect((await ws.cli("apply", ws.file, "--auto-approve")).code).toBe(0);

    ws.edit("name: aws.corp.example.com", "name: aws2.corp.example.com");
    const rename = await ws.cli("plan", ws.file);
    expect(rename.stdout).toContain("# ds/microsoft-ad.aws-ad must be replaced");
    expect(rename.stdout).toMatch(/name += "aws\.corp\.example\.com" -> "aws2\.corp\.example\.com" # forces replacement/);
    // The trust references the replaced directory's id, so it is replaced too.
    expect(rename.stdout).toContain("# ds/trust.forest-trust must be replaced");
    await expectApplyConverges(ws, "--allow-destroy");
  });

  it("plans to create again a directory deleted behind adstack's back, and converges", async () => {
    const ws = await appliedDirectoryServiceWorkspace();
    await deleteLiveDirectory(ws.dir, "aws.corp.example.com");

    const plan = await ws.cli("plan", ws.file, "--detailed-exitcode");
    expectCleanExit(plan, 2);
    expect(plan.stdout).toContain("# ds/microsoft-ad.aws-ad will be created");
    // The service deleted the directory's trust with it.
    expect(plan.stdout).toContain("# ds/trust.forest-trust will be created");
    expect(plan.stdout).toContain("Plan: 2 to add, 0 to change, 0 to replace, 0 to destroy.");
    await expectApplyConverges(ws);
  });

  it("deletes what left the file and leaves other stacks alone", async () => {
    const ws = await appliedDirectoryServiceWorkspace();

    const other = join(ws.dir, "other.yaml");
    writeFileSync(
      other,
      readFileSync(ws.file, "utf8").replace("stack: corp-identity", "stack: someone-else"),
    );
    const otherPlan = await ws.cli("plan", other);
    expect(otherPlan.code).toBe(0);
    expect(otherPlan.stdout).toContain("owned by stack 'corp-identity'");
    expect(otherPlan.stdout).not.toMatch(/will be destroyed|must be replaced/);

    const text = readFileSync(ws.file, "utf8");
    writeFileSync(ws.file, text.slice(0, text.indexOf("  forest-trust:")));
    const plan = await ws.cli("plan", ws.file);
    // Trusts carry no tags, so an orphaned one is named by its id, found under the owned directory.
    expect(plan.stdout).toMatch(/# ds\/trust\.t-[0-9a-f]{10} will be destroyed/);
    expect(plan.stdout).toContain("Plan: 0 to add, 0 to change, 0 to replace, 1 to destroy.");
    await expectApplyConverges(ws);

    const destroy = await ws.cli("destroy", ws.file, "--auto-approve", "--allow-destroy");
    expect(destroy.code).toBe(0);
    expect(destroy.stdout).toContain("2 destroyed");
  });

  it("a failed step skips its dependents and a fixed file converges", async () => {
    const ws = directoryServiceWorkspace();
    // 192.0.2.1 (TEST-NET-1) is never reachable: the local cloud fails the connector as AWS would.
    ws.edit("customerDnsIps: [10.0.0.10, 10.0.1.10]", "customerDnsIps: [192.0.2.1]");
    ws.edit("    type: ds/trust\n", "    type: ds/trust\n    dependsOn: [corp]\n");
    const apply = await ws.cli("apply", ws.file, "--auto-approve");
    expect(apply.code).toBe(1);
    expect(apply.stdout + apply.stderr).toMatch(/ds\/ad-connector\.corp: Creation failed.*DNS unavailable/);
    expect(apply.stdout + apply.stderr).toMatch(/ds\/trust\.forest-trust: Skipped \(upstream failed/);
    expect(apply.stdout).toMatch(/ds\/microsoft-ad\.aws-ad: Creation complete/);
    expectNoSecrets(apply);

    ws.edit("customerDnsIps: [192.0.2.1]", "customerDnsIps: [10.0.0.10, 10.0.1.10]");
    // The failed connector is replaced, and replacing a directory unattended takes --allow-destroy.
    await expectApplyConverges(ws, "--allow-destroy");
  });

  it("reports bad input with FILE:LINE:COL, exit 1 and no AWS call", async () => {
    const ws = directoryServiceWorkspace();
    ws.edit("size: Small", "size: Huge");
    ws.edit("password: { env: CORP_CONNECTOR_PASSWORD }", "password: hunter2-plaintext");
    const result = await ws.cli("plan", ws.file);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`${ws.file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\d+:\\d+: .*size`));
    expect(result.stderr).toMatch(/:\d+:\d+: .*env:/);
    expect(result.stderr).not.toContain("hunter2-plaintext");
    expect(result.stdout).toBe("");
  });

  it("reports every kind of problem at once, each at its FILE:LINE:COL, before any AWS call", async () => {
    const dir = scratchDir();
    writeFileSync(join(dir, "stack.yaml"), EVERY_PROBLEM);
    writeFileSync(join(dir, "syntax.yaml"), "stack: x\nresources:\n  a: [\n");
    const cloud = await startLocalCloud({});
    const env = { AWS_ENDPOINT_URL: cloud.url, AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "example-secret" };
    try {
      const result = await runCli(["plan", "stack.yaml", "--detailed-exitcode"], { cwd: dir, env });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe("");
      const lines = result.stderr.split("\n").filter((line) => line.startsWith("stack.yaml:"));
      expect(lines.map((line) => line.replace(/: .*/s, ""))).toEqual([
        "stack.yaml:6:5", // a required property missing
        "stack.yaml:7:13", // size: an enum of the service model
        "stack.yaml:8:17", // a plaintext password
        "stack.yaml:9:7", // an unknown property
        "stack.yaml:11:3", // a duplicate name
        "stack.yaml:14:11", // an unknown kind
        "stack.yaml:18:20", // a cycle
        "stack.yaml:21:22", // an env: variable that is not set
        "stack.yaml:29:20", // an unknown reference target
        "stack.yaml:30:25", // an unknown attribute
      ]);
      expect(result.stderr).toContain("dependency cycle: a → b → a");
      expect(result.stderr).toContain("environment variable NOT_SET_ANYWHERE is not set");
      expect(result.stderr).toContain('write "password: { env: VARIABLE }"');
      expect(result.stderr).toContain("10 errors found; nothing was sent to AWS.");
      expect(result.stderr).not.toContain("hunter2-plaintext");

      const syntax = await runCli(["plan", "syntax.yaml"], { cwd: dir, env });
      expect(syntax.code).toBe(1);
      expect(syntax.stderr).toMatch(/^syntax\.yaml:4:1: /m);
      expect(cloud.stats().requests).toBe(0);
    } finally {
      await cloud.close();
    }
  });
});

/** One of each problem the loader reports; line and column of each are asserted above. */
const EVERY_PROBLEM = `stack: corp-identity
region: us-east-1
resources:
  corp:
    type: ds/ad-connector
    properties:
      size: Huge
      password: hunter2-plaintext
      bogus: 1
      name: corp.example.com
  corp:
    type: ds/ad-connector
  x:
    type: ds/nope
  a:
    type: ds/trust
    properties:
      directoryId: \${b.directoryId}
      remoteDomainName: corp.example.com
      trustDirection: Two-Way
      trustPassword: { env: NOT_SET_ANYWHERE }
  b:
    type: ds/microsoft-ad
    dependsOn: [a]
    properties: { name: aws.corp.example.com, edition: Standard, password: { env: AWS_AD_ADMIN_PASSWORD }, vpcSettings: { vpcId: vpc-0a1b2c3d, subnetIds: [subnet-0a1b2c3d, subnet-1a2b3c4d] } }
  c:
    type: ds/trust
    properties:
      directoryId: \${missing.directoryId}
      remoteDomainName: \${b.nosuchattr}
      trustDirection: Two-Way
      trustPassword: { env: TRUST_PASSWORD }
`;

/** Deletes a live directory as a console user would: the real SDK against the workspace's cloud, no deletion delay. */
async function deleteLiveDirectory(dir: string, directoryName: string): Promise<void> {
  const cloud = await startLocalCloud({ stateFile: join(dir, "cloud.json"), settings: { deleteDelayMs: 0 } });
  const client = dsClient(cloud);
  try {
    const { DirectoryDescriptions = [] } = await client.send(new DescribeDirectoriesCommand({}));
    const directory = DirectoryDescriptions.find((d) => d.Name === directoryName);
    if (!directory?.DirectoryId) throw new Error(`test setup: no live directory named ${directoryName}`);
    await client.send(new DeleteDirectoryCommand({ DirectoryId: directory.DirectoryId }));
  } finally {
    client.destroy();
    await cloud.close();
  }
}
