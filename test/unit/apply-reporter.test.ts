import { Writable } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createApplyReporter } from "../../src/cli/reporters/choose.js";
import { createOutput } from "../../src/cli/output.js";
import { successfulApply } from "../reporters/events.js";

/** Runs the apply events through the reporter `apply` would choose for this stdout. */
function progressShown(isTTY: boolean, json = false, env: Record<string, string> = {}): string {
  const { reporter, shown } = reporterFor(isTTY, json, env);
  for (const event of successfulApply) reporter(event);
  return shown();
}

function reporterFor(isTTY: boolean, json = false, env: Record<string, string> = {}) {
  let text = "";
  const stdout = Object.assign(new Writable({ write: (chunk, _encoding, done) => ((text += String(chunk)), done()) }), { isTTY });
  const output = createOutput({ stdout, stderr: new Writable({ write: (_c, _e, done) => done() }), env });
  return { reporter: createApplyReporter(output, { json }), shown: () => text };
}

/** The lines a terminal shows after `text`: enough of VT100 for the live view (cursor up, clear below). */
function screenOf(text: string): string[] {
  const lines: string[] = [""];
  let row = 0;
  for (const token of text.replace(/\u001b\[\d*m/g, "").split(/(\u001b\[\d*[FJ]|\n)/)) {
    if (token === "\n") {
      row += 1;
      lines[row] ??= "";
    } else if (token.startsWith("\u001b[") && token.endsWith("F")) {
      row = Math.max(0, row - Number(token.slice(2, -1)));
    } else if (token === "\u001b[J") {
      lines.length = row + 1;
      lines[row] = "";
    } else {
      lines[row] += token;
    }
  }
  return lines;
}

afterEach(() => {
  vi.useRealTimers();
});

describe("the progress view apply and destroy choose", () => {
  it("is the live view on a terminal: a redrawn in-progress block", () => {
    const shown = progressShown(true);
    expect(shown).toContain("In progress (1):");
    expect(shown).toMatch(/\u001b\[\d+F\u001b\[J/);
    expect(shown).toContain("Apply complete!");
  });

  it("moves the elapsed times every second between the 10-second heartbeats, and stops at the end", () => {
    vi.useFakeTimers();
    const { reporter, shown } = reporterFor(true, false, { NO_COLOR: "1" });
    reporter({ type: "step_started", address: "ds/ad-connector.corp", operation: "create" });
    vi.advanceTimersByTime(3_000);
    expect(shown()).toMatch(/ds\/ad-connector\.corp\s+3s/);
    reporter({ type: "step_progress", address: "ds/ad-connector.corp", operation: "create", elapsedMs: 10_000, id: "d-1" });
    vi.advanceTimersByTime(2_000);
    expect(shown()).toMatch(/ds\/ad-connector\.corp\s+12s \[id=d-1\]/);
    reporter({ type: "step_finished", address: "ds/ad-connector.corp", operation: "create", outcome: "done", elapsedMs: 12_000, id: "d-1" });
    reporter({ type: "summary", done: 1, failed: 0, interruptedSteps: 0, skipped: 0, notStarted: 0, interrupted: false });
    expect(vi.getTimerCount()).toBe(0);
  });

  it("keeps the interrupt notice on screen instead of redrawing over it", () => {
    const interrupted = (withSignal: boolean) => {
      let terminal = "";
      const sink = Object.assign(new Writable({ write: (chunk, _encoding, done) => ((terminal += String(chunk)), done()) }), { isTTY: true });
      const output = createOutput({ stdout: sink, stderr: sink, env: { NO_COLOR: "1" } });
      const abort = new AbortController();
      const reporter = createApplyReporter(output, withSignal ? { interrupt: abort.signal } : {});
      reporter({ type: "step_started", address: "ds/ad-connector.corp", operation: "delete", id: "d-1" });
      reporter({ type: "step_started", address: "ds/trust.forest", operation: "delete", id: "t-1" });
      output.err("\nSIGINT received. Waiting for in-flight steps to reach a safe point\n");
      abort.abort();
      reporter({ type: "step_finished", address: "ds/trust.forest", operation: "delete", outcome: "done", elapsedMs: 1_000, id: "t-1" });
      return screenOf(terminal);
    };
    expect(interrupted(true)).toContain("SIGINT received. Waiting for in-flight steps to reach a safe point");
    expect(interrupted(true)).toContain("ds/trust.forest: Destruction complete after 1s");
    // The reason for the blank lines: without them the redraw wipes the notice.
    expect(interrupted(false)).not.toContain("SIGINT received. Waiting for in-flight steps to reach a safe point");
  });

  it("redraws without colours on a terminal with NO_COLOR", () => {
    const shown = progressShown(true, false, { NO_COLOR: "1" });
    expect(shown).toContain("In progress (1):");
    expect(shown).not.toMatch(/\u001b\[\d+m/);
  });

  it("is appended lines without a terminal, with no cursor codes", () => {
    const shown = progressShown(false);
    expect(shown).not.toContain("\u001b");
    expect(shown).not.toContain("In progress");
    expect(shown).toContain("ds/ad-connector.corp: Creation complete after 1m5s [id=d-0123456789]");
  });

  it("is NDJSON with --json, even on a terminal", () => {
    const lines = progressShown(true, true).trim().split("\n");
    expect(lines.map((line) => (JSON.parse(line) as { type: string }).type)).toContain("step_finished");
  });
});
