import type { Address } from "../../core/address.js";
import type { ApplyEvent, Reporter, StepOperation } from "../../core/events.js";
import { formatDuration } from "../../applier/duration.js";
import { createRepeatedSkipFilter, formatStepLine, paletteFor, progressVerb, type Palette } from "./format.js";
import { createLineReporter } from "./lines.js";
import { ApplyTally } from "./tally.js";

/** The part of a terminal stream the live view needs. */
export interface LiveStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

/** Rendering choices for the live view. */
export interface LiveReporterOptions {
  /** Colour on a terminal unless told otherwise. */
  color?: boolean;
  now?: () => number;
}

interface InFlight {
  address: Address;
  operation: StepOperation;
  elapsedMs: number;
  id?: string;
}

/** Moves to the start of the line `count` lines up and clears everything below. */
function eraseLines(count: number): string {
  return count > 0 ? `\x1b[${count}F\x1b[J` : "";
}

/**
 * On a terminal: completions and failures are appended as lines, and below them a block listing
 * every step still running with its elapsed time is redrawn on each event. Elsewhere it is the
 * line reporter. Elapsed times come from the events, so the output depends on nothing else.
 */
export function createLiveReporter(stream: LiveStream, options: LiveReporterOptions = {}): Reporter {
  const color = options.color ?? true;
  if (!stream.isTTY) return createLineReporter((line) => stream.write(`${line}\n`), { color: false, now: options.now });
  const c = paletteFor(color);
  const now = options.now ?? Date.now;
  const tally = new ApplyTally();
  const inFlight = new Map<string, InFlight>();
  const isWorthALine = createRepeatedSkipFilter();
  let drawnLines = 0;
  let startedAt: number | undefined;

  return (event: ApplyEvent) => {
    startedAt ??= now();
    tally.record(event);
    const appended: string[] = [];
    switch (event.type) {
      case "plan":
        return;
      case "step_started":
      case "step_progress": {
        const { address, operation, id } = event;
        const elapsedMs = event.type === "step_progress" ? event.elapsedMs : 0;
        inFlight.set(`${address}#${operation}`, { address, operation, elapsedMs, ...(id ? { id } : {}) });
        break;
      }
      case "step_finished":
        inFlight.delete(`${event.address}#${event.operation}`);
        if (isWorthALine(event)) appended.push(formatStepLine(event, c));
        break;
      case "summary":
        inFlight.clear();
        appended.push(...tally.summaryLines(event, c, now() - startedAt));
        break;
    }
    const block = blockLines([...inFlight.values()], c);
    stream.write(eraseLines(drawnLines) + [...appended, ...block].map((line) => `${line}\n`).join(""));
    drawnLines = block.length;
  };
}

function blockLines(steps: InFlight[], c: Palette): string[] {
  if (steps.length === 0) return [];
  const width = Math.max(...steps.map((s) => s.address.length));
  return [
    c.dim(`In progress (${steps.length}):`),
    ...steps.map((s) => {
      const id = s.id ? c.dim(` [id=${s.id}]`) : "";
      return `  ${c.cyan(progressVerb(s.operation).padEnd(10))} ${s.address.padEnd(width)}  ${formatDuration(s.elapsedMs)}${id}`;
    }),
  ];
}
