import { beforeEach, describe, expect, it } from "vitest";
import { applyPlan } from "../../../src/applier/apply.js";
import type { Clock } from "../../../src/applier/clock.js";
import { loadDesiredStateFromText } from "../../../src/config/load.js";
import type { ApplyEvent } from "../../../src/core/events.js";
import { hasChanges, type Plan } from "../../../src/core/plan.js";
import { buildRegistry } from "../../../src/core/registry.js";
import { planChanges } from "../../../src/planner/plan.js";
import { pcaConnector } from "../../../src/providers/pca/connector.js";
import { pcaDirectoryRegistration } from "../../../src/providers/pca/directory-registration.js";
import { pcaServicePrincipalName } from "../../../src/providers/pca/service-principal-name.js";
import { pcaTemplateAccessControlEntry } from "../../../src/providers/pca/template-access-control-entry.js";
import { pcaTemplate } from "../../../src/providers/pca/template.js";
import { CA_ARN, harnessPerTest } from "./pca-harness.js";
import { accessControlEntryYaml, templateDefinitionYaml } from "../../support/pca-yaml.js";

const registry = buildRegistry([pcaConnector, pcaDirectoryRegistration, pcaServicePrincipalName, pcaTemplate, pcaTemplateAccessControlEntry]);

const stackFile = (autoEnroll: string) => `
stack: pca-test
region: us-east-1
resources:
  registration:
    type: pca/directory-registration
    properties:
      directoryId: d-1234567890
  connector:
    type: pca/connector
    properties:
      certificateAuthorityArn: ${CA_ARN}
      directoryId: d-1234567890
      vpcInformation: { securityGroupIds: [sg-01234567] }
  spn:
    type: pca/service-principal-name
    properties:
      directoryRegistrationArn: \${registration.arn}
      connectorArn: \${connector.arn}
  template:
    type: pca/template
    properties:
      connectorArn: \${connector.arn}
      name: Computer
      definition:
${templateDefinitionYaml("        ", { autoEnrollment: true })}${accessControlEntryYaml("computers", "template", { autoEnroll })}`;

const h = harnessPerTest();
let clock: Clock;
beforeEach(() => {
  // The applier's waits move the local cloud's clock instead of sleeping.
  clock = {
    now: () => h.now(),
    sleep: async (ms) => {
      await new Promise((resolve) => setImmediate(resolve));
      h.advance(ms);
    },
  };
});

async function plan(text: string, mode: "apply" | "destroy" = "apply"): Promise<Plan> {
  const desired = loadDesiredStateFromText(text, "stack.yaml", { registry, env: {} });
  return planChanges({ desired, registry, ctx: h.context(), mode });
}

async function apply(planned: Plan): Promise<ApplyEvent[]> {
  const events: ApplyEvent[] = [];
  const result = await applyPlan(planned, { registry, ctx: h.context(), reporter: (e) => events.push(e), resolveSecret: () => "", clock, progressIntervalMs: Infinity });
  expect(result.failures).toEqual([]);
  return events;
}

const actions = (planned: Plan) => Object.fromEntries(planned.changes.map((c) => [c.address, c.action]));

describe("a PCA stack through plan and apply against the local cloud", () => {
  it("creates everything, plans nothing afterwards, updates in place and destroys in reverse order", async () => {
    const first = await plan(stackFile("ALLOW"));
    expect(Object.values(actions(first))).toEqual(["create", "create", "create", "create", "create"]);
    await apply(first);
    expect(hasChanges(await plan(stackFile("ALLOW")))).toBe(false);

    const edited = await plan(stackFile("DENY"));
    expect(actions(edited)).toMatchObject({ "pca/template-access-control-entry.computers": "update" });
    await apply(edited);
    expect(hasChanges(await plan(stackFile("DENY")))).toBe(false);

    const destroy = await plan(stackFile("DENY"), "destroy");
    expect(Object.values(actions(destroy)).every((a) => a === "delete")).toBe(true);
    const events = await apply(destroy);
    const finished = events
      .filter((e): e is Extract<ApplyEvent, { type: "step_finished" }> => e.type === "step_finished")
      .map((e) => e.address);
    const at = (address: string) => finished.indexOf(address);
    expect(at("pca/template-access-control-entry.computers")).toBeLessThan(at("pca/template.template"));
    expect(at("pca/template.template")).toBeLessThan(at("pca/connector.connector"));
    expect(at("pca/service-principal-name.spn")).toBeLessThan(at("pca/connector.connector"));
    expect(at("pca/service-principal-name.spn")).toBeLessThan(at("pca/directory-registration.registration"));
    expect((await plan(stackFile("DENY"))).changes.every((c) => c.action === "create")).toBe(true);
  });
});
