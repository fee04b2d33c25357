/**
 * Every AWS operation a kind can send must be allowed by the policy `adstack iam-policy` prints:
 * dynamically, by running the examples through the local cloud and recording each operation it
 * answered, and statically, by scanning the provider files for every operation they name.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { applyPlan } from "../../src/applier/apply.js";
import { loadDesiredState } from "../../src/config/load.js";
import { createKindContext } from "../../src/core/context.js";
import type { DesiredState } from "../../src/core/desired.js";
import type { Plan } from "../../src/core/plan.js";
import { planChanges } from "../../src/planner/plan.js";
import { startLocalCloud, type LocalCloud } from "../../src/local-cloud/server.js";
import { actionsFor } from "../../src/providers/iam-policy.js";
import { allKinds, defaultRegistry } from "../../src/providers/index.js";
import { repoRoot, testSecrets } from "../support/cli.js";

const registry = defaultRegistry();
const allTypes = allKinds.map((kind) => kind.type);
const credentials = { accessKeyId: "AKIDLOCALCLOUD", secretAccessKey: "local-secret" };

/** The operations the local cloud answered since the last call, as IAM actions (`ds:DescribeDirectories`). */
function takeCalls(cloud: LocalCloud): string[] {
  const calls = Object.keys(cloud.stats().calls);
  cloud.resetStats();
  return calls;
}

async function planAndApply(cloud: LocalCloud, desired: DesiredState, mode: Plan["mode"]): Promise<{ planCalls: string[]; applyCalls: string[] }> {
  const ctx = () => createKindContext({ stack: desired.stack, aws: { region: "us-east-1", endpoint: cloud.url, credentials } });
  const plan = await planChanges({ desired, registry, ctx: ctx(), mode });
  const planCalls = takeCalls(cloud);
  const resolveSecret = () => "Local-Secret-1234!";
  const result = await applyPlan(plan, { registry, ctx: ctx(), reporter: () => {}, resolveSecret, progressIntervalMs: Infinity });
  expect(result.failures).toEqual([]);
  return { planCalls, applyCalls: takeCalls(cloud) };
}

// Each example gets its own local cloud, so they can run at the same time.
describe.concurrent.each(["directory-service.yaml", "corporate-identity.yaml", "pca-stack.yaml"])("the policy for examples/%s", (example) => {
  it("allows every operation plan, apply and destroy send to the local cloud", { timeout: 120_000 }, async () => {
    const cloud = await startLocalCloud({ settings: { createDelayMs: 150, deleteDelayMs: 50 }, region: "us-east-1" });
    try {
      const desired = await loadDesiredState(join(repoRoot, "examples", example), { registry, env: testSecrets });
      const fileKinds = [...new Set(desired.resources.map((resource) => resource.type))];
      const planPolicy = actionsFor(fileKinds, allTypes, "plan");
      const applyPolicy = actionsFor(fileKinds, allTypes, "apply");

      const created = await planAndApply(cloud, desired, "apply");
      const destroyed = await planAndApply(cloud, desired, "destroy");
      const planCalls = [...created.planCalls, ...destroyed.planCalls];
      const applyCalls = [...created.applyCalls, ...destroyed.applyCalls];

      expect(created.applyCalls.some((call) => /:(Create|Connect|Register)/.test(call))).toBe(true);
      expect(destroyed.applyCalls.some((call) => /:(Delete|Deregister)/.test(call))).toBe(true);
      expect(planCalls.filter((call) => !planPolicy.includes(call))).toEqual([]);
      expect(applyCalls.filter((call) => !applyPolicy.includes(call))).toEqual([]);
    } finally {
      await cloud.close();
    }
  });
});

/** Operation names as the provider files send them: `dsCall(ctx, "X"`, `workspacesCall(ctx, "X"`, `new XCommand(`. */
function operationsNamedIn(service: string): Set<string> {
  const folder = join(repoRoot, "src/providers", service);
  const operations = new Set<string>();
  for (const file of readdirSync(folder).filter((name) => name.endsWith(".ts"))) {
    const text = readFileSync(join(folder, file), "utf8");
    for (const match of text.matchAll(/(?:dsCall|workspacesCall)\(\s*ctx,\s*([^,]+),/g)) {
      for (const literal of match[1]!.matchAll(/"([A-Za-z]+)"/g)) operations.add(literal[1]!);
    }
    for (const match of text.matchAll(/new ([A-Z][A-Za-z]+)Command\(/g)) operations.add(match[1]!);
  }
  return operations;
}

describe("the policy for a file using every kind", () => {
  const planPolicy = actionsFor(allTypes, allTypes, "plan");
  const applyPolicy = actionsFor(allTypes, allTypes, "apply");
  const prefixes = { ds: "ds", pca: "pca-connector-ad", workspaces: "workspaces" } as const;

  it.each(Object.entries(prefixes))("allows every operation the %s provider files send, reads for plan too", (folder, prefix) => {
    const operations = [...operationsNamedIn(folder)].map((operation) => `${prefix}:${operation}`);
    expect(operations.length).toBeGreaterThan(5);
    expect(operations.filter((action) => !applyPolicy.includes(action))).toEqual([]);
    const reads = operations.filter((action) => /:(Describe|List|Get)/.test(action));
    expect(reads.filter((action) => !planPolicy.includes(action))).toEqual([]);
  });

  it("finds the operations chosen at run time, such as EnableSso or DisableSso", () => {
    expect([...operationsNamedIn("ds")]).toEqual(expect.arrayContaining(["EnableSso", "DisableSso", "DescribeDirectories"]));
  });
});
