import { CreateTagsCommand, RegisterWorkspaceDirectoryCommand } from "@aws-sdk/client-workspaces";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProviderError } from "../../../src/core/errors.js";
import type { JsonObject } from "../../../src/core/json.js";
import type { LocalCloud } from "../../../src/local-cloud/server.js";
import { workspacesDirectory as kind } from "../../../src/providers/workspaces/directory.js";
import { REGISTER_SETTLE_MS, registerOrResume } from "../../../src/providers/workspaces/directory-writes.js";
import {
  callsOf,
  changedPaths,
  contextFor,
  createDirectory,
  desired,
  DNS_IPS,
  planned,
  removeSeededWorkspace,
  seedWorkspaceIn,
  startCloud,
  SUBNETS,
  waitUntilGone,
  waitUntilSettled,
  createReady,
  workspacesClient,
} from "./support.js";

const OU = "OU=WorkSpaces,DC=corp,DC=example,DC=com";

function fullRegistration(directoryId: string): JsonObject {
  return {
    directoryId,
    subnetIds: [SUBNETS[1], SUBNETS[0]],
    enableSelfService: false,
    tenancy: "SHARED",
    selfservicePermissions: { rebuildWorkspace: "ENABLED", increaseVolumeSize: "ENABLED" },
    workspaceCreationProperties: { enableInternetAccess: true, defaultOu: OU, customSecurityGroupId: "sg-0123456789abcdef0" },
    workspaceAccessProperties: { deviceTypeWeb: "ALLOW", deviceTypeLinux: "ALLOW" },
    clientProperties: { logUploadEnabled: "DISABLED" },
    tags: { team: "euc" },
  };
}

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startCloud({ settings: { limits: { connectedDirectories: 50, cloudOnlyMicrosoftAD: 20, workspacesDirectories: 50 } } });
});
afterAll(() => cloud.close());

describe("workspaces/directory against the local cloud", () => {
  it("registers an Active directory with every family, reads it back, and plans no change", async () => {
    const directoryId = await createDirectory(cloud);
    const want = fullRegistration(directoryId);

    const created = await createReady(kind, contextFor(cloud), desired("desktops", want));
    expect(created.id).toBe(directoryId);
    expect(kind.readiness(created)).toEqual({ state: "ready" });

    const read = (await kind.read(contextFor(cloud), directoryId))!;
    expect(read.owner).toEqual({ stack: "test", name: "desktops" });
    expect(read.properties).toMatchObject({
      directoryId,
      workspaceType: "PERSONAL",
      subnetIds: [SUBNETS[0], SUBNETS[1]],
      tenancy: "SHARED",
      // The two left out of the file keep the service's values: all five are always sent.
      selfservicePermissions: {
        restartWorkspace: "ENABLED",
        increaseVolumeSize: "ENABLED",
        changeComputeType: "DISABLED",
        switchRunningMode: "DISABLED",
        rebuildWorkspace: "ENABLED",
      },
      workspaceCreationProperties: { enableInternetAccess: true, defaultOu: OU, customSecurityGroupId: "sg-0123456789abcdef0" },
      workspaceAccessProperties: { deviceTypeWeb: "ALLOW", deviceTypeLinux: "ALLOW", deviceTypeWindows: "ALLOW" },
      clientProperties: { logUploadEnabled: "DISABLED", reconnectEnabled: "ENABLED" },
      tags: { team: "euc" },
    });
    expect(read.properties).not.toHaveProperty("enableSelfService");
    expect(read.outputs).toMatchObject({
      directoryId,
      state: "REGISTERED",
      alias: directoryId,
      directoryName: "corp.example.com",
      dnsIpAddresses: DNS_IPS,
      iamRoleId: "arn:aws:iam::123456789012:role/workspaces_DefaultRole",
      directoryType: "AD_CONNECTOR",
    });
    expect(read.outputs.registrationCode).toMatch(/^SLiad\+[A-Z0-9]{6}$/);
    expect(read.outputs.workspaceSecurityGroupId).toMatch(/^sg-[0-9a-f]{17}$/);

    expect(planned(kind, want, read).action).toBe("noop");
    expect(planned(kind, { ...want, subnetIds: [SUBNETS[0], SUBNETS[1]], enableSelfService: true }, read).action).toBe("noop");

    expect((await kind.list(contextFor(cloud))).map((l) => l.id)).toContain(directoryId);
    expect(await kind.list(contextFor(cloud, "other-stack"))).toEqual([]);
  });

  it("returns from a registration at once, REGISTERING, leaving its families to completeWhenReady; readiness then turns ready", async () => {
    const slow = await startCloud({ settings: { createDelayMs: 400 } });
    try {
      const directoryId = await createDirectory(slow);
      slow.resetStats();
      const want = desired("plain", { directoryId, clientProperties: { reconnectEnabled: "DISABLED" } });
      const created = await kind.create(contextFor(slow), want);
      expect(created.outputs.state).toBe("REGISTERING");
      expect(kind.readiness(created).state).toBe("pending");
      // The register call alone: no read of a registration that can only be REGISTERING, no Modify* yet.
      expect(slow.stats().calls).toEqual({ "workspaces:RegisterWorkspaceDirectory": 1 });
      await waitUntilSettled(kind, contextFor(slow), directoryId);
      await kind.completeWhenReady!(contextFor(slow), directoryId, want);
      expect(callsOf(slow, "ModifyClientProperties")).toBe(1);
      const settled = await waitUntilSettled(kind, contextFor(slow), directoryId);
      expect(kind.readiness(settled)).toEqual({ state: "ready" });
      // What the file leaves out (subnets, tenancy, every family) is not managed: no diff against the service's defaults.
      expect(planned(kind, { directoryId, workspaceType: "PERSONAL" }, settled).action).toBe("noop");
    } finally {
      await slow.close();
    }
  });

  it("changes each property family and the tags in place with its own call", async () => {
    const directoryId = await createDirectory(cloud);
    const ctx = contextFor(cloud);
    let want = fullRegistration(directoryId);
    await createReady(kind, ctx, desired("families", want));

    const steps: Array<{ change: JsonObject; call: string }> = [
      { change: { selfservicePermissions: { rebuildWorkspace: "DISABLED", switchRunningMode: "ENABLED" } }, call: "ModifySelfservicePermissions" },
      { change: { workspaceCreationProperties: { enableInternetAccess: false, defaultOu: "OU=Desks,DC=corp,DC=example,DC=com" } }, call: "ModifyWorkspaceCreationProperties" },
      { change: { workspaceAccessProperties: { deviceTypeWeb: "DENY", deviceTypeIos: "DENY" } }, call: "ModifyWorkspaceAccessProperties" },
      { change: { clientProperties: { reconnectEnabled: "DISABLED" } }, call: "ModifyClientProperties" },
      { change: { tags: { team: "desktops", cost: "42" } }, call: "CreateTags" },
      { change: { tags: { cost: "42" } }, call: "DeleteTags" },
    ];
    for (const step of steps) {
      want = { ...want, ...step.change };
      const live = (await kind.read(contextFor(cloud), directoryId))!;
      const plan = planned(kind, want, live);
      expect(plan.action, step.call).toBe("update");
      const before = callsOf(cloud, step.call);
      await kind.update!(ctx, live, desired("families", want), changedPaths(plan));
      expect(callsOf(cloud, step.call), step.call).toBe(before + 1);
      const after = (await kind.read(contextFor(cloud), directoryId))!;
      expect(planned(kind, want, after).action, step.call).toBe("noop");
      expect(after.owner).toEqual({ stack: "test", name: "families" });
    }
    const final = (await kind.read(contextFor(cloud), directoryId))!;
    expect(final.properties.selfservicePermissions).toMatchObject({ rebuildWorkspace: "DISABLED", switchRunningMode: "ENABLED", increaseVolumeSize: "ENABLED" });
    expect(final.properties.tags).toEqual({ cost: "42" });
  });

  it("plans a replacement for other subnets, which delete-first then converges", async () => {
    const directoryId = await createDirectory(cloud);
    const ctx = contextFor(cloud);
    const want = { directoryId, subnetIds: [SUBNETS[0], SUBNETS[1]] };
    await kind.create(ctx, desired("moving", want));
    const live = await waitUntilSettled(kind, ctx, directoryId);

    const moved = { ...want, subnetIds: [SUBNETS[2], SUBNETS[0]] };
    const plan = planned(kind, moved, live);
    expect(plan).toMatchObject({ action: "replace", replacePaths: ["subnetIds"] });
    expect(kind.replaceOrder).toBe("delete-first");

    await kind.delete(ctx, live);
    await waitUntilGone(kind, ctx, directoryId);
    await kind.create(ctx, desired("moving", moved));
    const replaced = await waitUntilSettled(kind, ctx, directoryId);
    expect(replaced.properties.subnetIds).toEqual([SUBNETS[0], SUBNETS[2]]);
    expect(planned(kind, moved, replaced).action).toBe("noop");
  });

  it("plans a replacement to clear defaultOu, and leaves an omitted one alone", async () => {
    const directoryId = await createDirectory(cloud);
    const want = { directoryId, workspaceCreationProperties: { defaultOu: OU } };
    const live = await createReady(kind, contextFor(cloud), desired("ou", want));

    const cleared = planned(kind, { directoryId, workspaceCreationProperties: { defaultOu: null } }, live);
    expect(cleared).toMatchObject({ action: "replace", replacePaths: ["workspaceCreationProperties.defaultOu"] });
    const omitted = planned(kind, { directoryId, workspaceCreationProperties: { enableInternetAccess: false } }, live);
    expect(omitted.action).toBe("noop");
    const moved = planned(kind, { directoryId, workspaceCreationProperties: { defaultOu: "OU=Other,DC=corp,DC=example,DC=com" } }, live);
    expect(moved.action).toBe("update");
    // Never set: null matches what the service reports.
    expect(planned(kind, { directoryId, workspaceCreationProperties: { customSecurityGroupId: null } }, live).action).toBe("noop");
  });

  it("deregisters; the registration is read while DEREGISTERING, disappears at DEREGISTERED, and a second delete is a no-op", async () => {
    const slow = await startCloud({ settings: { deleteDelayMs: 300 } });
    try {
      const directoryId = await createDirectory(slow);
      const ctx = contextFor(slow);
      await kind.create(ctx, desired("leaving", { directoryId }));
      const live = await waitUntilSettled(kind, ctx, directoryId);
      await kind.delete(ctx, live);
      // The applier's delete wait ends only when reads stop finding it, so the directory is not deleted under a registration.
      expect((await kind.read(contextFor(slow), directoryId))?.outputs.state).toBe("DEREGISTERING");
      await expect(kind.delete(contextFor(slow), live)).resolves.toBeUndefined();
      await waitUntilGone(kind, ctx, directoryId);
      await expect(kind.delete(contextFor(slow), live)).resolves.toBeUndefined();
    } finally {
      await slow.close();
    }
  });

  it("refuses to deregister while WorkSpaces exist, with the service's reason", async () => {
    const directoryId = await createDirectory(cloud);
    const ctx = contextFor(cloud);
    await kind.create(ctx, desired("busy", { directoryId }));
    const live = await waitUntilSettled(kind, ctx, directoryId);
    const workspaceId = await seedWorkspaceIn(cloud, directoryId);

    const refusal = await kind.delete(ctx, live).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ProviderError);
    expect(refusal).toMatchObject({ code: "Invalid", awsName: "OperationNotSupportedException" });
    expect((refusal as ProviderError).message).toContain(`The directory ${directoryId} cannot be deregistered because it has 1 WorkSpace(s)`);

    await removeSeededWorkspace(cloud, workspaceId);
    await kind.delete(ctx, live);
    await waitUntilGone(kind, ctx, directoryId);
  });

  it("maps a missing directory to NotFound, and a directory registered by someone else to AlreadyExists", async () => {
    const missing = await kind.create(contextFor(cloud), desired("ghost", { directoryId: "d-0000000000" })).catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: "NotFound", awsName: "ResourceNotFoundException" });

    const directoryId = await createDirectory(cloud);
    await kind.create(contextFor(cloud), desired("first", { directoryId }));
    const taken = await kind.create(contextFor(cloud), desired("second", { directoryId })).catch((e: unknown) => e);
    expect(taken).toMatchObject({ code: "AlreadyExists", awsName: "ResourceAlreadyExistsException" });
  });

  it("resumes its own registration when a create is retried after a later step failed", async () => {
    const directoryId = await createDirectory(cloud);
    const want = { directoryId, clientProperties: { reconnectEnabled: "DISABLED" } };
    await kind.create(contextFor(cloud), desired("retried", { directoryId }));
    const resumed = await createReady(kind, contextFor(cloud), desired("retried", want));
    expect(resumed.id).toBe(directoryId);
    const read = await kind.read(contextFor(cloud), directoryId);
    expect(read?.properties.clientProperties).toMatchObject({ reconnectEnabled: "DISABLED" });
  });

  it("finds an untagged registration by directory ID and adopts it by adding the ownership tags", async () => {
    const directoryId = await createDirectory(cloud);
    const client = workspacesClient(cloud);
    await client.send(new RegisterWorkspaceDirectoryCommand({ DirectoryId: directoryId }));
    await client.send(new CreateTagsCommand({ ResourceId: directoryId, Tags: [{ Key: "team", Value: "euc" }] }));

    const found = (await kind.find(contextFor(cloud), desired("adopted", { directoryId })))!;
    expect(found.id).toBe(directoryId);
    expect(found.owner).toBeUndefined();
    const settled = await waitUntilSettled(kind, contextFor(cloud), directoryId);
    await kind.update!(contextFor(cloud), settled, desired("adopted", { directoryId, tags: { team: "euc" } }), ["tags"]);
    const adopted = (await kind.read(contextFor(cloud), directoryId))!;
    expect(adopted.owner).toEqual({ stack: "test", name: "adopted" });
    expect(adopted.properties.tags).toEqual({ team: "euc" });
  });

  it("asks again while the directory is not Active yet, and gives up with the service's message after a bounded time", async () => {
    const slow = await startCloud({ settings: { createDelayMs: 300 } });
    try {
      const directoryId = await createDirectory(slow, { waitForActive: false });
      const created = await kind.create(contextFor(slow), desired("early", { directoryId }));
      expect(created.id).toBe(directoryId);
      expect(callsOf(slow, "RegisterWorkspaceDirectory")).toBeGreaterThanOrEqual(2);
    } finally {
      await slow.close();
    }

    const stuck = await startCloud({ settings: { createDelayMs: 60_000 } });
    try {
      const directoryId = await createDirectory(stuck, { waitForActive: false });
      const ctx = contextFor(stuck);
      const refusal = await registerOrResume(ctx, desired("stuck", { directoryId }), async () => undefined, 150).catch((e: unknown) => e);
      expect(refusal).toMatchObject({
        code: "Invalid",
        awsName: "InvalidResourceStateException",
        isRetryable: false,
        context: { operation: "workspaces RegisterWorkspaceDirectory" },
      });
      expect((refusal as ProviderError).message).toMatch(/Confirm that the directory has a status of Active.*still refused after/);
      expect(REGISTER_SETTLE_MS).toBeGreaterThanOrEqual(60_000);
    } finally {
      await stuck.close();
    }
  });

  it("reads 30 IDs with two DescribeWorkspaceDirectories calls and one DescribeClientProperties call", async () => {
    const known = [await createDirectory(cloud), await createDirectory(cloud)];
    for (const [index, directoryId] of known.entries()) await kind.create(contextFor(cloud), desired(`batch-${index}`, { directoryId }));
    const unknown = Array.from({ length: 28 }, (_, i) => `d-${(0xa000000000 + i).toString(16)}`);
    const ctx = contextFor(cloud);
    cloud.resetStats();
    const lives = await Promise.all([...known, ...unknown].map((id) => kind.read(ctx, id)));
    expect(lives.filter((live) => live !== undefined).map((live) => live!.id)).toEqual(known);
    expect(callsOf(cloud, "DescribeWorkspaceDirectories")).toBe(2);
    expect(callsOf(cloud, "DescribeClientProperties")).toBe(1);
    expect(callsOf(cloud, "DescribeTags")).toBe(2);
  });

  it("reads for a wait with DescribeWorkspaceDirectories alone: the state and outputs, no tags or client properties", async () => {
    const directoryId = await createDirectory(cloud);
    await createReady(kind, contextFor(cloud), desired("waited", { directoryId, clientProperties: { reconnectEnabled: "DISABLED" } }));
    cloud.resetStats();
    const live = await kind.readForWait!(contextFor(cloud), directoryId);
    expect(kind.readiness(live!).state).toBe("ready");
    expect(live!.outputs).toMatchObject({ directoryId, state: "REGISTERED" });
    expect(cloud.stats().calls).toEqual({ "workspaces:DescribeWorkspaceDirectories": 1 });
  });

  it("lists every page of registrations once per run, with client properties 25 at a time", async () => {
    const own = await startCloud();
    try {
      const pool = (i: number): JsonObject => ({
        workspaceType: "POOLS",
        workspaceDirectoryName: `pool-${String(i).padStart(2, "0")}`,
        workspaceDirectoryDescription: "Pooled desktops",
        userIdentityType: "CUSTOMER_MANAGED",
        activeDirectoryConfig: {
          domainName: "corp.example.com",
          serviceAccountSecretArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:ws-service-account",
        },
      });
      const created = await Promise.all(Array.from({ length: 27 }, (_, i) => kind.create(contextFor(own), desired(`pool-${i}`, pool(i)))));
      expect(created.every((live) => /^wsd-[0-9a-z]{10}$/.test(live.id))).toBe(true);

      const ctx = contextFor(own);
      own.resetStats();
      const listed = await kind.list(ctx);
      expect(listed).toHaveLength(27);
      expect(await kind.list(ctx)).toHaveLength(27);
      const calls = own.stats().calls;
      expect(calls["workspaces:DescribeWorkspaceDirectories"]).toBe(2);
      expect(calls["workspaces:DescribeTags"]).toBe(27);
      expect(calls["workspaces:DescribeClientProperties"]).toBe(2);

      const found = await kind.find(contextFor(own), desired("pool-3", pool(3)));
      expect(found?.id).toBe(created[3].id);
      expect(planned(kind, pool(3), found!).action).toBe("noop");
    } finally {
      await own.close();
    }
  });
});
