/**
 * Bad input, through the CLI as a user would meet it. Every file under test/fixtures/corpus/ is
 * planned against a local cloud that counts every request; each must exit 1 with one line per
 * problem (`FILE:LINE:COL: message`, or `FILE: message` for the file as a whole) as its sidecar
 * `.expect` lists them, and the cloud must see no request at all. The binary and 10 MB files are
 * made here, and the CLI's own arguments (a missing file, a directory, a damaged or foreign saved
 * plan) get the same treatment.
 *
 * Starting the CLI costs a fifth of a second of CPU, so `npm test` runs every file through the
 * CLI's own load-and-report path in process and a fixed sample of them through the CLI itself;
 * `npm run reliability` runs all of them through the CLI.
 *
 * `.expect` format: `#` lines are comments; `FILE:LINE:COL: text` expects a problem line starting
 * with that text; `FILE: text` expects exactly that whole-file line. `FILE` stands for the path as
 * given on the command line, and the lines come in the order the CLI prints them.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exitCodeFor } from "../../src/cli/main.js";
import { createOutput } from "../../src/cli/output.js";
import { loadDesiredState } from "../../src/config/load.js";
import { mulberry32 } from "../../src/local-cloud/faults.js";
import { startLocalCloud, type LocalCloud } from "../../src/local-cloud/server.js";
import { defaultRegistry } from "../../src/providers/index.js";
import { repoRoot, runCli, scratchDir, testSecrets, type CliResult } from "../support/cli.js";
import { isDeep, record } from "./support/depth.js";

const corpusDir = join(repoRoot, "test/fixtures/corpus");
const corpus = readdirSync(corpusDir).filter((name) => name.endsWith(".yaml")).sort();
/** Every eighth file (all of them in a deep run) goes through a real CLI process too. */
const throughCli = corpus.filter((_, i) => isDeep || i % 8 === 0);
const registry = defaultRegistry();

let cloud: LocalCloud;
/** Distinct cases checked (a file checked in process and through the CLI counts once). */
const checked = new Set<string>();
let failures = 0;
beforeAll(async () => {
  cloud = await startLocalCloud();
});
afterAll(async () => {
  record({ test: "corpus", cases: checked.size, failures });
  await cloud.close();
});

/** Not `--local`: the CLI talks to the counting cloud exactly as it would talk to AWS. */
function plan(file: string, cwd: string, ...more: string[]): Promise<CliResult> {
  return runCli(["plan", file, ...more], {
    cwd,
    env: {
      AWS_ENDPOINT_URL: cloud.url,
      AWS_ACCESS_KEY_ID: "AKIDCORPUS",
      AWS_SECRET_ACCESS_KEY: "corpus-not-a-secret",
      ADSTACK_CORPUS_EMPTY: "",
    },
  });
}

/** `adstack apply PLAN` against the counting cloud, as if it were AWS. */
function applyAgainstCountingCloud(planFile: string, cwd: string): Promise<CliResult> {
  return runCli(["apply", planFile, "--auto-approve"], {
    cwd,
    env: { AWS_ENDPOINT_URL: cloud.url, AWS_ACCESS_KEY_ID: "AKIDCORPUS", AWS_SECRET_ACCESS_KEY: "corpus-not-a-secret" },
  });
}

/** What `adstack plan` prints and returns for a file that fails to load, without starting a process. */
async function planInProcess(file: string): Promise<CliResult> {
  let stderr = "";
  const sink = (write: (text: string) => void) => new Writable({ write: (chunk, _encoding, done) => (write(String(chunk)), done()) });
  const env = { ...testSecrets, AWS_REGION: "us-east-1", ADSTACK_CORPUS_EMPTY: "" };
  const output = createOutput({ stdout: sink(() => {}), stderr: sink((text) => (stderr += text)), env, noColor: true });
  try {
    await loadDesiredState(file, { registry, env, defaultRegion: env.AWS_REGION });
  } catch (error) {
    const code = exitCodeFor(error, output);
    await new Promise((resolve) => setImmediate(resolve));
    return { code, stdout: "", stderr };
  }
  return { code: 0, stdout: "", stderr: "the file loaded without a problem" };
}

function expectationsOf(name: string): string[] {
  const text = readFileSync(join(corpusDir, name.replace(/\.yaml$/, ".expect")), "utf8");
  return text.split("\n").filter((line) => line.trim() !== "" && !line.startsWith("#"));
}

/** The problem lines of a failed run: stderr without the closing count, which is checked against them. */
function problemLines(result: CliResult): string[] {
  const lines = result.stderr.split("\n").filter((line) => line !== "");
  const closing = lines.pop() ?? "";
  const count = /^(\d+) errors? found; nothing was sent to AWS\.$/.exec(closing);
  expect(count, `closing line of:\n${result.stderr}`).not.toBeNull();
  expect(lines).toHaveLength(Number(count![1]));
  return lines;
}

/** Checks a run against expectations in the `.expect` notation, `FILE` standing for `path`. */
function expectProblems(result: CliResult, path: string, expected: string[]): void {
  checked.add(basename(path));
  try {
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toBe("");
    const lines = problemLines(result);
    const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    for (const line of lines) {
      // One line each, in one of the two documented shapes, with nothing invisible in it.
      expect(line).toMatch(new RegExp(`^${escaped}(:\\d+:\\d+)?: \\S`));
      expect(line).not.toMatch(/[\p{Cc}\p{Cf}]/u);
    }
    expect(lines.length, lines.join("\n")).toBe(expected.length);
    expected.forEach((expectation, i) => {
      const wanted = expectation.replace(/^FILE/, path);
      if (/^FILE:\d+:\d+: /.test(expectation)) expect(lines[i].startsWith(wanted), `${lines[i]}\n  should start with\n${wanted}`).toBe(true);
      else expect(lines[i]).toBe(wanted);
    });
  } catch (error) {
    failures += 1;
    throw error;
  }
}

describe("the bad-input corpus", () => {
  it("holds at least 60 files, each with its expectations", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(60);
    for (const name of corpus) expect(expectationsOf(name).length, name).toBeGreaterThan(0);
  });

  describe("each file, loaded the way plan loads it", () => {
    it.each(corpus)("%s", async (name) => {
      expectProblems(await planInProcess(join(corpusDir, name)), join(corpusDir, name), expectationsOf(name));
    });
  });

  describe.concurrent(`${throughCli.length} of them through the CLI`, () => {
    it.each(throughCli)("%s", async (name) => {
      expectProblems(await plan(name, corpusDir), name, expectationsOf(name));
    });
  });
});

describe.concurrent("files made at test time", () => {
  it("a binary file", async () => {
    const dir = scratchDir();
    const random = mulberry32(7);
    const bytes = Buffer.from(Array.from({ length: 64 * 1024 }, () => Math.floor(random() * 256)));
    // A PNG's signature: what a wrong path most often turns out to be.
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]).copy(bytes);
    writeFileSync(join(dir, "image.yaml"), bytes);
    expectProblems(await plan("image.yaml", dir), "image.yaml", ["FILE:3:1: the file is binary (it contains a NUL byte); expected YAML text"]);
  });

  it("a 10 MB file", async () => {
    const dir = scratchDir();
    const line = `# ${"padding ".repeat(12)}\n`;
    const head = "stack: huge\nregion: us-east-1\nresources: {}\n";
    writeFileSync(join(dir, "huge.yaml"), head + line.repeat(Math.ceil((10 * 1024 * 1024) / line.length)));
    expectProblems(await plan("huge.yaml", dir), "huge.yaml", [
      "FILE: the file is larger than 5 MB; a desired-state file is YAML text well below that",
    ]);
  });
});

describe.concurrent("the CLI's own arguments", () => {
  it("a file that does not exist", async () => {
    expectProblems(await plan("nowhere.yaml", scratchDir()), "nowhere.yaml", ["FILE: cannot read the file: no such file"]);
  });

  it("a directory instead of a file", async () => {
    const dir = scratchDir();
    mkdirSync(join(dir, "stacks"));
    expectProblems(await plan("stacks", dir), "stacks", ["FILE: cannot read the file: it is a directory"]);
  });

  it("a saved plan cut short", async () => {
    const { dir } = await savedPlan();
    writeFileSync(join(dir, "cut.plan"), readFileSync(join(dir, "stack.plan"), "utf8").slice(0, 400));
    const result = await applyAgainstCountingCloud("cut.plan", dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Error: cut\.plan is not a valid adstack plan file: [^\n]*JSON[^\n]*\n$/);
  });

  it("a saved plan of another stack", async () => {
    const { dir, plan: saved } = await savedPlan();
    // The plan names the file it was made from; that file now belongs to another stack.
    writeFileSync(join(dir, "stack.yaml"), readFileSync(join(dir, "stack.yaml"), "utf8").replace("stack: planned", "stack: someone-else"));
    const before = cloud.stats().requests;
    const result = await applyAgainstCountingCloud("stack.plan", dir);
    // A plan that no longer matches its file is stale: exit 3, as documented, before any AWS call.
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("stack.yaml changed since stack.plan was made");
    expect(saved.stack).toBe("planned");
    expect(cloud.stats().requests).toBe(before);
  });
});

describe("after every bad input", () => {
  it("the cloud saw no request at all", () => {
    expect(cloud.stats().requests).toBe(0);
    expect(cloud.stats().calls).toEqual({});
  });
});

/** A workspace with a stack file and a plan saved for it (made against a throwaway local cloud). */
async function savedPlan(): Promise<{ dir: string; plan: { stack: string } }> {
  const dir = scratchDir();
  writeFileSync(
    join(dir, "stack.yaml"),
    [
      "stack: planned",
      "region: us-east-1",
      "resources:",
      "  aws-ad:",
      "    type: ds/microsoft-ad",
      "    properties:",
      "      name: aws.corp.example.com",
      "      password: { env: AWS_AD_ADMIN_PASSWORD }",
      "      vpcSettings: { vpcId: vpc-0a1b2c3d, subnetIds: [subnet-0a1b2c3d, subnet-1a2b3c4d] }",
      "",
    ].join("\n"),
  );
  const made = await runCli(["plan", "stack.yaml", "--out", "stack.plan", "--local", "--local-state", "cloud.json"], { cwd: dir });
  expect(made.code, made.stderr).toBe(0);
  return { dir, plan: JSON.parse(readFileSync(join(dir, "stack.plan"), "utf8")) as { stack: string } };
}
