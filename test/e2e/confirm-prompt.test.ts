import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { adstackBin, repoRoot, runCli, scratchDir, testSecrets } from "../support/cli.js";

const example = join(repoRoot, "examples/directory-service.yaml");
/** util-linux `script` gives the CLI a pseudo-terminal, as a person at a terminal has. */
const hasScript = spawnSync("script", ["--version"]).status === 0;

/** Runs `adstack ARGS` on a pseudo-terminal and types `answer` at it. */
function runOnTerminal(args: string[], cwd: string, answer: string): Promise<{ code: number; output: string }> {
  const command = [process.execPath, adstackBin, ...args].map((part) => `'${part}'`).join(" ");
  return new Promise((done, fail) => {
    const child = spawn("script", ["-qec", command, "/dev/null"], {
      cwd,
      env: { PATH: process.env.PATH ?? "", HOME: cwd, TERM: "dumb", AWS_REGION: "us-east-1", ADSTACK_LOCAL_CREATE_DELAY_MS: "150", ...testSecrets },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let output = "";
    let answered = false;
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      // Typed once the question is on screen, as a person would.
      if (!answered && output.includes("Only 'yes' will be accepted:")) {
        answered = true;
        child.stdin.write(`${answer}\n`);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", fail);
    child.on("close", (code) => done({ code: code ?? -1, output }));
  });
}

describe.skipIf(!hasScript)("apply at a terminal", () => {
  it("asks before changing anything: anything but 'yes' cancels, 'yes' applies", { timeout: 60_000 }, async () => {
    const dir = scratchDir();
    const local = ["--local", "--local-state", "cloud.json"];

    const declined = await runOnTerminal(["apply", example, ...local], dir, "no");
    expect(declined.output).toContain("Do you want to perform these actions? Only 'yes' will be accepted:");
    expect(declined.output).toContain("Apply cancelled.");
    expect(declined.code).toBe(1);
    expect((await runCli(["plan", example, ...local, "--detailed-exitcode"], { cwd: dir })).code).toBe(2);

    const accepted = await runOnTerminal(["apply", example, ...local], dir, "yes");
    expect(accepted.output).toMatch(/Apply complete/);
    expect(accepted.code).toBe(0);
    expect((await runCli(["plan", example, ...local, "--detailed-exitcode"], { cwd: dir })).code).toBe(0);
  });
});
