import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProviderError } from "../../../src/core/errors.js";
import type { JsonObject } from "../../../src/core/json.js";
import { startLocalCloud, type LocalCloud } from "../../../src/local-cloud/server.js";
import { adConnector } from "../../../src/providers/ds/ad-connector.js";
import { dsCall } from "../../../src/providers/ds/client.js";
import { callsOf, contextFor, createReady, desired, readable, startCloud, SUBNETS, VPC, waitUntilSettled } from "./support.js";

const PASSWORD = "C0nnector-Secret!";
const SSO_PASSWORD = "Sso-Alternate-Secret!";

function connector(overrides: JsonObject = {}): JsonObject {
  return {
    name: "corp.example.com",
    password: PASSWORD,
    size: "Small",
    connectSettings: {
      vpcId: VPC,
      subnetIds: [SUBNETS[1], SUBNETS[0]],
      customerDnsIps: ["10.0.0.20", "10.0.0.10"],
      customerUserName: "svc_connector",
    },
    tags: { team: "identity" },
    ...overrides,
  };
}

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startCloud();
});
afterAll(() => cloud.close());

describe("ds/ad-connector against the local cloud", () => {
  it("creates, reads back, lists, updates in place and deletes", async () => {
    const ctx = contextFor(cloud);
    const want = connector({ alias: "corp-connector", sso: { enabled: true, userName: "spn.admin", password: SSO_PASSWORD } });

    const created = await createReady(adConnector, ctx, desired("corp", want));
    expect(created.id).toMatch(/^d-[0-9a-f]{10}$/);
    expect(adConnector.readiness(created)).toEqual({ state: "ready" });
    expect(created.properties).toMatchObject({ alias: "corp-connector", sso: { enabled: true } });

    const read = await adConnector.read(contextFor(cloud), created.id);
    expect(read).toBeDefined();
    expect(adConnector.normalize!(read!.properties)).toMatchObject(readable(adConnector, want));
    expect(read!.owner).toEqual({ stack: "test", name: "corp" });
    expect(read!.outputs).toMatchObject({ directoryId: created.id, alias: "corp-connector", stage: "Active" });
    expect(read!.outputs.connectIps).toHaveLength(2);
    expect(JSON.stringify(read)).not.toContain(PASSWORD);
    expect(JSON.stringify(read)).not.toContain(SSO_PASSWORD);
    expect(JSON.stringify(read)).not.toContain("spn.admin");

    const listed = await adConnector.list(contextFor(cloud));
    expect(listed.map((l) => l.id)).toContain(created.id);
    expect(await adConnector.list(contextFor(cloud, "other-stack"))).toEqual([]);

    const retagged = { ...want, tags: { team: "directory", cost: "42" }, sso: { enabled: false } };
    await adConnector.update!(ctx, read!, desired("corp", retagged), ["tags.team", "tags.cost", "sso.enabled"]);
    const updated = await adConnector.read(contextFor(cloud), created.id);
    expect(updated!.properties.tags).toEqual({ team: "directory", cost: "42" });
    expect(updated!.properties.sso).toEqual({ enabled: false });
    expect(updated!.owner).toEqual({ stack: "test", name: "corp" });

    await adConnector.delete(ctx, updated!);
    expect(await adConnector.read(contextFor(cloud), created.id)).toBeUndefined();
    await expect(adConnector.delete(contextFor(cloud), updated!)).resolves.toBeUndefined();
  });

  it("sets an alias on a directory that had none, then SSO", async () => {
    const ctx = contextFor(cloud);
    const created = await adConnector.create(ctx, desired("plain", connector({ name: "plain.example.com" })));
    expect(created.properties).not.toHaveProperty("alias");
    expect(created.outputs).not.toHaveProperty("alias");
    expect(adConnector.impactOf!("alias", created.properties.alias, "plain-alias")).toBe("update");

    // The alternate credentials reach EnableSso: the local cloud rejects this password as the domain would.
    const rejected = connector({ name: "plain.example.com", alias: "plain-alias", sso: { enabled: true, userName: "spn.admin", password: "fail-on-purpose" } });
    const error = await adConnector.update!(ctx, created, desired("plain", rejected), ["alias", "sso.enabled"]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).awsName).toBe("AuthenticationFailedException");
    expect((error as ProviderError).message).not.toContain("fail-on-purpose");

    const next = connector({ name: "plain.example.com", alias: "plain-alias", sso: { enabled: true } });
    await adConnector.update!(ctx, created, desired("plain", next), ["alias", "sso.enabled"]);
    const read = await adConnector.read(contextFor(cloud), created.id);
    expect(read!.properties).toMatchObject({ alias: "plain-alias", sso: { enabled: true } });
    expect(read!.outputs.accessUrl).toContain("plain-alias");
    await adConnector.delete(ctx, read!);
  });

  it("moves from IPv4 to Dual-stack in place with its IPv6 DNS servers, then changes those servers alone", async () => {
    const ctx = contextFor(cloud);
    const ipv4 = connector({ name: "dual.example.com" });
    const created = await createReady(adConnector, ctx, desired("dual", ipv4));
    expect(created.properties.networkType).toBe("IPv4");
    const calls = callsOf(cloud, "UpdateDirectorySetup");

    const withDnsV6 = (ips: string[]) => ({ ...(ipv4.connectSettings as JsonObject), customerDnsIpsV6: ips });
    const dualStack = { ...ipv4, networkType: "Dual-stack", connectSettings: withDnsV6(["2001:DB8::10"]) };
    await adConnector.update!(ctx, created, desired("dual", dualStack), ["connectSettings.customerDnsIpsV6", "networkType"]);
    const upgraded = await adConnector.read(contextFor(cloud), created.id);
    expect(upgraded!.properties).toMatchObject({ networkType: "Dual-stack", connectSettings: { customerDnsIpsV6: ["2001:db8::10"] } });
    expect(adConnector.readiness(upgraded!)).toEqual({ state: "ready" });

    const moved = { ...dualStack, connectSettings: withDnsV6(["2001:db8::20"]) };
    await adConnector.update!(ctx, upgraded!, desired("dual", moved), ["connectSettings.customerDnsIpsV6"]);
    const read = await adConnector.read(contextFor(cloud), created.id);
    expect(read!.properties).toMatchObject({ networkType: "Dual-stack", connectSettings: { customerDnsIpsV6: ["2001:db8::20"] } });
    expect(callsOf(cloud, "UpdateDirectorySetup") - calls).toBe(2);
    await adConnector.delete(ctx, read!);
  });

  it("reports a network update the service refuses with its reason", async () => {
    const ctx = contextFor(cloud);
    const created = await adConnector.create(ctx, desired("nodns", connector({ name: "nodns.example.com" })));
    const error = await adConnector
      .update!(ctx, created, desired("nodns", connector({ name: "nodns.example.com", networkType: "Dual-stack" })), ["networkType"])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ code: "Invalid", awsName: "InvalidParameterException", message: expect.stringContaining("CustomerDnsIpsV6") });
    await adConnector.delete(ctx, created);
  });

  it("updates the network in place only where UpdateDirectorySetup can, and replaces otherwise", () => {
    expect(adConnector.impactOf!("networkType", "IPv4", "Dual-stack")).toBe("update");
    expect(adConnector.impactOf!("connectSettings.customerDnsIpsV6", ["2001:db8::10"], ["2001:db8::20"])).toBe("update");
    expect(adConnector.impactOf!("networkType", "Dual-stack", "IPv4")).toBe("replace");
    expect(adConnector.impactOf!("networkType", "IPv4", "IPv6")).toBe("replace");
    expect(adConnector.impactOf!("connectSettings.customerDnsIps", ["10.0.0.10"], ["10.0.0.11"])).toBeUndefined();
  });

  it("adopts an untagged connector found by name and VPC, writing the ownership tags", async () => {
    const setup = contextFor(cloud);
    const { DirectoryId } = await dsCall(setup, "ConnectDirectory", {
      Name: "adopt.example.com",
      Password: PASSWORD,
      Size: "Small",
      ConnectSettings: { VpcId: VPC, SubnetIds: SUBNETS, CustomerDnsIps: ["10.0.0.10"], CustomerUserName: "svc" },
      Tags: [{ Key: "team", Value: "legacy" }],
    });
    const want = connector({ name: "adopt.example.com", tags: { team: "legacy" } });

    const ctx = contextFor(cloud);
    expect((await adConnector.list(ctx)).map((l) => l.id)).not.toContain(DirectoryId);
    const found = await adConnector.find(ctx, desired("adopted", want));
    expect(found?.id).toBe(DirectoryId);
    expect(found?.owner).toBeUndefined();

    await adConnector.update!(ctx, found!, desired("adopted", want), []);
    const owned = await adConnector.list(contextFor(cloud));
    const adopted = owned.find((l) => l.id === DirectoryId);
    expect(adopted?.owner).toEqual({ stack: "test", name: "adopted" });
    expect(adopted?.properties.tags).toEqual({ team: "legacy" });
    await adConnector.delete(ctx, adopted!);
  });

  it("refuses to guess between several untagged connectors with the same name and VPC", async () => {
    const setup = contextFor(cloud);
    const input = {
      Name: "twins.example.com",
      Password: PASSWORD,
      Size: "Small" as const,
      ConnectSettings: { VpcId: VPC, SubnetIds: SUBNETS, CustomerDnsIps: ["10.0.0.10"], CustomerUserName: "svc" },
    };
    const first = await dsCall(setup, "ConnectDirectory", input);
    const second = await dsCall(setup, "ConnectDirectory", input);
    const error = await adConnector.find(contextFor(cloud), desired("twin", connector({ name: "twins.example.com" }))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).code).toBe("Invalid");
    expect((error as ProviderError).message).toContain(first.DirectoryId!);
    expect((error as ProviderError).message).toContain(second.DirectoryId!);
    for (const id of [first.DirectoryId!, second.DirectoryId!]) await adConnector.delete(setup, { id, properties: {}, outputs: {} });
  });

  it("reads a connector whose checks fail as failed, with the reason and without the password", async () => {
    const ctx = contextFor(cloud);
    const failing = connector({ name: "broken.example.com", password: "fail-on-purpose" });
    const created = await adConnector.create(ctx, desired("broken", failing));
    const settled = await waitUntilSettled(adConnector, contextFor(cloud), created.id);
    const readiness = adConnector.readiness(settled);
    expect(readiness.state).toBe("failed");
    expect(readiness.reason).toMatch(/Invalid credentials/);
    expect(JSON.stringify([created, settled])).not.toContain("fail-on-purpose");
    await adConnector.delete(ctx, settled);
  });

  it("returns from a create at once, leaving the wait to the applier and the alias and SSO to completeWhenReady", async () => {
    const slow = await startLocalCloud({ settings: { createDelayMs: 1_000 } });
    try {
      const want = desired("quick", connector({ name: "quick.example.com", alias: "quick-alias", sso: { enabled: true } }));
      const created = await adConnector.create(contextFor(slow), want);
      expect(adConnector.readiness(created).state).toBe("pending");
      // The create call alone: no read of a directory that can only be Requested, no polling.
      expect(callsOf(slow, "DescribeDirectories")).toBe(0);
      expect(callsOf(slow, "CreateAlias")).toBe(0);
      // Not Active yet: completing now sets nothing.
      await expect(adConnector.completeWhenReady!(contextFor(slow), created.id, want)).resolves.toBeUndefined();
      await waitUntilSettled(adConnector, contextFor(slow), created.id);
      const completed = await adConnector.completeWhenReady!(contextFor(slow), created.id, want);
      expect(completed?.outputs).toMatchObject({ alias: "quick-alias", stage: "Active" });
      expect(completed?.properties.sso).toMatchObject({ enabled: true });
    } finally {
      await slow.close();
    }
  });

  it("says the directory exists when its alias is taken, instead of reporting AlreadyExists", async () => {
    const ctx = contextFor(cloud);
    const first = await createReady(adConnector, ctx, desired("first", connector({ name: "first.example.com", alias: "taken-alias" })));
    const error = await createReady(adConnector, ctx, desired("second", connector({ name: "second.example.com", alias: "taken-alias" }))).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).code).toBe("Invalid");
    expect((error as ProviderError).message).toMatch(/^directory d-[0-9a-f]{10} was created, but setting the alias failed/);
    const second = (await adConnector.list(contextFor(cloud))).find((l) => l.owner?.name === "second");
    expect(second?.properties).not.toHaveProperty("alias");
    for (const live of [first, second!]) await adConnector.delete(ctx, live);
  });
});
