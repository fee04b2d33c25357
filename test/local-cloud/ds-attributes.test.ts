import {
  AddTagsToResourceCommand,
  ConnectDirectoryCommand,
  CreateAliasCommand,
  CreateMicrosoftADCommand,
  DescribeDirectoriesCommand,
  DescribeDomainControllersCommand,
  DisableSsoCommand,
  EnableSsoCommand,
  ListTagsForResourceCommand,
  RemoveTagsFromResourceCommand,
  UpdateDirectorySetupCommand,
  UpdateNumberOfDomainControllersCommand,
  type DirectoryDescription,
} from "@aws-sdk/client-directory-service";
import { afterEach, describe, expect, test } from "vitest";
import { connectorInput, createDelayMs, deleteDelayMs, failure, microsoftAdInput, startDs, type DsHarness } from "./ds-harness.js";

let ds: DsHarness;
afterEach(() => ds?.close());

async function describeOne(id: string): Promise<DirectoryDescription> {
  return (await ds.client.send(new DescribeDirectoriesCommand({ DirectoryIds: [id] }))).DirectoryDescriptions![0];
}

async function activeConnector(): Promise<string> {
  const { DirectoryId } = await ds.client.send(new ConnectDirectoryCommand(connectorInput()));
  ds.clock.advance(createDelayMs);
  return DirectoryId!;
}

describe("alias and single sign-on", () => {
  test("an alias needs an Active directory, is set once, and builds the access URL", async () => {
    ds = await startDs();
    const { DirectoryId } = await ds.client.send(new ConnectDirectoryCommand(connectorInput()));
    const early = await failure(ds.client.send(new CreateAliasCommand({ DirectoryId, Alias: "corp-portal" })));
    expect(early.name).toBe("ClientException");
    ds.clock.advance(createDelayMs);
    expect(await ds.client.send(new CreateAliasCommand({ DirectoryId, Alias: "corp-portal" }))).toMatchObject({ DirectoryId, Alias: "corp-portal" });
    expect(await describeOne(DirectoryId!)).toMatchObject({ Alias: "corp-portal", AccessUrl: "corp-portal.awsapps.com" });
    const second = await failure(ds.client.send(new CreateAliasCommand({ DirectoryId, Alias: "corp-other" })));
    expect(second.name).toBe("EntityAlreadyExistsException");
    const invalid = await failure(ds.client.send(new CreateAliasCommand({ DirectoryId, Alias: "d-looks-like-an-id" })));
    expect(invalid.name).toBe("InvalidParameterException");
  });

  test("an alias is globally unique and never reused, even after its directory is gone", async () => {
    ds = await startDs();
    const first = await activeConnector();
    await ds.client.send(new CreateAliasCommand({ DirectoryId: first, Alias: "shared-name" }));
    const other = await activeConnector();
    expect((await failure(ds.client.send(new CreateAliasCommand({ DirectoryId: other, Alias: "Shared-Name" })))).name).toBe(
      "EntityAlreadyExistsException",
    );
    await ds.raw("DeleteDirectory", { DirectoryId: first });
    ds.clock.advance(deleteDelayMs);
    expect((await failure(ds.client.send(new CreateAliasCommand({ DirectoryId: other, Alias: "shared-name" })))).name).toBe(
      "EntityAlreadyExistsException",
    );
  });

  test("SSO needs an alias; enable and disable flip SsoEnabled; alternate credentials are never echoed", async () => {
    ds = await startDs();
    const id = await activeConnector();
    const noAlias = await failure(ds.client.send(new EnableSsoCommand({ DirectoryId: id })));
    expect(noAlias.name).toBe("ClientException");
    await ds.client.send(new CreateAliasCommand({ DirectoryId: id, Alias: "sso-portal" }));
    await ds.client.send(new EnableSsoCommand({ DirectoryId: id, UserName: "sso-admin", Password: "Sso-Alt-Pass-1" }));
    expect((await describeOne(id)).SsoEnabled).toBe(true);
    const rejected = await ds.raw("EnableSso", { DirectoryId: id, UserName: "sso-admin", Password: "fail-on-purpose" });
    expect(JSON.parse(rejected.text).__type).toBe("AuthenticationFailedException");
    expect(rejected.text).not.toContain("fail-on-purpose");
    await ds.client.send(new DisableSsoCommand({ DirectoryId: id }));
    await ds.client.send(new DisableSsoCommand({ DirectoryId: id }));
    expect((await describeOne(id)).SsoEnabled).toBe(false);
  });
});

describe("tags", () => {
  test("create-time tags, add overwrites, remove, list", async () => {
    ds = await startDs();
    const { DirectoryId } = await ds.client.send(new ConnectDirectoryCommand(connectorInput({ Tags: [{ Key: "adstack:stack", Value: "demo" }] })));
    await ds.client.send(
      new AddTagsToResourceCommand({ ResourceId: DirectoryId, Tags: [{ Key: "adstack:stack", Value: "prod" }, { Key: "team", Value: "identity" }] }),
    );
    await ds.client.send(new RemoveTagsFromResourceCommand({ ResourceId: DirectoryId, TagKeys: ["team", "never-there"] }));
    const { Tags } = await ds.client.send(new ListTagsForResourceCommand({ ResourceId: DirectoryId }));
    expect(Tags).toEqual([{ Key: "adstack:stack", Value: "prod" }]);
  });

  test("at most 50 tags, no aws: keys, model patterns, unknown directories", async () => {
    ds = await startDs();
    const { DirectoryId } = await ds.client.send(new ConnectDirectoryCommand(connectorInput()));
    const fifty = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: "v" }));
    await ds.client.send(new AddTagsToResourceCommand({ ResourceId: DirectoryId, Tags: fifty }));
    const tooMany = await failure(ds.client.send(new AddTagsToResourceCommand({ ResourceId: DirectoryId, Tags: [{ Key: "one-more", Value: "v" }] })));
    expect(tooMany.name).toBe("TagLimitExceededException");
    const reserved = await failure(ds.client.send(new AddTagsToResourceCommand({ ResourceId: DirectoryId, Tags: [{ Key: "aws:owner", Value: "x" }] })));
    expect(reserved.name).toBe("InvalidParameterException");
    const badValue = await failure(ds.client.send(new AddTagsToResourceCommand({ ResourceId: DirectoryId, Tags: [{ Key: "k0", Value: "a|b" }] })));
    expect(badValue.message).toContain("at 'tags.1.member.value'");
    const unknown = await failure(ds.client.send(new ListTagsForResourceCommand({ ResourceId: "d-00000000ff" })));
    expect(unknown.name).toBe("EntityDoesNotExistException");
  });
});

describe("domain controllers and directory setup", () => {
  test("UpdateNumberOfDomainControllers adds Creating controllers and removes with Deleting", async () => {
    ds = await startDs();
    const { DirectoryId } = await ds.client.send(new CreateMicrosoftADCommand(microsoftAdInput()));
    const early = await failure(ds.client.send(new UpdateNumberOfDomainControllersCommand({ DirectoryId, DesiredNumber: 3 })));
    expect(early.name).toBe("DirectoryUnavailableException");
    ds.clock.advance(createDelayMs);
    await ds.client.send(new UpdateNumberOfDomainControllersCommand({ DirectoryId, DesiredNumber: 3 }));
    const statuses = async () =>
      ((await ds.client.send(new DescribeDomainControllersCommand({ DirectoryId }))).DomainControllers ?? []).map((dc) => dc.Status).sort();
    expect(await statuses()).toEqual(["Active", "Active", "Creating"]);
    expect((await describeOne(DirectoryId!)).DesiredNumberOfDomainControllers).toBe(3);
    const busy = await failure(ds.client.send(new UpdateNumberOfDomainControllersCommand({ DirectoryId, DesiredNumber: 2 })));
    expect(busy.name).toBe("DirectoryUnavailableException");
    ds.clock.advance(createDelayMs);
    await ds.client.send(new UpdateNumberOfDomainControllersCommand({ DirectoryId, DesiredNumber: 2 }));
    expect(await statuses()).toEqual(["Active", "Active", "Deleting"]);
    ds.clock.advance(deleteDelayMs);
    expect(await statuses()).toEqual(["Active", "Active"]);
    const tooFew = await failure(ds.client.send(new UpdateNumberOfDomainControllersCommand({ DirectoryId, DesiredNumber: 1 })));
    expect(tooFew.name).toBe("InvalidParameterException");
    const connector = await activeConnector();
    const unsupported = await failure(ds.client.send(new UpdateNumberOfDomainControllersCommand({ DirectoryId: connector, DesiredNumber: 3 })));
    expect(unsupported.name).toBe("UnsupportedOperationException");
  });

  test("UpdateDirectorySetup changes the network type through Updating, and refuses a no-op", async () => {
    ds = await startDs();
    const { DirectoryId } = await ds.client.send(new CreateMicrosoftADCommand(microsoftAdInput()));
    ds.clock.advance(createDelayMs);
    await ds.client.send(new UpdateDirectorySetupCommand({ DirectoryId, UpdateType: "NETWORK", NetworkUpdateSettings: { NetworkType: "Dual-stack" } }));
    expect(await describeOne(DirectoryId!)).toMatchObject({ Stage: "Updating", NetworkType: "Dual-stack" });
    ds.clock.advance(createDelayMs);
    expect((await describeOne(DirectoryId!)).Stage).toBe("Active");
    const same = await failure(
      ds.client.send(new UpdateDirectorySetupCommand({ DirectoryId, UpdateType: "NETWORK", NetworkUpdateSettings: { NetworkType: "Dual-stack" } })),
    );
    expect(same.name).toBe("DirectoryInDesiredStateException");
    const unknown = await failure(ds.client.send(new UpdateDirectorySetupCommand({ DirectoryId: "d-00000000ff", UpdateType: "OS", OSUpdateSettings: { OSVersion: "SERVER_2019" } })));
    expect(unknown.name).toBe("DirectoryDoesNotExistException");
  });

  test("UpdateDirectorySetup NETWORK upgrades IPv4 to Dual-stack and refuses every other network type change", async () => {
    ds = await startDs();
    const network = (DirectoryId: string, NetworkType: "IPv4" | "Dual-stack" | "IPv6", CustomerDnsIpsV6?: string[]) =>
      ds.client.send(new UpdateDirectorySetupCommand({ DirectoryId, UpdateType: "NETWORK", NetworkUpdateSettings: { NetworkType, CustomerDnsIpsV6 } }));
    const { DirectoryId: managed } = await ds.client.send(new CreateMicrosoftADCommand(microsoftAdInput()));
    ds.clock.advance(createDelayMs);
    expect((await failure(network(managed!, "IPv6"))).name).toBe("UnsupportedOperationException");
    await network(managed!, "Dual-stack");
    ds.clock.advance(createDelayMs);
    const downgrade = await failure(network(managed!, "IPv4"));
    expect(downgrade).toMatchObject({ name: "UnsupportedOperationException", message: expect.stringContaining("only IPv4 to Dual-stack") });
    expect((await failure(network(managed!, "IPv6"))).name).toBe("UnsupportedOperationException");
    expect((await describeOne(managed!)).NetworkType).toBe("Dual-stack");

    const connector = await activeConnector();
    const withoutDns = await failure(network(connector, "Dual-stack"));
    expect(withoutDns).toMatchObject({ name: "InvalidParameterException", message: expect.stringContaining("CustomerDnsIpsV6") });
    await network(connector, "Dual-stack", ["2001:db8::10"]);
    expect(await describeOne(connector)).toMatchObject({ Stage: "Updating", NetworkType: "Dual-stack", DnsIpv6Addrs: ["2001:db8::10"] });
    const busy = await failure(network(connector, "Dual-stack", ["2001:db8::20"]));
    expect(busy.name).toBe("DirectoryUnavailableException");
    ds.clock.advance(createDelayMs);
    expect((await failure(network(connector, "Dual-stack", ["2001:db8::10"]))).name).toBe("DirectoryInDesiredStateException");
    await network(connector, "Dual-stack", ["2001:db8::20", "2001:db8::10"]);
    ds.clock.advance(createDelayMs);
    expect(await describeOne(connector)).toMatchObject({ Stage: "Active", NetworkType: "Dual-stack", DnsIpv6Addrs: ["2001:db8::20", "2001:db8::10"] });
    expect((await failure(network(connector, "IPv4", ["2001:db8::10"]))).name).toBe("UnsupportedOperationException");
  });
});
