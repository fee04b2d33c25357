import type { Change } from "../core/plan.js";
import { Graph } from "../graph/graph.js";
import { compareText } from "../core/text.js";

/**
 * The order a plan reads in: creates, updates, replaces and noops with dependencies first, then
 * deletes with dependents first (the reverse). Ties go by address, so the order is deterministic.
 * Each change's `dependsOn` is narrowed to addresses in the plan.
 */
export function orderChanges(changes: readonly Change[]): Change[] {
  const byAddress = new Map(changes.map((change) => [change.address, change]));
  const graph = new Graph();
  for (const change of changes) {
    change.dependsOn = change.dependsOn.filter((address) => byAddress.has(address) && address !== change.address);
    graph.addNode(change.address);
    for (const dependency of change.dependsOn) graph.addEdge(change.address, dependency);
  }
  // Dependencies inferred for orphans could in theory loop; address order is the safe fallback.
  const hasCycle = graph.findCycles().length > 0;
  const forward = hasCycle ? [...byAddress.keys()].sort(compareText) : graph.topologicalOrder();
  const backward = hasCycle ? forward : graph.reversed().topologicalOrder();
  const pick = (order: string[], isDelete: boolean) =>
    order.map((address) => byAddress.get(address)!).filter((change) => (change.action === "delete") === isDelete);
  return [...pick(forward, false), ...pick(backward, true)];
}
