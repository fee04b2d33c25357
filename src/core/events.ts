import type { Address } from "./address.js";
import type { PlanSummary } from "./plan.js";

/** What one step of apply does to AWS. A replace is two steps. */
export type StepOperation = "create" | "update" | "delete";

export type StepOutcome = "done" | "failed" | "skipped";

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
      /** Why it failed, or which upstream step's failure skipped it. */
      message?: string;
    }
  | { type: "summary"; done: number; failed: number; skipped: number; interrupted: boolean };

export type Reporter = (event: ApplyEvent) => void;
