import type { Clock } from "../../src/applier/clock.js";

interface Timer {
  at: number;
  order: number;
  resolve: () => void;
  detach: () => void;
}

/**
 * Simulated time. Whenever the process has nothing else to do (checked with `setImmediate`,
 * which runs only after every pending promise callback), the earliest sleeper wakes and time
 * jumps to its deadline. Code under test that never waits on real timers therefore runs through
 * hours of simulated waiting in milliseconds, in a fixed order.
 */
export class FakeClock implements Clock {
  /** Every sleep requested, in order. */
  readonly sleeps: number[] = [];
  private time: number;
  private timers: Timer[] = [];
  private counter = 0;
  private isScheduled = false;

  constructor(start = 1_000_000) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    if (signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const timer: Timer = {
        at: this.time + ms,
        order: this.counter++,
        resolve,
        detach: () => signal?.removeEventListener("abort", onAbort),
      };
      const onAbort = (): void => {
        this.timers = this.timers.filter((t) => t !== timer);
        resolve();
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.timers.push(timer);
      this.scheduleAdvance();
    });
  }

  private scheduleAdvance(): void {
    if (this.isScheduled) return;
    this.isScheduled = true;
    setImmediate(() => {
      this.isScheduled = false;
      this.timers.sort((a, b) => a.at - b.at || a.order - b.order);
      const next = this.timers.shift();
      if (!next) return;
      this.time = Math.max(this.time, next.at);
      next.detach();
      next.resolve();
      if (this.timers.length > 0) this.scheduleAdvance();
    });
  }
}
