import {
  ConnectDirectoryCommand,
  CreateConditionalForwarderCommand,
  CreateMicrosoftADCommand,
  CreateTrustCommand,
  DeleteConditionalForwarderCommand,
  DeleteDirectoryCommand,
  DeleteTrustCommand,
  DescribeConditionalForwardersCommand,
  DescribeTrustsCommand,
  UpdateConditionalForwarderCommand,
  UpdateTrustCommand,
  VerifyTrustCommand,
  type CreateTrustCommandInput,
} from "@aws-sdk/client-directory-service";
import { afterEach, describe, expect, test } from "vitest";
import { connectorInput, createDelayMs, deleteDelayMs, failure, microsoftAdInput, startDs, type DsHarness } from "./ds-harness.js";

let ds: DsHarness;
afterEach(() => ds?.close());

const trustPassword = "Trust-Pass-789!";

async function activeMicrosoftAd(): Promise<string> {
  const { DirectoryId } = await ds.client.send(new CreateMicrosoftADCommand(microsoftAdInput()));
  ds.clock.advance(createDelayMs);
  return DirectoryId!;
}

function trustInput(directoryId: string, overrides: Partial<CreateTrustCommandInput> = {}): CreateTrustCommandInput {
  return { DirectoryId: directoryId, RemoteDomainName: "onprem.example.org", TrustPassword: trustPassword, TrustDirection: "Two-Way", ...overrides };
}

async function trust(trustId: string) {
  return (await ds.client.send(new DescribeTrustsCommand({ TrustIds: [trustId] }))).Trusts![0];
}

async function forwarders(directoryId: string) {
  return (await ds.client.send(new DescribeConditionalForwardersCommand({ DirectoryId: directoryId }))).ConditionalForwarders;
}

describe("trusts", () => {
  test("only on an Active Microsoft AD that exists", async () => {
    ds = await startDs();
    const { DirectoryId: connector } = await ds.client.send(new ConnectDirectoryCommand(connectorInput()));
    const { DirectoryId: creating } = await ds.client.send(new CreateMicrosoftADCommand(microsoftAdInput()));
    expect((await failure(ds.client.send(new CreateTrustCommand(trustInput(creating!))))).name).toBe("ClientException");
    ds.clock.advance(createDelayMs);
    const onConnector = await failure(ds.client.send(new CreateTrustCommand(trustInput(connector!))));
    expect(onConnector.name).toBe("UnsupportedOperationException");
    expect(onConnector.message).toBe(`Creating a trust is not supported for ADConnector directory ${connector}.`);
    expect((await failure(ds.client.send(new CreateTrustCommand(trustInput("d-00000000ff"))))).name).toBe("EntityDoesNotExistException");
  });

  test("a two-way trust walks Creating → Created → Verifying → VerifyFailed; its forwarder is created with it", async () => {
    ds = await startDs();
    const directoryId = await activeMicrosoftAd();
    const { TrustId } = await ds.client.send(new CreateTrustCommand(trustInput(directoryId, { ConditionalForwarderIpAddrs: ["10.10.0.2"] })));
    expect(TrustId).toMatch(/^t-[0-9a-f]{10}$/);
    expect(await trust(TrustId!)).toMatchObject({ DirectoryId: directoryId, TrustState: "Creating", TrustType: "Forest", SelectiveAuth: "Disabled" });
    ds.clock.advance(createDelayMs / 3);
    expect((await trust(TrustId!)).TrustState).toBe("Created");
    ds.clock.advance(createDelayMs / 3);
    expect((await trust(TrustId!)).TrustState).toBe("Verifying");
    ds.clock.advance(createDelayMs / 3);
    expect(await trust(TrustId!)).toMatchObject({ TrustState: "VerifyFailed", TrustStateReason: expect.stringContaining("could not be contacted") });
    expect(await forwarders(directoryId)).toEqual([{ RemoteDomainName: "onprem.example.org", DnsIpAddrs: ["10.10.0.2"], ReplicationScope: "Domain" }]);
    await ds.client.send(new VerifyTrustCommand({ TrustId }));
    expect((await trust(TrustId!)).TrustState).toBe("Verifying");
    const wire = await ds.raw("DescribeTrusts", { DirectoryId: directoryId });
    expect(wire.text).not.toContain(trustPassword);
  });

  test("a one-way incoming trust stops at Created; one trust per remote domain", async () => {
    ds = await startDs();
    const directoryId = await activeMicrosoftAd();
    const { TrustId } = await ds.client.send(new CreateTrustCommand(trustInput(directoryId, { TrustDirection: "One-Way: Incoming" })));
    ds.clock.advance(createDelayMs * 5);
    expect((await trust(TrustId!)).TrustState).toBe("Created");
    const duplicate = await failure(ds.client.send(new CreateTrustCommand(trustInput(directoryId, { RemoteDomainName: "ONPREM.example.org." }))));
    expect(duplicate.name).toBe("EntityAlreadyExistsException");
    expect((await failure(ds.client.send(new VerifyTrustCommand({ TrustId }))))?.name).toBe("UnsupportedOperationException");
  });

  test("DescribeTrusts by directory, by ids and across the account, paginated; unknown ids fail", async () => {
    ds = await startDs();
    const first = await activeMicrosoftAd();
    const second = await activeMicrosoftAd();
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await ds.client.send(new CreateTrustCommand(trustInput(first, { RemoteDomainName: `f${i}.example.org` })))).TrustId!);
    const other = (await ds.client.send(new CreateTrustCommand(trustInput(second)))).TrustId!;
    const page1 = await ds.client.send(new DescribeTrustsCommand({ DirectoryId: first }));
    expect(page1.Trusts).toHaveLength(10);
    const page2 = await ds.client.send(new DescribeTrustsCommand({ DirectoryId: first, NextToken: page1.NextToken }));
    expect(page2.NextToken).toBeUndefined();
    expect([...page1.Trusts!, ...page2.Trusts!].map((t) => t.TrustId).sort()).toEqual([...ids].sort());
    // Across the account: 13 trusts come back over two pages of at most 10, whatever their ids.
    const allFirst = await ds.client.send(new DescribeTrustsCommand({ Limit: 20 }));
    expect(allFirst.Trusts).toHaveLength(10);
    const allRest = await ds.client.send(new DescribeTrustsCommand({ Limit: 20, NextToken: allFirst.NextToken }));
    expect([...allFirst.Trusts!, ...allRest.Trusts!].map((t) => t.TrustId).sort()).toEqual([...ids, other].sort());
    expect((await ds.client.send(new DescribeTrustsCommand({ TrustIds: [other, ids[0]] }))).Trusts).toHaveLength(2);
    expect((await failure(ds.client.send(new DescribeTrustsCommand({ TrustIds: ["t-00000000ff"] })))).name).toBe("EntityDoesNotExistException");
    expect((await failure(ds.client.send(new DescribeTrustsCommand({ DirectoryId: first, TrustIds: [other] })))).name).toBe(
      "EntityDoesNotExistException",
    );
    expect((await failure(ds.client.send(new DescribeTrustsCommand({ TrustIds: [] })))).name).toBe("InvalidParameterException");
  });

  test("UpdateTrust changes SelectiveAuth; DeleteTrust can take the forwarder with it", async () => {
    ds = await startDs();
    const directoryId = await activeMicrosoftAd();
    const { TrustId } = await ds.client.send(new CreateTrustCommand(trustInput(directoryId, { ConditionalForwarderIpAddrs: ["10.10.0.2"] })));
    ds.clock.advance(createDelayMs);
    const updated = await ds.client.send(new UpdateTrustCommand({ TrustId, SelectiveAuth: "Enabled" }));
    expect(updated.TrustId).toBe(TrustId);
    expect(await trust(TrustId!)).toMatchObject({ TrustState: "Updating", SelectiveAuth: "Enabled" });
    ds.clock.advance(createDelayMs);
    expect((await trust(TrustId!)).TrustState).toBe("VerifyFailed");
    await ds.client.send(new DeleteTrustCommand({ TrustId, DeleteAssociatedConditionalForwarder: true }));
    expect((await trust(TrustId!)).TrustState).toBe("Deleting");
    expect(await forwarders(directoryId)).toEqual([]);
    ds.clock.advance(deleteDelayMs);
    expect((await failure(ds.client.send(new DescribeTrustsCommand({ TrustIds: [TrustId!] })))).name).toBe("EntityDoesNotExistException");
    expect((await failure(ds.client.send(new DeleteTrustCommand({ TrustId })))).name).toBe("EntityDoesNotExistException");
  });

  test("deleting a directory takes its trusts with it", async () => {
    ds = await startDs();
    const directoryId = await activeMicrosoftAd();
    const { TrustId } = await ds.client.send(new CreateTrustCommand(trustInput(directoryId)));
    await ds.client.send(new DeleteDirectoryCommand({ DirectoryId: directoryId }));
    expect((await trust(TrustId!)).TrustState).toBe("Deleting");
    ds.clock.advance(deleteDelayMs);
    expect((await ds.client.send(new DescribeTrustsCommand({}))).Trusts).toEqual([]);
  });
});

describe("conditional forwarders", () => {
  test("create, describe, update and delete on a Microsoft AD", async () => {
    ds = await startDs();
    const directoryId = await activeMicrosoftAd();
    const base = { DirectoryId: directoryId, RemoteDomainName: "partner.example.net" };
    await ds.client.send(new CreateConditionalForwarderCommand({ ...base, DnsIpAddrs: ["10.20.0.2"] }));
    expect((await failure(ds.client.send(new CreateConditionalForwarderCommand({ ...base, DnsIpAddrs: ["10.20.0.3"] })))).name).toBe(
      "EntityAlreadyExistsException",
    );
    await ds.client.send(new UpdateConditionalForwarderCommand({ ...base, DnsIpAddrs: ["10.20.0.3", "10.20.0.4"] }));
    const named = await ds.client.send(new DescribeConditionalForwardersCommand({ DirectoryId: directoryId, RemoteDomainNames: ["partner.example.net"] }));
    expect(named.ConditionalForwarders).toEqual([{ RemoteDomainName: "partner.example.net", DnsIpAddrs: ["10.20.0.3", "10.20.0.4"], ReplicationScope: "Domain" }]);
    const creatingTrust = await failure(
      ds.client.send(new CreateTrustCommand(trustInput(directoryId, { RemoteDomainName: "partner.example.net", ConditionalForwarderIpAddrs: ["10.20.0.9"] }))),
    );
    expect(creatingTrust.name).toBe("EntityAlreadyExistsException");
    await ds.client.send(new DeleteConditionalForwarderCommand(base));
    expect(await forwarders(directoryId)).toEqual([]);
    expect((await failure(ds.client.send(new DeleteConditionalForwarderCommand(base)))).name).toBe("EntityDoesNotExistException");
  });

  test("the rules around them: addresses needed, no trailing dot, not on AD Connector, not while creating", async () => {
    ds = await startDs();
    const directoryId = await activeMicrosoftAd();
    const noAddresses = await failure(ds.client.send(new CreateConditionalForwarderCommand({ DirectoryId: directoryId, RemoteDomainName: "a.example.net" })));
    expect(noAddresses.name).toBe("InvalidParameterException");
    const trailingDot = await failure(
      ds.client.send(new CreateConditionalForwarderCommand({ DirectoryId: directoryId, RemoteDomainName: "a.example.net.", DnsIpAddrs: ["10.0.0.1"] })),
    );
    expect(trailingDot.name).toBe("InvalidParameterException");
    const { DirectoryId: connector } = await ds.client.send(new ConnectDirectoryCommand(connectorInput()));
    expect((await failure(ds.client.send(new DescribeConditionalForwardersCommand({ DirectoryId: connector })))).name).toBe(
      "UnsupportedOperationException",
    );
    const { DirectoryId: creating } = await ds.client.send(new CreateMicrosoftADCommand(microsoftAdInput()));
    expect((await failure(ds.client.send(new DescribeConditionalForwardersCommand({ DirectoryId: creating })))).name).toBe(
      "DirectoryUnavailableException",
    );
  });
});
