import { ProviderError } from "../../core/errors.js";
import type { ResourceKind } from "../../core/resource-kind.js";
import { connectDirectoryInput, connectorToLive, normalizeConnector } from "./ad-connector-mapping.js";
import { dsCall } from "./client.js";
import { deleteDirectory, finishCreate, updateCommon } from "./directory-changes.js";
import {
  DIRECTORY_TIMEOUTS,
  directoryReadiness,
  findDirectoryCandidates,
  impactOfAlias,
  listOwnedDirectories,
  readDirectoryLive,
} from "./directory-common.js";
import { forgetDirectory } from "./directory-reads.js";
import { objectAt, stringAt } from "./properties.js";
import * as parts from "./schema-parts.js";

/** An AD Connector (ConnectDirectory): a proxy in a VPC to a self-managed Active Directory. */
export const adConnector: ResourceKind = {
  type: "ds/ad-connector",
  description: "AD Connector: a directory gateway to a self-managed Active Directory (ConnectDirectory).",
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["name", "password", "size", "connectSettings"],
    properties: {
      name: { description: "Fully qualified name of the self-managed domain, e.g. corp.example.com.", ...parts.directoryNameSchema },
      shortName: { description: "NetBIOS name of the domain, e.g. CORP; the service derives it when omitted.", ...parts.shortNameSchema },
      password: { description: "Password of connectSettings.customerUserName; write-only.", ...parts.connectPasswordSchema },
      description: { ...parts.descriptionSchema, description: "Description of the directory." },
      size: { description: "Connector size.", type: "string", enum: ["Small", "Large"] },
      connectSettings: {
        description: "Where the connector runs and how it reaches the domain.",
        type: "object",
        additionalProperties: false,
        required: ["vpcId", "subnetIds", "customerUserName"],
        properties: {
          vpcId: { description: "VPC the connector is created in.", ...parts.vpcIdSchema },
          subnetIds: { ...parts.subnetIdsSchema, description: "Subnets in two different Availability Zones." },
          customerDnsIps: parts.ipListSchema("IPv4 addresses of the domain's DNS servers or domain controllers.", parts.ipv4Schema),
          customerDnsIpsV6: parts.ipListSchema("IPv6 addresses of the domain's DNS servers or domain controllers.", parts.ipv6Schema),
          customerUserName: { description: "Service account in the domain that the connector uses.", ...parts.userNameSchema },
        },
      },
      networkType: { description: "IP protocol of the connector's network.", ...parts.networkTypeSchema },
      alias: parts.aliasSchema,
      sso: parts.ssoSchema,
      tags: parts.tagsSchema,
    },
    ...parts.ssoNeedsAlias,
  },
  // networkType and customerDnsIpsV6 have an in-place call (UpdateDirectorySetup) that adstack does not make yet.
  replaceOn: ["name", "shortName", "description", "size", "connectSettings", "networkType"],
  writeOnly: ["password", "sso.password"],
  inputOnly: ["sso.userName"],
  outputs: ["directoryId", "accessUrl", "alias", "stage", "stageReason", "securityGroupId", "connectIps", "availabilityZones", "dnsIpAddrs"],
  isCreateIdempotent: false,
  replaceOrder: "delete-first",
  timeouts: DIRECTORY_TIMEOUTS,

  normalize: normalizeConnector,
  impactOf: impactOfAlias,
  readiness: directoryReadiness,

  list: (ctx) => listOwnedDirectories(ctx, "ADConnector", connectorToLive),

  /**
   * Name + VPC is not unique (several connectors per domain are legal): an untagged match is
   * adopted only when it is the only one, and connectors owned by other stacks are not ours.
   */
  async find(ctx, desired) {
    const name = stringAt(desired.properties, "name")?.toLowerCase();
    const vpcId = stringAt(objectAt(desired.properties, "connectSettings"), "vpcId");
    const candidates = await findDirectoryCandidates(
      ctx,
      "ADConnector",
      connectorToLive,
      (d) => d.Name?.toLowerCase() === name && d.ConnectSettings?.VpcId === vpcId,
    );
    const owned = candidates.find((live) => live.owner?.stack === ctx.stack && live.owner.name === desired.name);
    if (owned) return owned;
    const untagged = candidates.filter((live) => !live.owner);
    if (untagged.length > 1) {
      const ids = untagged.map((live) => live.id).join(", ");
      throw new ProviderError(
        "Invalid",
        `${untagged.length} untagged AD Connectors for ${name} in ${vpcId} match (${ids}), so none is adopted; ` +
          `tag the one to adopt with adstack:stack=${ctx.stack} and adstack:name=${desired.name}`,
        "AmbiguousAdoption",
      );
    }
    return untagged[0];
  },

  read: (ctx, id) => readDirectoryLive(ctx, id, "ADConnector", connectorToLive),

  async create(ctx, desired) {
    const { DirectoryId } = await dsCall(ctx, "ConnectDirectory", connectDirectoryInput(ctx, desired));
    if (!DirectoryId) throw new ProviderError("Unavailable", "ConnectDirectory returned no DirectoryId", "MissingDirectoryId");
    forgetDirectory(ctx, DirectoryId);
    return finishCreate(ctx, DirectoryId, desired, "ADConnector", connectorToLive);
  },

  resumeCreate: (ctx, live, desired) => finishCreate(ctx, live.id, desired, "ADConnector", connectorToLive),

  update: (ctx, live, desired, changed) => updateCommon(ctx, live, desired, changed),

  delete: (ctx, live) => deleteDirectory(ctx, live.id),
};
