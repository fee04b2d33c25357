import { describe, expect, it } from "vitest";
import type { ApplyEvent } from "../../src/core/events.js";
import { createLineReporter } from "../../src/cli/reporters/lines.js";
import { failedApply, interruptedApply, successfulApply } from "./events.js";

/** Renders events; the clock reads 0 at the first event and `endMs` at the summary. */
function render(events: ApplyEvent[], color = false, endMs = 210_000): string[] {
  const lines: string[] = [];
  const readings = [0, endMs];
  const report = createLineReporter((line) => lines.push(line), { color, now: () => readings.shift() ?? endMs });
  for (const event of events) report(event);
  return lines;
}

describe("createLineReporter", () => {
  it("prints Terraform's lines for a successful apply", () => {
    expect(render(successfulApply)).toEqual([
      "ds/ad-connector.corp: Creating...",
      "pca/template.t: Modifying... [id=tpl-1]",
      "ds/ad-connector.corp: Still creating... [10s elapsed]",
      "pca/template.t: Modifications complete after 12s [id=tpl-1]",
      "ds/ad-connector.corp: Still creating... [id=d-0123456789, 20s elapsed]",
      "ds/ad-connector.corp: Creation complete after 1m5s [id=d-0123456789]",
      "ds/trust.x: Destroying... [id=t-1]",
      "ds/trust.x: Destruction complete after 3s",
      "ds/trust.x: Creating...",
      "ds/trust.x: Creation complete after 1h2m3s [id=t-2]",
      "",
      "Apply complete! Resources: 2 added, 1 changed, 1 destroyed.",
    ]);
  });

  it("prints failures, skips once per resource, and an outcome table", () => {
    expect(render(failedApply)).toEqual([
      "ds/ad-connector.corp: Creating...",
      "ds/trust.x: Creating...",
      "ds/trust.x: Creation failed after 3s: stage Failed: Connectivity issues detected",
      "ds/trust.y: Skipped (upstream failed: ds/trust.x)",
      "ds/ad-connector.corp: Creation complete after 12s [id=d-0123456789]",
      "",
      "Apply failed after 3m30s: 1 failed, 2 skipped; 1 done (1 added, 0 changed, 0 destroyed).",
      "  done     ds/ad-connector.corp (create)",
      "  failed   ds/trust.x (create): stage Failed: Connectivity issues detected",
      "  skipped  ds/trust.y (delete): upstream failed: ds/trust.x",
      "  skipped  ds/trust.y (create): upstream failed: ds/trust.x",
    ]);
  });

  it("tells an interrupted step from a failed one, and says what the next apply will carry on", () => {
    expect(render(interruptedApply, false, 90_000)).toEqual([
      "ds/microsoft-ad.forest: Creating...",
      "pca/template.t: Modifying... [id=tpl-1]",
      "pca/template.t: Modifications complete after 2s [id=tpl-1]",
      "ds/microsoft-ad.forest: Still creating... [id=d-0123456789, 10s elapsed]",
      "ds/microsoft-ad.forest: Creation interrupted after 12s: the resource exists and the next apply will continue [id=d-0123456789]",
      "ds/trust.x: Skipped (not started: the apply was interrupted)",
      "ds/trust.y: Skipped (not started: the apply was interrupted)",
      "",
      "Apply interrupted after 1m30s: 1 done (0 added, 1 changed, 0 destroyed), 1 interrupted (will continue on the next apply), 2 not started.",
      "  done         pca/template.t (update)",
      "  interrupted  ds/microsoft-ad.forest (create): the resource exists and the next apply will continue",
      "  skipped      ds/trust.x (create): not started: the apply was interrupted",
      "  skipped      ds/trust.y (create): not started: the apply was interrupted",
    ]);
  });

  it("counts failures and skips behind them apart from what the interrupt left", () => {
    const events: ApplyEvent[] = [
      { type: "step_finished", address: "t/k.a", operation: "create", outcome: "failed", elapsedMs: 1_000, message: "FakeInvalidException: bad" },
      { type: "step_finished", address: "t/k.b", operation: "create", outcome: "skipped", elapsedMs: 0, message: "upstream failed: t/k.a" },
      { type: "step_finished", address: "t/k.c", operation: "delete", outcome: "interrupted", elapsedMs: 1_000, id: "c-1", message: "the deletion was requested and the next apply will continue" },
      { type: "step_finished", address: "t/k.d", operation: "create", outcome: "skipped", elapsedMs: 0, message: "not started: the apply was interrupted" },
      { type: "summary", done: 0, failed: 1, interruptedSteps: 1, skipped: 2, notStarted: 1, interrupted: true },
    ];
    const lines = render(events, false, 5_000);
    expect(lines[2]).toBe("t/k.c: Destruction interrupted after 1s: the deletion was requested and the next apply will continue [id=c-1]");
    expect(lines.slice(5, 7)).toEqual([
      "Apply interrupted after 5s: 0 done (0 added, 0 changed, 0 destroyed), 1 interrupted (will continue on the next apply), 1 failed, 1 skipped, 1 not started.",
      "  interrupted  t/k.c (delete): the deletion was requested and the next apply will continue",
    ]);
  });

  it("colours an interrupted step apart from a failed one", () => {
    const coloured = render(interruptedApply, true).join("\n");
    expect(coloured).toContain("\x1b[35mCreation interrupted after 12s");
    expect(coloured).not.toContain("\x1b[31m");
  });

  it("colours outcomes only when asked", () => {
    const plain = render(failedApply, false).join("\n");
    const coloured = render(failedApply, true).join("\n");
    expect(plain).not.toContain("\x1b[");
    expect(coloured).toContain("\x1b[31m");
    expect(coloured.replace(/\x1b\[[0-9;]*m/g, "")).toBe(plain);
  });
});
