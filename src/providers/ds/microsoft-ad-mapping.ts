/** `ds/microsoft-ad` request and response mapping: CreateMicrosoftAD input, DirectoryDescription → Live. */
import type { CreateMicrosoftADCommandInput, DirectoryDescription } from "@aws-sdk/client-directory-service";
import type { JsonObject } from "../../core/json.js";
import type { DesiredResource, KindContext, Live } from "../../core/resource-kind.js";
import { recordToTagList } from "../aws/tags.js";
import { aliasOf, ssoOf } from "./directory-common.js";
import { compact, objectAt, sortedOrAbsent, stringAt, stringsAt, tagsAt, withSortedList } from "./properties.js";

export function createMicrosoftAdInput(ctx: KindContext, desired: DesiredResource): CreateMicrosoftADCommandInput {
  const p = desired.properties;
  const vpc = objectAt(p, "vpcSettings");
  return {
    Name: stringAt(p, "name"),
    ShortName: stringAt(p, "shortName"),
    Password: stringAt(p, "password"),
    Description: stringAt(p, "description"),
    VpcSettings: { VpcId: stringAt(vpc, "vpcId"), SubnetIds: stringsAt(vpc, "subnetIds") },
    Edition: stringAt(p, "edition") as CreateMicrosoftADCommandInput["Edition"],
    NetworkType: stringAt(p, "networkType") as CreateMicrosoftADCommandInput["NetworkType"],
    Tags: recordToTagList({ ...tagsAt(p), ...ctx.ownershipTags(desired.name) }),
  } as CreateMicrosoftADCommandInput;
}

export function microsoftAdToLive(d: DirectoryDescription, userTags: Record<string, string>): Live {
  const vpc = d.VpcSettings ?? {};
  const properties = compact({
    name: d.Name,
    shortName: d.ShortName,
    description: d.Description || undefined,
    edition: d.Edition,
    vpcSettings: compact({ vpcId: vpc.VpcId, subnetIds: sortedOrAbsent(vpc.SubnetIds) }),
    networkType: d.NetworkType,
    desiredNumberOfDomainControllers: d.DesiredNumberOfDomainControllers,
    alias: aliasOf(d),
    sso: ssoOf(d),
    tags: userTags,
  });
  const outputs = compact({
    directoryId: d.DirectoryId,
    accessUrl: d.AccessUrl,
    alias: aliasOf(d),
    stage: d.Stage,
    stageReason: d.StageReason || undefined,
    dnsIpAddrs: sortedOrAbsent(d.DnsIpAddrs),
    securityGroupId: vpc.SecurityGroupId,
    availabilityZones: sortedOrAbsent(vpc.AvailabilityZones),
  });
  return { id: d.DirectoryId ?? "", properties, outputs };
}

export function normalizeMicrosoftAd(properties: JsonObject): JsonObject {
  const vpc = properties.vpcSettings;
  if (vpc === undefined || typeof vpc !== "object" || vpc === null || Array.isArray(vpc)) return properties;
  return { ...properties, vpcSettings: withSortedList(vpc, "subnetIds") };
}
