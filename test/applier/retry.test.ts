import { describe, expect, it } from "vitest";
import { MAX_CONFLICT_RETRIES, withRetry, type RetryPolicy } from "../../src/applier/retry.js";
import { ProviderError, type ProviderErrorCode } from "../../src/core/errors.js";

const fast: RetryPolicy = { retries: 5, minTimeoutMs: 1, maxTimeoutMs: 2 };

function providerError(code: ProviderErrorCode, retryAfterMs?: number): ProviderError {
  return new ProviderError(code, `${code} from the service`, `${code}Exception`, retryAfterMs);
}

/** A call that fails with the given errors in turn, then returns "ok". */
function failing(...errors: Error[]) {
  const calls: Array<ProviderError | undefined> = [];
  const call = async (previous: ProviderError | undefined) => {
    calls.push(previous);
    const error = errors.shift();
    if (error) throw error;
    return "ok";
  };
  return { call, calls };
}

function recordingSleep() {
  const sleeps: number[] = [];
  return { sleeps, sleep: async (ms: number) => void sleeps.push(ms) };
}

describe("withRetry", () => {
  it("retries throttling and unavailability, then returns the result", async () => {
    const { call, calls } = failing(providerError("Throttled"), providerError("Unavailable"));
    await expect(withRetry(call, { policy: fast, ...recordingSleep() })).resolves.toBe("ok");
    expect(calls.map((e) => e?.code)).toEqual([undefined, "Throttled", "Unavailable"]);
  });

  it.each(["Invalid", "AccessDenied", "AlreadyExists", "NotFound"] as const)("raises %s at once, unchanged", async (code) => {
    const error = providerError(code);
    const { call, calls } = failing(error);
    await expect(withRetry(call, { policy: fast, ...recordingSleep() })).rejects.toBe(error);
    expect(calls).toHaveLength(1);
  });

  it("raises errors that are not provider errors at once, with their message", async () => {
    const { call, calls } = failing(new TypeError("cannot read x of undefined"));
    await expect(withRetry(call, { policy: fast, ...recordingSleep() })).rejects.toThrow("cannot read x of undefined");
    expect(calls).toHaveLength(1);
  });

  it("gives up after the policy's retries with the last error", async () => {
    const errors = Array.from({ length: 10 }, () => providerError("Unavailable"));
    const { call, calls } = failing(...errors);
    await expect(withRetry(call, { policy: { ...fast, retries: 2 }, ...recordingSleep() })).rejects.toBe(errors[2]);
    expect(calls).toHaveLength(3);
  });

  it("bounds conflicts to fewer attempts than other retryable errors", async () => {
    const errors = Array.from({ length: 10 }, () => providerError("Conflict"));
    const { call, calls } = failing(...errors);
    await expect(withRetry(call, { policy: { ...fast, retries: 8 }, ...recordingSleep() })).rejects.toMatchObject({ code: "Conflict" });
    expect(calls).toHaveLength(MAX_CONFLICT_RETRIES + 1);
  });

  it("waits exactly the service's retry hint instead of the computed backoff", async () => {
    const { sleeps, sleep } = recordingSleep();
    const { call } = failing(providerError("Throttled", 7_000), providerError("Throttled", 3_000));
    // A huge backoff would time the test out if it were used instead of the hint.
    const policy = { retries: 3, minTimeoutMs: 600_000, maxTimeoutMs: 600_000 };
    await expect(withRetry(call, { policy, sleep })).resolves.toBe("ok");
    expect(sleeps).toEqual([7_000, 3_000]);
  });

  it("counts hinted waits against the retry budget", async () => {
    const errors = Array.from({ length: 10 }, () => providerError("Throttled", 5));
    const { call, calls } = failing(...errors);
    await expect(withRetry(call, { policy: { ...fast, retries: 2 }, ...recordingSleep() })).rejects.toMatchObject({ code: "Throttled" });
    expect(calls).toHaveLength(3);
  });

  it("backs off between attempts (exponential with jitter, capped)", async () => {
    const { call } = failing(providerError("Throttled"), providerError("Throttled"), providerError("Throttled"));
    const started = performance.now();
    await withRetry(call, { policy: { retries: 3, minTimeoutMs: 20, maxTimeoutMs: 30 }, ...recordingSleep() });
    // 20..40 capped at 30, then capped at 30 twice: at least 20 + 30 + 30 in total.
    expect(performance.now() - started).toBeGreaterThanOrEqual(75);
  });

  it("starts no new attempt after an abort, but keeps a success that lands after it", async () => {
    const controller = new AbortController();
    const stopped = failing(providerError("Unavailable"), providerError("Unavailable"));
    const aborting = async (previous: ProviderError | undefined) => {
      controller.abort();
      return stopped.call(previous);
    };
    await expect(withRetry(aborting, { policy: fast, signal: controller.signal, ...recordingSleep() })).rejects.toMatchObject({
      code: "Unavailable",
    });
    expect(stopped.calls).toHaveLength(1);

    const second = new AbortController();
    const result = await withRetry(
      async () => {
        second.abort();
        return "created";
      },
      { policy: fast, signal: second.signal, ...recordingSleep() },
    );
    expect(result).toBe("created");
  });

  it("stops waiting in the backoff when aborted", async () => {
    const controller = new AbortController();
    const { call, calls } = failing(providerError("Throttled"), providerError("Throttled"));
    const pending = withRetry(call, { policy: { retries: 3, minTimeoutMs: 60_000, maxTimeoutMs: 60_000 }, signal: controller.signal, ...recordingSleep() });
    setTimeout(() => controller.abort(), 5);
    await expect(pending).rejects.toMatchObject({ code: "Throttled" });
    expect(calls).toHaveLength(1);
  });
});
