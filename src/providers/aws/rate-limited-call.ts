/**
 * Where every AWS call of every kind waits for its turn: one adaptive rate limiter per service
 * (the context has one region), kept on the run's context so that refresh and apply share it.
 * The limits come from the environment (`rateLimitFor`), as the SDK's endpoints do.
 */
import { ProviderError } from "../../core/errors.js";
import type { KindContext } from "../../core/resource-kind.js";
import { AdaptiveRateLimiter, rateLimitFor } from "./rate-limiter.js";
import { retryRead } from "./read-retry.js";

interface ServiceGate {
  /** Absent when nothing limits this service (a local emulator). */
  limiter?: AdaptiveRateLimiter;
  /** Reads others may still join (waiting for a token, or sent in this turn), by operation and input. */
  queuedReads: Map<string, Promise<unknown>>;
}

function gateOf(ctx: KindContext, service: string): ServiceGate {
  return ctx.client(`rate:${service}`, (aws) => {
    const limit = rateLimitFor(service, process.env, aws.endpoint);
    return { limiter: limit ? new AdaptiveRateLimiter(limit) : undefined, queuedReads: new Map<string, Promise<unknown>>() };
  });
}

/** The key under which identical reads share one request; undefined for anything that changes state. */
export function readKey(operation: string, input: unknown): string | undefined {
  return /^(Describe|List|Get)/.test(operation) ? `${operation} ${JSON.stringify(input)}` : undefined;
}

/**
 * Sends `send` (one `operation` of `service` with `input`) once the service's limiter allows, and
 * tells the limiter how the service answered (`send` must throw ProviderErrors). A read asked for
 * while an identical one is still queued, or was sent in this same turn of the event loop (no
 * answer can arrive before the loop turns), joins it: the answer is produced after both asked, so
 * it is as fresh as a request of its own would be, and polls of siblings woken together, or
 * waiting under a tight rate limit, collapse into one request. Reads are retried; an error that
 * comes out names the call (`ds DescribeDirectories`).
 */
export async function rateLimitedCall<T>(ctx: KindContext, service: string, operation: string, input: unknown, send: () => Promise<T>): Promise<T> {
  const shareKey = readKey(operation, input);
  try {
    // Every attempt of a retried read waits for its own turn.
    if (shareKey !== undefined) return await retryRead(ctx, () => gatedCall(ctx, service, send, shareKey));
    return await gatedCall(ctx, service, send);
  } catch (error) {
    throw error instanceof ProviderError ? error.withContext({ operation: `${service} ${operation}` }) : error;
  }
}

function gatedCall<T>(ctx: KindContext, service: string, send: () => Promise<T>, shareKey?: string): Promise<T> {
  const gate = gateOf(ctx, service);
  const limiter = gate.limiter;
  if (!limiter) return send();
  if (shareKey !== undefined) {
    const queued = gate.queuedReads.get(shareKey);
    if (queued) return queued as Promise<T>;
  }
  const forget = () => {
    if (shareKey !== undefined && gate.queuedReads.get(shareKey) === result) gate.queuedReads.delete(shareKey);
  };
  const result: Promise<T> = (async () => {
    try {
      await limiter.acquire(ctx.signal);
    } catch {
      forget();
      // Never sent, so it took no effect; the applier reports the step as interrupted, not failed.
      throw new ProviderError("Unavailable", "the run was interrupted before this request was sent", "Interrupted");
    }
    setImmediate(forget);
    try {
      const answer = await send();
      limiter.onSuccess();
      return answer;
    } catch (error) {
      if (error instanceof ProviderError && error.code === "Throttled") limiter.onThrottled();
      throw error;
    }
  })();
  if (shareKey !== undefined) gate.queuedReads.set(shareKey, result);
  return result;
}
