import { buildRegistry, type Registry } from "../../src/core/registry.js";
import type { JsonSchema, ResourceKind } from "../../src/core/resource-kind.js";

const notCalled = (): never => {
  throw new Error("the config loader must never call a kind's lifecycle");
};

/** A kind with only the declarations the loader reads; its lifecycle throws if touched. */
export function fakeKind(type: string, schema: JsonSchema, extra: Partial<Pick<ResourceKind, "writeOnly" | "outputs" | "description">> = {}): ResourceKind {
  return {
    type,
    description: extra.description ?? `A fake ${type} for config tests.`,
    schema,
    replaceOn: [],
    writeOnly: extra.writeOnly ?? [],
    outputs: extra.outputs ?? [],
    isCreateIdempotent: true,
    timeouts: { createMs: 1, updateMs: 1, deleteMs: 1, pollMs: 1 },
    readiness: () => ({ state: "ready" }),
    list: notCalled,
    find: notCalled,
    read: notCalled,
    create: notCalled,
    delete: notCalled,
  };
}

/** The schema of a kind's properties: a closed object with these required and known properties. */
function propertiesSchema(required: string[], properties: Record<string, JsonSchema>): JsonSchema {
  return { type: "object", additionalProperties: false, required, properties };
}

const subnetIds: JsonSchema = {
  type: "array",
  description: "Two subnets in different Availability Zones.",
  minItems: 2,
  maxItems: 2,
  uniqueItems: true,
  items: { type: "string", pattern: "^(subnet-[0-9a-f]{8}|subnet-[0-9a-f]{17})$" },
};
const vpcId: JsonSchema = { type: "string", description: "The VPC.", pattern: "^(vpc-[0-9a-f]{8}|vpc-[0-9a-f]{17})$" };
const password: JsonSchema = { type: "string", description: "The password.", minLength: 8, maxLength: 64, pattern: "^\\S+$" };
const tags: JsonSchema = { type: "object", description: "User tags.", additionalProperties: { type: "string", maxLength: 256 } };

export const adConnector = fakeKind(
  "ds/ad-connector",
  propertiesSchema(["name", "size", "password", "connectSettings"], {
    name: { type: "string", description: "Fully qualified domain name.", pattern: "^([a-zA-Z0-9]+[\\.-])+([a-zA-Z0-9])+$" },
    shortName: { type: "string", description: "NetBIOS name.", pattern: "^[^\\\\/:*?\"<>|.]+[^\\\\/:*?\"<>|]*$" },
    size: { enum: ["Small", "Large"], description: "Directory size." },
    password,
    alias: { type: "string", description: "Access URL alias.", minLength: 1, maxLength: 62 },
    sso: {
      type: "object",
      description: "Single sign-on.",
      additionalProperties: false,
      properties: { enabled: { type: "boolean", description: "Whether SSO is on.", default: false }, userName: { type: "string" }, password },
    },
    connectSettings: {
      type: "object",
      description: "Where the connector runs.",
      additionalProperties: false,
      required: ["vpcId", "subnetIds", "customerDnsIps", "customerUserName"],
      properties: {
        vpcId,
        subnetIds,
        customerDnsIps: { type: "array", items: { type: "string", pattern: "^(\\d{1,3}\\.){3}\\d{1,3}$" } },
        customerUserName: { type: "string", minLength: 1, pattern: "^[a-zA-Z0-9._-]+$" },
      },
    },
    tags,
  }),
  { writeOnly: ["password", "sso.password"], outputs: ["directoryId", "arn", "accessUrl"] },
);

export const microsoftAd = fakeKind(
  "ds/microsoft-ad",
  propertiesSchema(["name", "password", "vpcSettings"], {
    name: { type: "string", pattern: "^([a-zA-Z0-9]+[\\.-])+([a-zA-Z0-9])+$" },
    edition: { enum: ["Enterprise", "Standard"], default: "Enterprise" },
    password,
    vpcSettings: { type: "object", additionalProperties: false, required: ["vpcId", "subnetIds"], properties: { vpcId, subnetIds } },
    desiredNumberOfDomainControllers: { type: "integer", minimum: 2 },
    tags,
  }),
  { writeOnly: ["password"], outputs: ["directoryId", "arn", "dnsIpAddrs"] },
);

export const trust = fakeKind(
  "ds/trust",
  propertiesSchema(["directoryId", "remoteDomainName", "trustPassword"], {
    directoryId: { type: "string", description: "The AWS directory.", pattern: "^d-[0-9a-f]{10}$" },
    remoteDomainName: { type: "string", pattern: "^([a-zA-Z0-9]+[\\.-])+([a-zA-Z0-9])+[.]?$" },
    trustDirection: { enum: ["One-Way: Outgoing", "One-Way: Incoming", "Two-Way"] },
    trustPassword: { type: "string", minLength: 1, maxLength: 128 },
    conditionalForwarderIpAddrs: { type: "array", items: { type: "string" } },
  }),
  { writeOnly: ["trustPassword"], outputs: ["trustId"] },
);

export function fakeRegistry(): Registry {
  return buildRegistry([adConnector, microsoftAd, trust]);
}

/** Environment with every secret the example file asks for. */
export const fakeEnv: Record<string, string> = {
  CORP_CONNECTOR_PASSWORD: "Connector-Pa55word",
  AWS_AD_ADMIN_PASSWORD: "Admin-Pa55word!",
  TRUST_PASSWORD: "Trust-Pa55word",
};
