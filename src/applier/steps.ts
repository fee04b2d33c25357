import type { Address } from "../core/address.js";
import { InternalError } from "../core/errors.js";
import type { StepOperation } from "../core/events.js";
import { assertNever, type Change, type Plan, type ReplaceOrder } from "../core/plan.js";
import { Graph } from "../graph/graph.js";

/** One call (and its wait) against AWS. A replace becomes a delete step and a create step. */
export interface Step {
  /** `ADDRESS#OPERATION`, e.g. `ds/trust.x#create`: unique, since one address has at most one of each. */
  id: string;
  address: Address;
  operation: StepOperation;
  change: Change;
  /** Ids of the steps that must be done first, sorted. */
  dependsOn: string[];
}

/** The id of the step doing `operation` to `address`. */
export function stepId(address: Address, operation: StepOperation): string {
  return `${address}#${operation}`;
}

function operationsOf(change: Change): StepOperation[] {
  switch (change.action) {
    case "create":
      return ["create"];
    case "update":
      return ["update"];
    case "delete":
      return ["delete"];
    case "replace":
      return ["delete", "create"];
    case "noop":
      return [];
    default:
      return assertNever(change.action);
  }
}

/**
 * Replace order per replaced address. A create-first replacement whose dependency is replaced
 * delete-first cannot keep its order: the old dependent must be gone before the old dependency
 * goes, and the new dependent needs the new dependency, so its old copy would have to go before
 * its new one exists. The same holds for a dependency that is only deleted. Such replacements (and,
 * in turn, their own dependents) run delete-first.
 */
function replaceOrders(plan: Plan): Map<Address, ReplaceOrder> {
  const orders = new Map<Address, ReplaceOrder>();
  const deleted = new Set<Address>();
  for (const change of plan.changes) {
    if (change.action === "replace") orders.set(change.address, change.replaceOrder ?? "delete-first");
    if (change.action === "delete") deleted.add(change.address);
  }
  const isRemovedFirst = (address: Address): boolean => deleted.has(address) || orders.get(address) === "delete-first";
  let isChanging = true;
  while (isChanging) {
    isChanging = false;
    for (const change of plan.changes) {
      if (orders.get(change.address) !== "create-first") continue;
      if (change.dependsOn.some(isRemovedFirst)) {
        orders.set(change.address, "delete-first");
        isChanging = true;
      }
    }
  }
  return orders;
}

/**
 * Turns a plan into steps and the order between them. Creates and updates follow the planned
 * dependencies; deletes follow them reversed (a resource goes only after everything that depends
 * on it is gone), which makes a replaced parent with a replaced child run child delete, parent
 * delete, parent create, child create. No-ops produce no step. Steps come back in a deterministic
 * dependency order.
 */
export function buildSteps(plan: Plan): Step[] {
  const operations = new Map<Address, Set<StepOperation>>();
  for (const change of plan.changes) operations.set(change.address, new Set(operationsOf(change)));
  const has = (address: Address, operation: StepOperation): boolean =>
    operations.get(address)?.has(operation) === true;
  const forwardStepOf = (address: Address): string | undefined => {
    if (has(address, "create")) return stepId(address, "create");
    if (has(address, "update")) return stepId(address, "update");
    return undefined;
  };

  const orders = replaceOrders(plan);
  const graph = new Graph();
  const steps = new Map<string, Step>();
  for (const change of plan.changes) {
    for (const operation of operationsOf(change)) {
      const id = stepId(change.address, operation);
      steps.set(id, { id, address: change.address, operation, change, dependsOn: [] });
      graph.addNode(id);
    }
  }

  for (const change of plan.changes) {
    const forward = forwardStepOf(change.address);
    if (forward) {
      for (const dependency of change.dependsOn) {
        const upstream = forwardStepOf(dependency);
        if (upstream) graph.addEdge(forward, upstream);
      }
    }
    if (change.action === "replace") {
      const create = stepId(change.address, "create");
      const remove = stepId(change.address, "delete");
      if (orders.get(change.address) === "create-first") graph.addEdge(remove, create);
      else graph.addEdge(create, remove);
    }
    if (has(change.address, "delete")) {
      // The reverse edge: whatever depends on this resource and is going away goes first.
      for (const dependent of plan.changes) {
        if (dependent.dependsOn.includes(change.address) && has(dependent.address, "delete")) {
          graph.addEdge(stepId(change.address, "delete"), stepId(dependent.address, "delete"));
        }
      }
    }
  }

  const cycles = graph.findCycles();
  if (cycles.length > 0) {
    const spelled = cycles.map((cycle) => cycle.join(" → ")).join("; ");
    throw new InternalError(`the plan's steps wait on each other (${spelled}); this is a bug, please report it`);
  }
  return graph.topologicalOrder().map((id) => ({ ...steps.get(id)!, dependsOn: graph.dependenciesOf(id) }));
}
