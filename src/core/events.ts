import type { Address } from "./address.js";
import type { PlanSummary } from "./plan.js";

/** What one step of apply does to AWS. A replace is two steps. */
export type StepOperation = "create" | "update" | "delete";

/**
 * How a step ended. `interrupted` is not a failure: SIGINT/SIGTERM stopped the step at a safe
 * point (its call went through, or it was still waiting to start it), and the next apply carries
 * it on. `skipped` steps never ran.
 */
export type StepOutcome = "done" | "failed" | "interrupted" | "skipped";

/** What apply reports as it runs; reporters render these (human lines, a live view, NDJSON). */
export type ApplyEvent =
  | { type: "plan"; stack: string; summary: PlanSummary }
  | { type: "step_started"; address: Address; operation: StepOperation; id?: string }
  | { type: "step_progress"; address: Address; operation: StepOperation; elapsedMs: number; id?: string }
  | {
      type: "step_finished";
      address: Address;
      operation: StepOperation;
      outcome: StepOutcome;
      elapsedMs: number;
      id?: string;
      /** Why it failed, where the interrupt left it, or why it was skipped. */
      message?: string;
    }
  | {
      type: "summary";
      /** Steps by outcome; a replacement is two steps. */
      done: number;
      failed: number;
      /** Steps with outcome `interrupted`, never counted in `failed`. */
      interruptedSteps: number;
      /** Steps that never ran: behind a failed step, or held back by the interrupt (`notStarted`). */
      skipped: number;
      /** The part of `skipped` that never ran only because of the interrupt. */
      notStarted: number;
      /** Whether SIGINT/SIGTERM ended the apply early (exit code 130), whatever the counts say. */
      interrupted: boolean;
    };

export type Reporter = (event: ApplyEvent) => void;

/** The summary of an apply whose plan had nothing to do. */
export const NOTHING_APPLIED = { type: "summary", done: 0, failed: 0, interruptedSteps: 0, skipped: 0, notStarted: 0, interrupted: false } as const satisfies ApplyEvent;
