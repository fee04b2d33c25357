import type { Clock } from "./clock.js";

/** How a wait ended: the check settled it, the deadline passed, or the apply was interrupted. */
export type PollResult<T> = { state: "settled"; value: T } | { state: "timed-out" } | { state: "interrupted" };

export interface PollOptions {
  clock: Clock;
  /** Absolute time (on `clock`) after which the wait gives up. */
  deadline: number;
  /** The first interval (the kind's `timeouts.pollMs`). */
  pollMs: number;
  /** The whole wait's allowance, from which the interval's ceiling follows. */
  timeoutMs: number;
  /** Stops the wait at the next safe point: after a check, or during a sleep. */
  signal?: AbortSignal;
}

/** Each interval is half again as long as the one before. */
export const POLL_BACKOFF_FACTOR = 1.5;

/** No matter how long the timeout, a resource is looked at at least once a minute. */
export const MAX_POLL_INTERVAL_MS = 60_000;

/**
 * The interval after `current`: backing off gently from the kind's `pollMs` towards a tenth of
 * its timeout (so a long wait is checked about ten times near its end), never above a minute,
 * and never below `pollMs`.
 */
export function nextPollInterval(current: number, pollMs: number, timeoutMs: number): number {
  const ceiling = Math.max(pollMs, Math.min(timeoutMs / 10, MAX_POLL_INTERVAL_MS));
  return Math.min(ceiling, Math.ceil(current * POLL_BACKOFF_FACTOR));
}

/**
 * Calls `check` until it returns a value, sleeping between calls. A wait is not a retry: it never
 * counts against the retry budget, and the deadline, not a number of attempts, ends it. The last
 * check happens at the deadline itself, so a resource that became ready just in time counts.
 */
export async function pollUntil<T>(check: () => Promise<T | undefined>, options: PollOptions): Promise<PollResult<T>> {
  const { clock, deadline, signal } = options;
  let interval = options.pollMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return { state: "settled", value };
    if (signal?.aborted) return { state: "interrupted" };
    const remaining = deadline - clock.now();
    if (remaining <= 0) return { state: "timed-out" };
    await clock.sleep(Math.min(interval, remaining), signal);
    if (signal?.aborted) return { state: "interrupted" };
    interval = nextPollInterval(interval, options.pollMs, options.timeoutMs);
  }
}
