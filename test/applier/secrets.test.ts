import { describe, expect, it } from "vitest";
import { buildRegistry } from "../../src/core/registry.js";
import type { ResourceKind } from "../../src/core/resource-kind.js";
import { FakeCloud, fakeError, fakeKind } from "../support/fake-kinds.js";
import { createJsonLinesReporter } from "../../src/cli/reporters/json-lines.js";
import { createLineReporter } from "../../src/cli/reporters/lines.js";
import { createLiveReporter } from "../../src/cli/reporters/live.js";
import { run } from "./harness.js";
import { change, planOf } from "./plans.js";

const SECRET = "Corr3ct-Horse-Battery";

describe("secrets during apply", () => {
  it("hands the value to the kind only, never to events, errors, outputs or the plan", async () => {
    const cloud = new FakeCloud();
    const base = fakeKind(cloud, { type: "ds/ad-connector", writeOnly: ["password"] });
    // A service that echoes its input in an error message: the worst case for leaking.
    const echoing: ResourceKind = {
      ...base,
      create: async (ctx, desired) => {
        if (desired.name === "bad") throw fakeError("Invalid", `password ${String(desired.properties.password)} is too weak`);
        return base.create(ctx, desired);
      },
    };
    const desired = { password: { env: "AD_PASSWORD" }, name: "corp.example.com" };
    const plan = planOf([
      change("ds/ad-connector", "good", "create", { desired }),
      change("ds/ad-connector", "bad", "create", { desired }),
    ]);
    const planBefore = JSON.stringify(plan);
    const { result, events } = await run(plan, buildRegistry([echoing]), {
      resolveSecret: (source) => ("env" in source && source.env === "AD_PASSWORD" ? SECRET : "unexpected"),
    });

    const good = cloud.all()[0];
    expect(cloud.lastDesired(good.id)?.properties.password).toBe(SECRET);
    expect(good.properties.password).toBeUndefined();
    expect(result.failures[0].message).toBe("FakeInvalidException: password (sensitive) is too weak");
    const printed: string[] = [];
    const reporters = [
      createLineReporter((line) => printed.push(line), { color: true }),
      createJsonLinesReporter((line) => printed.push(line)),
      createLiveReporter({ isTTY: true, write: (text: string) => printed.push(text) }),
    ];
    for (const event of events) for (const report of reporters) report(event);
    expect(printed.join("\n")).toContain("password (sensitive) is too weak");
    const emitted = JSON.stringify({ events, result, printed });
    expect(emitted).not.toContain(SECRET);
    expect(JSON.stringify(plan)).toBe(planBefore);
  });
});
