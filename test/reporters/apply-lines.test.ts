import { describe, expect, it } from "vitest";
import { createLineReporter } from "../../src/cli/reporters/lines.js";
import type { Reporter } from "../../src/core/events.js";
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
      pendingReadsAfterCreate: 2,
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
    // The create's answer, then reads at 15, 38 and 72 s (on whole seconds; the third is ready), heartbeats every 10 s meanwhile.
    expect(lines).toEqual([
      "ds/ad-connector.corp: Creating...",
      "ds/ad-connector.corp: Still creating... [id=d-0000000001, 10s elapsed]",
      "ds/ad-connector.corp: Still creating... [id=d-0000000001, 20s elapsed]",
      "ds/ad-connector.corp: Still creating... [id=d-0000000001, 30s elapsed]",
      "ds/ad-connector.corp: Still creating... [id=d-0000000001, 40s elapsed]",
      "ds/ad-connector.corp: Still creating... [id=d-0000000001, 50s elapsed]",
      "ds/ad-connector.corp: Still creating... [id=d-0000000001, 1m0s elapsed]",
      "ds/ad-connector.corp: Still creating... [id=d-0000000001, 1m10s elapsed]",
      "ds/ad-connector.corp: Creation complete after 1m12s [id=d-0000000001]",
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

  it("prints what a CI log of an interrupted slow create looks like", async () => {
    const cloud = new FakeCloud();
    const directory = fakeKind(cloud, { type: "ds/microsoft-ad", idPrefix: "d", pendingReadsAfterCreate: 100, timeouts: { createMs: 3_600_000, pollMs: 15_000 } });
    const plan = planOf([
      change("ds/microsoft-ad", "corp", "create"),
      change("ds/microsoft-ad", "child", "create", { dependsOn: ["ds/microsoft-ad.corp"] }),
    ]);
    const lines: string[] = [];
    const interrupt = new AbortController();
    const print = createLineReporter((line) => lines.push(line), { color: false, now: () => 0 });
    const report: Reporter = (event) => {
      print(event);
      if (event.type === "step_progress" && event.elapsedMs >= 20_000) interrupt.abort();
    };
    await run(plan, buildRegistry([directory]), { reporter: report, signal: interrupt.signal });
    expect(lines.slice(-7)).toEqual([
      "ds/microsoft-ad.corp: Still creating... [id=d-0000000001, 20s elapsed]",
      "ds/microsoft-ad.corp: Creation interrupted after 20s: the resource exists and the next apply will continue [id=d-0000000001]",
      "ds/microsoft-ad.child: Skipped (not started: the apply was interrupted)",
      "",
      "Apply interrupted after 0s: 0 done (0 added, 0 changed, 0 destroyed), 1 interrupted (will continue on the next apply), 1 not started.",
      "  interrupted  ds/microsoft-ad.corp (create): the resource exists and the next apply will continue",
      "  skipped      ds/microsoft-ad.child (create): not started: the apply was interrupted",
    ]);
  });
});
