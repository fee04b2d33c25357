import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConnectDirectoryCommand, DeleteDirectoryCommand } from "@aws-sdk/client-directory-service";
import { dsClient, DNS_IPS, SUBNETS } from "../providers/workspaces/support.js";
import { ACCOUNT, CA_ARN, CREATE_DELAY_MS, DELETE_DELAY_MS, REGION, seg, startPcaWire, type PcaWire } from "./pca-harness.js";

const UUID = "[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}";
const CONNECTOR_ARN = new RegExp(`^arn:aws:pca-connector-ad:${REGION}:${ACCOUNT}:connector/${UUID}$`);
const TEMPLATE_ARN = new RegExp(`^arn:aws:pca-connector-ad:${REGION}:${ACCOUNT}:connector/${UUID}/template/${UUID}$`);

const connectorBody = (extra: Record<string, unknown> = {}) => ({
  CertificateAuthorityArn: CA_ARN,
  DirectoryId: "d-1234567890",
  VpcInformation: { SecurityGroupIds: ["sg-01234567"] },
  ...extra,
});

const definition = {
  TemplateV2: {
    CertificateValidity: { ValidityPeriod: { Period: 1, PeriodType: "YEARS" }, RenewalPeriod: { Period: 6, PeriodType: "WEEKS" } },
    EnrollmentFlags: {},
    Extensions: { KeyUsage: { UsageFlags: { DigitalSignature: true } } },
    GeneralFlags: { MachineType: true },
    PrivateKeyAttributes: { KeySpec: "KEY_EXCHANGE", MinimalKeyLength: 2048 },
    PrivateKeyFlags: { ClientVersion: "WINDOWS_SERVER_2012_R2" },
    SubjectNameFlags: { RequireDnsAsCn: true },
  },
};

let wire: PcaWire;
beforeEach(async () => {
  wire = await startPcaWire();
});
afterEach(async () => {
  await wire.close();
});

/** A connector and a registration for the same directory, both ACTIVE. */
async function activeConnectorAndRegistration(): Promise<{ connectorArn: string; registrationArn: string }> {
  const connector = await wire.call("POST", "/connectors", { body: connectorBody() });
  const registration = await wire.call("POST", "/directoryRegistrations", { body: { DirectoryId: "d-1234567890" } });
  wire.advance(CREATE_DELAY_MS);
  return { connectorArn: connector.body.ConnectorArn as string, registrationArn: registration.body.DirectoryRegistrationArn as string };
}

describe("PCA local service: the front door", () => {
  it("refuses a request without Authorization", async () => {
    const answer = await wire.call("GET", "/connectors", { sign: false });
    expect(answer.status).toBe(403);
    expect(answer.headers.get("x-amzn-errortype")).toBe("MissingAuthenticationTokenException");
  });

  it("refuses a request signed for another service", async () => {
    const answer = await wire.call("GET", "/connectors", { sign: "ds" });
    expect(answer.status).toBe(403);
    expect(answer.headers.get("x-amzn-errortype")).toBe("InvalidSignatureException");
    expect(answer.body.message).toMatch(/pca-connector-ad/);
  });

  it("validates input against the model, labels and query included", async () => {
    const bad = await wire.call("POST", "/connectors", { body: connectorBody({ VpcInformation: { SecurityGroupIds: [] } }) });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("x-amzn-errortype")).toBe("ValidationException");
    expect(bad.body).toMatchObject({ Reason: "FIELD_VALIDATION_FAILED" });
    expect(bad.body.Message).toMatch(/vpcInformation\.securityGroupIds/);
    const badPage = await wire.call("GET", "/connectors", { query: { MaxResults: "5000" } });
    expect(badPage.status).toBe(400);
    const badLabel = await wire.call("GET", `/connectors/${seg("arn:aws:not-a-connector")}`);
    expect(badLabel.status).toBe(400);
  });
});

describe("PCA local service: operations", () => {
  it("answers with the model's status codes", async () => {
    const connector = await wire.call("POST", "/connectors", { body: connectorBody() });
    expect(connector.status).toBe(202);
    const connectorArn = connector.body.ConnectorArn as string;
    expect(connectorArn).toMatch(CONNECTOR_ARN);
    const registration = await wire.call("POST", "/directoryRegistrations", { body: { DirectoryId: "d-1234567890" } });
    expect(registration.status).toBe(202);
    expect(registration.body.DirectoryRegistrationArn).toBe(`arn:aws:pca-connector-ad:${REGION}:${ACCOUNT}:directory-registration/d-1234567890`);
    const registrationArn = registration.body.DirectoryRegistrationArn as string;
    wire.advance(CREATE_DELAY_MS);

    const spnPath = `/directoryRegistrations/${seg(registrationArn)}/servicePrincipalNames/${seg(connectorArn)}`;
    expect((await wire.call("POST", spnPath, { body: {} })).status).toBe(202);
    const template = await wire.call("POST", "/templates", { body: { ConnectorArn: connectorArn, Name: "Computer", Definition: definition } });
    expect(template.status).toBe(200);
    expect(template.body.TemplateArn).toMatch(TEMPLATE_ARN);
    const templatePath = `/templates/${seg(template.body.TemplateArn as string)}`;
    const ace = { GroupSecurityIdentifier: "S-1-5-21-1111-2222-3333-515", GroupDisplayName: "Domain Computers", AccessRights: { Enroll: "ALLOW", AutoEnroll: "ALLOW" } };
    expect((await wire.call("POST", `${templatePath}/accessControlEntries`, { body: ace })).status).toBe(200);
    expect((await wire.call("PATCH", templatePath, { body: { Definition: definition } })).status).toBe(200);

    const tagged = await wire.call("POST", `/tags/${seg(connectorArn)}`, { body: { Tags: { team: "pki" } } });
    expect(tagged.status).toBe(204);
    expect(tagged.text).toBe("");
    expect((await wire.call("DELETE", `/tags/${seg(connectorArn)}`, { query: { tagKeys: ["team"] } })).status).toBe(204);

    expect((await wire.call("DELETE", `${templatePath}/accessControlEntries/${seg(ace.GroupSecurityIdentifier)}`)).status).toBe(200);
    expect((await wire.call("DELETE", templatePath)).status).toBe(202);
    expect((await wire.call("DELETE", spnPath)).status).toBe(202);
    expect((await wire.call("DELETE", `/connectors/${seg(connectorArn)}`)).status).toBe(202);
    expect((await wire.call("DELETE", `/directoryRegistrations/${seg(registrationArn)}`)).status).toBe(202);
  });

  it("keeps a directory with a registration or a connector from being deleted until they are gone", async () => {
    const ds = dsClient(wire.cloud);
    const { DirectoryId } = await ds.send(
      new ConnectDirectoryCommand({
        Name: "corp.example.com",
        Password: "Connector-Secret-1",
        Size: "Small",
        ConnectSettings: { VpcId: "vpc-0123456789abcdef0", SubnetIds: SUBNETS.slice(0, 2), CustomerDnsIps: DNS_IPS, CustomerUserName: "svc_connector" },
      }),
    );
    const registration = await wire.call("POST", "/directoryRegistrations", { body: { DirectoryId } });
    const connector = await wire.call("POST", "/connectors", { body: connectorBody({ DirectoryId }) });
    wire.advance(CREATE_DELAY_MS);
    const deleteDirectory = () => ds.send(new DeleteDirectoryCommand({ DirectoryId }));
    const refused = { name: "ClientException", message: "Cannot delete the directory because it still has authorized applications." };
    await expect(deleteDirectory()).rejects.toMatchObject(refused);
    await wire.call("DELETE", `/directoryRegistrations/${seg(registration.body.DirectoryRegistrationArn as string)}`);
    wire.advance(DELETE_DELAY_MS);
    await expect(deleteDirectory()).rejects.toMatchObject(refused);
    await wire.call("DELETE", `/connectors/${seg(connector.body.ConnectorArn as string)}`);
    await expect(deleteDirectory()).rejects.toMatchObject(refused);
    wire.advance(DELETE_DELAY_MS);
    await expect(deleteDirectory()).resolves.toMatchObject({ DirectoryId });
  });

  it("moves connectors CREATING → ACTIVE and DELETING → gone with the clock", async () => {
    const { ConnectorArn } = (await wire.call("POST", "/connectors", { body: connectorBody() })).body as { ConnectorArn: string };
    const get = () => wire.call("GET", `/connectors/${seg(ConnectorArn)}`);
    expect((await get()).body).toMatchObject({ Connector: { Status: "CREATING", VpcInformation: { IpAddressType: "IPV4" } } });
    wire.advance(CREATE_DELAY_MS);
    expect((await get()).body).toMatchObject({ Connector: { Status: "ACTIVE", DirectoryId: "d-1234567890" } });
    await wire.call("DELETE", `/connectors/${seg(ConnectorArn)}`);
    expect((await get()).body).toMatchObject({ Connector: { Status: "DELETING" } });
    wire.advance(DELETE_DELAY_MS);
    const gone = await get();
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ ResourceId: ConnectorArn, ResourceType: "Connector" });
  });

  it("fails a connector to an unreachable CA with PRIVATECA_RESOURCE_NOT_FOUND", async () => {
    const caArn = CA_ARN.replace("11111111-", "00000000-");
    const { ConnectorArn } = (await wire.call("POST", "/connectors", { body: connectorBody({ CertificateAuthorityArn: caArn }) })).body;
    wire.advance(CREATE_DELAY_MS);
    const listed = await wire.call("GET", "/connectors");
    expect(listed.body.Connectors).toEqual([expect.objectContaining({ Arn: ConnectorArn, Status: "FAILED", StatusReason: "PRIVATECA_RESOURCE_NOT_FOUND" })]);
  });

  it("replays a ClientToken with the same input and refuses it with another", async () => {
    const first = await wire.call("POST", "/connectors", { body: connectorBody({ ClientToken: "token-1" }) });
    const again = await wire.call("POST", "/connectors", { body: connectorBody({ ClientToken: "token-1" }) });
    expect(again.status).toBe(202);
    expect(again.body.ConnectorArn).toBe(first.body.ConnectorArn);
    const changed = await wire.call("POST", "/connectors", { body: connectorBody({ ClientToken: "token-1", Tags: { a: "b" } }) });
    expect(changed.status).toBe(409);
    expect(changed.headers.get("x-amzn-errortype")).toBe("ConflictException");
    expect((await wire.call("GET", "/connectors")).body.Connectors).toHaveLength(1);
  });

  it("allows one connector per directory and CA, one registration per directory, one template name per connector", async () => {
    await wire.call("POST", "/connectors", { body: connectorBody({ ClientToken: "a" }) });
    const second = await wire.call("POST", "/connectors", { body: connectorBody({ ClientToken: "b" }) });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ ResourceType: "Connector" });

    await wire.call("POST", "/directoryRegistrations", { body: { DirectoryId: "d-2222222222", ClientToken: "a" } });
    const registration = await wire.call("POST", "/directoryRegistrations", { body: { DirectoryId: "d-2222222222", ClientToken: "b" } });
    expect(registration.status).toBe(409);

    wire.advance(CREATE_DELAY_MS);
    const connectorArn = ((await wire.call("GET", "/connectors")).body.Connectors as Array<{ Arn: string }>)[0].Arn;
    await wire.call("POST", "/templates", { body: { ConnectorArn: connectorArn, Name: "Computer", Definition: definition } });
    const duplicate = await wire.call("POST", "/templates", { body: { ConnectorArn: connectorArn, Name: "Computer", Definition: definition } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({ ResourceType: "Template" });
  });

  it("creates service principal names only between ACTIVE parents of the same directory", async () => {
    const connector = await wire.call("POST", "/connectors", { body: connectorBody() });
    const registration = await wire.call("POST", "/directoryRegistrations", { body: { DirectoryId: "d-1234567890" } });
    const other = await wire.call("POST", "/directoryRegistrations", { body: { DirectoryId: "d-9999999999" } });
    const spnPath = (registrationArn: unknown) =>
      `/directoryRegistrations/${seg(registrationArn as string)}/servicePrincipalNames/${seg(connector.body.ConnectorArn as string)}`;
    const early = await wire.call("POST", spnPath(registration.body.DirectoryRegistrationArn), { body: {} });
    expect(early.body).toMatchObject({ Reason: "INVALID_STATE" });
    wire.advance(CREATE_DELAY_MS);
    const mismatched = await wire.call("POST", spnPath(other.body.DirectoryRegistrationArn), { body: {} });
    expect(mismatched.body).toMatchObject({ Reason: "MISMATCHED_CONNECTOR" });
    expect((await wire.call("POST", spnPath(registration.body.DirectoryRegistrationArn), { body: {} })).status).toBe(202);
    expect((await wire.call("POST", spnPath(registration.body.DirectoryRegistrationArn), { body: {} })).status).toBe(202);
    const listed = await wire.call("GET", `/directoryRegistrations/${seg(registration.body.DirectoryRegistrationArn as string)}/servicePrincipalNames`);
    expect(listed.body.ServicePrincipalNames).toEqual([expect.objectContaining({ Status: "CREATING" })]);
  });

  it("refuses autoenrollment without enrollment and counts template revisions", async () => {
    const { connectorArn } = await activeConnectorAndRegistration();
    const { TemplateArn } = (await wire.call("POST", "/templates", { body: { ConnectorArn: connectorArn, Name: "Computer", Definition: definition } })).body;
    const templatePath = `/templates/${seg(TemplateArn as string)}`;
    const ace = { GroupSecurityIdentifier: "S-1-5-21-1111-2222-3333-515", GroupDisplayName: "Computers", AccessRights: { Enroll: "DENY", AutoEnroll: "ALLOW" } };
    const refused = await wire.call("POST", `${templatePath}/accessControlEntries`, { body: ace });
    expect(refused.status).toBe(400);
    expect(refused.headers.get("x-amzn-errortype")).toBe("ValidationException");

    await wire.call("PATCH", templatePath, { body: { Definition: definition } });
    expect((await wire.call("GET", templatePath)).body).toMatchObject({ Template: { Revision: { MajorRevision: 1, MinorRevision: 1 }, PolicySchema: 2 } });
    await wire.call("PATCH", templatePath, { body: { Definition: definition, ReenrollAllCertificateHolders: true } });
    expect((await wire.call("GET", templatePath)).body).toMatchObject({ Template: { Revision: { MajorRevision: 2, MinorRevision: 0 } } });
  });

  it("answers ResourceNotFoundException for unknown ARNs, and deletes a connector's templates with it", async () => {
    const { connectorArn } = await activeConnectorAndRegistration();
    const { TemplateArn } = (await wire.call("POST", "/templates", { body: { ConnectorArn: connectorArn, Name: "Computer", Definition: definition } })).body;
    await wire.call("DELETE", `/connectors/${seg(connectorArn)}`);
    wire.advance(DELETE_DELAY_MS);
    for (const path of [`/templates/${seg(TemplateArn as string)}`, `/tags/${seg(connectorArn)}`]) {
      const answer = await wire.call("GET", path);
      expect(answer.status).toBe(404);
      expect(answer.headers.get("x-amzn-errortype")).toBe("ResourceNotFoundException");
    }
    expect((await wire.call("GET", "/templates", { query: { ConnectorArn: connectorArn } })).status).toBe(404);
  });

  it("pages lists with MaxResults and refuses a forged NextToken", async () => {
    for (let i = 0; i < 3; i += 1) await wire.call("POST", "/directoryRegistrations", { body: { DirectoryId: `d-000000000${i}` } });
    const first = await wire.call("GET", "/directoryRegistrations", { query: { MaxResults: "2" } });
    expect(first.body.DirectoryRegistrations).toHaveLength(2);
    expect(first.body.NextToken).toMatch(/^(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-]{2}==|[A-Za-z0-9_-]{3}=)?$/);
    const second = await wire.call("GET", "/directoryRegistrations", { query: { MaxResults: "2", NextToken: first.body.NextToken as string } });
    expect(second.body.DirectoryRegistrations).toHaveLength(1);
    expect(second.body.NextToken).toBeUndefined();
    expect((await wire.call("GET", "/directoryRegistrations", { query: { NextToken: "AAAA" } })).status).toBe(400);
  });
});

describe("PCA local service: shared state", () => {
  it("lets two servers on one state file agree on a status computed from the clock", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pca-state-"));
    const clock = { now: Date.UTC(2026, 0, 1) };
    const a = await startPcaWire({ stateFile: join(dir, "state.json"), clock });
    const b = await startPcaWire({ stateFile: join(dir, "state.json"), clock });
    try {
      const { ConnectorArn } = (await a.call("POST", "/connectors", { body: connectorBody() })).body;
      clock.now += CREATE_DELAY_MS;
      expect((await b.call("GET", `/connectors/${seg(ConnectorArn as string)}`)).body).toMatchObject({ Connector: { Status: "ACTIVE" } });
      expect((await a.call("GET", `/connectors/${seg(ConnectorArn as string)}`)).body).toMatchObject({ Connector: { Status: "ACTIVE" } });
    } finally {
      await a.close();
      await b.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
