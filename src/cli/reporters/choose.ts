import type { ApplyEvent, Reporter, StepOperation } from "../../core/events.js";
import type { Output } from "../output.js";
import { createJsonLinesReporter } from "./json-lines.js";
import { createLineReporter } from "./lines.js";
import { createLiveReporter } from "./live.js";

/** How often the live view's elapsed times move between the applier's 10-second heartbeats. */
const LIVE_TICK_MS = 1_000;

/**
 * The progress view for `apply` and `destroy`: NDJSON events with `--json`, the live view when a
 * person watches a terminal, and appended lines otherwise (CI logs, pipes, files), which a
 * redrawn block would fill with cursor codes.
 */
export function createApplyReporter(output: Output, options: ApplyReporterOptions): Reporter {
  if (options.json) return createJsonLinesReporter((line) => output.out(`${line}\n`));
  if (!output.isTTY) return createLineReporter((line) => output.out(`${line}\n`), { color: output.isColor });
  const live = createLiveReporter({ isTTY: true, write: (text) => output.out(text) }, { color: output.isColor });
  let hasStarted = false;
  return withTicks(
    (event) => {
      // Set the view apart from the plan printed just above it.
      if (!hasStarted) output.out("\n");
      hasStarted = true;
      live(event);
    },
    { now: options.now ?? Date.now, tickMs: options.tickMs ?? LIVE_TICK_MS, interrupt: options.interrupt, out: (text) => output.out(text) },
  );
}

/** Options for `createApplyReporter`. */
export interface ApplyReporterOptions {
  /** NDJSON events instead of a view. */
  json?: boolean;
  /**
   * Aborted on SIGINT/SIGTERM, just after the interrupt notice went to stderr: the live view then
   * keeps that notice on screen instead of redrawing over it.
   */
  interrupt?: AbortSignal;
  now?: () => number;
  tickMs?: number;
}

interface Running {
  address: string;
  operation: StepOperation;
  id?: string;
  startedAt: number;
}

/**
 * The live view redraws only when an event arrives, and a step that is waiting on AWS reports
 * only every 10 s, so its elapsed time would look stuck. Between events this sends the view a
 * progress event per running step every tick, timed from the step's start.
 *
 * The view redraws by moving the cursor up over its in-progress block (a header and one line per
 * running step) and clearing below. A notice printed under the block (the interrupt message on
 * stderr) would be cleared with it, so on interrupt as many blank lines as the block has are
 * printed first: the next redraw clears those, and the notice stays.
 */
function withTicks(view: Reporter, options: { now: () => number; tickMs: number; interrupt?: AbortSignal; out: (text: string) => void }): Reporter {
  const { now } = options;
  const running = new Map<string, Running>();
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    for (const step of running.values()) {
      view({ type: "step_progress", address: step.address, operation: step.operation, elapsedMs: now() - step.startedAt, ...(step.id ? { id: step.id } : {}) });
    }
  };
  options.interrupt?.addEventListener("abort", () => options.out("\n".repeat(running.size > 0 ? running.size + 1 : 0)), { once: true });
  return (event: ApplyEvent) => {
    if (event.type === "step_started" || event.type === "step_progress") {
      const { address, operation, id } = event;
      const elapsedMs = event.type === "step_progress" ? event.elapsedMs : 0;
      running.set(`${address}#${operation}`, { address, operation, ...(id ? { id } : {}), startedAt: now() - elapsedMs });
    }
    if (event.type === "step_finished") running.delete(`${event.address}#${event.operation}`);
    if (event.type === "summary") running.clear();
    view(event);
    if (running.size > 0 && timer === undefined) {
      // Never keeps the process alive: an apply that ends without a summary still exits.
      timer = setInterval(tick, options.tickMs).unref();
    } else if (running.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}
