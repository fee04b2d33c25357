import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { DEFAULT_RATE_LIMITS } from "../../../src/providers/aws/rate-limiter.js";

const preload = pathToFileURL(join(import.meta.dirname, "compress-time.mjs")).href;

/**
 * The environment that runs a CLI process on compressed time (compress-time.mjs): its timers fire
 * `scale` times as long after they were set, and its client-side rate limits, which count real
 * time, are raised by the same factor so that every kind of waiting shrinks alike.
 */
export function compressedTimeEnv(scale: number): Record<string, string> {
  if (scale === 1) return {};
  const limits = Object.entries(DEFAULT_RATE_LIMITS).flatMap(([service, limit]) => {
    const suffix = service.toUpperCase().replace(/[^A-Z0-9]+/g, "_");
    return [
      [`ADSTACK_RATE_LIMIT_${suffix}`, String(limit.ratePerSecond / scale)],
      [`ADSTACK_RATE_BURST_${suffix}`, String(limit.burst)],
    ];
  });
  return { NODE_OPTIONS: `--import=${preload}`, ADSTACK_TEST_TIME_SCALE: String(scale), ...Object.fromEntries(limits) };
}
