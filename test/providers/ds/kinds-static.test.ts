import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import type { Live } from "../../../src/core/resource-kind.js";
import { allKinds } from "../../../src/providers/index.js";
import { adConnector } from "../../../src/providers/ds/ad-connector.js";
import { classifyDsError } from "../../../src/providers/ds/client.js";
import { microsoftAd } from "../../../src/providers/ds/microsoft-ad.js";
import { trust } from "../../../src/providers/ds/trust.js";

const ajv = new Ajv({ strict: true, allErrors: true, useDefaults: true });

const connectorProps = () => ({
  name: "corp.example.com",
  password: "connector-pw",
  size: "Small",
  connectSettings: {
    vpcId: "vpc-0123456789abcdef0",
    subnetIds: ["subnet-0000000b", "subnet-0000000a"],
    customerDnsIps: ["10.0.0.20", "10.0.0.10"],
    customerUserName: "svc_adconnector",
  },
  alias: "corp-example",
  sso: { enabled: true, userName: "spn.admin", password: "spn-pw" },
  tags: { team: "identity" },
});

describe("DS kind schemas", () => {
  it("compile under ajv strict mode with the u flag", () => {
    for (const kind of [adConnector, microsoftAd, trust]) expect(() => ajv.compile(kind.schema)).not.toThrow();
  });

  it("are registered in allKinds", () => {
    expect(allKinds.map((k) => k.type)).toEqual(expect.arrayContaining(["ds/ad-connector", "ds/microsoft-ad", "ds/trust"]));
  });

  it("accept a well-formed AD Connector and reject model violations", () => {
    const validate = ajv.compile(adConnector.schema);
    expect(validate(connectorProps())).toBe(true);
    expect(validate({ ...connectorProps(), name: "corp.example.com." })).toBe(false);
    expect(validate({ ...connectorProps(), size: "Medium" })).toBe(false);
    expect(validate({ ...connectorProps(), alias: "d-abc" })).toBe(false);
    // The service matches model patterns against the whole value, so a valid prefix is not enough.
    expect(validate({ ...connectorProps(), alias: "corp_sso" })).toBe(false);
    expect(validate({ ...connectorProps(), sso: { enabled: true, userName: "spn admin", password: "spn-pw" } })).toBe(false);
    expect(validate({ ...connectorProps(), connectSettings: { ...connectorProps().connectSettings, customerUserName: "svc adconnector" } })).toBe(false);
    expect(validate({ ...connectorProps(), extra: 1 })).toBe(false);
    expect(validate({ ...connectorProps(), tags: { "aws:cost": "x" } })).toBe(false);
    expect(validate({ ...connectorProps(), tags: { "adstack:stack": "x" } })).toBe(false);
    expect(validate({ ...connectorProps(), tags: { "Kostenstelle é": "Zürich 1" } })).toBe(true);
    const { alias: _alias, ...withoutAlias } = connectorProps();
    expect(validate(withoutAlias)).toBe(false);
    expect(validate({ ...withoutAlias, sso: { enabled: false } })).toBe(true);
    const badSubnet = connectorProps();
    badSubnet.connectSettings.subnetIds = ["subnet-xyz"];
    expect(validate(badSubnet)).toBe(false);
  });

  it("checks the Microsoft AD password rule and fills the edition default", () => {
    const validate = ajv.compile(microsoftAd.schema);
    const props: Record<string, unknown> = {
      name: "corp.example.com",
      password: "Sup3rSecret",
      vpcSettings: { vpcId: "vpc-01234567", subnetIds: ["subnet-01234567", "subnet-89abcdef"] },
    };
    expect(validate(props)).toBe(true);
    expect(props.edition).toBe("Enterprise");
    expect(validate({ ...props, password: "alllowercase" })).toBe(false);
    expect(validate({ ...props, desiredNumberOfDomainControllers: 1 })).toBe(false);
  });

  it("accepts trust passwords of letters, digits, punctuation and spaces", () => {
    const validate = ajv.compile(trust.schema);
    const props = { directoryId: "d-0123456789", remoteDomainName: "onprem.example.com.", trustPassword: "Tr ust!#Pässwort9", trustDirection: "Two-Way" };
    expect(validate(props)).toBe(true);
    expect((props as Record<string, unknown>).trustType).toBe("Forest");
    expect(validate({ ...props, trustPassword: "tab\there" })).toBe(false);
    expect(validate({ ...props, trustDirection: "Sideways" })).toBe(false);
  });
});

describe("DS normalisation and impact", () => {
  it("sorts set-like lists and leaves everything else alone", () => {
    const normal = adConnector.normalize!(connectorProps());
    expect(normal.connectSettings).toMatchObject({ subnetIds: ["subnet-0000000a", "subnet-0000000b"], customerDnsIps: ["10.0.0.10", "10.0.0.20"] });
    expect(normal).not.toHaveProperty("networkType");
    expect(adConnector.normalize!({ name: "x" })).toEqual({ name: "x" });
  });

  it("canonicalises the remote domain and forwarder list of a trust", () => {
    const normal = trust.normalize!({ directoryId: "d-0123456789", remoteDomainName: "OnPrem.Example.com.", conditionalForwarderIpAddrs: ["10.1.0.2", "10.1.0.1"] });
    expect(normal).toEqual({ directoryId: "d-0123456789", remoteDomainName: "onprem.example.com", conditionalForwarderIpAddrs: ["10.1.0.1", "10.1.0.2"] });
    expect(trust.naturalKey!({ directoryId: "d-0123456789", remoteDomainName: "OnPrem.Example.com." })).toBe("d-0123456789/onprem.example.com");
    expect(trust.naturalKey!({ remoteDomainName: "x.com" })).toBeUndefined();
  });

  it("treats the alias as set-once", () => {
    expect(adConnector.impactOf!("alias", undefined, "corp")).toBe("update");
    expect(microsoftAd.impactOf!("alias", "corp", "corp2")).toBe("replace");
    expect(microsoftAd.impactOf!("alias", "corp", undefined)).toBe("replace");
    expect(microsoftAd.impactOf!("tags.team", "a", "b")).toBeUndefined();
  });

  it("never diffs write-only fields or lets replaceOn cover in-place paths", () => {
    for (const kind of [adConnector, microsoftAd]) {
      expect(kind.writeOnly).toEqual(["password", "sso.password"]);
      expect(kind.inputOnly).toEqual(["sso.userName"]);
      expect(kind.replaceOn).not.toEqual(expect.arrayContaining(["tags"]));
      expect(kind.replaceOn.some((p) => p === "alias" || p === "sso")).toBe(false);
    }
    expect(trust.replaceOn).not.toContain("selectiveAuth");
    expect(trust.replaceOn).not.toContain("conditionalForwarderIpAddrs");
  });
});

describe("DS readiness", () => {
  const directory = (stage: string, stageReason?: string): Live => ({ id: "d-0123456789", properties: {}, outputs: stageReason ? { stage, stageReason } : { stage } });
  const trustLive = (trustState: string, trustDirection = "Two-Way", trustStateReason?: string): Live => ({
    id: "t-0123456789",
    properties: { trustDirection },
    outputs: trustStateReason ? { trustState, trustStateReason } : { trustState },
  });

  it.each([
    ["Active", "ready"],
    ["Requested", "pending"],
    ["Creating", "pending"],
    ["Created", "pending"],
    ["Updating", "pending"],
    ["Failed", "failed"],
    ["Impaired", "failed"],
    ["Inoperable", "failed"],
  ])("directory stage %s is %s", (stage, state) => {
    expect(adConnector.readiness(directory(stage)).state).toBe(state);
  });

  it("keeps the service's reason for a failed directory", () => {
    expect(microsoftAd.readiness(directory("Failed", "Invalid credentials"))).toEqual({ state: "failed", reason: "Invalid credentials" });
  });

  it.each([
    ["Verified", "Two-Way", "ready"],
    ["VerifyFailed", "Two-Way", "ready"],
    ["Created", "One-Way: Incoming", "ready"],
    ["Created", "One-Way: Outgoing", "pending"],
    ["Creating", "Two-Way", "pending"],
    ["Verifying", "Two-Way", "pending"],
    ["Updating", "Two-Way", "pending"],
    ["Failed", "Two-Way", "failed"],
    ["UpdateFailed", "Two-Way", "failed"],
  ])("trust state %s (%s) is %s", (state, direction, expected) => {
    expect(trust.readiness(trustLive(state, direction)).state).toBe(expected);
  });

  it("shows why a trust could not be verified", () => {
    expect(trust.readiness(trustLive("VerifyFailed", "Two-Way", "Access is denied"))).toEqual({ state: "ready", reason: "Access is denied" });
  });
});

describe("classifyDsError", () => {
  it.each([
    ["DescribeDirectories", "EntityDoesNotExistException", "", "NotFound"],
    ["CreateAlias", "EntityAlreadyExistsException", "", "AlreadyExists"],
    ["DescribeDirectories", "ServiceException", "", "Unavailable"],
    ["UpdateConditionalForwarder", "DirectoryUnavailableException", "", "Conflict"],
    ["DeleteDirectory", "ClientException", "Cannot delete the directory because it still has authorized applications.", "Conflict"],
    ["ConnectDirectory", "ClientException", "Cannot delete the directory because it still has authorized applications.", "Invalid"],
    ["EnableSso", "AuthenticationFailedException", "", "AccessDenied"],
    ["EnableSso", "InsufficientPermissionsException", "", "AccessDenied"],
    ["ConnectDirectory", "DirectoryLimitExceededException", "", undefined],
  ] as const)("%s %s %s → %s", (operation, name, message, code) => {
    expect(classifyDsError(operation, name, message)).toBe(code);
  });
});
