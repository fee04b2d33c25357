import { ProviderError } from "../../core/errors.js";
import type { ResourceKind } from "../../core/resource-kind.js";
import { connectDirectoryInput, connectorNetworkUpdate, connectorVariant, normalizeConnector } from "./ad-connector-mapping.js";
import { dsCall } from "./client.js";
import { createdDirectoryId, createdDirectoryLive, deleteDirectory, setAliasAndSso, updateCommon } from "./directory-changes.js";
import {
  DIRECTORY_LIFECYCLE,
  directoryReadiness,
  findDirectoryCandidates,
  directoryReplaceReason,
  impactOfDirectoryField,
  listOwnedDirectories,
  readDirectoryLive,
} from "./directory-common.js";
import { objectAt, stringAt } from "./properties.js";
import * as parts from "./schema-parts.js";

/** An AD Connector (ConnectDirectory): a proxy in a VPC to a self-managed Active Directory. */
export const adConnector: ResourceKind = {
  type: "ds/ad-connector",
  description: "AD Connector: a directory gateway to a self-managed Active Directory (ConnectDirectory).",
  schema: parts.directorySchema(["name", "password", "size", "connectSettings"], {
    name: { description: "Fully qualified name of the self-managed domain, e.g. corp.example.com.", ...parts.directoryNameSchema },
    shortName: { description: "NetBIOS name of the domain, e.g. CORP; the service derives it when omitted.", ...parts.shortNameSchema },
    password: { description: "Password of connectSettings.customerUserName; write-only.", ...parts.connectPasswordSchema },
    description: { ...parts.descriptionSchema, description: "Description of the directory." },
    size: { description: "Connector size.", type: "string", enum: ["Small", "Large"] },
    connectSettings: {
      description: "Where the connector runs and how it reaches the domain.",
      ...parts.closedObject(["vpcId", "subnetIds", "customerUserName"], {
        vpcId: { description: "VPC the connector is created in.", ...parts.vpcIdSchema },
        subnetIds: { ...parts.subnetIdsSchema, description: "Subnets in two different Availability Zones." },
        customerDnsIps: parts.ipListSchema("IPv4 addresses of the domain's DNS servers or domain controllers.", parts.ipv4Schema),
        customerDnsIpsV6: parts.ipListSchema(
          "IPv6 addresses of the domain's DNS servers or domain controllers; changed in place (UpdateDirectorySetup NETWORK).",
          parts.ipv6Schema,
        ),
        customerUserName: { description: "Service account in the domain that the connector uses.", ...parts.userNameSchema },
      }),
    },
    networkType: { description: `IP protocol of the connector's network; ${parts.networkTypeChange}`, ...parts.networkTypeSchema },
  }),
  // networkType and connectSettings stay here so that a value unknown until apply replaces; impactOf lets through what
  // UpdateDirectorySetup changes in place: IPv4 → Dual-stack, and the IPv6 DNS servers.
  replaceOn: ["name", "shortName", "description", "size", "connectSettings", "networkType"],
  writeOnly: ["password", "sso.password"],
  inputOnly: ["sso.userName"],
  outputs: ["directoryId", "accessUrl", "alias", "stage", "stageReason", "securityGroupId", "connectIps", "availabilityZones", "dnsIpAddrs"],
  ...DIRECTORY_LIFECYCLE,

  normalize: normalizeConnector,
  impactOf: (path, before, after) => (path === "connectSettings.customerDnsIpsV6" ? "update" : impactOfDirectoryField(path, before, after)),
  replaceReason: directoryReplaceReason,
  readiness: directoryReadiness,

  list: (ctx) => listOwnedDirectories(ctx, connectorVariant),

  /**
   * Name + VPC is not unique (several connectors per domain are legal): an untagged match is
   * adopted only when it is the only one, and connectors owned by other stacks are not ours.
   */
  async find(ctx, desired) {
    const name = stringAt(desired.properties, "name")?.toLowerCase();
    const vpcId = stringAt(objectAt(desired.properties, "connectSettings"), "vpcId");
    const candidates = await findDirectoryCandidates(
      ctx,
      connectorVariant,
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

  read: (ctx, id) => readDirectoryLive(ctx, id, connectorVariant),

  /** Returns at once; the alias and SSO follow once the applier has seen the directory Active. */
  async create(ctx, desired) {
    const output = await dsCall(ctx, "ConnectDirectory", connectDirectoryInput(ctx, desired));
    return createdDirectoryLive(createdDirectoryId(ctx, "ConnectDirectory", output));
  },

  completeWhenReady: (ctx, id, desired) => setAliasAndSso(ctx, id, desired, connectorVariant),

  update: (ctx, live, desired, changed) => updateCommon(ctx, live, desired, changed, connectorNetworkUpdate(live, desired, changed)),

  delete: (ctx, live) => deleteDirectory(ctx, live.id),
};
