/**
 * A client-side request rate limit per service: a token bucket whose rate adapts to the service's
 * answers (AIMD: halve on throttling, grow back slowly on success). Hand-written because no
 * installed package does it, and it is small.
 *
 * AWS publishes no request rates for Directory Service, WorkSpaces or PCA Connector for AD, and
 * DS signals throttling only as a `ClientException` "Rate exceeded" (resources.md §2.3). What is
 * known is that DS throttles early: Terraform's sweeper hit its limits with about 20 directories
 * and added a 10 s minimum poll interval "due to rate limiting" (TF-SWEEP,
 * hashicorp/terraform-provider-aws#38720). So every service starts at a modest, steady rate with
 * a small burst, never goes above it, and backs off further when the service says so.
 */
import { setTimeout as delay } from "node:timers/promises";
import { ProviderError } from "../../core/errors.js";

export interface RateLimit {
  /** Steady requests per second; also the ceiling the adapted rate grows back to. */
  ratePerSecond: number;
  /** Requests that may go at once after a quiet spell. */
  burst: number;
}

/** Starting rates, by the service name the call wrappers use. */
export const DEFAULT_RATE_LIMITS: Readonly<Record<string, RateLimit>> = {
  ds: { ratePerSecond: 5, burst: 5 },
  "pca-connector-ad": { ratePerSecond: 10, burst: 10 },
  workspaces: { ratePerSecond: 5, burst: 5 },
};

/** Time as the limiter sees it; tests pass a fake clock. */
export interface LimiterClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: LimiterClock = {
  now: () => performance.now(),
  sleep: (ms) => delay(ms),
};

export interface AdaptiveRateLimiterOptions extends RateLimit {
  /** The adapted rate never drops below this (requests per second). */
  minRatePerSecond?: number;
  /** How many requests per second the rate regains per second of successful traffic. */
  recoveryPerSecond?: number;
  clock?: LimiterClock;
}

/** Throttling answers to requests that were already on their way say nothing new: one halving per second. */
const DECREASE_COOLDOWN_MS = 1_000;
const DECREASE_FACTOR = 0.5;

interface Waiter {
  resolve(): void;
  reject(reason: unknown): void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

export class AdaptiveRateLimiter {
  private rate: number;
  private tokens: number;
  private updatedAt: number;
  private lastDecreaseAt = Number.NEGATIVE_INFINITY;
  private readonly queue: Waiter[] = [];
  private isPumping = false;
  private readonly ceiling: number;
  private readonly burst: number;
  private readonly floor: number;
  private readonly recovery: number;
  private readonly clock: LimiterClock;

  constructor(options: AdaptiveRateLimiterOptions) {
    if (!(options.ratePerSecond > 0) || !(options.burst >= 1)) {
      throw new RangeError(`a rate limit needs a positive rate and a burst of at least 1, got ${options.ratePerSecond}/${options.burst}`);
    }
    this.clock = options.clock ?? realClock;
    this.ceiling = options.ratePerSecond;
    this.rate = options.ratePerSecond;
    this.burst = options.burst;
    this.floor = Math.min(options.minRatePerSecond ?? 0.2, options.ratePerSecond);
    this.recovery = options.recoveryPerSecond ?? options.ratePerSecond / 20;
    this.tokens = options.burst;
    this.updatedAt = this.clock.now();
  }

  /** The current adapted rate, in requests per second. */
  get currentRate(): number {
    return this.rate;
  }

  /** Resolves when the request may go; first come, first served. Rejects with the signal's reason on abort. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal };
      if (signal) {
        waiter.onAbort = () => {
          const at = this.queue.indexOf(waiter);
          if (at >= 0) this.queue.splice(at, 1);
          reject(signal.reason);
        };
        signal.addEventListener("abort", waiter.onAbort, { once: true });
      }
      this.queue.push(waiter);
      if (!this.isPumping) void this.pump();
    });
  }

  /** Multiplicative decrease, and no burst right after the service said stop. */
  onThrottled(): void {
    const now = this.clock.now();
    if (now - this.lastDecreaseAt < DECREASE_COOLDOWN_MS) return;
    this.refill(now);
    this.rate = Math.max(this.floor, this.rate * DECREASE_FACTOR);
    this.tokens = Math.min(this.tokens, 0);
    this.lastDecreaseAt = now;
  }

  /** Additive increase: at full use the rate regains `recoveryPerSecond` each second, up to the ceiling. */
  onSuccess(): void {
    if (this.rate >= this.ceiling) return;
    this.refill(this.clock.now());
    this.rate = Math.min(this.ceiling, this.rate + this.recovery / this.rate);
  }

  private refill(now: number): void {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) * this.rate) / 1000);
    this.updatedAt = now;
  }

  /** One loop hands out tokens in order, so a rate change applies at once to everyone waiting. */
  private async pump(): Promise<void> {
    this.isPumping = true;
    try {
      while (this.queue.length > 0) {
        this.refill(this.clock.now());
        if (this.tokens >= 1) {
          this.tokens -= 1;
          const waiter = this.queue.shift()!;
          if (waiter.onAbort) waiter.signal?.removeEventListener("abort", waiter.onAbort);
          waiter.resolve();
          continue;
        }
        await this.clock.sleep(Math.max(1, ((1 - this.tokens) / this.rate) * 1000));
      }
    } finally {
      this.isPumping = false;
    }
  }
}

/**
 * The limit of one service: `ADSTACK_RATE_LIMIT_<SERVICE>` (requests per second) and
 * `ADSTACK_RATE_BURST_<SERVICE>` override the defaults, `<SERVICE>` being `DS`,
 * `PCA_CONNECTOR_AD` or `WORKSPACES` (the names `AWS_ENDPOINT_URL_<SERVICE>` uses). Undefined
 * (no limit) for an endpoint on this machine, an emulator such as the local cloud, unless the
 * environment sets one.
 */
export function rateLimitFor(
  service: string,
  env: Record<string, string | undefined> = process.env,
  endpoint?: string,
): RateLimit | undefined {
  const fallback = DEFAULT_RATE_LIMITS[service] ?? { ratePerSecond: 5, burst: 5 };
  const suffix = service.toUpperCase().replace(/[^A-Z0-9]+/g, "_");
  const rate = positiveNumber(env, `ADSTACK_RATE_LIMIT_${suffix}`);
  const burst = positiveNumber(env, `ADSTACK_RATE_BURST_${suffix}`);
  if (rate === undefined && burst === undefined && endpoint !== undefined && isLoopback(endpoint)) return undefined;
  const ratePerSecond = rate ?? fallback.ratePerSecond;
  return { ratePerSecond, burst: Math.max(1, burst ?? Math.min(fallback.burst, ratePerSecond)) };
}

function isLoopback(endpoint: string): boolean {
  try {
    const host = new URL(endpoint).hostname;
    return host === "localhost" || host === "[::1]" || /^127\./.test(host);
  } catch {
    return false;
  }
}

function positiveNumber(env: Record<string, string | undefined>, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === "") return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new ProviderError("Invalid", `${name} must be a positive number of requests per second, got "${raw}"`, "InvalidRateLimit");
  }
  return value;
}
