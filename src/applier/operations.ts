import { InternalError, ProviderError } from "../core/errors.js";
import type { JsonObject } from "../core/json.js";
import type { Change } from "../core/plan.js";
import type { DesiredResource, KindContext, Live, ResourceKind } from "../core/resource-kind.js";
import type { Clock } from "./clock.js";
import { formatDuration } from "./duration.js";
import { withRetry, type RetryOptions, type RetryPolicy } from "./retry.js";
import { pollGridMs, pollUntil, type SiblingWaits, type WaitPacing } from "./wait.js";

/** Everything one step needs besides the kind and its change. */
export interface OperationRuntime {
  kind: ResourceKind;
  ctx: KindContext;
  clock: Clock;
  retry?: RetryPolicy;
  /** The apply's interrupt: no new attempt after it, and waits stop at their next safe point. */
  signal?: AbortSignal;
  /** When the step started, on `clock`: the kind's timeout counts from here. */
  startedAt: number;
  /** Called as soon as the resource's id is known, so progress events can carry it. */
  onId(id: string): void;
  /** Waits of the same kind and operation in this apply, which pace this step's waits. */
  siblings?: SiblingWaits;
  /** The apply's waits together: they wake on a shared grid and share each tick's reads. */
  pacing: WaitPacing;
  /** Gives the step's parallelism slot to another step once all that is left is waiting. */
  releaseSlot?: () => void;
}

/** What a finished step leaves behind. */
export interface OperationResult {
  id: string;
  /** The resource's outputs once ready; absent after a delete. */
  outputs?: JsonObject;
}

/** A step that did not finish; the message is the user's explanation. */
export class StepFailure extends Error {
  override readonly name = "StepFailure";
  constructor(
    message: string,
    /** The apply was interrupted mid-wait: the call went through, the outcome is not known yet. */
    readonly isInterruption = false,
  ) {
    super(message);
  }
}

/** Where the interrupt left each kind of step; the step's outcome already says it was interrupted. */
const INTERRUPTED = {
  create: "the resource exists and the next apply will continue",
  update: "the change was sent and the next apply will continue",
  delete: "the deletion was requested and the next apply will continue",
  dependency: "stopped while waiting for a resource it needs; the next apply will continue",
} as const;

/**
 * Creates the resource (once, see `createOnce`), waits until it is ready, then lets the kind set
 * what needs it ready (`completeWhenReady`). A create whose own answer is already ready and
 * carries every output (a synchronous resource) needs no read.
 */
export async function runCreate(desired: DesiredResource, rt: OperationRuntime): Promise<OperationResult> {
  const { kind, ctx } = rt;
  const live = await createOnce(desired, rt);
  rt.onId(live.id);
  let ready: OperationResult = { id: live.id, outputs: live.outputs };
  if (!isSettledAnswer(live, kind)) {
    // The answer is the wait's first look: asking again at once would only hear "pending" again.
    const seenPending = kind.readiness(live).state === "pending";
    ready = await waitUntilReady(live.id, kind.timeouts.createMs, INTERRUPTED.create, rt, seenPending);
  }
  if (!kind.completeWhenReady) return ready;
  const completed = await withRetry(() => kind.completeWhenReady!(ctx, live.id, desired), retryOptions(rt));
  return completed ? { id: completed.id, outputs: completed.outputs } : ready;
}

function isSettledAnswer(live: Live, kind: ResourceKind): boolean {
  return kind.readiness(live).state === "ready" && kind.outputs.every((name) => live.outputs[name] !== undefined);
}

/** Changes the planned paths in place and waits until the resource is ready again. */
export async function runUpdate(change: Change, desired: DesiredResource, rt: OperationRuntime): Promise<OperationResult> {
  const { kind, ctx } = rt;
  const live = priorLive(change);
  rt.onId(live.id);
  if (!kind.update) {
    throw new InternalError(`${kind.type} cannot be updated in place, yet the plan updates ${change.address}; please report`);
  }
  const changed = change.attributes.filter((a) => a.isChanged).map((a) => a.path);
  // Adoption's whole point is adding the ownership tags, whatever else the plan lists.
  if (change.isAdoption && !changed.includes("tags")) changed.push("tags");
  await withRetry(() => kind.update!(ctx, live, desired, changed), retryOptions(rt));
  return waitUntilReady(live.id, kind.timeouts.updateMs, INTERRUPTED.update, rt);
}

/** Deletes the resource (absent already counts) and waits until reads no longer find it. */
export async function runDelete(change: Change, rt: OperationRuntime): Promise<OperationResult> {
  const { kind, ctx, clock } = rt;
  const live = priorLive(change);
  rt.onId(live.id);
  await withRetry(async () => {
    try {
      await kind.delete(ctx, live);
    } catch (error) {
      // Already gone is what a delete wants: the one sanctioned swallow.
      if (!(error instanceof ProviderError && error.code === "NotFound")) throw error;
    }
  }, retryOptions(rt));
  const timeoutMs = kind.timeouts.deleteMs;
  const result = await pollUntil(async () => ((await readFresh(live.id, rt)) === undefined ? true : undefined), {
    clock,
    deadline: rt.startedAt + timeoutMs,
    pollMs: kind.timeouts.pollMs,
    timeoutMs,
    signal: rt.signal,
    siblings: rt.siblings,
    gridMs: pollGridMs(kind.timeouts.pollMs),
    onWaiting: rt.releaseSlot,
  });
  if (result.state === "interrupted") throw new StepFailure(INTERRUPTED.delete, true);
  if (result.state === "timed-out") {
    throw new StepFailure(`timed out after ${formatDuration(timeoutMs)} waiting for the deletion to finish`);
  }
  return { id: live.id };
}

/**
 * Waits for a resource the plan leaves as it is but that is still settling (an interrupted apply
 * created it and did not wait): what depends on it must not start before it is ready.
 */
export async function awaitDependency(change: Change, rt: OperationRuntime): Promise<OperationResult> {
  try {
    return await waitUntilReady(priorLive(change).id, rt.kind.timeouts.createMs, INTERRUPTED.dependency, rt);
  } catch (error) {
    if (error instanceof StepFailure && !error.isInterruption) throw new StepFailure(`${change.address} did not become ready: ${error.message}`);
    throw error;
  }
}

/**
 * Creates the resource exactly once. A kind whose create is not idempotent may have created it
 * even though the attempt failed: the answer was lost (5xx, reset), or a later step of the create
 * (an alias, a setting) was throttled after the create call itself went through. So before any
 * further attempt the applier looks for that earlier success and finishes it instead of making a
 * second one.
 */
async function createOnce(desired: DesiredResource, rt: OperationRuntime): Promise<Live> {
  const { kind, ctx } = rt;
  return withRetry(async (previous) => {
    if (previous !== undefined && !kind.isCreateIdempotent) {
      const found = await kind.find(ctx, desired);
      if (found && isEarlierCreate(found, desired, kind, ctx)) return kind.resumeCreate ? kind.resumeCreate(ctx, found, desired) : found;
    }
    return kind.create(ctx, desired);
  }, retryOptions(rt));
}

/** Ours by tags, or (for untaggable kinds, which declare a natural key) the same natural key with no other owner. */
function isEarlierCreate(found: Live, desired: DesiredResource, kind: ResourceKind, ctx: KindContext): boolean {
  if (found.owner?.stack === ctx.stack && found.owner.name === desired.name) return true;
  if (!kind.naturalKey || found.owner?.name !== undefined) return false;
  if (found.owner !== undefined && found.owner.stack !== ctx.stack) return false;
  const key = kind.naturalKey(desired.properties);
  return key !== undefined && key === kind.naturalKey(found.properties);
}

async function waitUntilReady(id: string, timeoutMs: number, interrupted: string, rt: OperationRuntime, seenPending = false): Promise<OperationResult> {
  const { kind, clock } = rt;
  let lastSeen = "not visible yet";
  const result = await pollUntil(
    async () => {
      const live = await readFresh(id, rt);
      if (!live) return undefined;
      const readiness = kind.readiness(live);
      lastSeen = readiness.reason ? `${readiness.state}: ${readiness.reason}` : readiness.state;
      return readiness.state === "pending" ? undefined : { live, readiness };
    },
    {
      clock,
      deadline: rt.startedAt + timeoutMs,
      pollMs: kind.timeouts.pollMs,
      timeoutMs,
      signal: rt.signal,
      siblings: rt.siblings,
      gridMs: pollGridMs(kind.timeouts.pollMs),
      seenPending,
      onWaiting: rt.releaseSlot,
    },
  );
  if (result.state === "interrupted") throw new StepFailure(interrupted, true);
  if (result.state === "timed-out") {
    throw new StepFailure(`timed out after ${formatDuration(timeoutMs)} waiting to become ready (last seen: ${lastSeen})`);
  }
  const { live, readiness } = result.value;
  if (readiness.state === "failed") throw new StepFailure(readiness.reason ?? "the resource reached a failed state");
  return { id: live.id, outputs: live.outputs };
}

/**
 * A wait's read (`readForWait` where the kind has one), seeing the service's current state.
 * Memoised reads are keyed by the provider, which the applier cannot name, so all of them are
 * dropped (`forgetStaleReads`: unless another wait dropped them a moment ago, so that waits
 * waking together share their reads): a wait must never poll a cached answer.
 */
function readFresh(id: string, rt: OperationRuntime): Promise<Live | undefined> {
  const { kind, ctx } = rt;
  rt.pacing.forgetStaleReads(ctx, rt.clock.now());
  return withRetry(() => (kind.readForWait ? kind.readForWait(ctx, id) : kind.read(ctx, id)), retryOptions(rt));
}

function priorLive(change: Change): Live {
  if (!change.prior) throw new InternalError(`${change.address} has no live state in the plan; please report`);
  const { id, properties, outputs, owner } = change.prior;
  return { id, properties, outputs, ...(owner ? { owner } : {}) };
}

function retryOptions(rt: OperationRuntime): RetryOptions {
  return { policy: rt.retry, sleep: (ms, signal) => rt.clock.sleep(ms, signal), signal: rt.signal };
}
