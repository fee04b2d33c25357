import { describe, expect, it } from "vitest";
import { createKindContext } from "../../src/core/context.js";
import { ProviderError } from "../../src/core/errors.js";
import { rateLimitedCall, readKey } from "../../src/providers/aws/rate-limited-call.js";
import { AdaptiveRateLimiter, DEFAULT_RATE_LIMITS, rateLimitFor } from "../../src/providers/aws/rate-limiter.js";
import { FakeClock } from "../applier/fake-clock.js";

/** Acquires `count` tokens at once and returns when each was granted, relative to the start. */
async function grantTimes(limiter: AdaptiveRateLimiter, clock: FakeClock, count: number): Promise<number[]> {
  const start = clock.now();
  const times: number[] = [];
  await Promise.all(Array.from({ length: count }, () => limiter.acquire().then(() => times.push(clock.now() - start))));
  return times;
}

function throttled(): ProviderError {
  return new ProviderError("Throttled", "Rate exceeded", "ClientException");
}

describe("adaptive rate limiter", () => {
  it("lets the burst through at once, then keeps to the rate", async () => {
    const clock = new FakeClock();
    const limiter = new AdaptiveRateLimiter({ ratePerSecond: 10, burst: 5, clock });
    const times = await grantTimes(limiter, clock, 25);
    expect(times.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    // Each later request waits for its own token: one every 100 ms.
    times.slice(5).forEach((t, i) => expect(t).toBeCloseTo((i + 1) * 100, 0));
    for (let at = 0; at <= 2_000; at += 50) {
      const inWindow = times.filter((t) => t >= at && t < at + 1_000).length;
      expect(inWindow).toBeLessThanOrEqual(10 + 5);
    }
  });

  it("halves the rate on throttling, once per burst of rejections, and drops the burst", async () => {
    const clock = new FakeClock();
    const limiter = new AdaptiveRateLimiter({ ratePerSecond: 10, burst: 10, clock });
    limiter.onThrottled();
    limiter.onThrottled();
    expect(limiter.currentRate).toBe(5);
    const times = await grantTimes(limiter, clock, 3);
    expect(times[0]).toBeCloseTo(200, 0);
    expect(times[2] - times[1]).toBeCloseTo(200, 0);
    await clock.sleep(1_000);
    limiter.onThrottled();
    expect(limiter.currentRate).toBe(2.5);
  });

  it("never falls below its floor", async () => {
    const clock = new FakeClock();
    const limiter = new AdaptiveRateLimiter({ ratePerSecond: 4, burst: 1, minRatePerSecond: 1, clock });
    for (let i = 0; i < 10; i++) {
      limiter.onThrottled();
      await clock.sleep(1_000);
    }
    expect(limiter.currentRate).toBe(1);
  });

  it("recovers additively and slowly, never above where it started", async () => {
    const clock = new FakeClock();
    const limiter = new AdaptiveRateLimiter({ ratePerSecond: 10, burst: 1, recoveryPerSecond: 0.5, clock });
    limiter.onThrottled();
    expect(limiter.currentRate).toBe(5);
    // One second of successful traffic at the reduced rate regains about half a request per second.
    for (let i = 0; i < 5; i++) {
      await limiter.acquire();
      limiter.onSuccess();
    }
    expect(limiter.currentRate).toBeGreaterThan(5.4);
    expect(limiter.currentRate).toBeLessThan(5.6);
    for (let i = 0; i < 500; i++) limiter.onSuccess();
    expect(limiter.currentRate).toBe(10);
  });

  it("rejects a waiter whose signal aborts, without spending a token on it", async () => {
    const clock = new FakeClock();
    const limiter = new AdaptiveRateLimiter({ ratePerSecond: 1, burst: 1, clock });
    await limiter.acquire();
    const abort = new AbortController();
    const waiting = limiter.acquire(abort.signal);
    const next = limiter.acquire();
    abort.abort(new Error("stop"));
    await expect(waiting).rejects.toThrow("stop");
    const before = clock.now();
    await next;
    expect(clock.now() - before).toBeLessThanOrEqual(1_000);
  });

  it("starts every service at or below 10 requests per second, overridable through the environment", () => {
    for (const limit of Object.values(DEFAULT_RATE_LIMITS)) expect(limit.ratePerSecond).toBeLessThanOrEqual(10);
    expect(rateLimitFor("ds", {})).toEqual(DEFAULT_RATE_LIMITS.ds);
    expect(rateLimitFor("pca-connector-ad", { ADSTACK_RATE_LIMIT_PCA_CONNECTOR_AD: "20", ADSTACK_RATE_BURST_PCA_CONNECTOR_AD: "4" })).toEqual({
      ratePerSecond: 20,
      burst: 4,
    });
    expect(rateLimitFor("ds", { ADSTACK_RATE_LIMIT_DS: "2" })).toEqual({ ratePerSecond: 2, burst: 2 });
    expect(() => rateLimitFor("workspaces", { ADSTACK_RATE_LIMIT_WORKSPACES: "fast" })).toThrow(/ADSTACK_RATE_LIMIT_WORKSPACES/);
  });

  it("leaves an emulator on this machine unlimited unless the environment sets a limit", () => {
    expect(rateLimitFor("ds", {}, "http://127.0.0.1:4566")).toBeUndefined();
    expect(rateLimitFor("ds", {}, "http://localhost:4566")).toBeUndefined();
    expect(rateLimitFor("ds", { ADSTACK_RATE_LIMIT_DS: "10" }, "http://127.0.0.1:4566")).toEqual({ ratePerSecond: 10, burst: 5 });
    expect(rateLimitFor("ds", {}, "https://ds.us-east-1.amazonaws.com")).toEqual(DEFAULT_RATE_LIMITS.ds);
  });
});

describe("rate-limited calls", () => {
  const ctx = () => createKindContext({ stack: "perf", aws: { region: "us-east-1" } });

  it("shares one request among identical reads still waiting for a token", async () => {
    const context = ctx();
    let sent = 0;
    const send = async () => ++sent;
    // The first few go at once (the burst); the rest queue, and identical queued reads merge.
    const read = () => rateLimitedCall(context, "ds", "DescribeDirectories", { DirectoryIds: ["d-1"] }, send);
    const answers = await Promise.all(Array.from({ length: 30 }, read));
    expect(sent).toBeLessThan(10);
    expect(new Set(answers).size).toBe(sent);
  });

  it("never shares writes", async () => {
    expect(readKey("CreateTrust", { DirectoryId: "d-1" })).toBeUndefined();
    expect(readKey("ListTemplates", { ConnectorArn: "a" })).not.toBe(readKey("ListTemplates", { ConnectorArn: "b" }));
  });

  it("never sends a request still waiting for its turn when the run is interrupted", async () => {
    const abort = new AbortController();
    const context = createKindContext({ stack: "perf", aws: { region: "us-east-1" }, signal: abort.signal });
    let sent = 0;
    const send = async () => ++sent;
    const calls = Array.from({ length: 8 }, () => rateLimitedCall(context, "ds", "CreateTrust", {}, send).catch((error: unknown) => error));
    abort.abort();
    const outcomes = await Promise.all(calls);
    // The burst went out at once; the rest were never sent.
    expect(sent).toBe(DEFAULT_RATE_LIMITS.ds.burst);
    expect(outcomes.slice(sent)).toEqual(Array(8 - sent).fill(expect.objectContaining({ code: "Unavailable", awsName: "Interrupted" })));
  });

  it("slows the service down when it answers with throttling", async () => {
    const context = ctx();
    await expect(rateLimitedCall(context, "ds", "CreateTrust", {}, async () => Promise.reject(throttled()))).rejects.toMatchObject({
      code: "Throttled",
      context: { operation: "ds CreateTrust" },
    });
    const gate = context.client<{ limiter: AdaptiveRateLimiter }>("rate:ds", () => {
      throw new Error("the call created the gate");
    });
    expect(gate.limiter.currentRate).toBe(DEFAULT_RATE_LIMITS.ds.ratePerSecond / 2);
  });
});
