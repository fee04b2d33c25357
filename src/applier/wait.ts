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
  /** Waits of the same kind and operation in this apply, whose durations pace this one. */
  siblings?: SiblingWaits;
  /** Wake only on multiples of this many milliseconds of `clock` (`POLL_GRID_MS`). */
  gridMs?: number;
  /**
   * The caller has just seen the resource pending (a create's answer): the first look waits an
   * interval, as a second look would, instead of asking again at once.
   */
  seenPending?: boolean;
  /**
   * Called as the wait starts. From here on the step only reads, paced by the rate limiter, so it
   * gives its parallelism slot to another step rather than holding it for minutes.
   */
  onWaiting?: () => void;
}

/**
 * Waits wake on a grid of the run's clock, so that waits started moments apart (creates the rate
 * limiter spaced out) look at the same instant, and their reads go out as one batched call. The
 * grid is half a kind's first interval, a second at most, so a wait is never late by more than that.
 */
export const POLL_GRID_MS = 1_000;

export function pollGridMs(pollMs: number): number {
  return Math.min(POLL_GRID_MS, pollMs / 2);
}

/** Reads made this recently by another wait are as good as the service's current state. */
export const FRESH_READ_MS = 100;

/** `ms` from now, stretched to the next multiple of `gridMs` on the clock. */
function untilGrid(clock: Clock, ms: number, gridMs: number | undefined): number {
  if (!gridMs) return ms;
  const now = clock.now();
  return Math.ceil((now + ms) / gridMs) * gridMs - now;
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
 *
 * With `siblings`, the first check waits for most of the time the quickest sibling took (earlier
 * looks would almost surely find the resource still pending), and a sibling settling wakes this
 * wait at once when it has waited nearly as long. With `seenPending` it waits an interval first.
 */
export async function pollUntil<T>(check: () => Promise<T | undefined>, options: PollOptions): Promise<PollResult<T>> {
  const { clock, deadline, signal, siblings, gridMs } = options;
  const startedAt = clock.now();
  const elapsed = () => clock.now() - startedAt;
  let interval = options.pollMs;
  options.onWaiting?.();
  const untilExpected = () => Math.max(0, (siblings?.expectedMs ?? 0) * EXPECTED_FRACTION - elapsed());
  const firstWait = Math.max(options.seenPending ? interval : 0, untilExpected());
  if (firstWait > 0) {
    const pause = Math.min(untilGrid(clock, firstWait, gridMs), deadline - clock.now());
    if (siblings) await siblings.sleep(clock, pause, elapsed, signal);
    else await clock.sleep(pause, signal);
    if (signal?.aborted) return { state: "interrupted" };
    if (options.seenPending) interval = nextPollInterval(interval, options.pollMs, options.timeoutMs);
  }
  for (;;) {
    const value = await check();
    if (value !== undefined) {
      siblings?.settled(elapsed());
      return { state: "settled", value };
    }
    if (signal?.aborted) return { state: "interrupted" };
    const remaining = deadline - clock.now();
    if (remaining <= 0) return { state: "timed-out" };
    const pause = Math.min(untilGrid(clock, Math.max(interval, untilExpected()), gridMs), remaining);
    if (siblings) await siblings.sleep(clock, pause, elapsed, signal);
    else await clock.sleep(pause, signal);
    if (signal?.aborted) return { state: "interrupted" };
    interval = nextPollInterval(interval, options.pollMs, options.timeoutMs);
  }
}

/** A first look after this share of the quickest sibling's duration, and wake-ups from this share on. */
export const EXPECTED_FRACTION = 0.8;

interface Sleeper {
  elapsed(): number;
  wake(): void;
}

/**
 * What the waits of one kind and operation learn from each other during an apply. Resources of
 * a kind take similar times, and in a large apply they are started in waves, so the quickest one
 * seen is the best guess for the rest: polling around it finds them ready with few reads, and a
 * sibling settling is the moment to look again.
 */
export class SiblingWaits {
  private quickestMs: number | undefined;
  private readonly sleepers = new Set<Sleeper>();

  /** How long the quickest settled sibling waited; undefined until one settles. */
  get expectedMs(): number | undefined {
    return this.quickestMs;
  }

  settled(elapsedMs: number): void {
    this.quickestMs = Math.min(this.quickestMs ?? Number.POSITIVE_INFINITY, elapsedMs);
    for (const sleeper of [...this.sleepers]) {
      if (sleeper.elapsed() >= elapsedMs * EXPECTED_FRACTION) sleeper.wake();
    }
  }

  /** Sleeps `ms`, or less when a sibling that took about as long as this wait has settles meanwhile. */
  async sleep(clock: Clock, ms: number, elapsed: () => number, signal?: AbortSignal): Promise<void> {
    const early = new AbortController();
    const onAbort = () => early.abort();
    signal?.addEventListener("abort", onAbort, { once: true });
    const sleeper: Sleeper = { elapsed, wake: onAbort };
    this.sleepers.add(sleeper);
    try {
      if (!signal?.aborted) await clock.sleep(ms, early.signal);
    } finally {
      this.sleepers.delete(sleeper);
      signal?.removeEventListener("abort", onAbort);
    }
  }
}

/** One SiblingWaits per kind and operation, for one apply, and the freshness of the waits' reads. */
export class WaitPacing {
  private readonly byKey = new Map<string, SiblingWaits>();
  private lastForgottenAt: number | undefined;

  /**
   * Drops the memoised reads unless they were dropped less than `FRESH_READ_MS` ago: the waits
   * that wake together on the grid then share what the first of them reads (a PCA listing),
   * instead of each dropping the others' read and sending its own.
   */
  forgetStaleReads(ctx: { forget(prefix: string): void }, now: number): void {
    if (this.lastForgottenAt !== undefined && now - this.lastForgottenAt < FRESH_READ_MS) return;
    this.lastForgottenAt = now;
    ctx.forget("");
  }

  of(type: string, operation: string): SiblingWaits {
    const key = `${type} ${operation}`;
    let siblings = this.byKey.get(key);
    if (!siblings) this.byKey.set(key, (siblings = new SiblingWaits()));
    return siblings;
  }
}
