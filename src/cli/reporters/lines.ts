import type { ApplyEvent, Reporter } from "../../core/events.js";
import { createRepeatedSkipFilter, formatStepLine, paletteFor } from "./format.js";
import { ApplyTally } from "./tally.js";

/** Rendering choices for the line reporter. */
export interface LineReporterOptions {
  color: boolean;
  /** Clock for the total time shown when an apply does not complete; `Date.now` unless given. */
  now?: () => number;
}

/**
 * Plain appended lines, one per start, heartbeat, completion and failure, in Terraform's words:
 * safe for CI logs, never redrawn, never buffered.
 */
export function createLineReporter(out: (line: string) => void, options: LineReporterOptions): Reporter {
  const c = paletteFor(options.color);
  const now = options.now ?? Date.now;
  const tally = new ApplyTally();
  const isWorthALine = createRepeatedSkipFilter();
  let startedAt: number | undefined;

  return (event: ApplyEvent) => {
    startedAt ??= now();
    tally.record(event);
    switch (event.type) {
      case "plan":
        return;
      case "summary":
        for (const line of tally.summaryLines(event, c, now() - startedAt)) out(line);
        return;
      default:
        if (isWorthALine(event)) out(formatStepLine(event, c));
    }
  };
}
