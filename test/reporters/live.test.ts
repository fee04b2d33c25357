import { describe, expect, it } from "vitest";
import { createLiveReporter } from "../../src/cli/reporters/live.js";
import type { ApplyEvent } from "../../src/core/events.js";
import { failedApply, interruptedApply, successfulApply } from "./events.js";

/**
 * Just enough of a terminal to check the redraws: text, newlines, "cursor to the start of the
 * line N up" (ESC [ N F) and "clear to the end of the screen" (ESC [ J).
 */
class Screen {
  readonly isTTY = true;
  readonly writes: string[] = [];
  private lines: string[] = [""];
  private row = 0;

  write(text: string): boolean {
    this.writes.push(text);
    for (const token of text.match(/\x1b\[\d*[FJ]|\n|[^\x1b\n]+/g) ?? []) {
      if (token === "\n") {
        this.row += 1;
        if (this.row === this.lines.length) this.lines.push("");
      } else if (token.endsWith("F")) {
        this.row -= Number(token.slice(2, -1));
      } else if (token.endsWith("J")) {
        this.lines = [...this.lines.slice(0, this.row), ""];
      } else {
        this.lines[this.row] += token;
      }
    }
    return true;
  }

  /** What is visible, without the empty line the cursor sits on. */
  get text(): string[] {
    return this.lines.slice(0, -1);
  }
}

function play(events: ApplyEvent[], upTo = events.length): Screen {
  const screen = new Screen();
  const readings = [0, 75_000];
  const report = createLiveReporter(screen, { color: false, now: () => readings.shift() ?? 75_000 });
  for (const event of events.slice(0, upTo)) report(event);
  return screen;
}

describe("createLiveReporter", () => {
  it("shows the steps in flight with their elapsed time below the completed lines", () => {
    expect(play(successfulApply, 6).text).toEqual([
      "pca/template.t: Modifications complete after 12s [id=tpl-1]",
      "In progress (1):",
      "  creating   ds/ad-connector.corp  20s [id=d-0123456789]",
    ]);
    expect(play(successfulApply, 3).text).toEqual([
      "In progress (2):",
      "  creating   ds/ad-connector.corp  0s",
      "  modifying  pca/template.t        0s [id=tpl-1]",
    ]);
  });

  it("leaves only the completed lines and the summary once the apply ends", () => {
    expect(play(successfulApply).text).toEqual([
      "pca/template.t: Modifications complete after 12s [id=tpl-1]",
      "ds/ad-connector.corp: Creation complete after 1m5s [id=d-0123456789]",
      "ds/trust.x: Destruction complete after 3s",
      "ds/trust.x: Creation complete after 1h2m3s [id=t-2]",
      "",
      "Apply complete! Resources: 2 added, 1 changed, 1 destroyed.",
    ]);
    expect(play(failedApply).text).toEqual([
      "ds/trust.x: Creation failed after 3s: stage Failed: Connectivity issues detected",
      "ds/trust.y: Skipped (upstream failed: ds/trust.x)",
      "ds/ad-connector.corp: Creation complete after 12s [id=d-0123456789]",
      "",
      "Apply failed after 1m15s: 1 failed, 2 skipped; 1 done (1 added, 0 changed, 0 destroyed).",
      "  done     ds/ad-connector.corp (create)",
      "  failed   ds/trust.x (create): stage Failed: Connectivity issues detected",
      "  skipped  ds/trust.y (delete): upstream failed: ds/trust.x",
      "  skipped  ds/trust.y (create): upstream failed: ds/trust.x",
    ]);
  });

  it("takes an interrupted step out of the block and says it will carry on", () => {
    expect(play(interruptedApply, 5).text).toEqual([
      "pca/template.t: Modifications complete after 2s [id=tpl-1]",
      "In progress (1):",
      "  creating   ds/microsoft-ad.forest  10s [id=d-0123456789]",
    ]);
    expect(play(interruptedApply).text).toEqual([
      "pca/template.t: Modifications complete after 2s [id=tpl-1]",
      "ds/microsoft-ad.forest: Creation interrupted after 12s: the resource exists and the next apply will continue [id=d-0123456789]",
      "ds/trust.x: Skipped (not started: the apply was interrupted)",
      "ds/trust.y: Skipped (not started: the apply was interrupted)",
      "",
      "Apply interrupted after 1m15s: 1 done (0 added, 1 changed, 0 destroyed), 1 interrupted (will continue on the next apply), 2 not started.",
      "  done         pca/template.t (update)",
      "  interrupted  ds/microsoft-ad.forest (create): the resource exists and the next apply will continue",
      "  skipped      ds/trust.x (create): not started: the apply was interrupted",
      "  skipped      ds/trust.y (create): not started: the apply was interrupted",
    ]);
  });

  it("erases exactly the block it drew before redrawing", () => {
    const screen = play(successfulApply, 4);
    expect(screen.writes).toEqual([
      "In progress (1):\n  creating   ds/ad-connector.corp  0s\n",
      "\x1b[2F\x1b[JIn progress (2):\n  creating   ds/ad-connector.corp  0s\n  modifying  pca/template.t        0s [id=tpl-1]\n",
      "\x1b[3F\x1b[JIn progress (2):\n  creating   ds/ad-connector.corp  10s\n  modifying  pca/template.t        0s [id=tpl-1]\n",
    ]);
  });

  it("falls back to plain lines when the stream is not a terminal", () => {
    const writes: string[] = [];
    const report = createLiveReporter({ isTTY: false, write: (text: string) => writes.push(text) });
    for (const event of successfulApply.slice(0, 4)) report(event);
    expect(writes).toEqual([
      "ds/ad-connector.corp: Creating...\n",
      "pca/template.t: Modifying... [id=tpl-1]\n",
      "ds/ad-connector.corp: Still creating... [10s elapsed]\n",
    ]);
  });
});
