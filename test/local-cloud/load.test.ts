import { DescribeDirectoriesCommand } from "@aws-sdk/client-directory-service";
import { DescribeWorkspaceDirectoriesCommand, WorkSpacesClient } from "@aws-sdk/client-workspaces";
import { afterEach, describe, expect, it } from "vitest";
import { createRateLimiter, TokenBucket } from "../../src/local-cloud/load.js";
import { startLocalCloud } from "../../src/local-cloud/server.js";
import { directoryService } from "../../src/local-cloud/services/ds.js";
import { failure, manualClock, startDs, type DsHarness } from "./ds-harness.js";

let open: DsHarness[] = [];
afterEach(async () => {
  await Promise.all(open.map((h) => h.close()));
  open = [];
});

async function ds(...args: Parameters<typeof startDs>): Promise<DsHarness> {
  const h = await startDs(...args);
  open.push(h);
  return h;
}

function workspacesClient(url: string): WorkSpacesClient {
  return new WorkSpacesClient({
    endpoint: url,
    region: "us-east-1",
    credentials: { accessKeyId: "AKIDLOCALCLOUDTEST", secretAccessKey: "local-cloud-test-secret" },
    maxAttempts: 1,
  });
}

const describeDirectories = (h: DsHarness) => h.client.send(new DescribeDirectoriesCommand({}));

describe("token bucket", () => {
  it("allows a burst, then one call per refill interval, and never saves up beyond its capacity", () => {
    const clock = manualClock();
    const bucket = new TokenBucket(2, 3, clock.now);
    expect([bucket.tryTake(), bucket.tryTake(), bucket.tryTake(), bucket.tryTake()]).toEqual([true, true, true, false]);
    clock.advance(499);
    expect(bucket.tryTake()).toBe(false);
    clock.advance(1);
    expect([bucket.tryTake(), bucket.tryTake()]).toEqual([true, false]);
    clock.advance(60_000);
    expect([bucket.tryTake(), bucket.tryTake(), bucket.tryTake(), bucket.tryTake()]).toEqual([true, true, true, false]);
  });

  it("is not drained by a clock that steps back", () => {
    let now = 10_000;
    const bucket = new TokenBucket(1, 1, () => now);
    expect(bucket.tryTake()).toBe(true);
    now = 5_000;
    expect(bucket.tryTake()).toBe(false);
    now = 6_000;
    expect(bucket.tryTake()).toBe(true);
  });

  it("keeps one bucket per service, and none without a rate", () => {
    const clock = manualClock();
    const admit = createRateLimiter({ rateLimit: 1, burst: 1 }, clock.now)!;
    expect([admit("ds"), admit("ds"), admit("workspaces"), admit("workspaces")]).toEqual([true, false, true, false]);
    expect(createRateLimiter({ latencyMs: 5 }, clock.now)).toBeUndefined();
  });

  it("lets a second's worth of calls through at once when no burst is given", () => {
    const clock = manualClock();
    const admit = createRateLimiter({ rateLimit: 2.5 }, clock.now)!;
    expect([admit("ds"), admit("ds"), admit("ds"), admit("ds")]).toEqual([true, true, true, false]);
  });
});

describe("rate limit over the wire", () => {
  it("throttles a service beyond its burst with its own error, counts that apart from calls, and recovers with time", async () => {
    const h = await ds({ load: { rateLimit: 1, burst: 2 } });
    await describeDirectories(h);
    await describeDirectories(h);
    const throttled = await failure(describeDirectories(h));
    const shape = JSON.parse(directoryService.throttlingResponse().body!) as { __type: string };
    expect(throttled).toMatchObject({ name: shape.__type, message: "Rate exceeded", status: 400 });
    expect(h.cloud.stats()).toMatchObject({ calls: { "ds:DescribeDirectories": 2 }, throttled: 1, requests: 3 });

    h.clock.advance(999);
    expect((await failure(describeDirectories(h))).message).toBe("Rate exceeded");
    h.clock.advance(1);
    await describeDirectories(h);
    expect(h.cloud.stats()).toMatchObject({ calls: { "ds:DescribeDirectories": 3 }, throttled: 2, requests: 5 });
  });

  it("limits each service on its own: DS being throttled leaves WorkSpaces alone", async () => {
    const h = await ds({ load: { rateLimit: 1, burst: 1 } });
    await describeDirectories(h);
    expect((await failure(describeDirectories(h))).message).toBe("Rate exceeded");
    const workspaces = workspacesClient(h.cloud.url);
    try {
      await workspaces.send(new DescribeWorkspaceDirectoriesCommand({}));
      await expect(workspaces.send(new DescribeWorkspaceDirectoriesCommand({}))).rejects.toMatchObject({ name: "ThrottlingException" });
    } finally {
      workspaces.destroy();
    }
    expect(h.cloud.stats()).toMatchObject({ throttled: 2, calls: { "ds:DescribeDirectories": 1, "workspaces:DescribeWorkspaceDirectories": 1 } });
  });
});

describe("latency", () => {
  it("adds the configured latency to every call", async () => {
    const h = await ds({ load: { latencyMs: 150 } });
    for (let i = 0; i < 2; i += 1) {
      const started = performance.now();
      await describeDirectories(h);
      expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    }
  });
});

describe("stats endpoints", () => {
  const get = async (url: string) => (await fetch(`${url}/__local-cloud/stats`)).json();

  it("answers the counts and zeroes them on POST /__local-cloud/stats/reset", async () => {
    const h = await ds({ load: { rateLimit: 1, burst: 1 } });
    await describeDirectories(h);
    await failure(describeDirectories(h));
    expect(await get(h.cloud.url)).toEqual({
      calls: { "ds:DescribeDirectories": 1 },
      throttled: 1,
      faults: { throttle: 0, "5xx": 0, reset: 0, slow: 0, lost: 0 },
      requests: 2,
    });
    const reset = await fetch(`${h.cloud.url}/__local-cloud/stats/reset`, { method: "POST" });
    expect(reset.status).toBe(200);
    expect(await get(h.cloud.url)).toMatchObject({ calls: {}, throttled: 0, requests: 0 });
    expect((await fetch(`${h.cloud.url}/__local-cloud/stats/reset`)).status).toBe(405);
    expect((await fetch(`${h.cloud.url}/__local-cloud/nothing`)).status).toBe(404);
    expect(h.cloud.stats().requests).toBe(0);
  });

  it("counts every request to a service path: invalid input under its operation, unroutable ones in requests", async () => {
    const h = await ds();
    const invalid = await h.raw("DescribeDirectories", { DirectoryIds: ["not-an-id"] });
    expect(invalid.status).toBe(400);
    const unroutable = await fetch(`${h.cloud.url}/`, { method: "POST", body: "{}" });
    expect(unroutable.status).toBe(404);
    const unknownOperation = await h.raw("NoSuchOperation", {});
    expect(unknownOperation.status).toBe(400);
    expect(h.cloud.stats()).toMatchObject({ calls: { "ds:DescribeDirectories": 1, "ds:NoSuchOperation": 1 }, requests: 3 });
  });
});

describe("profile validation", () => {
  it.each([
    [{ rateLimit: 0 }, /rateLimit must be a positive number/],
    [{ rateLimit: 1, burst: 0.5 }, /burst must be a whole number/],
    [{ burst: 3 }, /burst has no effect without rateLimit/],
    [{ latencyMs: -1 }, /latencyMs must be a non-negative number/],
  ])("refuses %j", async (load, message) => {
    await expect(startLocalCloud({ load })).rejects.toThrow(message);
  });
});
