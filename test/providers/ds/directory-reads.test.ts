import { afterAll, afterEach, describe, expect, it } from "vitest";
import type { LocalCloud } from "../../../src/local-cloud/server.js";
import { directoryService } from "../../../src/local-cloud/services/ds.js";
import { adConnector } from "../../../src/providers/ds/ad-connector.js";
import { dsCall } from "../../../src/providers/ds/client.js";
import { describeDirectoriesByIds, readDirectory } from "../../../src/providers/ds/directory-reads.js";
import { callsOf, contextFor, createReady, desired, startCloud, SUBNETS, throttling, VPC } from "./support.js";

const clouds: LocalCloud[] = [];
afterEach(async () => {
  for (const cloud of clouds.splice(0)) await cloud.close();
});
afterAll(async () => {
  for (const cloud of clouds) await cloud.close();
});

async function connectors(cloud: LocalCloud, count: number): Promise<string[]> {
  const ctx = contextFor(cloud);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const { DirectoryId } = await dsCall(ctx, "ConnectDirectory", {
      Name: `c${i}.example.com`,
      Password: "pw",
      Size: "Small",
      ConnectSettings: { VpcId: VPC, SubnetIds: SUBNETS, CustomerDnsIps: ["10.0.0.10"], CustomerUserName: "svc" },
    });
    ids.push(DirectoryId!);
  }
  return ids;
}

describe("batched directory reads", () => {
  it("re-reads many IDs in one call and narrows a batch holding a deleted ID", async () => {
    const cloud = await startCloud();
    clouds.push(cloud);
    const ids = await connectors(cloud, 4);
    const ctx = contextFor(cloud);
    cloud.resetStats();
    expect([...(await describeDirectoriesByIds(ctx, ids)).keys()].sort()).toEqual([...ids].sort());
    expect(callsOf(cloud, "DescribeDirectories")).toBe(1);

    await adConnector.delete(ctx, { id: ids[2], properties: {}, outputs: {} });
    cloud.resetStats();
    const found = await describeDirectoriesByIds(ctx, ids);
    expect([...found.keys()].sort()).toEqual([ids[0], ids[1], ids[3]].sort());
    // The service names the missing ID, so one failed call and one narrowed call suffice.
    expect(callsOf(cloud, "DescribeDirectories")).toBeLessThanOrEqual(2);
    expect(await describeDirectoriesByIds(ctx, [ids[2]])).toEqual(new Map());
  });

  it("coalesces reads issued together into one DescribeDirectories call", async () => {
    const cloud = await startCloud();
    clouds.push(cloud);
    const ids = await connectors(cloud, 3);
    const ctx = contextFor(cloud);
    cloud.resetStats();
    const described = await Promise.all([...ids, "d-00000000ff"].map((id) => readDirectory(ctx, id)));
    expect(described.map((d) => d?.DirectoryId)).toEqual([...ids, undefined]);
    expect(callsOf(cloud, "DescribeDirectories")).toBeLessThanOrEqual(2);
  });

  it("pages through a listing larger than one page", async () => {
    const cloud = await startCloud();
    clouds.push(cloud);
    const ids = await connectors(cloud, 10);
    const ctx = contextFor(cloud);
    const listed = await dsCall(ctx, "DescribeDirectories", { Limit: 3 });
    expect(listed.NextToken).toBeDefined();
    const map = await describeDirectoriesByIds(ctx, ids);
    expect(map.size).toBe(10);
  });

  it("rides out throttling while reading back and completing a new directory", async () => {
    const throttled = throttling(directoryService, "DescribeDirectories", 3);
    const cloud = await startCloud([throttled]);
    clouds.push(cloud);
    const ctx = contextFor(cloud);
    const created = await createReady(
      adConnector,
      ctx,
      desired("patient", {
        name: "patient.example.com",
        password: "pw",
        size: "Small",
        connectSettings: { vpcId: VPC, subnetIds: SUBNETS, customerDnsIps: ["10.0.0.10"], customerUserName: "svc" },
        alias: "patient-alias",
      }),
    );
    expect(throttled.throttled).toBe(3);
    expect(created.properties.alias).toBe("patient-alias");
    expect(adConnector.readiness(created).state).toBe("ready");
  });

  it("rides out a throttled read by asking again", async () => {
    const throttled = throttling(directoryService, "DescribeDirectories", 1);
    const cloud = await startCloud([throttled]);
    clouds.push(cloud);
    await expect(adConnector.read(contextFor(cloud), "d-0123456789")).resolves.toBeUndefined();
    expect(throttled.throttled).toBe(1);
  });
});
