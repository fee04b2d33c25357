/** `ds/microsoft-ad` request and response mapping: CreateMicrosoftAD input, DirectoryDescription → Live, the network update. */
import type { CreateMicrosoftADCommandInput, DirectoryDescription, NetworkType, NetworkUpdateSettings } from "@aws-sdk/client-directory-service";
import type { JsonObject } from "../../core/json.js";
import type { DesiredResource, KindContext, Live } from "../../core/resource-kind.js";
import { touches } from "../../core/paths.js";
import { commonCreateInput, directoryLive, type DirectoryVariant } from "./directory-common.js";
import { compact, objectAt, sortedOrAbsent, stringAt, stringsAt, withSortedList } from "./properties.js";

export function createMicrosoftAdInput(ctx: KindContext, desired: DesiredResource): CreateMicrosoftADCommandInput {
  const p = desired.properties;
  const vpc = objectAt(p, "vpcSettings");
  return {
    ...commonCreateInput(ctx, desired),
    VpcSettings: { VpcId: stringAt(vpc, "vpcId"), SubnetIds: stringsAt(vpc, "subnetIds") },
    Edition: stringAt(p, "edition") as CreateMicrosoftADCommandInput["Edition"],
  } as CreateMicrosoftADCommandInput;
}

export function microsoftAdToLive(d: DirectoryDescription, userTags: Record<string, string>): Live {
  const vpc = d.VpcSettings ?? {};
  return directoryLive(d, userTags, {
    properties: {
      edition: d.Edition,
      vpcSettings: compact({ vpcId: vpc.VpcId, subnetIds: sortedOrAbsent(vpc.SubnetIds) }),
      networkType: d.NetworkType,
      desiredNumberOfDomainControllers: d.DesiredNumberOfDomainControllers,
    },
    outputs: {
      dnsIpAddrs: sortedOrAbsent(d.DnsIpAddrs),
      dnsIpv6Addrs: sortedOrAbsent(d.DnsIpv6Addrs?.map((ip) => ip.toLowerCase())),
      securityGroupId: vpc.SecurityGroupId,
      availabilityZones: sortedOrAbsent(vpc.AvailabilityZones),
    },
  });
}

export const microsoftAdVariant: DirectoryVariant = { type: "MicrosoftAD", toLive: microsoftAdToLive };

export function normalizeMicrosoftAd(properties: JsonObject): JsonObject {
  const vpc = properties.vpcSettings;
  if (vpc === undefined || typeof vpc !== "object" || vpc === null || Array.isArray(vpc)) return properties;
  return { ...properties, vpcSettings: withSortedList(vpc, "subnetIds") };
}

/** UpdateDirectorySetup NETWORK settings for a changed network type, else undefined. */
export function microsoftAdNetworkUpdate(desired: DesiredResource, changed: readonly string[]): NetworkUpdateSettings | undefined {
  const networkType = stringAt(desired.properties, "networkType");
  return touches(changed, "networkType") && networkType ? { NetworkType: networkType as NetworkType } : undefined;
}
