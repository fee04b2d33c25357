import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadDesiredState } from "../../../src/config/load.js";
import { dependencyOrder } from "../../../src/planner/dependencies.js";
import { defaultRegistry } from "../../../src/providers/index.js";

const EXAMPLE = fileURLToPath(new URL("../../../examples/pca-stack.yaml", import.meta.url));

describe("examples/pca-stack.yaml", () => {
  it("loads, and its references order creates from the directory down to the access control entry", async () => {
    const desired = await loadDesiredState(EXAMPLE, { registry: defaultRegistry(), env: { CORP_CONNECTOR_PASSWORD: "example-password" } });
    const order = dependencyOrder(desired).map((spec) => spec.name);
    const before = (a: string, b: string) => expect(order.indexOf(a), `${a} before ${b}`).toBeLessThan(order.indexOf(b));
    before("corp", "corp-registration");
    before("corp", "corp-connector");
    before("corp-registration", "corp-connector");
    before("corp-registration", "corp-connector-spn");
    before("corp-connector", "corp-connector-spn");
    before("corp-connector", "computer-template");
    before("computer-template", "computers-autoenroll");
    expect(desired.resources.map((r) => r.type)).toEqual([
      "ds/ad-connector",
      "pca/directory-registration",
      "pca/connector",
      "pca/service-principal-name",
      "pca/template",
      "pca/template-access-control-entry",
    ]);
  });
});
