import type { DesiredResource, KindContext, Live, ResourceKind } from "../../core/resource-kind.js";
import { pollUntil } from "../aws/wait.js";
import { dsCall } from "./client.js";
import { afterCreate, createdDirectoryId, createdDirectoryLive, deleteDirectory, DIRECTORY_WAIT, requireActive, setAliasAndSso, updateCommon } from "./directory-changes.js";
import { touches } from "../../core/paths.js";
import {
  DIRECTORY_LIFECYCLE,
  DIRECTORY_TIMEOUTS,
  directoryReadiness,
  findDirectoryCandidates,
  directoryReplaceReason,
  impactOfDirectoryField,
  listOwnedDirectories,
  readDirectoryLive,
} from "./directory-common.js";
import { forgetDirectory } from "./directory-reads.js";
import { createMicrosoftAdInput, microsoftAdNetworkUpdate, microsoftAdVariant, normalizeMicrosoftAd } from "./microsoft-ad-mapping.js";
import { stringAt } from "./properties.js";
import * as parts from "./schema-parts.js";

/** AWS Managed Microsoft AD (CreateMicrosoftAD). */
export const microsoftAd: ResourceKind = {
  type: "ds/microsoft-ad",
  description: "AWS Managed Microsoft AD directory (CreateMicrosoftAD).",
  schema: parts.directorySchema(["name", "password", "vpcSettings"], {
    name: { description: "Fully qualified domain name, e.g. corp.example.com.", ...parts.directoryNameSchema },
    shortName: { description: "NetBIOS name, e.g. CORP; defaults to the first label of the name.", ...parts.shortNameSchema },
    password: {
      description: "Password of the Admin user: 8–64 characters from three of digits, upper, lower, symbols; write-only.",
      type: "string",
      pattern:
        "(?=^.{8,64}$)((?=.*\\d)(?=.*[A-Z])(?=.*[a-z])|(?=.*\\d)(?=.*[^A-Za-z0-9\\s])(?=.*[a-z])|(?=.*[^A-Za-z0-9\\s])(?=.*[A-Z])(?=.*[a-z])|(?=.*\\d)(?=.*[A-Z])(?=.*[^A-Za-z0-9\\s]))^.*",
    },
    description: { ...parts.descriptionSchema, description: "Description of the directory." },
    edition: { description: "Directory edition.", type: "string", enum: ["Enterprise", "Standard", "Hybrid"], default: "Enterprise" },
    vpcSettings: {
      description: "Where the domain controllers run.",
      ...parts.closedObject(["vpcId", "subnetIds"], {
        vpcId: { description: "VPC of the domain controllers.", ...parts.vpcIdSchema },
        subnetIds: { ...parts.subnetIdsSchema, description: "Two subnets in different Availability Zones." },
      }),
    },
    networkType: { description: `IP protocol of the directory's network; ${parts.networkTypeChange}`, ...parts.networkTypeSchema },
    desiredNumberOfDomainControllers: {
      description: "Number of domain controllers (UpdateNumberOfDomainControllers), at least 2.",
      type: "integer",
      minimum: 2,
    },
  }),
  // networkType stays here so that a value unknown until apply replaces; impactOf lets IPv4 → Dual-stack through in place.
  replaceOn: ["name", "shortName", "description", "edition", "vpcSettings", "networkType"],
  writeOnly: ["password", "sso.password"],
  inputOnly: ["sso.userName"],
  // dnsIpv6Addrs: only a Dual-stack directory has them.
  outputs: ["directoryId", "accessUrl", "alias", "stage", "stageReason", "dnsIpAddrs", "dnsIpv6Addrs", "securityGroupId", "availabilityZones"],
  ...DIRECTORY_LIFECYCLE,

  normalize: normalizeMicrosoftAd,
  impactOf: impactOfDirectoryField,
  replaceReason: directoryReplaceReason,
  readiness: directoryReadiness,

  list: (ctx) => listOwnedDirectories(ctx, microsoftAdVariant),

  /** A managed domain's name is expected to be unique per account and region; prefer our own tags, then untagged. */
  async find(ctx, desired) {
    const name = stringAt(desired.properties, "name")?.toLowerCase();
    const candidates = await findDirectoryCandidates(ctx, microsoftAdVariant, (d) => d.Name?.toLowerCase() === name);
    return (
      candidates.find((live) => live.owner?.stack === ctx.stack && live.owner.name === desired.name) ??
      candidates.find((live) => !live.owner) ??
      candidates[0]
    );
  },

  read: (ctx, id) => readDirectoryLive(ctx, id, microsoftAdVariant),

  /** Returns at once; alias, SSO and the number of domain controllers follow once the applier has seen it Active. */
  async create(ctx, desired) {
    const output = await dsCall(ctx, "CreateMicrosoftAD", createMicrosoftAdInput(ctx, desired));
    return createdDirectoryLive(createdDirectoryId(ctx, "CreateMicrosoftAD", output));
  },

  completeWhenReady: completeCreate,

  async update(ctx, live, desired, changed) {
    await updateCommon(ctx, live, desired, changed, microsoftAdNetworkUpdate(desired, changed));
    const wanted = desired.properties.desiredNumberOfDomainControllers;
    if (touches(changed, "desiredNumberOfDomainControllers") && typeof wanted === "number") {
      await requireActive(ctx, live.id);
      await setDomainControllerCount(ctx, live.id, wanted);
    }
  },

  delete: (ctx, live) => deleteDirectory(ctx, live.id),
};

/** What follows CreateMicrosoftAD once the directory is Active: alias and SSO, then the number of domain controllers. */
async function completeCreate(ctx: KindContext, directoryId: string, desired: DesiredResource): Promise<Live | undefined> {
  const afterAliasAndSso = await setAliasAndSso(ctx, directoryId, desired, microsoftAdVariant);
  const wanted = desired.properties.desiredNumberOfDomainControllers;
  if (typeof wanted !== "number") return afterAliasAndSso;
  const live = afterAliasAndSso ?? (await microsoftAd.read(ctx, directoryId));
  if (!live || live.properties.desiredNumberOfDomainControllers === wanted || live.outputs.stage !== "Active") return afterAliasAndSso;
  await afterCreate(directoryId, "setting the number of domain controllers", () => setDomainControllerCount(ctx, directoryId, wanted));
  return microsoftAd.read(ctx, directoryId);
}

/**
 * The directory's Stage does not tell whether new controllers are up, so, as Terraform does, wait
 * until none of them is Creating or Deleting (or the update timeout passes).
 */
async function setDomainControllerCount(ctx: KindContext, directoryId: string, count: number): Promise<void> {
  await dsCall(ctx, "UpdateNumberOfDomainControllers", { DirectoryId: directoryId, DesiredNumber: count });
  const isSettled = async () => {
    let NextToken: string | undefined;
    do {
      const page = await dsCall(ctx, "DescribeDomainControllers", { DirectoryId: directoryId, NextToken });
      if (page.DomainControllers?.some((dc) => dc.Status === "Creating" || dc.Status === "Deleting")) return undefined;
      NextToken = page.NextToken;
    } while (NextToken);
    return true;
  };
  await pollUntil(isSettled, { signal: ctx.signal, timeoutMs: DIRECTORY_TIMEOUTS.updateMs, ...DIRECTORY_WAIT });
  forgetDirectory(ctx, directoryId);
}
