import {
  ConnectDirectoryCommand,
  CreateMicrosoftADCommand,
  DeleteDirectoryCommand,
  DescribeDirectoriesCommand,
  GetDirectoryLimitsCommand,
  type DirectoryDescription,
} from "@aws-sdk/client-directory-service";
import { afterEach, describe, expect, test } from "vitest";
import { directoryService } from "../../src/local-cloud/services/ds.js";
import {
  adminPassword,
  connectorInput,
  connectorPassword,
  createDelayMs,
  deleteDelayMs,
  failure,
  microsoftAdInput,
  startDs,
  type DsHarness,
} from "./ds-harness.js";

let ds: DsHarness;
afterEach(() => ds?.close());

async function describeOne(id: string): Promise<DirectoryDescription> {
  const out = await ds.client.send(new DescribeDirectoriesCommand({ DirectoryIds: [id] }));
  return out.DirectoryDescriptions![0];
}

describe("creating directories", () => {
  test("an AD Connector walks Requested → Creating → Active and describes itself without its password", async () => {
    ds = await startDs();
    const { DirectoryId } = await ds.client.send(new ConnectDirectoryCommand(connectorInput({ Tags: [{ Key: "adstack:stack", Value: "demo" }] })));
    expect(DirectoryId).toMatch(/^d-[0-9a-f]{10}$/);
    expect((await describeOne(DirectoryId!)).Stage).toBe("Requested");
    ds.clock.advance(createDelayMs / 2);
    expect((await describeOne(DirectoryId!)).Stage).toBe("Creating");
    ds.clock.advance(createDelayMs / 2);
    const live = await describeOne(DirectoryId!);
    expect(live).toMatchObject({
      DirectoryId,
      Type: "ADConnector",
      Stage: "Active",
      Name: "corp.example.com",
      ShortName: "CORP",
      Size: "Small",
      Alias: DirectoryId,
      AccessUrl: `${DirectoryId}.awsapps.com`,
      SsoEnabled: false,
      DnsIpAddrs: ["10.0.0.10", "10.0.1.10"],
      ConnectSettings: { VpcId: "vpc-0a1b2c3d", SubnetIds: ["subnet-0a1b2c3d", "subnet-4e5f6a7b"], CustomerUserName: "svc-adconnector" },
    });
    expect(live.ConnectSettings?.SecurityGroupId).toMatch(/^sg-[0-9a-f]{17}$/);
    expect(new Set(live.ConnectSettings?.AvailabilityZones).size).toBe(2);
    expect(live.LaunchTime).toBeInstanceOf(Date);
    const wire = await ds.raw("DescribeDirectories", {});
    expect(wire.text).not.toContain(connectorPassword);
  });

  test("a Microsoft AD defaults to Enterprise, has two domain controllers and never returns the admin password", async () => {
    ds = await startDs();
    const { DirectoryId } = await ds.client.send(new CreateMicrosoftADCommand(microsoftAdInput()));
    const creating = await describeOne(DirectoryId!);
    expect(creating).toMatchObject({ Type: "MicrosoftAD", Edition: "Enterprise", DesiredNumberOfDomainControllers: 2 });
    expect(creating.DnsIpAddrs).toBeUndefined();
    ds.clock.advance(createDelayMs);
    const active = await describeOne(DirectoryId!);
    expect(active.Stage).toBe("Active");
    expect(active.DnsIpAddrs).toHaveLength(2);
    expect(active.VpcSettings?.VpcId).toBe("vpc-0a1b2c3d");
    const standard = await ds.client.send(new CreateMicrosoftADCommand(microsoftAdInput({ Name: "std.example.com", Edition: "Standard" })));
    expect((await describeOne(standard.DirectoryId!)).Edition).toBe("Standard");
    expect((await ds.raw("DescribeDirectories", {})).text).not.toContain(adminPassword);
  });

  test("input is validated against the model before anything happens", async () => {
    ds = await startDs();
    const bad = await failure(ds.client.send(new DescribeDirectoriesCommand({ DirectoryIds: ["d-NOTHEX"] })));
    expect(bad).toMatchObject({ name: "InvalidParameterException", status: 400 });
    expect(bad.message).toContain("Value 'd-NOTHEX' at 'directoryIds.1.member' failed to satisfy constraint");
    const weak = "weakpassword";
    const rejected = await failure(ds.client.send(new CreateMicrosoftADCommand(microsoftAdInput({ Password: weak }))));
    expect(rejected.name).toBe("InvalidParameterException");
    expect(rejected.message).toContain("at 'password'");
    expect(rejected.message).not.toContain(`'${weak}'`);
    const wire = await ds.raw("CreateMicrosoftAD", microsoftAdInput({ Password: weak }));
    expect(JSON.parse(wire.text)).toMatchObject({ __type: "InvalidParameterException", RequestId: expect.any(String) });
    expect(wire.text).not.toContain(`'${weak}'`);
    const oneSubnet = connectorInput({ ConnectSettings: { ...connectorInput().ConnectSettings, SubnetIds: ["subnet-0a1b2c3d"] } });
    expect((await failure(ds.client.send(new ConnectDirectoryCommand(oneSubnet)))).name).toBe("InvalidParameterException");
  });

  test("a connector the domain rejects ends in Stage Failed with the service's reason", async () => {
    ds = await startDs();
    const badPassword = await ds.client.send(new ConnectDirectoryCommand(connectorInput({ Password: "fail-on-purpose" })));
    const deadDns = await ds.client.send(
      new ConnectDirectoryCommand(connectorInput({ ConnectSettings: { ...connectorInput().ConnectSettings, CustomerDnsIps: ["192.0.2.1"] } })),
    );
    expect((await describeOne(badPassword.DirectoryId!)).Stage).toBe("Requested");
    ds.clock.advance(createDelayMs);
    expect(await describeOne(badPassword.DirectoryId!)).toMatchObject({
      Stage: "Failed",
      StageReason: "Configuration issues detected: Invalid credentials (bad username/password) for IP: 10.0.0.10",
    });
    expect(await describeOne(deadDns.DirectoryId!)).toMatchObject({
      Stage: "Failed",
      StageReason: "Connectivity issues detected: DNS unavailable (TCP port 53) for IP: 192.0.2.1",
    });
  });
});

describe("reading directories", () => {
  test("a batch naming one unknown id fails as a whole, naming that id; an empty batch is invalid", async () => {
    ds = await startDs();
    const { DirectoryId } = await ds.client.send(new ConnectDirectoryCommand(connectorInput()));
    const missing = await failure(ds.client.send(new DescribeDirectoriesCommand({ DirectoryIds: [DirectoryId!, "d-0000000000"] })));
    expect(missing).toEqual({ name: "EntityDoesNotExistException", message: "Directory d-0000000000 does not exist.", status: 400 });
    const empty = await failure(ds.client.send(new DescribeDirectoriesCommand({ DirectoryIds: [] })));
    expect(empty.name).toBe("InvalidParameterException");
  });

  test("listing is paginated: 10 per page by default and for Limit 0, fewer when asked", async () => {
    ds = await startDs({ settings: { limits: { connectedDirectories: 30, cloudOnlyMicrosoftAD: 30, workspacesDirectories: 50 } } });
    const created = new Set<string>();
    for (let i = 0; i < 23; i++) created.add((await ds.client.send(new ConnectDirectoryCommand(connectorInput()))).DirectoryId!);
    const pageSizes = async (limit?: number) => {
      const sizes: number[] = [];
      const seen = new Set<string>();
      let token: string | undefined;
      do {
        const page = await ds.client.send(new DescribeDirectoriesCommand({ Limit: limit, NextToken: token }));
        sizes.push(page.DirectoryDescriptions!.length);
        page.DirectoryDescriptions!.forEach((d) => seen.add(d.DirectoryId!));
        token = page.NextToken;
      } while (token);
      expect(seen).toEqual(created);
      return sizes;
    };
    expect(await pageSizes()).toEqual([10, 10, 3]);
    expect(await pageSizes(0)).toEqual([10, 10, 3]);
    expect(await pageSizes(100)).toEqual([10, 10, 3]);
    expect(await pageSizes(9)).toEqual([9, 9, 5]);
    const bad = await failure(ds.client.send(new DescribeDirectoriesCommand({ NextToken: "not-a-token" })));
    expect(bad.name).toBe("InvalidNextTokenException");
  });
});

describe("limits and deletion", () => {
  test("directory limits are enforced per type and reported by GetDirectoryLimits", async () => {
    ds = await startDs({ settings: { limits: { connectedDirectories: 2, cloudOnlyMicrosoftAD: 1, workspacesDirectories: 50 } } });
    await ds.client.send(new ConnectDirectoryCommand(connectorInput()));
    await ds.client.send(new ConnectDirectoryCommand(connectorInput()));
    expect((await failure(ds.client.send(new ConnectDirectoryCommand(connectorInput())))).name).toBe("DirectoryLimitExceededException");
    await ds.client.send(new CreateMicrosoftADCommand(microsoftAdInput()));
    const limits = (await ds.client.send(new GetDirectoryLimitsCommand({}))).DirectoryLimits;
    expect(limits).toMatchObject({
      ConnectedDirectoriesLimit: 2,
      ConnectedDirectoriesCurrentCount: 2,
      ConnectedDirectoriesLimitReached: true,
      CloudOnlyMicrosoftADLimit: 1,
      CloudOnlyMicrosoftADCurrentCount: 1,
      CloudOnlyMicrosoftADLimitReached: true,
    });
  });

  test("DeleteDirectory: Deleting, then gone; a directory still deleting counts against the limit", async () => {
    ds = await startDs({ settings: { limits: { connectedDirectories: 1, cloudOnlyMicrosoftAD: 1, workspacesDirectories: 50 } } });
    const { DirectoryId } = await ds.client.send(new ConnectDirectoryCommand(connectorInput()));
    ds.clock.advance(createDelayMs);
    expect(await ds.client.send(new DeleteDirectoryCommand({ DirectoryId }))).toMatchObject({ DirectoryId });
    expect((await describeOne(DirectoryId!)).Stage).toBe("Deleting");
    expect((await failure(ds.client.send(new ConnectDirectoryCommand(connectorInput())))).name).toBe("DirectoryLimitExceededException");
    ds.clock.advance(deleteDelayMs);
    expect((await failure(ds.client.send(new DescribeDirectoriesCommand({ DirectoryIds: [DirectoryId!] })))).name).toBe("EntityDoesNotExistException");
    expect((await failure(ds.client.send(new DeleteDirectoryCommand({ DirectoryId })))).name).toBe("EntityDoesNotExistException");
    await ds.client.send(new ConnectDirectoryCommand(connectorInput()));
  });

  test("throttling answers in DS's own shape: ClientException, Rate exceeded", () => {
    const response = directoryService.throttlingResponse();
    expect(response.status).toBe(400);
    expect(response.headers?.["x-amzn-errortype"]).toBe("ClientException");
    expect(JSON.parse(response.body!)).toMatchObject({ __type: "ClientException", Message: "Rate exceeded" });
  });
});
