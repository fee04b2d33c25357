import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { minimumRefreshCalls } from "../../bench/bounds.mjs";
import { benchSecrets, composition, stackYaml } from "../../bench/stack.mjs";
import { hasChanges } from "../../src/core/plan.js";
import { ProviderError } from "../../src/core/errors.js";
import { describeNarrowing } from "../../src/providers/aws/batch-reads.js";
import { dsCall } from "../../src/providers/ds/client.js";
import { describeDirectoriesByIds } from "../../src/providers/ds/directory-reads.js";
import { readRegistration } from "../../src/providers/workspaces/directory-reads.js";
import { contextFor, deploy, planFor, repeated, startCountingCloud, type CountingCloud } from "./support.js";

const SECRETS = { CONNECTOR_PASSWORD: "Connector-Pass-1!" };

/** `connectors` AD Connectors, the first `registered` of them registered with WorkSpaces. */
function directoriesStack(connectors: number, registered: number): string {
  const lines = ["stack: perf-directories", "region: us-east-1", "resources:"];
  for (let i = 0; i < connectors; i++) {
    lines.push(
      `  c${i}:`,
      "    type: ds/ad-connector",
      "    properties:",
      `      name: c${i}.corp.example.com`,
      "      size: Small",
      "      password: { env: CONNECTOR_PASSWORD }",
      "      connectSettings: { vpcId: vpc-0a1b2c3d, subnetIds: [subnet-0a1b2c3d, subnet-1a2b3c4d], customerDnsIps: [10.0.0.10], customerUserName: svc }",
    );
    if (i < registered) {
      lines.push(`  c${i}-desktops:`, "    type: workspaces/directory", "    properties:", `      directoryId: \${c${i}.directoryId}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

describe("refresh of 40 directories, 30 of them registered with WorkSpaces", () => {
  let counting: CountingCloud;
  const yaml = directoriesStack(40, 30);

  beforeAll(async () => {
    counting = await startCountingCloud();
    await deploy(counting.cloud, yaml, SECRETS);
  });
  afterAll(() => counting.close());

  it("lists directories a page at a time, reads each one's tags once, and nothing else", async () => {
    counting.reset();
    const plan = await planFor(counting.cloud, yaml, SECRETS);
    expect(hasChanges(plan)).toBe(false);
    const calls = counting.calls();
    // Pages of 10 (the local cloud's DescribeDirectories maximum); tags are in no describe call.
    expect(calls["ds:DescribeDirectories"]).toBe(4);
    expect(calls["ds:ListTagsForResource"]).toBe(40);
    // 30 registrations: pages of 25, one tag call each, client properties in batches of 25.
    expect(calls["workspaces:DescribeWorkspaceDirectories"]).toBe(2);
    expect(calls["workspaces:DescribeTags"]).toBe(30);
    expect(calls["workspaces:DescribeClientProperties"]).toBe(2);
    expect(repeated(counting.requests)).toEqual({});
  });

  it("reads 30 registrations asked for together with 2 DescribeWorkspaceDirectories calls", async () => {
    const ctx = contextFor(counting.cloud, "perf-directories");
    const ids = await directoryIds(ctx);
    counting.reset();
    const read = await Promise.all(ids.slice(0, 30).map((id) => readRegistration(ctx, id)));
    expect(read.filter((r) => r?.State === "REGISTERED")).toHaveLength(30);
    expect(counting.calls()["workspaces:DescribeWorkspaceDirectories"]).toBe(2);
  });

  it("re-reads 40 directory IDs, one of them deleted meanwhile, with one extra call instead of 40", async () => {
    const ctx = contextFor(counting.cloud, "perf-directories");
    const ids = await directoryIds(ctx);
    const gone = ids[ids.length - 1];
    await dsCall(ctx, "DeleteDirectory", { DirectoryId: gone });
    await new Promise((resolve) => setTimeout(resolve, 20));
    counting.reset();
    const found = await describeDirectoriesByIds(ctx, ids);
    expect(found.size).toBe(39);
    expect(found.has(gone)).toBe(false);
    // One call fails naming the deleted ID; the other 39 come back in pages of 10.
    expect(counting.calls()["ds:DescribeDirectories"]).toBe(1 + Math.ceil(39 / 10));
  });
});

/** IDs of the stack's directories, in the order the stack names them (c0, c1, …). */
async function directoryIds(ctx: ReturnType<typeof contextFor>): Promise<string[]> {
  const page = async (NextToken?: string) => dsCall(ctx, "DescribeDirectories", { NextToken });
  const all = [];
  let token: string | undefined;
  do {
    const answer = await page(token);
    all.push(...(answer.DirectoryDescriptions ?? []));
    token = answer.NextToken;
  } while (token);
  const index = (name = "") => Number(/^c(\d+)\./.exec(name)?.[1] ?? -1);
  return all.sort((a, b) => index(a.Name) - index(b.Name)).map((d) => d.DirectoryId!);
}

describe("narrowing a batch that fails as a whole", () => {
  it("finds one missing ID among 40 in a logarithmic number of calls when the error does not name it", async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `d-${String(i).padStart(10, "0")}`);
    const missing = ids[17];
    let calls = 0;
    const found = await describeNarrowing(ids, async (batch) => {
      calls += 1;
      if (batch.includes(missing)) throw new ProviderError("NotFound", "One of the directories does not exist.", "EntityDoesNotExistException");
      return batch;
    });
    expect(found).toHaveLength(39);
    expect(calls).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(40)) + 1);
  });
});

describe("refresh of the benchmark's 100-resource stack", () => {
  let counting: CountingCloud;
  const yaml = stackYaml(100, "perf-stack");

  let applyCalls: Record<string, number>;

  beforeAll(async () => {
    counting = await startCountingCloud();
    await deploy(counting.cloud, yaml, benchSecrets);
    applyCalls = counting.calls();
  });
  afterAll(() => counting.close());

  it("applies without reading back tags it wrote, or entries whose create answer says it all", () => {
    expect(applyCalls["ds:ListTagsForResource"] ?? 0).toBe(0);
    expect(applyCalls["pca-connector-ad:ListTagsForResource"] ?? 0).toBe(0);
    expect(applyCalls["workspaces:DescribeTags"] ?? 0).toBe(0);
    expect(applyCalls["pca-connector-ad:ListTemplateGroupAccessControlEntries"] ?? 0).toBe(0);
  });

  it("makes exactly the calls the APIs cannot do without, and none of them twice", async () => {
    counting.reset();
    const plan = await planFor(counting.cloud, yaml, benchSecrets);
    expect(hasChanges(plan)).toBe(false);
    expect(counting.calls()).toEqual(minimumRefreshCalls(composition(100)));
    expect(repeated(counting.requests)).toEqual({});
  });

  it("makes the same calls on every unchanged plan", async () => {
    counting.reset();
    await planFor(counting.cloud, yaml, benchSecrets);
    const first = counting.calls();
    counting.reset();
    await planFor(counting.cloud, yaml, benchSecrets);
    expect(counting.calls()).toEqual(first);
  });
});
