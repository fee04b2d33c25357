import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const repoRoot = resolve(import.meta.dirname, "../..");
export const adstackBin = join(repoRoot, "bin/adstack");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Secrets the e2e tests use; tests assert none of them ever appears in any output. */
export const testSecrets = {
  CORP_CONNECTOR_PASSWORD: "Connector-Secret-7781!",
  AWS_AD_ADMIN_PASSWORD: "Admin-Secret-9923!",
  TRUST_PASSWORD: "Trust-Secret-4410!",
};

/** A scratch folder for one test: its own local-cloud state file and desired-state files. */
export function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), "adstack-test-"));
}

/** Runs the built CLI (`npm test` builds first) as a user would, against the local cloud. */
export function runCli(args: string[], options: { cwd: string; env?: Record<string, string> }): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [adstackBin, ...args], {
      cwd: options.cwd,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: options.cwd,
        AWS_REGION: "us-east-1",
        ADSTACK_LOCAL_CREATE_DELAY_MS: "150",
        ADSTACK_LOCAL_DELETE_DELAY_MS: "50",
        ...testSecrets,
        ...options.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", fail);
    child.on("close", (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

export interface StackWorkspace {
  dir: string;
  file: string;
  /** Replaces the first occurrence of `from`; fails the test setup when it is not in the file. */
  edit(from: string, to: string): void;
  /** Runs the CLI in the workspace against its own local cloud. */
  cli(...args: string[]): Promise<CliResult>;
}

/** A scratch folder holding one desired-state file (an example's text, optionally cut) and its local cloud. */
export function stackWorkspace(example: string, options: { cutAt?: string; fileName?: string } = {}): StackWorkspace {
  const dir = scratchDir();
  const file = join(dir, options.fileName ?? "stack.yaml");
  const text = readFileSync(join(repoRoot, example), "utf8");
  writeFileSync(file, options.cutAt === undefined ? text : text.slice(0, text.indexOf(options.cutAt)));
  return {
    dir,
    file,
    edit(from, to) {
      const current = readFileSync(file, "utf8");
      if (!current.includes(from)) throw new Error(`test setup: "${from}" not in the file`);
      writeFileSync(file, current.replace(from, to));
    },
    cli: (...args) => runCli([...args, "--local", "--local-state", "cloud.json"], { cwd: dir }),
  };
}
