import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { pollUntil } from "../../../src/providers/aws/wait.js";
import { DIRECTORY_WAIT } from "../../../src/providers/ds/directory-changes.js";

const MINUTE = 60_000;

/** How many looks a wait with `schedule` takes to see something that settles after `settlesAfterMs`, and how late it sees it. */
async function looksUntil(settlesAfterMs: number, schedule: { firstDelayMs: number; maxDelayMs: number }) {
  const startedAt = Date.now();
  let looks = 0;
  const waiting = pollUntil(
    async () => {
      looks += 1;
      return Date.now() - startedAt >= settlesAfterMs ? true : undefined;
    },
    { signal: new AbortController().signal, timeoutMs: 60 * MINUTE, ...schedule },
  );
  await vi.runAllTimersAsync();
  await waiting;
  return { looks, lateMs: Date.now() - startedAt - settlesAfterMs };
}

describe("the waits inside a directory's updates and delete", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("see a quick local directory within a second", async () => {
    const { looks, lateMs } = await looksUntil(100, DIRECTORY_WAIT);
    expect(looks).toBe(1);
    expect(lateMs).toBeLessThan(1_000);
  });

  it("see a directory that takes 25 minutes with under 40 reads, at most a minute late", async () => {
    const { looks, lateMs } = await looksUntil(25 * MINUTE, DIRECTORY_WAIT);
    expect(looks).toBeLessThanOrEqual(40);
    expect(lateMs).toBeLessThanOrEqual(MINUTE);
    // Backing off only to 15 s, as before, took about three times as many.
    expect((await looksUntil(25 * MINUTE, { firstDelayMs: 250, maxDelayMs: 15_000 })).looks).toBeGreaterThan(90);
  });
});
