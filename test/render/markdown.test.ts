import { describe, expect, it } from "vitest";
import type { Action, Change, FieldDiff } from "../../src/core/plan.js";
import { GITHUB_COMMENT_LIMIT, planCommentMarker, renderPlanMarkdown } from "../../src/render/markdown.js";
import { change, expectGolden, foreignOnlyPlan, planOf } from "./plans.js";
import { scenarioPlan } from "./scenario.js";

/** A resource with a dozen changed fields of realistic length. */
function bulkyChange(index: number, action: Action): Change {
  const name = `site-${String(index).padStart(3, "0")}`;
  const attributes: FieldDiff[] = Array.from({ length: 12 }, (_, field) => ({
    path: `settings.field${field}`,
    ...(action === "create" ? {} : { before: `old value ${field} of ${name} in a long enough sentence` }),
    ...(action === "delete" ? {} : { after: `new value ${field} of ${name} — ünïcödé 🚀` }),
    isChanged: true,
    forcesReplacement: action === "replace" && field === 0,
  }));
  return change({
    address: `ds/ad-connector.${name}`,
    name,
    action,
    attributes,
    replacePaths: action === "replace" ? ["settings.field0"] : [],
    reasons: action === "delete" ? ["because it is not in the file"] : [],
    dependsOn: index > 0 ? [`ds/ad-connector.site-${String(index - 1).padStart(3, "0")}`] : [],
  });
}

const ACTIONS: Action[] = ["create", "update", "replace", "delete"];
const hugePlan = () => planOf(Array.from({ length: 300 }, (_, index) => bulkyChange(index, ACTIONS[index % 4]!)));

describe("renderPlanMarkdown", () => {
  it("matches the golden comment", async () => {
    expectGolden("plan.md", renderPlanMarkdown(await scenarioPlan()));
  });

  it("renders a small plan whole: marker, verdict, table, diagram and every resource's details", async () => {
    const plan = await scenarioPlan();
    const markdown = renderPlanMarkdown(plan);
    expect(markdown.startsWith(`${planCommentMarker("demo")}\n\n⚠️ **1 to destroy, 3 to replace**, 1 to add, 1 to change\n`)).toBe(true);
    expect(markdown).not.toContain("omitted");
    expect(markdown).toContain("```mermaid\nflowchart LR");
    for (const active of plan.changes.filter((c) => c.action !== "noop")) {
      expect(markdown).toContain(`| \`${active.address}\` |`);
      expect(markdown).toContain(`<b>${active.address}</b>`);
    }
    expect(markdown.match(/<details>/g)).toHaveLength(6);
  });

  it("fits a 300-resource plan under GitHub's limit, keeping the summary and saying what it cut", () => {
    const plan = hugePlan();
    const markdown = renderPlanMarkdown(plan);
    expect(markdown.length).toBeLessThan(GITHUB_COMMENT_LIMIT);
    expect(Buffer.byteLength(markdown)).toBeLessThan(GITHUB_COMMENT_LIMIT);
    expect(markdown).toContain("⚠️ **75 to destroy, 75 to replace**, 75 to add, 75 to change");
    const shown = markdown.match(/<details>/g)?.length ?? 0;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(300);
    expect(markdown).toContain(`Details of ${300 - shown} resources omitted to fit GitHub's comment limit; run \`adstack plan\` locally or see the job log.`);
    // Risk first: what survives the cut are the destroys, not the creates.
    expect(markdown).toContain("<b>ds/ad-connector.site-003</b> will be destroyed");
    expect(markdown).not.toContain("will be created");
    // Every address is still in the table.
    for (const c of plan.changes) expect(markdown).toContain(`| \`${c.address}\` |`);
  });

  it("drops the diagram and then table rows when even the table does not fit, never the verdict", () => {
    const markdown = renderPlanMarkdown(hugePlan(), { limit: 8_000 });
    expect(Buffer.byteLength(markdown)).toBeLessThanOrEqual(8_000);
    expect(markdown).toContain("⚠️ **75 to destroy, 75 to replace**, 75 to add, 75 to change");
    expect(markdown).not.toContain("```mermaid");
    expect(markdown).not.toContain("<details>");
    const rows = markdown.split("\n").filter((line) => line.startsWith("| ") && line.includes("`ds/ad-connector.")).length;
    expect(rows).toBeGreaterThan(0);
    expect(markdown).toContain(
      `> ✂️ Details of 300 resources omitted, the dependency diagram omitted, ${300 - rows} table rows omitted to fit GitHub's comment limit`,
    );
    expect(markdown).toContain(`| … | _${300 - rows} more resources_ | |`);
  });

  it("replaces a diagram Mermaid would refuse to draw (over 500 edges) with a note, not an error box", () => {
    const changes = Array.from({ length: 260 }, (_, index) =>
      change({
        address: `pca/template.t${index}`,
        name: `t${index}`,
        action: "create",
        dependsOn: ["pca/connector.a", "pca/connector.b"],
      }),
    );
    const tooMany = renderPlanMarkdown(planOf(changes));
    expect(tooMany).not.toContain("```mermaid");
    expect(tooMany).toContain("_No diagram: 262 resources with 520 dependencies are more than Mermaid draws; `adstack graph` prints the whole graph._");
    expect(tooMany).not.toContain("omitted");
    // At Mermaid's limit the diagram is still drawn.
    const atLimit = renderPlanMarkdown(planOf(changes.slice(0, 250)));
    expect(atLimit).toContain("```mermaid");
    expect(atLimit.match(/ --> /g)).toHaveLength(500);
    // Mermaid's 50,000-character limit on the diagram's text counts too.
    const long = Array.from({ length: 1_000 }, (_, index) => change({ address: `pca/template.computer-template-${index}`, name: `computer-template-${index}`, action: "create" }));
    expect(renderPlanMarkdown(planOf(long), { limit: 1_000_000 })).toContain("_No diagram: 1000 resources with 0 dependencies");
  });

  it("says so when nothing changes, still mentioning another stack's resource", () => {
    expect(renderPlanMarkdown(foreignOnlyPlan())).toBe(
      [
        "<!-- adstack-plan stack=demo -->",
        "",
        "✅ **No changes.** The live resources match the file.",
        "",
        "<sub>adstack plan · stack `demo` · region `eu-west-1`</sub>",
        "",
        "- `ds/ad-connector.corp` is unchanged: owned by stack 'other'",
        "",
      ].join("\n"),
    );
  });

  it("says there is nothing to destroy for an empty destroy plan", () => {
    expect(renderPlanMarkdown(planOf([], "destroy"))).toContain("✅ **No changes.** The stack owns nothing to destroy.");
  });

  it("marks sensitive, unknown and replacement-forcing fields", () => {
    const created = change({
      action: "replace",
      replacePaths: ["name"],
      attributes: [
        { path: "password", isSensitive: true, isChanged: true },
        { path: "name", before: "a.example.com", after: "b.example.com", isChanged: true, forcesReplacement: true },
        { path: "directoryId", before: "d-1", isUnknown: true, isChanged: true },
        { path: "alias", before: "a", after: "b", isChanged: true, forcesReplacement: true, replaceReason: "an alias cannot be changed or removed once set" },
      ],
    });
    const markdown = renderPlanMarkdown(planOf([created]));
    expect(markdown).toContain("  password = (sensitive)\n");
    expect(markdown).toContain('- name = "a.example.com"\n+ name = "b.example.com"  # forces replacement\n');
    expect(markdown).toContain('- directoryId = "d-1"\n+ directoryId = (known after apply)\n');
    expect(markdown).toContain('+ alias = "b"  # forces replacement: an alias cannot be changed or removed once set\n');
  });

  it("keeps values from breaking out of their fence, table cell or HTML", () => {
    const tricky = change({
      action: "update",
      reasons: ["<script>alert(1)</script> | pipe"],
      attributes: [{ path: "description", before: "```", after: "````\nx", isChanged: true }],
    });
    const markdown = renderPlanMarkdown(planOf([tricky]));
    expect(markdown).toContain("`````diff\n");
    expect(markdown).not.toContain("<script>");
    expect(markdown).toContain("&lt;script&gt;alert(1)&lt;/script&gt; \\| pipe");
  });
});
