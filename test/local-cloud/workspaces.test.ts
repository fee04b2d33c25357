import { ConnectDirectoryCommand, DeleteDirectoryCommand } from "@aws-sdk/client-directory-service";
import {
  CreateTagsCommand,
  DeleteTagsCommand,
  DeregisterWorkspaceDirectoryCommand,
  DescribeClientPropertiesCommand,
  DescribeTagsCommand,
  DescribeWorkspaceDirectoriesCommand,
  DescribeWorkspacesCommand,
  ModifyClientPropertiesCommand,
  ModifySelfservicePermissionsCommand,
  ModifyWorkspaceAccessPropertiesCommand,
  ModifyWorkspaceCreationPropertiesCommand,
  RegisterWorkspaceDirectoryCommand,
  type RegisterWorkspaceDirectoryCommandInput,
  type WorkSpacesClient,
  type WorkspaceDirectory,
} from "@aws-sdk/client-workspaces";
import { afterEach, describe, expect, it } from "vitest";
import type { LocalCloud, LocalCloudOptions } from "../../src/local-cloud/server.js";
import { localServices } from "../../src/local-cloud/services/index.js";
import { workspacesService } from "../../src/local-cloud/services/workspaces.js";
import {
  DNS_IPS,
  dsClient,
  removeSeededWorkspace,
  seedWorkspaceIn,
  startCloud,
  SUBNETS,
  throttling,
  workspacesClient,
} from "../providers/workspaces/support.js";

const CREATE_DELAY_MS = 1_000;
const DELETE_DELAY_MS = 500;
const SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:ws-service-account";

interface Harness {
  cloud: LocalCloud;
  client: WorkSpacesClient;
  advance(ms: number): void;
  /** An AD Connector through the real DS client, Active unless told otherwise. */
  directory(options?: { active?: boolean }): Promise<string>;
  register(input: Partial<RegisterWorkspaceDirectoryCommandInput>): Promise<string>;
  describe(id: string): Promise<WorkspaceDirectory | undefined>;
  raw(operation: string, input: unknown): Promise<{ status: number; type: string | null; body: Record<string, unknown> }>;
}

let open: LocalCloud[] = [];
afterEach(async () => {
  await Promise.all(open.map((cloud) => cloud.close()));
  open = [];
});

async function start(options: LocalCloudOptions = {}): Promise<Harness> {
  let now = Date.UTC(2026, 0, 1);
  const cloud = await startCloud({ now: () => now, ...options, settings: { createDelayMs: CREATE_DELAY_MS, deleteDelayMs: DELETE_DELAY_MS, ...options.settings } });
  open.push(cloud);
  const client = workspacesClient(cloud);
  const harness: Harness = {
    cloud,
    client,
    advance: (ms) => (now += ms),
    async directory({ active = true } = {}) {
      const { DirectoryId } = await dsClient(cloud).send(
        new ConnectDirectoryCommand({
          Name: "corp.example.com",
          Password: "Connector-Secret-1",
          Size: "Small",
          ConnectSettings: { VpcId: "vpc-0123456789abcdef0", SubnetIds: SUBNETS.slice(0, 2), CustomerDnsIps: DNS_IPS, CustomerUserName: "svc_connector" },
        }),
      );
      if (active) now += CREATE_DELAY_MS;
      return DirectoryId!;
    },
    async register(input) {
      return (await client.send(new RegisterWorkspaceDirectoryCommand(input))).DirectoryId!;
    },
    async describe(id) {
      return (await client.send(new DescribeWorkspaceDirectoriesCommand({ DirectoryIds: [id] }))).Directories?.[0];
    },
    async raw(operation, input) {
      const response = await fetch(cloud.url, {
        method: "POST",
        headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `WorkspacesService.${operation}` },
        body: JSON.stringify(input),
      });
      return { status: response.status, type: response.headers.get("x-amzn-errortype"), body: (await response.json()) as Record<string, unknown> };
    },
  };
  return harness;
}

/** A registered PERSONAL registration, settled. */
async function registered(h: Harness, input: Partial<RegisterWorkspaceDirectoryCommandInput> = {}): Promise<string> {
  const id = await h.register({ DirectoryId: await h.directory(), ...input });
  h.advance(CREATE_DELAY_MS);
  return id;
}

function pools(name: string): RegisterWorkspaceDirectoryCommandInput {
  return {
    WorkspaceType: "POOLS",
    WorkspaceDirectoryName: name,
    WorkspaceDirectoryDescription: "Pooled desktops",
    UserIdentityType: "CUSTOMER_MANAGED",
    ActiveDirectoryConfig: { DomainName: "corp.example.com", ServiceAccountSecretArn: SECRET_ARN },
  };
}

describe("local WorkSpaces: registration", () => {
  it("registers only an existing, Active directory, once", async () => {
    const h = await start();
    await expect(h.register({ DirectoryId: "d-0000000000" })).rejects.toMatchObject({ name: "ResourceNotFoundException", ResourceId: "d-0000000000" });

    const creating = await h.directory({ active: false });
    await expect(h.register({ DirectoryId: creating })).rejects.toMatchObject({
      name: "InvalidResourceStateException",
      message: expect.stringContaining("Confirm that the directory has a status of Active"),
    });

    h.advance(CREATE_DELAY_MS);
    const answer = await h.client.send(new RegisterWorkspaceDirectoryCommand({ DirectoryId: creating }));
    expect(answer).toMatchObject({ DirectoryId: creating, State: "REGISTERING" });
    expect((await h.describe(creating))?.State).toBe("REGISTERING");
    h.advance(CREATE_DELAY_MS);
    expect((await h.describe(creating))?.State).toBe("REGISTERED");
    await expect(h.register({ DirectoryId: creating })).rejects.toMatchObject({ name: "ResourceAlreadyExistsException" });
  });

  it("fills in the service's defaults and copies what it knows from the directory", async () => {
    const h = await start();
    const id = await registered(h);
    const directory = await h.describe(id);
    expect(directory).toMatchObject({
      DirectoryId: id,
      Alias: id,
      DirectoryName: "corp.example.com",
      DirectoryType: "AD_CONNECTOR",
      CustomerUserName: "svc_connector",
      DnsIpAddresses: DNS_IPS,
      SubnetIds: SUBNETS.slice(0, 2),
      IamRoleId: "arn:aws:iam::123456789012:role/workspaces_DefaultRole",
      Tenancy: "SHARED",
      WorkspaceType: "PERSONAL",
      SelfservicePermissions: { RestartWorkspace: "ENABLED", IncreaseVolumeSize: "DISABLED", ChangeComputeType: "DISABLED", SwitchRunningMode: "DISABLED", RebuildWorkspace: "DISABLED" },
      WorkspaceCreationProperties: { EnableInternetAccess: false, UserEnabledAsLocalAdministrator: true, EnableMaintenanceMode: true },
      WorkspaceAccessProperties: { DeviceTypeWindows: "ALLOW", DeviceTypeWeb: "DENY", DeviceTypeLinux: "DENY", DeviceTypeWorkSpacesThinClient: "DENY" },
    });
    expect(directory?.RegistrationCode).toMatch(/^SLiad\+[A-Z0-9]{6}$/);
    expect(directory?.WorkspaceSecurityGroupId).toMatch(/^sg-[0-9a-f]{17}$/);
    expect(directory?.WorkspaceCreationProperties).not.toHaveProperty("DefaultOu");
    const client = await h.client.send(new DescribeClientPropertiesCommand({ ResourceIds: [id] }));
    expect(client.ClientPropertiesList).toEqual([{ ResourceId: id, ClientProperties: { ReconnectEnabled: "ENABLED", LogUploadEnabled: "ENABLED" } }]);

    const selfService = await registered(h, { EnableSelfService: true, SubnetIds: [SUBNETS[2], SUBNETS[0]], Tenancy: "DEDICATED" });
    expect(await h.describe(selfService)).toMatchObject({
      SelfservicePermissions: { IncreaseVolumeSize: "ENABLED", RebuildWorkspace: "ENABLED" },
      SubnetIds: [SUBNETS[2], SUBNETS[0]],
      Tenancy: "DEDICATED",
    });
  });

  it("refuses EnableWorkDocs, which the current model no longer has", async () => {
    const h = await start();
    const answer = await h.raw("RegisterWorkspaceDirectory", { DirectoryId: await h.directory(), EnableWorkDocs: false });
    expect(answer.status).toBe(400);
    expect(answer.type).toBe("InvalidParameterValuesException");
    expect(answer.body).toEqual({ __type: "InvalidParameterValuesException", message: "EnableWorkDocs is not a parameter of RegisterWorkspaceDirectory." });
  });

  it("refuses subnets that are not two, and POOLS registrations without their name", async () => {
    const h = await start();
    const id = await h.directory();
    await expect(h.register({ DirectoryId: id, SubnetIds: [SUBNETS[0]] })).rejects.toMatchObject({ name: "OperationNotSupportedException" });
    await expect(h.register({ WorkspaceType: "POOLS" })).rejects.toMatchObject({ name: "InvalidParameterValuesException" });
    await expect(h.register({ ...pools("desks"), DirectoryId: id })).rejects.toMatchObject({ name: "InvalidParameterValuesException" });
  });

  it("gives POOLS registrations their own wsd- ID, unique by name, without self-service permissions", async () => {
    const h = await start();
    const id = await h.register(pools("desks"));
    expect(id).toMatch(/^wsd-[0-9a-z]{10}$/);
    await expect(h.register(pools("desks"))).rejects.toMatchObject({ name: "ResourceAlreadyExistsException" });
    await registered(h);
    h.advance(CREATE_DELAY_MS);

    const filtered = await h.client.send(new DescribeWorkspaceDirectoriesCommand({ Filters: [{ Name: "WORKSPACE_TYPE", Values: ["POOLS"] }] }));
    expect(filtered.Directories?.map((d) => d.DirectoryId)).toEqual([id]);
    const byName = await h.client.send(new DescribeWorkspaceDirectoriesCommand({ WorkspaceDirectoryNames: ["desks"] }));
    expect(byName.Directories?.[0]).toMatchObject({ DirectoryId: id, DirectoryType: "CUSTOMER_MANAGED", UserIdentityType: "CUSTOMER_MANAGED" });
    await expect(
      h.client.send(new ModifySelfservicePermissionsCommand({ ResourceId: id, SelfservicePermissions: { RestartWorkspace: "DISABLED" } })),
    ).rejects.toMatchObject({ name: "OperationNotSupportedException" });
  });

  it("limits registrations to settings.limits.workspacesDirectories", async () => {
    const h = await start({ settings: { limits: { connectedDirectories: 10, cloudOnlyMicrosoftAD: 20, workspacesDirectories: 1 } } });
    await h.register(pools("first"));
    await expect(h.register(pools("second"))).rejects.toMatchObject({ name: "ResourceLimitExceededException" });
  });
});

describe("local WorkSpaces: reads", () => {
  it("validates DescribeWorkspaceDirectories against the model; unknown IDs are simply absent", async () => {
    const h = await start();
    const ids = Array.from({ length: 26 }, (_, i) => `d-${(0xb000000000 + i).toString(16)}`);
    await expect(h.client.send(new DescribeWorkspaceDirectoriesCommand({ DirectoryIds: ids }))).rejects.toMatchObject({
      name: "InvalidParameterValuesException",
      message: expect.stringContaining("at 'directoryIds' failed to satisfy constraint: Member must have length less than or equal to 25"),
    });
    await expect(h.client.send(new DescribeWorkspaceDirectoriesCommand({ Limit: 26 }))).rejects.toMatchObject({ name: "InvalidParameterValuesException" });
    const answer = await h.client.send(new DescribeWorkspaceDirectoriesCommand({ DirectoryIds: ids.slice(0, 25) }));
    expect(answer.Directories).toEqual([]);
    await expect(h.client.send(new DescribeClientPropertiesCommand({ ResourceIds: ids }))).rejects.toMatchObject({ name: "InvalidParameterValuesException" });
    await expect(h.client.send(new DescribeClientPropertiesCommand({ ResourceIds: ids.slice(0, 2) }))).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });

  it("pages registrations in ID order", async () => {
    const h = await start();
    const ids = [await h.register(pools("a1")), await h.register(pools("a2")), await h.register(pools("a3"))].sort();
    const first = await h.client.send(new DescribeWorkspaceDirectoriesCommand({ Limit: 2 }));
    expect(first.Directories?.map((d) => d.DirectoryId)).toEqual(ids.slice(0, 2));
    const second = await h.client.send(new DescribeWorkspaceDirectoriesCommand({ Limit: 2, NextToken: first.NextToken }));
    expect(second.Directories?.map((d) => d.DirectoryId)).toEqual(ids.slice(2));
    expect(second.NextToken).toBeUndefined();
    await expect(h.client.send(new DescribeWorkspaceDirectoriesCommand({ NextToken: "bm90LWEtdG9rZW4" }))).rejects.toMatchObject({
      name: "InvalidParameterValuesException",
    });
  });

  it("answers throttled calls with ThrottlingException: Rate exceeded", async () => {
    const direct = workspacesService.throttlingResponse();
    expect(direct.status).toBe(400);
    expect(direct.headers?.["x-amzn-errortype"]).toBe("ThrottlingException");
    expect(JSON.parse(direct.body ?? "{}")).toEqual({ __type: "ThrottlingException", message: "Rate exceeded" });

    const services = localServices.map((s) => (s === workspacesService ? throttling(s, "DescribeTags", 1) : s));
    const h = await start({ services });
    await expect(h.client.send(new DescribeTagsCommand({ ResourceId: "d-1234567890" }))).rejects.toMatchObject({ name: "ThrottlingException", message: "Rate exceeded" });
  });
});

describe("local WorkSpaces: property families and tags", () => {
  it("changes only the members given, and only once REGISTERED", async () => {
    const h = await start();
    const id = await h.register({ DirectoryId: await h.directory() });
    const modify = () => h.client.send(new ModifyClientPropertiesCommand({ ResourceId: id, ClientProperties: { ReconnectEnabled: "DISABLED" } }));
    await expect(modify()).rejects.toMatchObject({ name: "OperationNotSupportedException" });
    h.advance(CREATE_DELAY_MS);
    await modify();

    await h.client.send(new ModifySelfservicePermissionsCommand({ ResourceId: id, SelfservicePermissions: { RebuildWorkspace: "ENABLED" } }));
    const ou = "OU=Desks,DC=corp,DC=example,DC=com";
    await h.client.send(new ModifyWorkspaceCreationPropertiesCommand({ ResourceId: id, WorkspaceCreationProperties: { DefaultOu: ou } }));
    await h.client.send(new ModifyWorkspaceCreationPropertiesCommand({ ResourceId: id, WorkspaceCreationProperties: { EnableInternetAccess: true } }));
    await h.client.send(new ModifyWorkspaceAccessPropertiesCommand({ ResourceId: id, WorkspaceAccessProperties: { DeviceTypeWeb: "ALLOW" } }));

    expect(await h.describe(id)).toMatchObject({
      SelfservicePermissions: { RestartWorkspace: "ENABLED", RebuildWorkspace: "ENABLED", IncreaseVolumeSize: "DISABLED" },
      WorkspaceCreationProperties: { DefaultOu: ou, EnableInternetAccess: true, EnableMaintenanceMode: true },
      WorkspaceAccessProperties: { DeviceTypeWeb: "ALLOW", DeviceTypeWindows: "ALLOW" },
    });
    const client = await h.client.send(new DescribeClientPropertiesCommand({ ResourceIds: [id] }));
    expect(client.ClientPropertiesList?.[0].ClientProperties).toEqual({ ReconnectEnabled: "DISABLED", LogUploadEnabled: "ENABLED" });
    await expect(
      h.client.send(new ModifyClientPropertiesCommand({ ResourceId: "d-0000000000", ClientProperties: { ReconnectEnabled: "DISABLED" } })),
    ).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });

  it("adds, overwrites and removes tags within the limits", async () => {
    const h = await start();
    const id = await h.register({ DirectoryId: await h.directory(), Tags: [{ Key: "team", Value: "euc" }] });
    await h.client.send(new CreateTagsCommand({ ResourceId: id, Tags: [{ Key: "team", Value: "desktops" }, { Key: "cost", Value: "42" }] }));
    await h.client.send(new DeleteTagsCommand({ ResourceId: id, TagKeys: ["cost", "absent"] }));
    expect((await h.client.send(new DescribeTagsCommand({ ResourceId: id }))).TagList).toEqual([{ Key: "team", Value: "desktops" }]);

    const many = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: "v" }));
    await expect(h.client.send(new CreateTagsCommand({ ResourceId: id, Tags: many }))).rejects.toMatchObject({ name: "ResourceLimitExceededException" });
    await expect(h.client.send(new CreateTagsCommand({ ResourceId: id, Tags: [{ Key: "aws:owner", Value: "x" }] }))).rejects.toMatchObject({
      name: "InvalidParameterValuesException",
    });
    await expect(h.client.send(new DescribeTagsCommand({ ResourceId: "d-0000000000" }))).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });
});

describe("local WorkSpaces: deregistration", () => {
  it("is refused while REGISTERING or while WorkSpaces exist, then goes DEREGISTERING → DEREGISTERED → gone", async () => {
    const h = await start();
    const id = await h.register({ DirectoryId: await h.directory() });
    const deregister = () => h.client.send(new DeregisterWorkspaceDirectoryCommand({ DirectoryId: id }));
    await expect(deregister()).rejects.toMatchObject({ name: "InvalidResourceStateException" });
    h.advance(CREATE_DELAY_MS);

    const workspaceId = await seedWorkspaceIn(h.cloud, id, "jdoe");
    const workspaces = await h.client.send(new DescribeWorkspacesCommand({ DirectoryId: id }));
    expect(workspaces.Workspaces).toEqual([{ WorkspaceId: workspaceId, DirectoryId: id, UserName: "jdoe", BundleId: "wsb-clj85qzj1", State: "AVAILABLE" }]);
    await expect(deregister()).rejects.toMatchObject({
      name: "OperationNotSupportedException",
      message: `The directory ${id} cannot be deregistered because it has 1 WorkSpace(s). Remove all WorkSpaces from the directory and try again.`,
    });

    await removeSeededWorkspace(h.cloud, workspaceId);
    await deregister();
    expect((await h.describe(id))?.State).toBe("DEREGISTERING");
    await expect(deregister()).rejects.toMatchObject({ name: "InvalidResourceStateException" });
    h.advance(DELETE_DELAY_MS);
    expect((await h.describe(id))?.State).toBe("DEREGISTERED");
    await expect(h.client.send(new DescribeTagsCommand({ ResourceId: id }))).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    await expect(deregister()).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    h.advance(DELETE_DELAY_MS);
    expect(await h.describe(id)).toBeUndefined();
    expect((await h.register({ DirectoryId: id }))).toBe(id);
  });
  it("keeps its directory from being deleted until it is DEREGISTERED, as an authorised application", async () => {
    const h = await start();
    const id = await registered(h);
    const deleteDirectory = () => dsClient(h.cloud).send(new DeleteDirectoryCommand({ DirectoryId: id }));
    const refused = { name: "ClientException", message: "Cannot delete the directory because it still has authorized applications." };
    await expect(deleteDirectory()).rejects.toMatchObject(refused);
    await h.client.send(new DeregisterWorkspaceDirectoryCommand({ DirectoryId: id }));
    await expect(deleteDirectory()).rejects.toMatchObject(refused);
    h.advance(DELETE_DELAY_MS);
    await expect(deleteDirectory()).resolves.toMatchObject({ DirectoryId: id });
  });
});
