/**
 * The network type of both directory kinds through plan and apply against the local cloud: the
 * one change UpdateDirectorySetup makes (IPv4 → Dual-stack) plans as an update and converges;
 * every other change plans as a replacement forced by networkType.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyPlan } from "../../../src/applier/apply.js";
import { loadDesiredStateFromText } from "../../../src/config/load.js";
import { hasChanges, type Change, type Plan } from "../../../src/core/plan.js";
import { buildRegistry } from "../../../src/core/registry.js";
import type { LocalCloud } from "../../../src/local-cloud/server.js";
import { planChanges } from "../../../src/planner/plan.js";
import { adConnector } from "../../../src/providers/ds/ad-connector.js";
import { microsoftAd } from "../../../src/providers/ds/microsoft-ad.js";
import { callsOf, contextFor, startCloud, SUBNETS, VPC } from "./support.js";

const registry = buildRegistry([adConnector, microsoftAd]);
const SECRETS = { ADMIN_PASSWORD: "Adm1n-Password!", CONNECTOR_PASSWORD: "Adm1n-Password!" };

function stackFile(networkType: string, connectorDnsV6?: string): string {
  return `
stack: test
region: us-east-1
resources:
  managed:
    type: ds/microsoft-ad
    properties:
      name: network.example.org
      password: { env: ADMIN_PASSWORD }
      vpcSettings: { vpcId: ${VPC}, subnetIds: [${SUBNETS.join(", ")}] }
      networkType: ${networkType}
  connector:
    type: ds/ad-connector
    properties:
      name: network.example.com
      password: { env: CONNECTOR_PASSWORD }
      size: Small
      connectSettings:
        vpcId: ${VPC}
        subnetIds: [${SUBNETS.join(", ")}]
        customerDnsIps: [10.0.0.10]
        customerUserName: svc_connector
${connectorDnsV6 ? `        customerDnsIpsV6: [${connectorDnsV6}]\n` : ""}      networkType: ${networkType}
`;
}

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startCloud();
});
afterAll(() => cloud.close());

async function plan(text: string): Promise<Plan> {
  const desired = loadDesiredStateFromText(text, "network.yaml", { registry, env: SECRETS });
  return planChanges({ desired, registry, ctx: contextFor(cloud), mode: "apply" });
}

async function apply(planned: Plan): Promise<void> {
  const resolveSecret = () => SECRETS.ADMIN_PASSWORD;
  const result = await applyPlan(planned, { registry, ctx: contextFor(cloud), reporter: () => {}, resolveSecret, progressIntervalMs: Infinity });
  expect(result.failures).toEqual([]);
}

const changeOf = (planned: Plan, address: string): Change => planned.changes.find((c) => c.address === address)!;
const changedPaths = (change: Change) => change.attributes.filter((a) => a.isChanged).map((a) => a.path);

describe("networkType in plans", () => {
  it("plans IPv4 → Dual-stack as an update that converges, and any other change as a replacement", async () => {
    await apply(await plan(stackFile("IPv4")));
    const ids = (await plan(stackFile("IPv4"))).changes.map((c) => c.prior?.id);

    const upgrade = await plan(stackFile("Dual-stack", "2001:db8::10"));
    for (const address of ["ds/microsoft-ad.managed", "ds/ad-connector.connector"]) {
      expect(changeOf(upgrade, address)).toMatchObject({ action: "update", replacePaths: [] });
    }
    expect(changedPaths(changeOf(upgrade, "ds/ad-connector.connector"))).toEqual(["connectSettings.customerDnsIpsV6", "networkType"]);

    const calls = callsOf(cloud, "UpdateDirectorySetup");
    await apply(upgrade);
    expect(callsOf(cloud, "UpdateDirectorySetup") - calls).toBe(2);
    const after = await plan(stackFile("Dual-stack", "2001:db8::10"));
    expect(hasChanges(after)).toBe(false);
    expect(after.changes.map((c) => c.prior?.id)).toEqual(ids);

    const dnsOnly = await plan(stackFile("Dual-stack", "2001:db8::20"));
    expect(changeOf(dnsOnly, "ds/ad-connector.connector")).toMatchObject({ action: "update", replacePaths: [] });

    for (const networkType of ["IPv4", "IPv6"]) {
      const planned = await plan(stackFile(networkType, "2001:db8::10"));
      for (const address of ["ds/microsoft-ad.managed", "ds/ad-connector.connector"]) {
        const change = changeOf(planned, address);
        expect(change).toMatchObject({ action: "replace", replacePaths: ["networkType"] });
        const field = change.attributes.find((a) => a.path === "networkType");
        expect(field).toMatchObject({
          before: "Dual-stack",
          after: networkType,
          forcesReplacement: true,
          replaceReason: "the service only moves a directory from IPv4 to Dual-stack in place",
        });
      }
    }
  });
});
