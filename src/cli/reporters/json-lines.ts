import type { Reporter } from "../../core/events.js";

/**
 * One JSON object per event and line (NDJSON), for tools. Events carry no secret values, so they
 * are written as they are; key order follows the event, so the stream is stable to diff.
 */
export function createJsonLinesReporter(out: (line: string) => void): Reporter {
  return (event) => out(JSON.stringify(event));
}
