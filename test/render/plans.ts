import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { summarize, type Change, type Plan } from "../../src/core/plan.js";

/** Compares with `test/golden/<name>`; `UPDATE_GOLDEN=1` rewrites it after a deliberate change. */
export function expectGolden(name: "plan.txt" | "plan.md", actual: string): void {
  const goldenPath = fileURLToPath(new URL(`../golden/${name}`, import.meta.url));
  if (process.env.UPDATE_GOLDEN === "1") writeFileSync(goldenPath, actual);
  expect(actual).toBe(readFileSync(goldenPath, "utf8"));
}

/** A plan of stack `demo` in eu-west-1 holding the given changes. */
export function planOf(changes: Change[], mode: Plan["mode"] = "apply"): Plan {
  return { formatVersion: "1", stack: "demo", region: "eu-west-1", mode, changes, summary: summarize(changes) };
}

/** A change to `ds/ad-connector.corp`, a noop unless the overrides say otherwise. */
export const change = (overrides: Partial<Change>): Change => ({
  address: "ds/ad-connector.corp",
  type: "ds/ad-connector",
  name: "corp",
  action: "noop",
  attributes: [],
  replacePaths: [],
  reasons: [],
  dependsOn: [],
  ...overrides,
});

/** A no-change plan except for a resource another stack owns, which renderers still mention. */
export const foreignOnlyPlan = (): Plan =>
  planOf([change({ prior: { id: "d-1", properties: {}, outputs: {}, owner: { stack: "other", name: "corp" } }, reasons: ["owned by stack 'other'"] })]);
