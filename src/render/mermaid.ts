import type { Address } from "../core/address.js";

/** One resource in the dependency graph. */
export interface GraphNode {
  address: Address;
  dependsOn: readonly Address[];
}

/**
 * The dependency graph for `adstack graph`, as Mermaid or Graphviz DOT. An arrow `A → B` means
 * A depends on B (Terraform's convention). Nodes and edges are sorted, so output is stable;
 * a dependency that is not itself a node still gets drawn.
 */
export function renderGraph(nodes: readonly GraphNode[], format: "mermaid" | "dot"): string {
  const edges = nodes.flatMap((node) => [...new Set(node.dependsOn)].map((dep) => [node.address, dep] as const));
  const addresses = [...new Set([...nodes.map((n) => n.address), ...edges.map(([, dep]) => dep)])].sort(compare);
  edges.sort(([a1, b1], [a2, b2]) => compare(a1, a2) || compare(b1, b2));
  return format === "mermaid" ? mermaid(addresses, edges) : dot(addresses, edges);
}

function mermaid(addresses: string[], edges: ReadonlyArray<readonly [string, string]>): string {
  const id = new Map(addresses.map((address, index) => [address, `n${index}`]));
  const label = (address: string) => address.replaceAll('"', "#quot;");
  return [
    "flowchart LR",
    ...addresses.map((address) => `  ${id.get(address)}["${label(address)}"]`),
    ...edges.map(([from, to]) => `  ${id.get(from)} --> ${id.get(to)}`),
  ].join("\n") + "\n";
}

function dot(addresses: string[], edges: ReadonlyArray<readonly [string, string]>): string {
  const quote = (text: string) => `"${text.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
  return [
    "digraph adstack {",
    "  rankdir=LR;",
    ...addresses.map((address) => `  ${quote(address)};`),
    ...edges.map(([from, to]) => `  ${quote(from)} -> ${quote(to)};`),
    "}",
  ].join("\n") + "\n";
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
