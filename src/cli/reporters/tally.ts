import type { Address } from "../../core/address.js";
import type { ApplyEvent, StepOperation, StepOutcome } from "../../core/events.js";
import { formatDuration } from "../../applier/duration.js";
import type { Palette } from "./format.js";

interface FinishedStep {
  address: Address;
  operation: StepOperation;
  outcome: StepOutcome;
  message?: string;
}

/** What the closing summary needs, gathered from `step_finished` events in arrival order. */
export class ApplyTally {
  private readonly finished: FinishedStep[] = [];

  record(event: ApplyEvent): void {
    if (event.type !== "step_finished") return;
    const { address, operation, outcome, message } = event;
    this.finished.push({ address, operation, outcome, ...(message === undefined ? {} : { message }) });
  }

  /**
   * Terraform's closing line when everything went through; otherwise an outcome table (done,
   * failed, skipped) so nobody has to scroll back to learn what happened.
   */
  summaryLines(summary: Extract<ApplyEvent, { type: "summary" }>, c: Palette, elapsedMs?: number): string[] {
    const done = this.finished.filter((s) => s.outcome === "done");
    const count = (operation: StepOperation) => done.filter((s) => s.operation === operation).length;
    const resources = `${count("create")} added, ${count("update")} changed, ${count("delete")} destroyed`;
    if (summary.failed === 0 && summary.skipped === 0 && !summary.interrupted) {
      return ["", c.bold(c.green(`Apply complete! Resources: ${resources}.`))];
    }
    const headline = summary.interrupted ? "Apply interrupted" : "Apply failed";
    const after = elapsedMs === undefined ? "" : ` after ${formatDuration(elapsedMs)}`;
    const lines = [
      "",
      c.bold(c.red(`${headline}${after}: ${summary.failed} failed, ${summary.skipped} skipped; ${summary.done} done (${resources}).`)),
    ];
    const label = { done: c.green("done   "), failed: c.red("failed "), skipped: c.yellow("skipped") };
    for (const outcome of ["done", "failed", "skipped"] as const) {
      for (const step of this.finished.filter((s) => s.outcome === outcome)) {
        const why = step.message ? `: ${step.message}` : "";
        lines.push(`  ${label[outcome]}  ${step.address} (${step.operation})${why}`);
      }
    }
    return lines;
  }
}
