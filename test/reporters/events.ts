import type { ApplyEvent } from "../../src/core/events.js";

const summary = { create: 2, update: 1, replace: 1, delete: 0, noop: 3 };

/** An apply that goes through: a create with heartbeats, an update, a replacement. */
export const successfulApply: ApplyEvent[] = [
  { type: "plan", stack: "demo", summary },
  { type: "step_started", address: "ds/ad-connector.corp", operation: "create" },
  { type: "step_started", address: "pca/template.t", operation: "update", id: "tpl-1" },
  { type: "step_progress", address: "ds/ad-connector.corp", operation: "create", elapsedMs: 10_000 },
  { type: "step_finished", address: "pca/template.t", operation: "update", outcome: "done", elapsedMs: 12_400, id: "tpl-1" },
  { type: "step_progress", address: "ds/ad-connector.corp", operation: "create", elapsedMs: 20_000, id: "d-0123456789" },
  { type: "step_finished", address: "ds/ad-connector.corp", operation: "create", outcome: "done", elapsedMs: 65_000, id: "d-0123456789" },
  { type: "step_started", address: "ds/trust.x", operation: "delete", id: "t-1" },
  { type: "step_finished", address: "ds/trust.x", operation: "delete", outcome: "done", elapsedMs: 3_000, id: "t-1" },
  { type: "step_started", address: "ds/trust.x", operation: "create" },
  { type: "step_finished", address: "ds/trust.x", operation: "create", outcome: "done", elapsedMs: 3_723_000, id: "t-2" },
  { type: "summary", done: 4, failed: 0, interruptedSteps: 0, skipped: 0, notStarted: 0, interrupted: false },
];

/** An apply where one step fails and a replacement behind it is skipped. */
export const failedApply: ApplyEvent[] = [
  { type: "plan", stack: "demo", summary },
  { type: "step_started", address: "ds/ad-connector.corp", operation: "create" },
  { type: "step_started", address: "ds/trust.x", operation: "create" },
  {
    type: "step_finished",
    address: "ds/trust.x",
    operation: "create",
    outcome: "failed",
    elapsedMs: 3_200,
    message: "stage Failed: Connectivity issues detected",
  },
  { type: "step_finished", address: "ds/trust.y", operation: "delete", outcome: "skipped", elapsedMs: 0, message: "upstream failed: ds/trust.x" },
  { type: "step_finished", address: "ds/trust.y", operation: "create", outcome: "skipped", elapsedMs: 0, message: "upstream failed: ds/trust.x" },
  { type: "step_finished", address: "ds/ad-connector.corp", operation: "create", outcome: "done", elapsedMs: 12_000, id: "d-0123456789" },
  { type: "summary", done: 1, failed: 1, interruptedSteps: 0, skipped: 2, notStarted: 0, interrupted: false },
];

/** An apply interrupted while a create waited for AWS: one step done, one interrupted, two never started. */
export const interruptedApply: ApplyEvent[] = [
  { type: "plan", stack: "demo", summary },
  { type: "step_started", address: "ds/microsoft-ad.forest", operation: "create" },
  { type: "step_started", address: "pca/template.t", operation: "update", id: "tpl-1" },
  { type: "step_finished", address: "pca/template.t", operation: "update", outcome: "done", elapsedMs: 2_000, id: "tpl-1" },
  { type: "step_progress", address: "ds/microsoft-ad.forest", operation: "create", elapsedMs: 10_000, id: "d-0123456789" },
  {
    type: "step_finished",
    address: "ds/microsoft-ad.forest",
    operation: "create",
    outcome: "interrupted",
    elapsedMs: 12_000,
    id: "d-0123456789",
    message: "the resource exists and the next apply will continue",
  },
  { type: "step_finished", address: "ds/trust.x", operation: "create", outcome: "skipped", elapsedMs: 0, message: "not started: the apply was interrupted" },
  { type: "step_finished", address: "ds/trust.y", operation: "create", outcome: "skipped", elapsedMs: 0, message: "not started: the apply was interrupted" },
  { type: "summary", done: 1, failed: 0, interruptedSteps: 1, skipped: 2, notStarted: 2, interrupted: true },
];
