/**
 * A directed graph of named nodes where an edge `from → to` means "from depends on to".
 * Small on purpose: cycles, a deterministic order, and the reverse for deletions.
 */
import { compareText } from "../core/text.js";
export class Graph {
  private readonly dependencies = new Map<string, Set<string>>();
  /** The edges turned around, so finding a node's dependents does not scan every node (large stacks). */
  private readonly dependents = new Map<string, Set<string>>();

  addNode(node: string): void {
    if (!this.dependencies.has(node)) {
      this.dependencies.set(node, new Set());
      this.dependents.set(node, new Set());
    }
  }

  /** `from` depends on `to`; both nodes are added if missing. */
  addEdge(from: string, to: string): void {
    this.addNode(from);
    this.addNode(to);
    this.dependencies.get(from)!.add(to);
    this.dependents.get(to)!.add(from);
  }

  get nodes(): string[] {
    return [...this.dependencies.keys()].sort();
  }

  /** What `node` depends on, sorted. */
  dependenciesOf(node: string): string[] {
    return [...(this.dependencies.get(node) ?? [])].sort();
  }

  /** What depends on `node`, sorted. */
  dependentsOf(node: string): string[] {
    return [...(this.dependents.get(node) ?? [])].sort();
  }

  /** The same nodes with every edge turned around: delete order is the reverse of create order. */
  reversed(): Graph {
    const graph = new Graph();
    for (const node of this.nodes) {
      graph.addNode(node);
      for (const dependency of this.dependenciesOf(node)) graph.addEdge(dependency, node);
    }
    return graph;
  }

  /**
   * Every cycle, each spelled out from its smallest member and back (`a → b → a`),
   * found as the strongly connected components with more than one node or a self-edge.
   */
  findCycles(): string[][] {
    const cycles: string[][] = [];
    for (const component of this.stronglyConnectedComponents()) {
      const start = component.sort()[0];
      const selfLoop = this.dependencies.get(start)!.has(start);
      if (component.length === 1 && !selfLoop) continue;
      cycles.push(this.walkCycle(start, new Set(component)));
    }
    return cycles.sort((a, b) => compareText(a[0], b[0]));
  }

  /**
   * Dependencies first (Kahn's algorithm over a sorted ready set, so the order is deterministic).
   * Throws when the graph has a cycle; call `findCycles` first to report it.
   */
  topologicalOrder(): string[] {
    const remaining = new Map(this.nodes.map((n) => [n, this.dependencies.get(n)!.size]));
    const ready = this.nodes.filter((n) => remaining.get(n) === 0);
    const order: string[] = [];
    while (ready.length > 0) {
      ready.sort();
      const node = ready.shift()!;
      order.push(node);
      for (const dependent of this.dependentsOf(node)) {
        const left = remaining.get(dependent)! - 1;
        remaining.set(dependent, left);
        if (left === 0) ready.push(dependent);
      }
    }
    if (order.length !== remaining.size) throw new Error("the graph has a cycle");
    return order;
  }

  private walkCycle(start: string, members: Set<string>): string[] {
    const path = [start];
    const seen = new Set([start]);
    let current = start;
    for (;;) {
      const next = this.dependenciesOf(current).find((d) => members.has(d) && (d === start || !seen.has(d)));
      if (next === undefined || next === start) return [...path, start];
      path.push(next);
      seen.add(next);
      current = next;
    }
  }

  /** Tarjan's algorithm, iterative over sorted nodes. */
  private stronglyConnectedComponents(): string[][] {
    let index = 0;
    const indices = new Map<string, number>();
    const lowlinks = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const components: string[][] = [];
    const visit = (node: string): void => {
      indices.set(node, index);
      lowlinks.set(node, index);
      index += 1;
      stack.push(node);
      onStack.add(node);
      for (const next of this.dependenciesOf(node)) {
        if (!indices.has(next)) {
          visit(next);
          lowlinks.set(node, Math.min(lowlinks.get(node)!, lowlinks.get(next)!));
        } else if (onStack.has(next)) {
          lowlinks.set(node, Math.min(lowlinks.get(node)!, indices.get(next)!));
        }
      }
      if (lowlinks.get(node) === indices.get(node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== node);
        components.push(component);
      }
    };
    for (const node of this.nodes) if (!indices.has(node)) visit(node);
    return components;
  }
}
