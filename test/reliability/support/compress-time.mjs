/**
 * Preloaded into CLI processes of reliability runs (`node --import`): every timer fires
 * ADSTACK_TEST_TIME_SCALE times as long after it was set (0.1: ten times sooner). Backoffs, polls
 * and heartbeats shrink together, so a run that would take a minute against AWS's pacing takes
 * seconds, while the order of events stays the same. Clocks (`Date.now`) are untouched: timeouts
 * and the local cloud's own timelines stay in real time, so a compressed run only ever polls more
 * often than a real one, never gives up sooner.
 */
import { syncBuiltinESMExports } from "node:module";
import timers from "node:timers";
import timersPromises from "node:timers/promises";

const scale = Number(process.env.ADSTACK_TEST_TIME_SCALE ?? "1");

if (Number.isFinite(scale) && scale > 0 && scale !== 1) {
  const scaled = (ms) => (typeof ms === "number" && ms > 0 ? ms * scale : ms);
  const setTimeoutOriginal = globalThis.setTimeout;
  const setIntervalOriginal = globalThis.setInterval;
  const delayOriginal = timersPromises.setTimeout;
  const compressedSetTimeout = (callback, ms, ...args) => setTimeoutOriginal(callback, scaled(ms), ...args);
  const compressedSetInterval = (callback, ms, ...args) => setIntervalOriginal(callback, scaled(ms), ...args);
  globalThis.setTimeout = compressedSetTimeout;
  globalThis.setInterval = compressedSetInterval;
  timers.setTimeout = compressedSetTimeout;
  timers.setInterval = compressedSetInterval;
  timersPromises.setTimeout = (ms, value, options) => delayOriginal(scaled(ms), value, options);
  syncBuiltinESMExports();
}
