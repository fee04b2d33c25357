import type { Address } from "../core/address.js";
import { InternalError, ProviderError } from "../core/errors.js";
import type { Reporter, StepOperation } from "../core/events.js";
import type { JsonObject } from "../core/json.js";
import { assertNever, type Plan } from "../core/plan.js";
import type { Registry } from "../core/registry.js";
import type { KindContext, ResourceKind } from "../core/resource-kind.js";
import type { SecretSource } from "../core/values.js";
import { walkGraph } from "../graph/walk.js";
import { realClock, type Clock } from "./clock.js";
import { awaitDependency, runCreate, runDelete, runUpdate, StepFailure, type OperationResult, type OperationRuntime } from "./operations.js";
import { resolveDesired, SecretScrubber, type OutputBook } from "./resolve.js";
import { isRetryable, type RetryPolicy } from "./retry.js";
import { buildSteps, type Step } from "./steps.js";
import { startHeartbeat } from "./heartbeat.js";
import { WaitPacing } from "./wait.js";
import { compareText } from "../core/text.js";

/** What an apply runs against and reports to. */
export interface ApplyOptions {
  registry: Registry;
  ctx: KindContext;
  /** Steps sending calls at once, 10 unless given; a step that is only waiting for AWS holds no slot. */
  parallelism?: number;
  reporter: Reporter;
  /** Reads a secret's value; called only for the step that needs it, and the value is never kept. */
  resolveSecret(source: SecretSource): string;
  /** Interrupt: no new step starts, running steps stop at a safe point. */
  signal?: AbortSignal;
  clock?: Clock;
  retry?: RetryPolicy;
  /** How often a running step reports that it is still running; 10 s unless given. */
  progressIntervalMs?: number;
}

/** One failed step, for the closing outcome table; the message is already scrubbed of secrets. */
export interface StepFailureReport {
  address: Address;
  operation: StepOperation;
  message: string;
}

/** How an apply ended, counted in steps (a replacement is two). */
export interface ApplyResult {
  done: number;
  failed: number;
  /** Steps the interrupt stopped at a safe point; the next apply carries them on. Not in `failed`. */
  interruptedSteps: number;
  /** Steps that never ran: an upstream step failed, or the apply was interrupted first. */
  skipped: number;
  /** The part of `skipped` that was left because of the interrupt. */
  notStarted: number;
  interrupted: boolean;
  failures: StepFailureReport[];
  /** Outputs of every resource that exists after the apply, by address (sorted). */
  outputs: Record<Address, JsonObject>;
}

const DEFAULT_PARALLELISM = 10;
const DEFAULT_PROGRESS_INTERVAL_MS = 10_000;

/**
 * Carries out a plan: every change as one or two steps, run in dependency order with at most
 * `parallelism` making calls at once (waits hold no slot). A failed step skips what depends on it and nothing else; the next plan
 * shows whatever is left, so there is nothing to roll back or repair.
 */
export async function applyPlan(plan: Plan, options: ApplyOptions): Promise<ApplyResult> {
  const steps = buildSteps(plan);
  const kinds = kindsOf(steps, options.registry);
  const clock = options.clock ?? realClock;
  const emit = options.reporter;
  const book = seedOutputs(plan);
  const scrubber = new SecretScrubber();
  const stepsById = new Map(steps.map((s) => [s.id, s]));
  const failures: StepFailureReport[] = [];
  let done = 0;
  let skipped = 0;
  let notStarted = 0;
  const interruptedSteps = new Set<string>();
  const pacing = new WaitPacing();

  emit({ type: "plan", stack: plan.stack, summary: plan.summary });

  const visit = async (step: Step, releaseSlot: () => void): Promise<void> => {
    const { address, operation } = step;
    const startedAt = clock.now();
    let id = operation === "create" ? undefined : step.change.prior?.id;
    const withId = () => (id === undefined ? {} : { id });
    emit({ type: "step_started", address, operation, ...withId() });
    const stopHeartbeat = startHeartbeat(clock, options.progressIntervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS, () =>
      emit({ type: "step_progress", address, operation, elapsedMs: clock.now() - startedAt, ...withId() }),
    );
    const runtime: OperationRuntime = {
      kind: kinds.get(step.change.type)!,
      ctx: options.ctx,
      clock,
      retry: options.retry,
      signal: options.signal,
      startedAt,
      onId: (known) => (id = known),
      siblings: pacing.of(step.change.type, operation),
      pacing,
      releaseSlot,
    };
    try {
      await settleDependencies(step);
      const result = await execute(step, runtime);
      stopHeartbeat();
      recordOutputs(step, result, book);
      done += 1;
      emit({ type: "step_finished", address, operation, outcome: "done", elapsedMs: clock.now() - startedAt, ...withId() });
    } catch (error) {
      stopHeartbeat();
      const failure = describeFailure(error, options.signal);
      const message = scrubber.scrub(failure.message);
      if (failure.isInterruption) interruptedSteps.add(step.id);
      else failures.push({ address, operation, message });
      const outcome = failure.isInterruption ? "interrupted" : "failed";
      emit({ type: "step_finished", address, operation, outcome, elapsedMs: clock.now() - startedAt, ...withId(), message });
      // The walk must not start its dependents either way.
      throw error;
    }
  };

  const changesByAddress = new Map(plan.changes.map((change) => [change.address, change]));
  const settling = new Map<Address, Promise<void>>();
  /** Dependencies left as they are but still settling are waited for, once each, before a step that needs them. */
  const settleDependencies = async (step: Step): Promise<void> => {
    if (step.operation === "delete") return;
    const unsettled = step.change.dependsOn.filter((address) => {
      const dependency = changesByAddress.get(address);
      return dependency?.action === "noop" && dependency.status?.state === "pending";
    });
    await Promise.all(unsettled.map((address) => {
      let wait = settling.get(address);
      if (!wait) {
        const dependency = changesByAddress.get(address)!;
        const runtime: OperationRuntime = {
          kind: kindOf(dependency.type, options.registry),
          ctx: options.ctx,
          clock,
          retry: options.retry,
          signal: options.signal,
          startedAt: clock.now(),
          onId: () => {},
          pacing,
        };
        wait = awaitDependency(dependency, runtime).then((result) => {
          if (result.outputs) book.outputs.set(address, result.outputs);
        });
        settling.set(address, wait);
      }
      return wait;
    }));
  };

  const execute = (step: Step, runtime: OperationRuntime): Promise<OperationResult> => {
    const desired = () => ({
      name: step.change.name,
      properties: resolveDesired(step.change.desired ?? {}, book, (source) => {
        const value = options.resolveSecret(source);
        scrubber.add(value);
        return value;
      }, options.registry.get(step.change.type)?.writeOnly ?? []),
    });
    switch (step.operation) {
      case "create":
        return runCreate(desired(), runtime);
      case "update":
        return runUpdate(step.change, desired(), runtime);
      case "delete":
        return runDelete(step.change, runtime);
      default:
        return assertNever(step.operation);
    }
  };

  const skip = (step: Step, message: string): void => {
    skipped += 1;
    emit({ type: "step_finished", address: step.address, operation: step.operation, outcome: "skipped", elapsedMs: 0, message });
  };
  const skipUnstarted = (step: Step): void => {
    notStarted += 1;
    skip(step, "not started: the apply was interrupted");
  };

  const walk = await walkGraph({
    nodes: steps.map((s) => s.id),
    dependenciesOf: (id) => stepsById.get(id)!.dependsOn,
    concurrency: options.parallelism ?? DEFAULT_PARALLELISM,
    signal: options.signal,
    visit: (id, releaseSlot) => visit(stepsById.get(id)!, releaseSlot),
    onSkipped: (id, _reason, upstream) => {
      // Behind a step stopped by the interrupt nothing failed: it simply never got its turn.
      if (interruptedSteps.has(upstream)) skipUnstarted(stepsById.get(id)!);
      else skip(stepsById.get(id)!, `upstream failed: ${stepsById.get(upstream)!.address}`);
    },
  });

  for (const step of steps) {
    if (walk.outcomes.get(step.id)?.state === "not-started") skipUnstarted(step);
  }

  const interrupted = walk.interrupted || interruptedSteps.size > 0;
  emit({ type: "summary", done, failed: failures.length, interruptedSteps: interruptedSteps.size, skipped, notStarted, interrupted });
  return {
    done,
    failed: failures.length,
    interruptedSteps: interruptedSteps.size,
    skipped,
    notStarted,
    interrupted,
    failures,
    outputs: Object.fromEntries([...book.outputs.entries()].sort(([a], [b]) => compareText(a, b))),
  };
}

/** Every kind the steps need, checked before anything runs: a missing one is adstack's own bug. */
function kindsOf(steps: readonly Step[], registry: Registry): Map<string, ResourceKind> {
  return new Map(steps.map(({ change }) => [change.type, kindOf(change.type, registry)]));
}

function kindOf(type: string, registry: Registry): ResourceKind {
  const kind = registry.get(type);
  if (!kind) throw new InternalError(`the plan uses kind ${type}, which is not registered; please report`);
  return kind;
}

/** Unchanged resources never run, but references to them still need their outputs. */
function seedOutputs(plan: Plan): OutputBook {
  const book: OutputBook = { outputs: new Map(), addressOf: new Map() };
  for (const change of plan.changes) {
    // A resource that stays wins the name over an orphan of another kind being deleted.
    if (change.action !== "delete" || !book.addressOf.has(change.name)) book.addressOf.set(change.name, change.address);
    if (change.action === "noop" && change.prior) book.outputs.set(change.address, change.prior.outputs);
  }
  return book;
}

function recordOutputs(step: Step, result: OperationResult, book: OutputBook): void {
  if (result.outputs) book.outputs.set(step.address, result.outputs);
  // A replacement's delete removes the old copy only; the new one's outputs stay.
  else if (step.change.action === "delete") book.outputs.delete(step.address);
}

/** The user's explanation of a step that did not finish, and whether the interrupt (not AWS) ended it. */
function describeFailure(error: unknown, signal: AbortSignal | undefined): { message: string; isInterruption: boolean } {
  if (error instanceof StepFailure) return { message: error.message, isInterruption: error.isInterruption };
  // A kind's own wait (a directory becoming Active) or a queue for a request slot stopped at the interrupt: a safe point.
  if (signal?.aborted && isAbortOf(error, signal)) {
    return { message: "stopped at a safe point; the next apply will continue from there", isInterruption: true };
  }
  const message = error instanceof Error ? error.message : String(error);
  const shown = error instanceof ProviderError && error.awsName && !message.startsWith(error.awsName) ? error.description : message;
  // A retryable error is only final because the interrupt stopped the retries.
  if (signal?.aborted && isRetryable(error)) return { message: `stopped retrying after ${shown}`, isInterruption: true };
  return { message: shown, isInterruption: false };
}

function isAbortOf(error: unknown, signal: AbortSignal): boolean {
  return error === signal.reason || (error instanceof Error && error.name === "AbortError");
}
