import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isScalar, parseDocument, visit } from "yaml";
import { APPLIED_PLANS_DIR } from "../../src/cli/applied-plans.js";
import { repoRoot, runCli, scratchDir } from "../support/cli.js";

const folder = join(repoRoot, "examples/github-actions");
const files = ["plan.yml", "apply.yml", "drift.yml"] as const;

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
  if?: string;
}
interface Job {
  "runs-on"?: unknown;
  steps?: Step[];
  permissions?: Record<string, string>;
}
interface Workflow {
  on?: Record<string, unknown>;
  permissions?: Record<string, string>;
  env?: Record<string, string>;
  jobs?: Record<string, Job>;
}

function load(file: string): { text: string; workflow: Workflow } {
  const text = readFileSync(join(folder, file), "utf8");
  const document = parseDocument(text);
  expect(document.errors.map((error) => error.message)).toEqual([]);
  expect(document.warnings.map((warning) => warning.message)).toEqual([]);
  return { text, workflow: document.toJS() as Workflow };
}

const stepsOf = (workflow: Workflow) => Object.values(workflow.jobs ?? {}).flatMap((job) => job.steps ?? []);
const runScripts = (workflow: Workflow) => stepsOf(workflow).flatMap((step) => (step.run ? [step.run] : []));
const expression = /\$\{\{[^}]*\}\}/g;

/** `npx adstack SUBCOMMAND --flag …` as the run scripts invoke it, one entry per invocation. */
function adstackInvocations(workflow: Workflow): { command: string; flags: string[] }[] {
  return runScripts(workflow).flatMap((script) =>
    [...script.matchAll(/\bnpx adstack\s+([a-z-]+)([^\n]*)/g)].map((match) => ({ command: match[1]!, flags: [...match[2]!.matchAll(/(?<=\s)--[a-z-]+/g)].map((m) => m[0]) })),
  );
}

describe.each(files)("examples/github-actions/%s", (file) => {
  const { text, workflow } = load(file);

  it("is a structurally valid workflow: on, jobs, runs-on, steps with uses or run, permissions", () => {
    expect(text).not.toContain("\t");
    expect(Object.keys(workflow.on ?? {}).length).toBeGreaterThan(0);
    expect(Object.keys(workflow.jobs ?? {}).length).toBeGreaterThan(0);
    for (const job of Object.values(workflow.jobs ?? {})) {
      expect(job["runs-on"]).toBeTruthy();
      expect(job.steps?.length).toBeGreaterThan(0);
      expect(job.permissions ?? workflow.permissions).toBeTruthy();
      for (const step of job.steps ?? []) {
        expect(Number(step.uses !== undefined) + Number(step.run !== undefined)).toBe(1);
        if (step.uses) expect(step.uses).toMatch(/^[\w.-]+\/[\w./-]+@v\d+$/);
      }
    }
  });

  it("holds no plaintext secrets: secret-like values come from ${{ secrets.* }}, the role from a variable", () => {
    // Every value under `env:` or `with:` whose name sounds secret must be a secrets expression.
    const document = parseDocument(text);
    visit(document, {
      Pair(_, pair, path) {
        const parent = path[path.length - 2];
        const section = parent && "key" in parent && isScalar(parent.key) ? String(parent.key.value) : "";
        if (!isScalar(pair.key) || !isScalar(pair.value) || (section !== "env" && section !== "with")) return;
        const key = String(pair.key.value);
        if (/password|secret|token|credential|access-key|private/i.test(key) && key !== "github-token") {
          expect(String(pair.value.value), key).toMatch(/^\$\{\{\s*secrets\.[A-Z0-9_]+\s*\}\}$/);
        }
      },
    });
    expect(text).not.toMatch(/AKIA[0-9A-Z]{16}/);
    expect(text).not.toMatch(/aws-(access-key-id|secret-access-key)/);
    const credentialSteps = stepsOf(workflow).filter((step) => step.uses?.startsWith("aws-actions/configure-aws-credentials@"));
    expect(credentialSteps.length).toBe(1);
    expect(String(credentialSteps[0]!.with?.["role-to-assume"])).toMatch(/^\$\{\{\s*vars\.[A-Z0-9_]+\s*\}\}$/);
    expect(workflow.permissions?.["id-token"]).toBe("write");
  });

  it("runs only adstack commands and options the CLI has", async () => {
    const invocations = adstackInvocations(workflow);
    expect(invocations.length).toBeGreaterThan(0);
    for (const { command, flags } of invocations) {
      const help = await runCli([command, "--help"], { cwd: scratchDir() });
      expect(help.code, `adstack ${command}`).toBe(0);
      for (const flag of flags) expect(help.stdout, `adstack ${command} ${flag}`).toContain(flag);
    }
  });

  it("has run scripts bash can parse", () => {
    for (const script of runScripts(workflow)) {
      const result = spawnSync("bash", ["-n", "-c", script.replace(expression, "x")], { encoding: "utf8" });
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
    }
  });

  it("has github-script scripts that compile", () => {
    const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => unknown;
    for (const step of stepsOf(workflow).filter((s) => s.uses?.startsWith("actions/github-script@"))) {
      expect(() => new AsyncFunction("github", "context", "core", "require", String(step.with?.script))).not.toThrow();
    }
  });
});

describe("the pull-request workflow", () => {
  const { workflow } = load("plan.yml");

  it("plans as markdown into a saved plan, on pull requests, and uploads the plan", () => {
    expect(workflow.on).toHaveProperty("pull_request");
    expect(adstackInvocations(workflow)).toContainEqual({ command: "plan", flags: ["--format", "--out", "--detailed-exitcode"] });
    expect(runScripts(workflow).join("\n")).toContain("npm ci");
    expect(stepsOf(workflow).some((step) => step.uses?.startsWith("actions/upload-artifact@") && step.with?.path === "plan.json")).toBe(true);
    expect(workflow.permissions?.["pull-requests"]).toBe("write");
  });

  it("updates one comment found by the renderer's hidden marker", () => {
    const script = String(stepsOf(workflow).find((step) => step.uses?.startsWith("actions/github-script@"))?.with?.script);
    expect(script).toContain("<!-- adstack-plan stack=${stack} -->");
    expect(script).toContain("updateComment");
    expect(script).toContain("createComment");
  });
});

describe("the apply workflow", () => {
  const { workflow } = load("apply.yml");

  it("applies the reviewed saved plan on pushes to main, or plans again", () => {
    expect(workflow.on?.push).toEqual(expect.objectContaining({ branches: ["main"] }));
    expect(stepsOf(workflow).some((step) => step.uses?.startsWith("actions/download-artifact@"))).toBe(true);
    const commands = adstackInvocations(workflow).map((i) => i.command);
    expect(commands).toEqual(["apply", "apply"]);
    expect(runScripts(workflow).join("\n")).toContain("npx adstack apply plan.json");
  });

  it("carries the record of applied plans across runners, so a re-run cannot apply the plan twice", () => {
    const steps = stepsOf(workflow);
    const at = (prefix: string) => steps.findIndex((step) => step.uses?.startsWith(prefix));
    const apply = steps.findIndex((step) => step.run?.includes("npx adstack apply plan.json"));
    const [restore, save] = [steps[at("actions/cache/restore@")], steps[at("actions/cache/save@")]];
    expect(at("actions/cache/restore@")).toBeGreaterThan(at("actions/download-artifact@"));
    expect(at("actions/cache/restore@")).toBeLessThan(apply);
    expect(at("actions/cache/save@")).toBeGreaterThan(apply);
    for (const step of [restore, save]) {
      // The directory apply-saved writes its markers to, keyed by the plan file's content.
      expect(step?.with?.path).toBe(APPLIED_PLANS_DIR);
      expect(step?.with?.key).toBe("adstack-applied-${{ hashFiles('plan.json') }}");
    }
    // Saved after a failed apply too: its first step had started, so the plan is used up.
    expect(save?.if).toMatch(/^always\(\) && /);
  });

  it("says so when adstack refuses a stale plan (exit 3)", () => {
    const script = runScripts(workflow).find((run) => run.includes("adstack apply"))!;
    expect(script).toMatch(/^\s*3\)\s*$/m);
    expect(script).toContain("::error title=Stale plan::");
    expect(script).toContain('exit "$code"');
  });
});

describe("the drift workflow", () => {
  const { workflow } = load("drift.yml");

  it("runs drift nightly and opens or updates an issue on exit 2", () => {
    const schedule = workflow.on?.schedule as { cron: string }[];
    expect(schedule[0]!.cron.split(" ")).toHaveLength(5);
    expect(adstackInvocations(workflow).map((i) => i.command)).toEqual(["drift"]);
    const script = String(stepsOf(workflow).find((step) => step.uses?.startsWith("actions/github-script@"))?.with?.script);
    expect(script).toContain('DRIFT_EXIT_CODE !== "2"');
    expect(script).toContain("issues.create(");
    expect(script).toContain("issues.update(");
    expect(workflow.permissions?.issues).toBe("write");
  });
});
