import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { buildSteps, type Step } from "../../src/applier/steps.js";
import type { Action } from "../../src/core/plan.js";
import { change, planOf, prior } from "./plans.js";

const ids = (steps: Step[]) => steps.map((s) => s.id);

/** Asserts every step comes after everything it depends on. */
function expectOrdered(steps: Step[]): void {
  const position = new Map(steps.map((s, i) => [s.id, i]));
  for (const step of steps) {
    for (const dependency of step.dependsOn) expect(position.get(dependency)).toBeLessThan(position.get(step.id)!);
  }
}

describe("buildSteps", () => {
  it("runs creates after the creates they depend on and skips no-ops", () => {
    const steps = buildSteps(
      planOf([
        change("ds/ad-connector", "corp", "create"),
        change("ds/trust", "x", "create", { dependsOn: ["ds/ad-connector.corp"] }),
        change("workspaces/directory", "ws", "noop", { prior: prior("wsd-1") }),
      ]),
    );
    expect(ids(steps)).toEqual(["ds/ad-connector.corp#create", "ds/trust.x#create"]);
    expect(steps[1]).toMatchObject({ address: "ds/trust.x", operation: "create", dependsOn: ["ds/ad-connector.corp#create"] });
  });

  it("runs an update after its dependency's update and ignores dependencies on no-ops", () => {
    const steps = buildSteps(
      planOf([
        change("ds/ad-connector", "corp", "update", { prior: prior("d-1") }),
        change("ds/trust", "x", "update", { prior: prior("t-1"), dependsOn: ["ds/ad-connector.corp", "ds/other.n"] }),
        change("ds/other", "n", "noop", { prior: prior("o-1") }),
      ]),
    );
    expect(steps.map((s) => [s.id, s.dependsOn])).toEqual([
      ["ds/ad-connector.corp#update", []],
      ["ds/trust.x#update", ["ds/ad-connector.corp#update"]],
    ]);
  });

  it("deletes dependents before what they depend on (reversed edges)", () => {
    const steps = buildSteps(
      planOf([
        change("ds/ad-connector", "corp", "delete", { prior: prior("d-1") }),
        change("ds/trust", "x", "delete", { prior: prior("t-1"), dependsOn: ["ds/ad-connector.corp"] }),
        change("pca/template", "t", "delete", { prior: prior("tpl"), dependsOn: ["pca/connector.c"] }),
        change("pca/connector", "c", "delete", { prior: prior("c-1"), dependsOn: ["ds/ad-connector.corp"] }),
      ]),
    );
    expectOrdered(steps);
    expect(steps.find((s) => s.id === "ds/ad-connector.corp#delete")!.dependsOn).toEqual([
      "ds/trust.x#delete",
      "pca/connector.c#delete",
    ]);
    expect(steps.find((s) => s.id === "pca/connector.c#delete")!.dependsOn).toEqual(["pca/template.t#delete"]);
    expect(ids(steps).at(-1)).toBe("ds/ad-connector.corp#delete");
  });

  it("replaces delete-first by default: delete old, then create new", () => {
    const steps = buildSteps(planOf([change("ds/ad-connector", "corp", "replace", { prior: prior("d-1") })]));
    expect(steps.map((s) => [s.id, s.dependsOn])).toEqual([
      ["ds/ad-connector.corp#delete", []],
      ["ds/ad-connector.corp#create", ["ds/ad-connector.corp#delete"]],
    ]);
  });

  it("replaces create-first when the change says so", () => {
    const steps = buildSteps(
      planOf([change("pca/template", "t", "replace", { prior: prior("tpl-1"), replaceOrder: "create-first" })]),
    );
    expect(steps.map((s) => [s.id, s.dependsOn])).toEqual([
      ["pca/template.t#create", []],
      ["pca/template.t#delete", ["pca/template.t#create"]],
    ]);
  });

  it("replaces a directory and its trust: trust delete, dir delete, dir create, trust create", () => {
    const steps = buildSteps(
      planOf([
        change("ds/ad-connector", "corp", "replace", { prior: prior("d-1") }),
        change("ds/trust", "x", "replace", { prior: prior("t-1"), dependsOn: ["ds/ad-connector.corp"] }),
      ]),
    );
    expect(ids(steps)).toEqual([
      "ds/trust.x#delete",
      "ds/ad-connector.corp#delete",
      "ds/ad-connector.corp#create",
      "ds/trust.x#create",
    ]);
    expect(steps.find((s) => s.id === "ds/trust.x#create")!.dependsOn).toEqual([
      "ds/ad-connector.corp#create",
      "ds/trust.x#delete",
    ]);
  });

  it("runs a dependent of a delete-first replacement delete-first too, to avoid a deadlock", () => {
    const steps = buildSteps(
      planOf([
        change("ds/ad-connector", "corp", "replace", { prior: prior("d-1") }),
        change("pca/connector", "c", "replace", { prior: prior("c-1"), dependsOn: ["ds/ad-connector.corp"], replaceOrder: "create-first" }),
      ]),
    );
    expect(ids(steps)).toEqual([
      "pca/connector.c#delete",
      "ds/ad-connector.corp#delete",
      "ds/ad-connector.corp#create",
      "pca/connector.c#create",
    ]);
  });

  it("keeps create-first for a dependent of an unchanged or create-first parent", () => {
    const steps = buildSteps(
      planOf([
        change("pca/connector", "c", "replace", { prior: prior("c-1"), replaceOrder: "create-first" }),
        change("pca/template", "t", "replace", { prior: prior("t-1"), dependsOn: ["pca/connector.c"], replaceOrder: "create-first" }),
      ]),
    );
    expectOrdered(steps);
    expect(ids(steps)).toEqual(["pca/connector.c#create", "pca/template.t#create", "pca/template.t#delete", "pca/connector.c#delete"]);
  });

  it("creates a new dependent after its replaced parent's new copy", () => {
    const steps = buildSteps(
      planOf([
        change("ds/ad-connector", "corp", "replace", { prior: prior("d-1") }),
        change("ds/trust", "new", "create", { dependsOn: ["ds/ad-connector.corp"] }),
      ]),
    );
    expect(ids(steps)).toEqual(["ds/ad-connector.corp#delete", "ds/ad-connector.corp#create", "ds/trust.new#create"]);
  });

  it("runs a create-first replacement delete-first when a dependency is only deleted", () => {
    // Found by the property below: old r5 must go before r4 and r1 go, new r5 needs new r1.
    const steps = buildSteps(
      planOf([
        change("t/k", "r1", "replace", { prior: prior("id-1") }),
        change("t/k", "r3", "create", { dependsOn: ["t/k.r1"] }),
        change("t/k", "r4", "delete", { prior: prior("id-4"), dependsOn: ["t/k.r1"] }),
        change("t/k", "r5", "replace", { prior: prior("id-5"), dependsOn: ["t/k.r4", "t/k.r3"], replaceOrder: "create-first" }),
      ]),
    );
    expectOrdered(steps);
    const position = (id: string) => ids(steps).indexOf(id);
    expect(position("t/k.r5#delete")).toBeLessThan(position("t/k.r5#create"));
    expect(position("t/k.r5#delete")).toBeLessThan(position("t/k.r4#delete"));
  });

  it("respects every edge for random plans (property)", () => {
    const actions: Action[] = ["create", "update", "replace", "delete", "noop"];
    const arbitraryPlan = fc
      .array(fc.record({ action: fc.constantFrom(...actions), deps: fc.array(fc.nat(20)), createFirst: fc.boolean() }), {
        minLength: 1,
        maxLength: 12,
      })
      .map((specs) =>
        planOf(
          specs.map((spec, i) =>
            change("t/k", `r${i}`, spec.action, {
              prior: spec.action === "create" ? undefined : prior(`id-${i}`),
              // Only earlier resources, as a valid plan has no cycles.
              dependsOn: [...new Set(spec.deps.filter((d) => d < i).map((d) => `t/k.r${d}`))],
              replaceOrder: spec.createFirst ? "create-first" : undefined,
            }),
          ),
        ),
      );
    fc.assert(
      fc.property(arbitraryPlan, (plan) => {
        const steps = buildSteps(plan);
        expectOrdered(steps);
        const expected = plan.changes.reduce((n, c) => n + ({ create: 1, update: 1, delete: 1, replace: 2, noop: 0 })[c.action], 0);
        expect(steps).toHaveLength(expected);
      }),
      { seed: 20_261_122, numRuns: 2000 },
    );
  });
});
