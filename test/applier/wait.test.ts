import { describe, expect, it } from "vitest";
import { FRESH_READ_MS, MAX_POLL_INTERVAL_MS, nextPollInterval, pollGridMs, pollUntil, WaitPacing } from "../../src/applier/wait.js";
import { FakeClock } from "./fake-clock.js";

describe("nextPollInterval", () => {
  it("backs off by half again each time, up to a tenth of the timeout", () => {
    const intervals = [1_000];
    for (let i = 0; i < 8; i++) intervals.push(nextPollInterval(intervals.at(-1)!, 1_000, 60_000));
    expect(intervals).toEqual([1_000, 1_500, 2_250, 3_375, 5_063, 6_000, 6_000, 6_000, 6_000]);
  });

  it("never goes above a minute however long the timeout, nor below pollMs", () => {
    expect(nextPollInterval(50_000, 30_000, 3_600_000)).toBe(MAX_POLL_INTERVAL_MS);
    expect(nextPollInterval(5_000, 5_000, 10_000)).toBe(5_000);
  });
});

describe("pollUntil", () => {
  it("checks at once, then sleeps with backoff until the check settles", async () => {
    const clock = new FakeClock(0);
    const seenAt: number[] = [];
    const result = await pollUntil(
      async () => {
        seenAt.push(clock.now());
        return seenAt.length === 4 ? "ready" : undefined;
      },
      { clock, deadline: 100_000, pollMs: 1_000, timeoutMs: 100_000 },
    );
    expect(result).toEqual({ state: "settled", value: "ready" });
    expect(seenAt).toEqual([0, 1_000, 2_500, 4_750]);
  });

  it("wakes on whole seconds, so waits started within the same second look at the same instants", async () => {
    const clock = new FakeClock(0);
    const looks: number[][] = [[], []];
    const wait = (index: number) =>
      pollUntil(
        async () => {
          looks[index].push(clock.now());
          return clock.now() >= 9_000 ? true : undefined;
        },
        { clock, deadline: 60_000, pollMs: 2_000, timeoutMs: 60_000, gridMs: 1_000 },
      );
    await clock.sleep(100);
    const first = wait(0);
    await clock.sleep(200);
    const second = wait(1);
    await Promise.all([first, second]);
    // 2 s, then half again each time, each stretched to the next whole second: 2.1 and 2.3 s both become 3 s.
    expect(looks[0]).toEqual([100, 3_000, 6_000, 11_000]);
    expect(looks[1]).toEqual([300, 3_000, 6_000, 11_000]);
  });

  it("puts the grid at half a kind's first interval, a second at most", () => {
    expect(pollGridMs(1)).toBe(0.5);
    expect(pollGridMs(1_000)).toBe(500);
    expect(pollGridMs(3_000)).toBe(1_000);
  });

  it("lets the waits that wake together share their reads: the memo is dropped at most once per FRESH_READ_MS", () => {
    const pacing = new WaitPacing();
    let forgotten = 0;
    const ctx = { forget: () => (forgotten += 1) };
    pacing.forgetStaleReads(ctx, 3_000);
    pacing.forgetStaleReads(ctx, 3_000 + FRESH_READ_MS - 1);
    expect(forgotten).toBe(1);
    pacing.forgetStaleReads(ctx, 3_000 + FRESH_READ_MS);
    expect(forgotten).toBe(2);
  });

  it("waits an interval before its first check when the caller has just seen the resource pending", async () => {
    const clock = new FakeClock(0);
    const seenAt: number[] = [];
    await pollUntil(
      async () => {
        seenAt.push(clock.now());
        return seenAt.length === 3 ? "ready" : undefined;
      },
      { clock, deadline: 100_000, pollMs: 1_000, timeoutMs: 100_000, seenPending: true },
    );
    expect(seenAt).toEqual([1_000, 2_500, 4_750]);
  });

  it("says it is waiting once, before its first check", async () => {
    const clock = new FakeClock(0);
    const events: string[] = [];
    await pollUntil(
      async () => {
        events.push("check");
        return events.length === 3 ? "ready" : undefined;
      },
      { clock, deadline: 100_000, pollMs: 1_000, timeoutMs: 100_000, onWaiting: () => events.push("waiting") },
    );
    expect(events).toEqual(["waiting", "check", "check"]);
  });

  it("makes a last check exactly at the deadline, then times out", async () => {
    const clock = new FakeClock(0);
    const seenAt: number[] = [];
    const result = await pollUntil(
      async () => void seenAt.push(clock.now()),
      { clock, deadline: 3_000, pollMs: 1_000, timeoutMs: 3_000 },
    );
    expect(result).toEqual({ state: "timed-out" });
    // A 3 s timeout caps the interval at pollMs (a tenth of it is below pollMs).
    expect(seenAt).toEqual([0, 1_000, 2_000, 3_000]);
  });

  it("stops at the next safe point when aborted, without waiting out the interval", async () => {
    const clock = new FakeClock(0);
    const controller = new AbortController();
    let checks = 0;
    const polling = pollUntil(
      async () => {
        checks += 1;
        return undefined;
      },
      { clock, deadline: 3_600_000, pollMs: 60_000, timeoutMs: 3_600_000, signal: controller.signal },
    );
    controller.abort();
    await expect(polling).resolves.toEqual({ state: "interrupted" });
    expect(checks).toBe(1);
    expect(clock.now()).toBe(0);
  });
});
