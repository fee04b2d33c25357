/** Polling for providers whose calls must wait on the service (e.g. a directory becoming Active). */
import { ProviderError } from "../../core/errors.js";

/** Resolves after `ms`, or rejects with the signal's reason once it aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

export interface PollOptions {
  signal: AbortSignal;
  timeoutMs: number;
  /** Delay before the first check; each later delay grows by half, up to `maxDelayMs`. */
  firstDelayMs: number;
  maxDelayMs: number;
}

/**
 * Calls `check` until it returns a value other than undefined, or the time runs out (then
 * undefined). Errors from `check` propagate: the caller decides which ones are worth riding out.
 */
export async function pollUntil<T>(check: () => Promise<T | undefined>, options: PollOptions): Promise<T | undefined> {
  const deadline = Date.now() + options.timeoutMs;
  let delay = options.firstDelayMs;
  for (;;) {
    await sleep(Math.min(delay, Math.max(0, deadline - Date.now())), options.signal);
    const result = await check();
    if (result !== undefined) return result;
    if (Date.now() >= deadline) return undefined;
    delay = Math.min(Math.ceil(delay * 1.5), options.maxDelayMs);
  }
}

/**
 * Retries `call` while it fails with a retryable ProviderError, a few times with doubling delays.
 * For steps inside a non-idempotent operation (after a create call went through), where the
 * applier's own retry would repeat the whole operation.
 */
export async function retryTransient<T>(call: () => Promise<T>, signal: AbortSignal, attempts = 4, firstDelayMs = 1_000): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const retryable = error instanceof ProviderError && error.isRetryable;
      if (!retryable || attempt >= attempts) throw error;
      await sleep(error.retryAfterMs ?? firstDelayMs * 2 ** (attempt - 1), signal);
    }
  }
}
