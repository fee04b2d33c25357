/**
 * The local cloud as a load model: a fixed latency on every call and a per-service token bucket
 * that answers excess calls with the service's own throttling error, so a benchmark sees the
 * pacing and back-off a real account imposes.
 */
export interface LoadProfile {
  /** Milliseconds added to every service call (not to the `/__local-cloud/*` endpoints). */
  latencyMs?: number;
  /** Calls per second each service accepts; unlimited when absent. */
  rateLimit?: number;
  /** Calls a service accepts at once before the rate applies; `defaultBurst(rateLimit)` when absent. */
  burst?: number;
}

/** With only a rate given, a second's worth of calls may arrive together (at least one). */
export function defaultBurst(rateLimit: number): number {
  return Math.max(1, Math.ceil(rateLimit));
}

/** The problem with a load profile, in words a flag or variable name can precede, or undefined. */
export function loadProfileProblem(profile: LoadProfile): string | undefined {
  const { latencyMs, rateLimit, burst } = profile;
  if (latencyMs !== undefined && !(Number.isFinite(latencyMs) && latencyMs >= 0)) {
    return `latencyMs must be a non-negative number of milliseconds, got ${latencyMs}`;
  }
  if (rateLimit !== undefined && !(Number.isFinite(rateLimit) && rateLimit > 0)) {
    return `rateLimit must be a positive number of calls per second, got ${rateLimit}`;
  }
  if (burst !== undefined && !(Number.isInteger(burst) && burst >= 1)) return `burst must be a whole number of at least 1, got ${burst}`;
  if (burst !== undefined && rateLimit === undefined) return "burst has no effect without rateLimit";
  return undefined;
}

/**
 * A token bucket on an injected clock: it starts full with `capacity` tokens and refills at
 * `perSecond`, continuously, never beyond `capacity`.
 */
export class TokenBucket {
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly perSecond: number,
    private readonly capacity: number,
    private readonly now: () => number,
  ) {
    this.tokens = capacity;
    this.refilledAt = now();
  }

  /** Takes one token when there is one; false means the call is over the limit. */
  tryTake(): boolean {
    const at = this.now();
    // A clock that steps back (a test's, or NTP) must not drain the bucket.
    const elapsedMs = Math.max(0, at - this.refilledAt);
    this.tokens = Math.min(this.capacity, this.tokens + (elapsedMs * this.perSecond) / 1000);
    this.refilledAt = at;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** Whether a call to the named service is within its limit; each service has its own bucket. */
export type RateLimiter = (service: string) => boolean;

/** A limiter for the profile, or undefined when it sets no rate. */
export function createRateLimiter(profile: LoadProfile, now: () => number): RateLimiter | undefined {
  const { rateLimit } = profile;
  if (rateLimit === undefined) return undefined;
  const capacity = profile.burst ?? defaultBurst(rateLimit);
  const buckets = new Map<string, TokenBucket>();
  return (service) => {
    let bucket = buckets.get(service);
    if (!bucket) {
      bucket = new TokenBucket(rateLimit, capacity, now);
      buckets.set(service, bucket);
    }
    return bucket.tryTake();
  };
}

/** Waits `ms`, or less when `signal` aborts (the cloud is closing), and never rejects. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
