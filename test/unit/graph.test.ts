import { describe, expect, it } from "vitest";
import { Graph } from "../../src/graph/graph.js";

function graphOf(edges: Array<[string, string]>, nodes: string[] = []): Graph {
  const graph = new Graph();
  for (const node of nodes) graph.addNode(node);
  for (const [from, to] of edges) graph.addEdge(from, to);
  return graph;
}

describe("Graph", () => {
  it("orders dependencies first, ties broken by name", () => {
    const graph = graphOf([["trust", "ad"], ["sso", "alias"], ["alias", "ad"]], ["zeta"]);
    expect(graph.topologicalOrder()).toEqual(["ad", "alias", "sso", "trust", "zeta"]);
  });

  it("reverses edges for deletion order", () => {
    const graph = graphOf([["trust", "ad"], ["ace", "template"], ["template", "connector"], ["connector", "ad"]]);
    expect(graph.reversed().topologicalOrder()).toEqual(["ace", "template", "connector", "trust", "ad"]);
  });

  it("spells out every cycle", () => {
    const graph = graphOf([["a", "b"], ["b", "c"], ["c", "a"], ["x", "x"], ["y", "a"]]);
    expect(graph.findCycles()).toEqual([["a", "b", "c", "a"], ["x", "x"]]);
    expect(() => graph.topologicalOrder()).toThrow(/cycle/);
  });

  it("has no cycles in a DAG and lists dependents", () => {
    const graph = graphOf([["b", "a"], ["c", "a"]]);
    expect(graph.findCycles()).toEqual([]);
    expect(graph.dependentsOf("a")).toEqual(["b", "c"]);
    expect(graph.dependenciesOf("b")).toEqual(["a"]);
  });
});
