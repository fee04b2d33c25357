import { describe, expect, it } from "vitest";
import { renderGraph } from "../../src/render/mermaid.js";

const nodes = [
  { address: "ds/trust.forest", dependsOn: ["ds/ad-connector.corp"] },
  { address: "workspaces/directory.desk", dependsOn: ["ds/ad-connector.corp", "ds/ad-connector.corp"] },
  { address: "ds/ad-connector.corp", dependsOn: [] },
];

describe("renderGraph", () => {
  it("draws Mermaid with sorted nodes and dependent → dependency edges", () => {
    expect(renderGraph(nodes, "mermaid")).toBe(
      [
        "flowchart LR",
        '  n0["ds/ad-connector.corp"]',
        '  n1["ds/trust.forest"]',
        '  n2["workspaces/directory.desk"]',
        "  n1 --> n0",
        "  n2 --> n0",
        "",
      ].join("\n"),
    );
  });

  it("draws DOT, quoting names and adding nodes only named as dependencies", () => {
    expect(renderGraph([{ address: 'x/y.a"b', dependsOn: ["x/y.parent"] }], "dot")).toBe(
      ["digraph adstack {", "  rankdir=LR;", '  "x/y.a\\"b";', '  "x/y.parent";', '  "x/y.a\\"b" -> "x/y.parent";', "}", ""].join("\n"),
    );
  });

  it("is independent of input order", () => {
    expect(renderGraph([...nodes].reverse(), "mermaid")).toBe(renderGraph(nodes, "mermaid"));
  });
});
