import { describe, expect, it } from "vitest";
import { stackWorkspace } from "../support/cli.js";
import { expectCleanExit } from "../support/cli-expectations.js";
import { expectApplyConverges, expectNoChanges } from "./stack-fixtures.js";

/** The AD Connector and WorkSpaces registration of the corporate example, without the PCA objects. */
const workspace = () => stackWorkspace("examples/corporate-identity.yaml", { cutAt: "  corp-registration:" });

const changes = (json: string) =>
  (JSON.parse(json).changes as Array<{ address: string; action: string; attributes: Array<{ path: string; isChanged?: boolean; before: unknown; after: unknown }> }>)
    .filter((c) => c.action !== "noop");

describe("adstack against the local cloud: WorkSpaces directory registration", () => {
  it("registers, changes each property family in place, replaces on subnets, deregisters before deleting the directory", async () => {
    const ws = workspace();
    const registered = await ws.cli("apply", ws.file, "--auto-approve");
    expectCleanExit(registered, 0);
    expect(registered.stdout).toMatch(/workspaces\/directory\.desktops: Creation complete after \d+s \[id=d-[0-9a-f]{10}\]/);
    await expectNoChanges(ws);

    ws.edit("rebuildWorkspace: ENABLED", "rebuildWorkspace: DISABLED");
    const selfService = await ws.cli("plan", ws.file);
    expect(selfService.stdout).toContain("# workspaces/directory.desktops will be updated in-place");
    expect(selfService.stdout).toMatch(/^\s+~ selfservicePermissions\.rebuildWorkspace\s+= "ENABLED" -> "DISABLED"$/m);
    expect(selfService.stdout.match(/^ {6}[~+-] /gm)).toHaveLength(1); // one changed field, no other

    expect(selfService.stdout).toContain("Plan: 0 to add, 1 to change, 0 to replace, 0 to destroy.");

    ws.edit("enableInternetAccess: false", "enableInternetAccess: true");
    ws.edit("deviceTypeWeb: DENY", "deviceTypeWeb: ALLOW");
    ws.edit("reconnectEnabled: DISABLED", "reconnectEnabled: ENABLED");
    ws.edit("tags: { team: end-user-computing }", "tags: { team: euc }");
    const families = changes((await ws.cli("plan", ws.file, "--json")).stdout);
    expect(families.map((c) => [c.address, c.action])).toEqual([["workspaces/directory.desktops", "update"]]);
    expect(families[0].attributes.filter((a) => a.before !== a.after).map((a) => a.path)).toEqual(expect.arrayContaining([
      "clientProperties.reconnectEnabled",
      "selfservicePermissions.rebuildWorkspace",
      "tags.team",
      "workspaceAccessProperties.deviceTypeWeb",
      "workspaceCreationProperties.enableInternetAccess",
    ]));
    await expectApplyConverges(ws);

    ws.edit("subnetIds: [subnet-0a1b2c3d, subnet-1a2b3c4d]\n      # Sent", "subnetIds: [subnet-0a1b2c3d, subnet-2a2b3c4d]\n      # Sent");
    const resubnet = await ws.cli("plan", ws.file);
    expect(resubnet.stdout).toContain("# workspaces/directory.desktops must be replaced");
    expect(resubnet.stdout).toMatch(/subnetIds.*# forces replacement/s);
    await expectApplyConverges(ws);

    const destroyed = await ws.cli("destroy", ws.file, "--auto-approve", "--allow-destroy");
    expect(destroyed.code).toBe(0);
    const deregistered = destroyed.stdout.indexOf("workspaces/directory.desktops: Destruction complete");
    const deleted = destroyed.stdout.indexOf("ds/ad-connector.corp: Destruction complete");
    expect(deregistered).toBeGreaterThanOrEqual(0);
    expect(deleted).toBeGreaterThan(deregistered);
    expect(destroyed.stdout.indexOf("ds/ad-connector.corp: Destroying...")).toBeGreaterThan(deregistered);
  });
});
