/**
 * Reads change nothing, so one that failed transiently (throttled, a 5xx, a reset or lost
 * connection) is simply asked again, close to where it failed. Without this a refresh of a few
 * dozen resources fails as a whole whenever any single read hits a blip, and a step's internal
 * reads would make the applier repeat the whole step.
 */
import { ProviderError } from "../../core/errors.js";
import type { KindContext } from "../../core/resource-kind.js";
import { retryTransient } from "./wait.js";

/** Five attempts, 0.5 s doubling to 4 s between them: a blip is ridden out, an outage surfaces within seconds. */
export const READ_ATTEMPTS = 5;
export const READ_FIRST_DELAY_MS = 500;

export async function retryRead<T>(ctx: KindContext, read: () => Promise<T>): Promise<T> {
  try {
    return await retryTransient(read, ctx.signal, READ_ATTEMPTS, READ_FIRST_DELAY_MS);
  } catch (error) {
    // Still retryable here means every attempt was used, which the message should say.
    if (error instanceof ProviderError && error.isRetryable) throw error.withContext({ attempts: READ_ATTEMPTS });
    throw error;
  }
}
