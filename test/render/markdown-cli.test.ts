import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, runCli, scratchDir } from "../support/cli.js";
import { expectCleanExit, expectNoSecrets } from "../support/cli-expectations.js";

const example = join(repoRoot, "examples/directory-service.yaml");
const local = ["--local", "--local-state", "cloud.json"];

describe("adstack plan --format", () => {
  it("prints the pull-request comment for markdown, from the plan, with no secrets", async () => {
    const result = await runCli(["plan", example, ...local, "--format", "markdown", "--detailed-exitcode"], { cwd: scratchDir() });
    expectCleanExit(result, 2);
    expect(result.stdout.startsWith("<!-- adstack-plan stack=")).toBe(true);
    expect(result.stdout).toContain("✏️ 3 to add, 0 to change; nothing to destroy or replace");
    expect(result.stdout).toContain("```mermaid");
    expect(result.stdout).toContain("(sensitive)");
    expectNoSecrets(result.stdout);
  });

  it("takes json and text too, --json being the same as --format json", async () => {
    const dir = scratchDir();
    const json = await runCli(["plan", example, ...local, "--format", "json"], { cwd: dir });
    const shorthand = await runCli(["plan", example, ...local, "--json"], { cwd: dir });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(shorthand.stdout));
    const text = await runCli(["plan", example, ...local, "--format", "text"], { cwd: dir });
    expect(text.stdout).toContain("Plan: 3 to add, 0 to change, 0 to replace, 0 to destroy.");
  });

  it("refuses an unknown format and a contradiction with --json", async () => {
    const unknown = await runCli(["plan", example, ...local, "--format", "yaml"], { cwd: scratchDir() });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("must be one of: text, json, markdown");
    const both = await runCli(["plan", example, ...local, "--json", "--format", "markdown"], { cwd: scratchDir() });
    expect(both.code).toBe(1);
    expect(both.stderr).toContain("--json and --format markdown contradict each other");
  });
});
