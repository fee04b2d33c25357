import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonObject } from "../../../src/core/json.js";
import type { Live } from "../../../src/core/resource-kind.js";
import type { LocalCloud } from "../../../src/local-cloud/server.js";
import { dsCall } from "../../../src/providers/ds/client.js";
import { microsoftAd } from "../../../src/providers/ds/microsoft-ad.js";
import { trust } from "../../../src/providers/ds/trust.js";
import { contextFor, desired, readable, startCloud, SUBNETS, VPC, waitUntilSettled } from "./support.js";

const TRUST_PASSWORD = "Trust-Pa55word!";

let cloud: LocalCloud;
let directory: Live;
let unownedDirectoryId: string;

beforeAll(async () => {
  cloud = await startCloud();
  const ctx = contextFor(cloud);
  const created = await microsoftAd.create(
    ctx,
    desired("managed", { name: "aws.example.org", password: "Adm1n-Password!", vpcSettings: { vpcId: VPC, subnetIds: SUBNETS } }),
  );
  // A directory holds trusts once Active; the applier would wait for that too.
  directory = await waitUntilSettled(microsoftAd, contextFor(cloud), created.id);
  unownedDirectoryId = (
    await microsoftAd.create(
      contextFor(cloud, "someone-else"),
      desired("theirs", { name: "theirs.example.org", password: "Adm1n-Password!", vpcSettings: { vpcId: VPC, subnetIds: SUBNETS } }),
    )
  ).id;
});
afterAll(() => cloud.close());

function forestTrust(overrides: JsonObject = {}): JsonObject {
  return {
    directoryId: directory.id,
    remoteDomainName: "OnPrem.Example.com.",
    trustPassword: TRUST_PASSWORD,
    trustDirection: "Two-Way",
    trustType: "Forest",
    conditionalForwarderIpAddrs: ["10.1.0.11", "10.1.0.10"],
    selectiveAuth: "Disabled",
    ...overrides,
  };
}

describe("ds/trust against the local cloud", () => {
  it("creates, waits to VerifyFailed with its reason, lists under the owned directory, updates and deletes", async () => {
    const ctx = contextFor(cloud);
    const want = forestTrust();
    const created = await trust.create(ctx, desired("onprem", want));
    expect(created.id).toMatch(/^t-[0-9a-f]{10}$/);
    expect(JSON.stringify(created)).not.toContain(TRUST_PASSWORD);

    const settled = await waitUntilSettled(trust, contextFor(cloud), created.id);
    expect(settled.outputs.trustState).toBe("VerifyFailed");
    expect(trust.readiness(settled)).toMatchObject({ state: "ready", reason: expect.stringMatching(/could not be contacted/) });
    expect(trust.normalize!(settled.properties)).toEqual(readable(trust, want));
    expect(settled.owner).toEqual({ stack: "test" });

    const listed = await trust.list(contextFor(cloud));
    expect(listed.map((l) => l.id)).toEqual([created.id]);
    expect(listed[0].owner).toEqual({ stack: "test" });

    const found = await trust.find(contextFor(cloud), desired("onprem", forestTrust({ remoteDomainName: "onprem.example.com" })));
    expect(found?.id).toBe(created.id);
    expect(trust.naturalKey!(found!.properties)).toBe(trust.naturalKey!(want));

    const next = forestTrust({ selectiveAuth: "Enabled", conditionalForwarderIpAddrs: ["10.1.0.12"] });
    await trust.update!(ctx, settled, desired("onprem", next), ["selectiveAuth", "conditionalForwarderIpAddrs.0", "conditionalForwarderIpAddrs.1"]);
    const updated = await waitUntilSettled(trust, contextFor(cloud), created.id);
    expect(updated.properties).toMatchObject({ selectiveAuth: "Enabled", conditionalForwarderIpAddrs: ["10.1.0.12"] });

    await trust.delete(ctx, updated);
    expect(await trust.read(contextFor(cloud), created.id)).toBeUndefined();
    const { ConditionalForwarders } = await dsCall(ctx, "DescribeConditionalForwarders", { DirectoryId: directory.id });
    expect(ConditionalForwarders ?? []).toEqual([]);
    await expect(trust.delete(contextFor(cloud), updated)).resolves.toBeUndefined();
  });

  it("creates with one call, then reads for a wait with DescribeTrusts alone: no forwarders, no owner", async () => {
    const ctx = contextFor(cloud);
    cloud.resetStats();
    const created = await trust.create(ctx, desired("waited", forestTrust({ remoteDomainName: "waited.example.com" })));
    expect(cloud.stats().calls).toEqual({ "ds:CreateTrust": 1 });
    expect(trust.readiness(created).state).toBe("pending");
    cloud.resetStats();
    const live = await trust.readForWait!(contextFor(cloud), created.id);
    expect(live!.outputs).toMatchObject({ trustId: created.id });
    expect(trust.readiness(live!).state).not.toBe("failed");
    expect(cloud.stats().calls).toEqual({ "ds:DescribeTrusts": 1 });
    await trust.delete(ctx, (await trust.read(ctx, created.id))!);
  });

  it("is ready at Created for an incoming one-way trust, and reads a missing forwarder as none", async () => {
    const ctx = contextFor(cloud);
    const want = forestTrust({ remoteDomainName: "incoming.example.com", trustDirection: "One-Way: Incoming", trustType: "External" });
    delete want.conditionalForwarderIpAddrs;
    const created = await trust.create(ctx, desired("incoming", want));
    const settled = await waitUntilSettled(trust, contextFor(cloud), created.id);
    expect(settled.outputs.trustState).toBe("Created");
    expect(trust.readiness(settled).state).toBe("ready");
    expect(settled.properties).not.toHaveProperty("conditionalForwarderIpAddrs");

    await trust.update!(ctx, settled, desired("incoming", { ...want, conditionalForwarderIpAddrs: ["10.2.0.1"] }), ["conditionalForwarderIpAddrs"]);
    expect((await trust.read(contextFor(cloud), created.id))!.properties.conditionalForwarderIpAddrs).toEqual(["10.2.0.1"]);
    await trust.delete(ctx, settled);
  });

  it("does not list trusts under a directory owned by another stack", async () => {
    const other = contextFor(cloud, "someone-else");
    const theirs = await trust.create(
      other,
      desired("theirs", forestTrust({ directoryId: unownedDirectoryId, remoteDomainName: "partner.example.com" })),
    );
    expect((await trust.list(contextFor(cloud))).map((l) => l.id)).not.toContain(theirs.id);
    expect((await trust.list(contextFor(cloud, "someone-else"))).map((l) => l.id)).toEqual([theirs.id]);
    const read = await trust.read(contextFor(cloud), theirs.id);
    expect(read?.owner).toEqual({ stack: "someone-else" });
    await trust.delete(other, theirs);
  });

  it("reports an existing trust for the same domain as AlreadyExists", async () => {
    const ctx = contextFor(cloud);
    const created = await trust.create(ctx, desired("dup", forestTrust({ remoteDomainName: "dup.example.com" })));
    const error = await trust.create(contextFor(cloud), desired("dup", forestTrust({ remoteDomainName: "dup.example.com" }))).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "AlreadyExists" });
    expect(String((error as Error).message)).not.toContain(TRUST_PASSWORD);
    await trust.delete(ctx, created);
  });
});
