/** `ds/ad-connector` request and response mapping: ConnectDirectory input, DirectoryDescription → Live. */
import type { ConnectDirectoryCommandInput, DirectoryDescription } from "@aws-sdk/client-directory-service";
import type { JsonObject } from "../../core/json.js";
import type { DesiredResource, KindContext, Live } from "../../core/resource-kind.js";
import { recordToTagList } from "../aws/tags.js";
import { aliasOf, ssoOf } from "./directory-common.js";
import { compact, objectAt, sortedOrAbsent, stringAt, stringsAt, tagsAt, withSortedList } from "./properties.js";

export function connectDirectoryInput(ctx: KindContext, desired: DesiredResource): ConnectDirectoryCommandInput {
  const p = desired.properties;
  const settings = objectAt(p, "connectSettings");
  return {
    Name: stringAt(p, "name"),
    ShortName: stringAt(p, "shortName"),
    Password: stringAt(p, "password"),
    Description: stringAt(p, "description"),
    Size: stringAt(p, "size") as ConnectDirectoryCommandInput["Size"],
    ConnectSettings: {
      VpcId: stringAt(settings, "vpcId"),
      SubnetIds: stringsAt(settings, "subnetIds"),
      CustomerDnsIps: stringsAt(settings, "customerDnsIps"),
      CustomerDnsIpsV6: stringsAt(settings, "customerDnsIpsV6"),
      CustomerUserName: stringAt(settings, "customerUserName"),
    },
    NetworkType: stringAt(p, "networkType") as ConnectDirectoryCommandInput["NetworkType"],
    Tags: recordToTagList({ ...tagsAt(p), ...ctx.ownershipTags(desired.name) }),
  } as ConnectDirectoryCommandInput;
}

/** The customer DNS servers are read back as the description's DnsIpAddrs / DnsIpv6Addrs. */
export function connectorToLive(d: DirectoryDescription, userTags: Record<string, string>): Live {
  const settings = d.ConnectSettings ?? {};
  const properties = compact({
    name: d.Name,
    shortName: d.ShortName,
    description: d.Description || undefined,
    size: d.Size,
    connectSettings: compact({
      vpcId: settings.VpcId,
      subnetIds: sortedOrAbsent(settings.SubnetIds),
      customerDnsIps: sortedOrAbsent(d.DnsIpAddrs),
      customerDnsIpsV6: sortedOrAbsent(d.DnsIpv6Addrs?.map((ip) => ip.toLowerCase())),
      customerUserName: settings.CustomerUserName,
    }),
    networkType: d.NetworkType,
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
    securityGroupId: settings.SecurityGroupId,
    connectIps: sortedOrAbsent(settings.ConnectIps),
    availabilityZones: sortedOrAbsent(settings.AvailabilityZones),
    dnsIpAddrs: sortedOrAbsent(d.DnsIpAddrs),
  });
  return { id: d.DirectoryId ?? "", properties, outputs };
}

export function normalizeConnector(properties: JsonObject): JsonObject {
  const settings = properties.connectSettings;
  if (settings === undefined || typeof settings !== "object" || settings === null || Array.isArray(settings)) return properties;
  let canonical = withSortedList(settings, "subnetIds");
  canonical = withSortedList(canonical, "customerDnsIps");
  canonical = withSortedList(canonical, "customerDnsIpsV6", (ip) => ip.toLowerCase());
  return { ...properties, connectSettings: canonical };
}
