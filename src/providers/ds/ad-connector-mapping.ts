/** `ds/ad-connector` request and response mapping: ConnectDirectory input, DirectoryDescription → Live, the network update. */
import type { ConnectDirectoryCommandInput, DirectoryDescription, NetworkType, NetworkUpdateSettings } from "@aws-sdk/client-directory-service";
import type { JsonObject } from "../../core/json.js";
import type { DesiredResource, KindContext, Live } from "../../core/resource-kind.js";
import { touches } from "../../core/paths.js";
import { commonCreateInput, directoryLive, type DirectoryVariant } from "./directory-common.js";
import { compact, objectAt, sortedOrAbsent, stringAt, stringsAt, withSortedList } from "./properties.js";

export function connectDirectoryInput(ctx: KindContext, desired: DesiredResource): ConnectDirectoryCommandInput {
  const p = desired.properties;
  const settings = objectAt(p, "connectSettings");
  return {
    ...commonCreateInput(ctx, desired),
    Size: stringAt(p, "size") as ConnectDirectoryCommandInput["Size"],
    ConnectSettings: {
      VpcId: stringAt(settings, "vpcId"),
      SubnetIds: stringsAt(settings, "subnetIds"),
      CustomerDnsIps: stringsAt(settings, "customerDnsIps"),
      CustomerDnsIpsV6: stringsAt(settings, "customerDnsIpsV6"),
      CustomerUserName: stringAt(settings, "customerUserName"),
    },
  } as ConnectDirectoryCommandInput;
}

/** The customer DNS servers are read back as the description's DnsIpAddrs / DnsIpv6Addrs. */
export function connectorToLive(d: DirectoryDescription, userTags: Record<string, string>): Live {
  const settings = d.ConnectSettings ?? {};
  return directoryLive(d, userTags, {
    properties: {
      size: d.Size,
      connectSettings: compact({
        vpcId: settings.VpcId,
        subnetIds: sortedOrAbsent(settings.SubnetIds),
        customerDnsIps: sortedOrAbsent(d.DnsIpAddrs),
        customerDnsIpsV6: sortedOrAbsent(d.DnsIpv6Addrs?.map((ip) => ip.toLowerCase())),
        customerUserName: settings.CustomerUserName,
      }),
      networkType: d.NetworkType,
    },
    outputs: {
      securityGroupId: settings.SecurityGroupId,
      connectIps: sortedOrAbsent(settings.ConnectIps),
      availabilityZones: sortedOrAbsent(settings.AvailabilityZones),
      dnsIpAddrs: sortedOrAbsent(d.DnsIpAddrs),
    },
  });
}

export const connectorVariant: DirectoryVariant = { type: "ADConnector", toLive: connectorToLive };

export function normalizeConnector(properties: JsonObject): JsonObject {
  const settings = properties.connectSettings;
  if (settings === undefined || typeof settings !== "object" || settings === null || Array.isArray(settings)) return properties;
  let canonical = withSortedList(settings, "subnetIds");
  canonical = withSortedList(canonical, "customerDnsIps");
  canonical = withSortedList(canonical, "customerDnsIpsV6", (ip) => ip.toLowerCase());
  return { ...properties, connectSettings: canonical };
}

/**
 * UpdateDirectorySetup NETWORK settings for a changed network type or IPv6 DNS list, else
 * undefined. The service wants an AD Connector's IPv6 DNS servers with every network update, so
 * what the file leaves out is sent as it is live.
 */
export function connectorNetworkUpdate(live: Live, desired: DesiredResource, changed: readonly string[]): NetworkUpdateSettings | undefined {
  if (!touches(changed, "networkType") && !touches(changed, "connectSettings.customerDnsIpsV6")) return undefined;
  const wanted = objectAt(desired.properties, "connectSettings");
  const current = objectAt(live.properties, "connectSettings");
  return {
    NetworkType: (stringAt(desired.properties, "networkType") ?? stringAt(live.properties, "networkType")) as NetworkType | undefined,
    CustomerDnsIpsV6: stringsAt(wanted, "customerDnsIpsV6") ?? stringsAt(current, "customerDnsIpsV6"),
  };
}
