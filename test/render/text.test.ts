import { describe, expect, it } from "vitest";
import { renderPlanText } from "../../src/render/text.js";
import { change, expectGolden, foreignOnlyPlan, planOf } from "./plans.js";
import { scenarioPlan } from "./scenario.js";

describe("renderPlanText", () => {
  it("matches the golden plan", async () => {
    expectGolden("plan.txt", renderPlanText(await scenarioPlan(), { color: false }));
  });

  it("adds ANSI colours only when asked", async () => {
    const plan = await scenarioPlan();
    const colored = renderPlanText(plan, { color: true });
    expect(colored).toMatch(/\u001b\[3[12]m\+\u001b\[39m/);
    expect(colored.replace(/\u001b\[[0-9;]*m/g, "")).toBe(renderPlanText(plan, { color: false }));
    expect(renderPlanText(plan, { color: false })).not.toContain("\u001b");
  });

  it("says there is nothing to do, including for a destroy", () => {
    expect(renderPlanText(planOf([change({})]), { color: false })).toBe("No changes. Your infrastructure matches the configuration.\n");
    expect(renderPlanText(planOf([], "destroy"), { color: false })).toBe("No changes. No objects need to be destroyed.\n");
  });

  it("still warns about another stack's resource when nothing changes", () => {
    const text = renderPlanText(foreignOnlyPlan(), { color: false });
    expect(text).toBe(
      ["  # ds/ad-connector.corp will not be touched", "  # (owned by stack 'other')", "", "No changes. Your infrastructure matches the configuration.", ""].join("\n"),
    );
  });

  it("lists only the symbols in use, with create-first replacement", () => {
    const replace = change({
      action: "replace",
      replaceOrder: "create-first",
      replacePaths: ["name"],
      attributes: [{ path: "name", before: "a", after: "b", isChanged: true, forcesReplacement: true }],
    });
    const text = renderPlanText(planOf([replace]), { color: false });
    expect(text).toContain("+/- create replacement and then destroy");
    expect(text).not.toContain("  + create\n");
    expect(text).toContain('+/- resource "ds/ad-connector" "corp" {\n      ~ name = "a" -> "b" # forces replacement\n    }');
    expect(text).toContain("Plan: 0 to add, 0 to change, 1 to replace, 0 to destroy.");
  });

  it("says why a field forces replacement when the kind knows", () => {
    const replace = change({
      action: "replace",
      replacePaths: ["alias"],
      attributes: [{ path: "alias", before: "a", after: "b", isChanged: true, forcesReplacement: true, replaceReason: "an alias cannot be changed or removed once set" }],
    });
    expect(renderPlanText(planOf([replace]), { color: false })).toContain('~ alias = "a" -> "b" # forces replacement: an alias cannot be changed or removed once set\n');
  });

  it("prints write-only fields as (sensitive) and counts one hidden attribute in the singular", () => {
    const create = change({
      action: "create",
      attributes: [
        { path: "password", isSensitive: true, isChanged: true },
        { path: "size", after: "Small", isChanged: true },
      ],
    });
    const update = change({
      action: "update",
      attributes: [
        { path: "password", isSensitive: true, isChanged: false },
        { path: "size", before: "Small", after: "Large", isChanged: true },
      ],
    });
    expect(renderPlanText(planOf([create]), { color: false })).toContain("      + password = (sensitive)\n      + size     = \"Small\"\n");
    expect(renderPlanText(planOf([update]), { color: false })).toContain('      ~ size = "Small" -> "Large"\n        # (1 unchanged attribute hidden)\n');
  });
});
