/** How one node of a walk ended. */
export type NodeOutcome =
  | { state: "done" }
  | { state: "failed"; error: unknown }
  /** A node it depends on (directly or through others) failed: `upstream` names that node. */
  | { state: "skipped"; reason: string; upstream: string }
  /** The walk was interrupted before the node could start. */
  | { state: "not-started" };

/** Every node's outcome once nothing is running any more. */
export interface WalkResult {
  /** Every node, in the order it settled (not-started nodes last, sorted). */
  outcomes: Map<string, NodeOutcome>;
  /** The signal aborted while nodes were still waiting to start. */
  interrupted: boolean;
}

/** The nodes to walk, their order, and what to do at each. */
export interface WalkOptions {
  nodes: string[];
  /** Nodes that must be done before `node` starts; each must be in `nodes`. */
  dependenciesOf(node: string): string[];
  /** At most this many visits hold a slot at once (at least 1). */
  concurrency: number;
  /** Once aborted, no new node starts; visits already running are awaited. */
  signal?: AbortSignal;
  /**
   * Visits a node. A visit that has nothing left to do but wait (for AWS to finish provisioning)
   * calls `releaseSlot`, so that its slot starts another node while it waits; it still counts as
   * running until it settles.
   */
  visit(node: string, releaseSlot: () => void): Promise<void>;
  /** Called as soon as a node is skipped, so progress can be reported while the walk goes on. */
  onSkipped?(node: string, reason: string, upstream: string): void;
}

/**
 * Runs every node after its dependencies, independent branches in parallel, ready nodes started
 * in sorted order so that a walk with concurrency 1 is fully deterministic. A failure skips
 * everything downstream of it while unrelated nodes carry on.
 */
export function walkGraph(options: WalkOptions): Promise<WalkResult> {
  const { concurrency, signal } = options;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  }
  const nodes = [...new Set(options.nodes)].sort();
  const waitingOn = new Map<string, number>();
  const dependents = new Map<string, string[]>(nodes.map((n) => [n, []]));
  for (const node of nodes) {
    const dependencies = [...new Set(options.dependenciesOf(node))];
    for (const dependency of dependencies) {
      const list = dependents.get(dependency);
      if (!list) throw new Error(`${node} depends on ${dependency}, which is not in the walk`);
      list.push(node);
    }
    waitingOn.set(node, dependencies.length);
  }

  const outcomes = new Map<string, NodeOutcome>();
  const ready = nodes.filter((n) => waitingOn.get(n) === 0);
  /** Visits that have not settled yet. */
  let running = 0;
  /** Visits holding a slot: running ones that have not released theirs. */
  let holdingSlots = 0;
  let isFinished = false;

  return new Promise<WalkResult>((resolve, reject) => {
    const finish = (): void => {
      if (isFinished) return;
      isFinished = true;
      signal?.removeEventListener("abort", pump);
      const unsettled = nodes.filter((n) => !outcomes.has(n));
      if (unsettled.length > 0 && !signal?.aborted) {
        reject(new Error(`the walk cannot continue, these nodes wait on each other: ${unsettled.join(", ")}`));
        return;
      }
      for (const node of unsettled) outcomes.set(node, { state: "not-started" });
      resolve({ outcomes, interrupted: unsettled.length > 0 });
    };

    const skipDownstream = (failed: string): void => {
      const queue = [...dependents.get(failed)!];
      while (queue.length > 0) {
        const node = queue.shift()!;
        if (outcomes.has(node)) continue;
        const reason = `upstream failed: ${failed}`;
        outcomes.set(node, { state: "skipped", reason, upstream: failed });
        options.onSkipped?.(node, reason, failed);
        queue.push(...dependents.get(node)!);
      }
    };

    const settle = (node: string, outcome: NodeOutcome, freeSlot: () => void): void => {
      running -= 1;
      freeSlot();
      outcomes.set(node, outcome);
      if (outcome.state === "failed") skipDownstream(node);
      else {
        for (const dependent of dependents.get(node)!) {
          const left = waitingOn.get(dependent)! - 1;
          waitingOn.set(dependent, left);
          if (left === 0 && !outcomes.has(dependent)) ready.push(dependent);
        }
      }
      pump();
    };

    function pump(): void {
      if (!signal?.aborted) {
        ready.sort();
        while (holdingSlots < concurrency && ready.length > 0) {
          const node = ready.shift()!;
          running += 1;
          holdingSlots += 1;
          let isHoldingSlot = true;
          const freeSlot = (): void => {
            if (isHoldingSlot) holdingSlots -= 1;
            isHoldingSlot = false;
          };
          const releaseSlot = (): void => {
            if (!isHoldingSlot) return;
            freeSlot();
            pump();
          };
          Promise.resolve()
            .then(() => options.visit(node, releaseSlot))
            .then(
              () => settle(node, { state: "done" }, freeSlot),
              (error: unknown) => settle(node, { state: "failed", error }, freeSlot),
            );
        }
      }
      if (running === 0) finish();
    }

    signal?.addEventListener("abort", pump);
    pump();
  });
}
