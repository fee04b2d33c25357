import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonObject } from "../../../src/core/json.js";
import type { LocalCloud } from "../../../src/local-cloud/server.js";
import { dsCall } from "../../../src/providers/ds/client.js";
import { microsoftAd } from "../../../src/providers/ds/microsoft-ad.js";
import { contextFor, createReady, desired, readable, startCloud, SUBNETS, VPC } from "./support.js";

const ADMIN_PASSWORD = "Adm1n-Password!";

function managedAd(overrides: JsonObject = {}): JsonObject {
  return {
    name: "corp.example.org",
    password: ADMIN_PASSWORD,
    edition: "Standard",
    vpcSettings: { vpcId: VPC, subnetIds: [SUBNETS[1], SUBNETS[0]] },
    tags: { team: "identity" },
    ...overrides,
  };
}

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startCloud();
});
afterAll(() => cloud.close());

describe("ds/microsoft-ad against the local cloud", () => {
  it("creates with alias, SSO and three domain controllers, and reads back what was asked for", async () => {
    const ctx = contextFor(cloud);
    const want = managedAd({ alias: "corp-managed", sso: { enabled: true }, desiredNumberOfDomainControllers: 3 });
    const created = await createReady(microsoftAd, ctx, desired("managed", want));
    expect(microsoftAd.readiness(created).state).toBe("ready");

    const read = await microsoftAd.read(contextFor(cloud), created.id);
    expect(microsoftAd.normalize!(read!.properties)).toMatchObject(readable(microsoftAd, want));
    expect(read!.outputs.dnsIpAddrs).toHaveLength(2);
    expect(read!.outputs).not.toHaveProperty("dnsIpv6Addrs");
    expect(read!.outputs.securityGroupId).toMatch(/^sg-/);
    expect(JSON.stringify(read)).not.toContain(ADMIN_PASSWORD);

    const listed = await microsoftAd.list(contextFor(cloud));
    expect(listed.map((l) => l.id)).toEqual([created.id]);

    await microsoftAd.update!(ctx, read!, desired("managed", { ...want, desiredNumberOfDomainControllers: 2, tags: {} }), [
      "desiredNumberOfDomainControllers",
      "tags.team",
    ]);
    const updated = await microsoftAd.read(contextFor(cloud), created.id);
    expect(updated!.properties).toMatchObject({ desiredNumberOfDomainControllers: 2, tags: {} });
    expect(updated!.owner).toEqual({ stack: "test", name: "managed" });

    await microsoftAd.delete(ctx, updated!);
    expect(await microsoftAd.read(contextFor(cloud), created.id)).toBeUndefined();
    await expect(microsoftAd.delete(contextFor(cloud), updated!)).resolves.toBeUndefined();
  });

  it("upgrades the network from IPv4 to Dual-stack in place, then has IPv6 DNS servers too; a repeated update is a no-op", async () => {
    const ctx = contextFor(cloud);
    const created = await microsoftAd.create(ctx, desired("dual", managedAd({ name: "dual.example.org" })));
    const dualStack = managedAd({ name: "dual.example.org", networkType: "Dual-stack" });
    await microsoftAd.update!(ctx, created, desired("dual", dualStack), ["networkType"]);
    const upgraded = await microsoftAd.read(contextFor(cloud), created.id);
    expect(upgraded!.properties.networkType).toBe("Dual-stack");
    expect(upgraded!.outputs.stage).toBe("Active");
    expect(upgraded!.outputs.dnsIpAddrs).toHaveLength(2);
    expect(upgraded!.outputs.dnsIpv6Addrs).toEqual([expect.stringMatching(/^2001:db8:/), expect.stringMatching(/^2001:db8:/)]);
    const { DomainControllers } = await dsCall(contextFor(cloud), "DescribeDomainControllers", { DirectoryId: created.id });
    expect(DomainControllers!.map((dc) => dc.DnsIpv6Addr).sort()).toEqual(upgraded!.outputs.dnsIpv6Addrs);

    // What the applier's retry does when the first attempt's answer was lost.
    await expect(microsoftAd.update!(ctx, created, desired("dual", dualStack), ["networkType"])).resolves.toBeUndefined();
    expect(microsoftAd.impactOf!("networkType", "Dual-stack", "IPv4")).toBe("replace");
    await microsoftAd.delete(ctx, upgraded!);
  });

  it("does not read an AD Connector as a Microsoft AD", async () => {
    const ctx = contextFor(cloud);
    const { DirectoryId } = await dsCall(ctx, "ConnectDirectory", {
      Name: "connector.example.org",
      Password: "x",
      Size: "Small",
      ConnectSettings: { VpcId: VPC, SubnetIds: SUBNETS, CustomerDnsIps: ["10.0.0.10"], CustomerUserName: "svc" },
    });
    expect(await microsoftAd.read(ctx, DirectoryId!)).toBeUndefined();
    expect(await microsoftAd.find(ctx, desired("x", managedAd({ name: "connector.example.org" })))).toBeUndefined();
    await dsCall(ctx, "DeleteDirectory", { DirectoryId });
  });

  it("finds an untagged domain by name for adoption", async () => {
    const setup = contextFor(cloud);
    const { DirectoryId } = await dsCall(setup, "CreateMicrosoftAD", {
      Name: "Legacy.Example.org",
      Password: ADMIN_PASSWORD,
      VpcSettings: { VpcId: VPC, SubnetIds: SUBNETS },
    });
    const found = await microsoftAd.find(contextFor(cloud), desired("legacy", managedAd({ name: "legacy.example.org" })));
    expect(found?.id).toBe(DirectoryId);
    expect(found?.owner).toBeUndefined();
    await microsoftAd.delete(setup, found!);
  });
});
