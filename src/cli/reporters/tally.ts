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
   * interrupted, failed, skipped) so nobody has to scroll back to learn what happened.
   */
  summaryLines(summary: Extract<ApplyEvent, { type: "summary" }>, c: Palette, elapsedMs?: number): string[] {
    const done = this.finished.filter((s) => s.outcome === "done");
    const count = (operation: StepOperation) => done.filter((s) => s.operation === operation).length;
    const resources = `${count("create")} added, ${count("update")} changed, ${count("delete")} destroyed`;
    if (summary.failed === 0 && summary.skipped === 0 && !summary.interrupted) {
      return ["", c.bold(c.green(`Apply complete! Resources: ${resources}.`))];
    }
    const after = elapsedMs === undefined ? "" : ` after ${formatDuration(elapsedMs)}`;
    const headline = summary.interrupted
      ? `Apply interrupted${after}: ${interruptedCounts(summary, resources)}.`
      : `Apply failed${after}: ${summary.failed} failed, ${summary.skipped} skipped; ${summary.done} done (${resources}).`;
    const isOnlyInterrupted = summary.interrupted && summary.failed === 0;
    const lines = ["", c.bold(isOnlyInterrupted ? c.yellow(headline) : c.red(headline))];
    const outcomes = OUTCOME_ORDER.filter((outcome) => this.finished.some((s) => s.outcome === outcome));
    // Only an interrupted step widens the column, so other tables keep the width logs already have.
    const width = Math.max("skipped".length, ...outcomes.map((outcome) => outcome.length));
    const tone = { done: c.green, interrupted: c.magenta, failed: c.red, skipped: c.yellow };
    for (const outcome of outcomes) {
      for (const step of this.finished.filter((s) => s.outcome === outcome)) {
        const why = step.message ? `: ${step.message}` : "";
        lines.push(`  ${tone[outcome](outcome.padEnd(width))}  ${step.address} (${step.operation})${why}`);
      }
    }
    return lines;
  }
}

const OUTCOME_ORDER: readonly StepOutcome[] = ["done", "interrupted", "failed", "skipped"];

/** What an interrupt left, in the order it matters: what is done, what carries on, what is left. */
function interruptedCounts(summary: Extract<ApplyEvent, { type: "summary" }>, resources: string): string {
  const { interruptedSteps, notStarted } = summary;
  const parts = [`${summary.done} done (${resources})`];
  if (interruptedSteps > 0) parts.push(`${interruptedSteps} interrupted (will continue on the next apply)`);
  if (summary.failed > 0) parts.push(`${summary.failed} failed`);
  if (summary.skipped - notStarted > 0) parts.push(`${summary.skipped - notStarted} skipped`);
  if (notStarted > 0) parts.push(`${notStarted} not started`);
  return parts.join(", ");
}
