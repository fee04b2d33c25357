import { describe, expect, it } from "vitest";
import { createLineReporter } from "../../src/cli/reporters/lines.js";
import { buildRegistry } from "../../src/core/registry.js";
import { FakeCloud, fakeError, fakeKind } from "../support/fake-kinds.js";
import { run } from "../applier/harness.js";
import { change, planOf } from "../applier/plans.js";

describe("applyPlan through the line reporter", () => {
  it("prints what a CI log of a slow create, a failure and a skip looks like", async () => {
    const cloud = new FakeCloud();
    const directory = fakeKind(cloud, {
      type: "ds/ad-connector",
      idPrefix: "d",
      outputs: ["directoryId"],
      pendingReadsAfterCreate: 3,
      timeouts: { createMs: 3_600_000, pollMs: 15_000 },
    });
    const trust = fakeKind(cloud, { type: "ds/trust", idPrefix: "t", outputs: ["trustId"] });
    cloud.failNext({ operation: "create", type: "ds/trust", error: fakeError("Invalid", "The remote domain is unreachable") });
    const plan = planOf([
      change("ds/ad-connector", "corp", "create"),
      change("ds/trust", "x", "create", { desired: { directoryId: "${corp.directoryId}" }, dependsOn: ["ds/ad-connector.corp"] }),
      change("ds/trust", "y", "create", { dependsOn: ["ds/trust.x"] }),
    ]);
    const lines: string[] = [];
    const report = createLineReporter((line) => lines.push(line), { color: false, now: () => 0 });
    await run(plan, buildRegistry([directory, trust]), { reporter: report });
    // Reads at 0, 15, 37.5 and 71.25 s (the fourth is ready), heartbeats every 10 s meanwhile.
    expect(lines).toEqual([
      "ds/ad-connector.corp: Creating...",
      "ds/ad-connector.corp: Still creating... [id=d-0000000001, 10s elapsed]",
      "ds/ad-connector.corp: Still creating... [id=d-0000000001, 20s elapsed]",
      "ds/ad-connector.corp: Still creating... [id=d-0000000001, 30s elapsed]",
      "ds/ad-connector.corp: Still creating... [id=d-0000000001, 40s elapsed]",
      "ds/ad-connector.corp: Still creating... [id=d-0000000001, 50s elapsed]",
      "ds/ad-connector.corp: Still creating... [id=d-0000000001, 1m0s elapsed]",
      "ds/ad-connector.corp: Still creating... [id=d-0000000001, 1m10s elapsed]",
      "ds/ad-connector.corp: Creation complete after 1m11s [id=d-0000000001]",
      "ds/trust.x: Creating...",
      "ds/trust.x: Creation failed after 0s: FakeInvalidException: The remote domain is unreachable",
      "ds/trust.y: Skipped (upstream failed: ds/trust.x)",
      "",
      "Apply failed after 0s: 1 failed, 1 skipped; 1 done (1 added, 0 changed, 0 destroyed).",
      "  done     ds/ad-connector.corp (create)",
      "  failed   ds/trust.x (create): FakeInvalidException: The remote domain is unreachable",
      "  skipped  ds/trust.y (create): upstream failed: ds/trust.x",
    ]);
  });
});
