import pRetry, { AbortError } from "p-retry";
import { ProviderError } from "../core/errors.js";

/** Exponential backoff with jitter between attempts of one AWS call. */
export interface RetryPolicy {
  /** Retries after the first attempt (so `retries + 1` calls at most). */
  retries: number;
  minTimeoutMs: number;
  maxTimeoutMs: number;
}

/** About two minutes of backoff in the worst case: long enough to ride out throttling bursts. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 8, minTimeoutMs: 1_000, maxTimeoutMs: 20_000 };

/**
 * Conflicts (concurrent modification, a state that is not valid yet) get only a few retries:
 * a conflict that survives several backoffs is somebody else's change in progress or a real
 * ordering problem, and the user learns about it sooner from a failed step than from a long stall.
 */
export const MAX_CONFLICT_RETRIES = 3;

/** How `withRetry` waits; the policy defaults to `DEFAULT_RETRY_POLICY`. */
export interface RetryOptions {
  policy?: RetryPolicy;
  /** Waits for a service's `retryAfterMs` hint. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Once aborted, no further attempt starts; an attempt already running is allowed to finish. */
  signal?: AbortSignal;
}

/** Only throttling, unavailability and conflicts are worth another attempt. */
export function isRetryable(error: unknown): error is ProviderError {
  return error instanceof ProviderError && error.isRetryable;
}

/**
 * Calls `call` until it succeeds, retrying retryable provider errors with exponential backoff and
 * jitter; every other error is raised at once, unchanged. `call` receives the error that made it
 * run again, so a non-idempotent create can look for its own earlier success first. A service's
 * retry hint is honoured by waiting exactly that long instead of the computed backoff; such waits
 * still count against `retries`.
 */
export async function withRetry<T>(
  call: (previousError: ProviderError | undefined) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const outer = options.signal;
  // p-retry drops a successful result when its signal has aborted meanwhile; a create that
  // succeeded must never be forgotten, so p-retry's signal only fires between attempts.
  const betweenAttempts = new AbortController();
  let isCalling = false;
  let lastError: ProviderError | undefined;
  let conflicts = 0;
  const onAbort = (): void => {
    if (!isCalling) betweenAttempts.abort(lastError);
  };
  outer?.addEventListener("abort", onAbort);

  try {
    return await pRetry(
      async () => {
        isCalling = true;
        try {
          return await call(lastError);
        } catch (error) {
          if (!isRetryable(error)) throw new AbortError(asError(error));
          lastError = error;
          throw error;
        } finally {
          isCalling = false;
        }
      },
      {
        retries: policy.retries,
        minTimeout: policy.minTimeoutMs,
        maxTimeout: policy.maxTimeoutMs,
        factor: 2,
        randomize: true,
        signal: betweenAttempts.signal,
        shouldConsumeRetry: ({ error }) => retryAfterOf(error) === undefined,
        shouldRetry: async ({ error, attemptNumber }) => {
          if (outer?.aborted || attemptNumber > policy.retries) return false;
          if (error instanceof ProviderError && error.code === "Conflict" && ++conflicts > MAX_CONFLICT_RETRIES) {
            return false;
          }
          const hint = retryAfterOf(error);
          if (hint !== undefined) await options.sleep(hint, outer);
          return !outer?.aborted;
        },
      },
    );
  } finally {
    outer?.removeEventListener("abort", onAbort);
  }
}

function retryAfterOf(error: unknown): number | undefined {
  return error instanceof ProviderError && error.retryAfterMs !== undefined && error.retryAfterMs > 0
    ? error.retryAfterMs
    : undefined;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
