/**
 * Measures how many visits are in flight at once. Each `visit` counts itself in, waits for
 * `pause` (so others can start meanwhile) and counts itself out; `peak` is the most seen at once.
 */
export function concurrencyMeter(pause: () => Promise<unknown> = () => new Promise((resolve) => setImmediate(resolve))) {
  let inFlight = 0;
  let peak = 0;
  return {
    get peak(): number {
      return peak;
    },
    async visit(): Promise<void> {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await pause();
      inFlight -= 1;
    },
  };
}
