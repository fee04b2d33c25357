import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalCloud, type LocalCloud } from "../../src/local-cloud/server.js";
import { repoRoot, runCli, scratchDir, testSecrets } from "../support/cli.js";

const example = join(repoRoot, "examples/directory-service.yaml");

describe("adstack commands that need no resources", () => {
  it("prints its version", async () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string };
    const result = await runCli(["--version"], { cwd: scratchDir() });
    expect(result).toMatchObject({ code: 0, stdout: `${manifest.version}\n` });
  });

  it("validates a file without any AWS call", async () => {
    // No endpoint, no credentials, no --local: any AWS call would fail.
    const result = await runCli(["validate", example], { cwd: scratchDir(), env: { AWS_ENDPOINT_URL: "http://127.0.0.1:9" } });
    expect(result.stdout).toBe(`${example}: valid (3 resources in stack corp-identity).\n`);
    expect(result.code).toBe(0);
  });

  it("prints the dependency graph as mermaid and dot", async () => {
    const mermaid = await runCli(["graph", example], { cwd: scratchDir() });
    expect(mermaid.code).toBe(0);
    expect(mermaid.stdout).toMatch(/^(flowchart|graph) /);
    expect(mermaid.stdout).toContain('n1["ds/microsoft-ad.aws-ad"]');
    expect(mermaid.stdout).toContain('n2["ds/trust.forest-trust"]');
    expect(mermaid.stdout).toContain("n2 --> n1");
    const dot = await runCli(["graph", example, "--format", "dot"], { cwd: scratchDir() });
    expect(dot.stdout).toMatch(/^digraph /);
    expect(dot.stdout).toContain('"ds/trust.forest-trust" -> "ds/microsoft-ad.aws-ad"');
    const bad = await runCli(["graph", example, "--format", "png"], { cwd: scratchDir() });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("--format must be mermaid or dot");
  });

  it("prints a graph and a policy without the file's secrets, which validate still requires", async () => {
    const noSecrets = Object.fromEntries(Object.keys(testSecrets).map((name) => [name, ""]));
    const graph = await runCli(["graph", example], { cwd: scratchDir(), env: noSecrets });
    expect(graph.stderr).toBe("");
    expect(graph).toMatchObject({ code: 0, stdout: expect.stringContaining("n2 --> n1") });
    const policy = await runCli(["iam-policy", example, "--for", "plan"], { cwd: scratchDir(), env: noSecrets });
    expect(policy.stderr).toBe("");
    expect(policy).toMatchObject({ code: 0, stdout: expect.stringContaining("ds:DescribeDirectories") });
    const validate = await runCli(["validate", example], { cwd: scratchDir(), env: noSecrets });
    expect(validate.code).toBe(1);
    expect(validate.stderr).toMatch(/directory-service\.yaml:\d+:\d+: password: environment variable \w+ is empty/);
  });

  it("refuses to apply without a terminal unless --auto-approve is given", async () => {
    const dir = scratchDir();
    const result = await runCli(["apply", example, "--local", "--local-state", "cloud.json"], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("--auto-approve");
    const plan = await runCli(["plan", example, "--local", "--local-state", "cloud.json", "--detailed-exitcode"], { cwd: dir });
    expect(plan.code).toBe(2);
  });

  it("keeps the --local cloud in .adstack/local-cloud.json, so separate runs see the same cloud", async () => {
    const dir = scratchDir();
    const cli = (...args: string[]) => runCli([...args, "--local"], { cwd: dir });
    expect((await cli("plan", example, "--detailed-exitcode")).code).toBe(2);
    expect((await cli("apply", example, "--auto-approve")).code).toBe(0);
    expect((await cli("plan", example, "--detailed-exitcode")).code).toBe(0);
    const state = join(dir, ".adstack/local-cloud.json");
    expect(existsSync(state)).toBe(true);
    for (const secret of Object.values(testSecrets)) expect(readFileSync(state, "utf8")).not.toContain(secret);
  });

  it("never colours output that is not a terminal", async () => {
    const result = await runCli(["plan", example, "--local", "--local-state", "cloud.json"], { cwd: scratchDir(), env: { FORCE_COLOR: "1" } });
    expect(result.stdout).not.toContain("\u001b[");
  });
});

describe("adstack against any AWS-compatible endpoint", () => {
  let cloud: LocalCloud;
  beforeAll(async () => {
    cloud = await startLocalCloud({ settings: { createDelayMs: 100, deleteDelayMs: 50 } });
  });
  afterAll(() => cloud.close());

  it("honours AWS_ENDPOINT_URL and the SDK's credential variables", async () => {
    const env = { AWS_ENDPOINT_URL: cloud.url, AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "example-secret" };
    const dir = scratchDir();
    expect((await runCli(["apply", example, "--auto-approve"], { cwd: dir, env })).code).toBe(0);
    expect(cloud.stats().calls["ds:ConnectDirectory"]).toBe(1);
    expect((await runCli(["plan", example, "--detailed-exitcode"], { cwd: dir, env })).code).toBe(0);
  });

  it("prefers AWS_ENDPOINT_URL_<SERVICE> over AWS_ENDPOINT_URL", async () => {
    const env = {
      AWS_ENDPOINT_URL: "http://127.0.0.1:9",
      AWS_ENDPOINT_URL_DIRECTORY_SERVICE: cloud.url,
      AWS_ENDPOINT_URL_WORKSPACES: cloud.url,
      AWS_ENDPOINT_URL_PCA_CONNECTOR_AD: cloud.url,
      AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
      AWS_SECRET_ACCESS_KEY: "example-secret",
    };
    const before = cloud.stats().calls["ds:DescribeDirectories"] ?? 0;
    const plan = await runCli(["plan", example], { cwd: scratchDir(), env });
    expect(plan).toMatchObject({ code: 0, stderr: "" });
    expect(cloud.stats().calls["ds:DescribeDirectories"]).toBe(before + 1);
  });
});
