import type { Clock } from "./clock.js";

/**
 * Calls `beat` every `intervalMs` until the returned stop function is called. Long waits are
 * where users think a tool has hung, so the heartbeat runs through calls and waits alike.
 */
export function startHeartbeat(clock: Clock, intervalMs: number, beat: () => void): () => void {
  const stopped = new AbortController();
  if (!(intervalMs > 0) || !Number.isFinite(intervalMs)) return () => stopped.abort();
  void (async () => {
    for (;;) {
      await clock.sleep(intervalMs, stopped.signal);
      if (stopped.signal.aborted) return;
      beat();
    }
  })();
  return () => stopped.abort();
}
