import { epochSeconds } from "../protocols/aws-json.js";
import { directoryStage, domainControllerStatus, trustState } from "./ds-lifecycle.js";
import { derivedBytes, derivedIp, derivedIpv6, type DirectoryRecord, type DomainControllerRecord, type TrustRecord } from "./ds-state.js";

/** The AZ a subnet is placed in: stable per subnet, and the two subnets of a directory differ. */
function availabilityZones(region: string, subnetIds: readonly string[]): string[] {
  const letters = "abcdef";
  return subnetIds.map((subnet, index) => `${region}${letters[(derivedBytes(subnet, "az")[0] + index) % letters.length]}`);
}

function securityGroupId(directory: DirectoryRecord): string {
  return `sg-${derivedBytes(directory.id, "sg").toString("hex").slice(0, 17)}`;
}

/** The alias as DS reports it: the directory id until one is created. */
export function effectiveAlias(directory: DirectoryRecord): string {
  return directory.alias ?? directory.id;
}

/** A `DirectoryDescription` as DescribeDirectories returns it. Nothing secret is ever stored, so nothing leaks. */
export function describeDirectory(directory: DirectoryRecord, now: number, region: string): Record<string, unknown> {
  const stage = directoryStage(directory, now);
  const alias = effectiveAlias(directory);
  const zones = availabilityZones(region, directory.subnetIds);
  const description: Record<string, unknown> = {
    DirectoryId: directory.id,
    Name: directory.name,
    ShortName: directory.shortName,
    Alias: alias,
    AccessUrl: `${alias}.awsapps.com`,
    Stage: stage.state,
    LaunchTime: epochSeconds(directory.createdAt),
    StageLastUpdatedDateTime: epochSeconds(stage.since),
    Type: directory.type,
    SsoEnabled: directory.ssoEnabled,
    NetworkType: directory.networkType,
  };
  if (directory.description !== undefined) description.Description = directory.description;
  if (stage.reason) description.StageReason = stage.reason;
  if (directory.type === "ADConnector") {
    description.Size = directory.size;
    if (directory.customerDnsIps) description.DnsIpAddrs = directory.customerDnsIps;
    if (directory.customerDnsIpsV6) description.DnsIpv6Addrs = directory.customerDnsIpsV6;
    description.ConnectSettings = {
      VpcId: directory.vpcId,
      SubnetIds: directory.subnetIds,
      CustomerUserName: directory.customerUserName,
      SecurityGroupId: securityGroupId(directory),
      AvailabilityZones: zones,
      ConnectIps: directory.subnetIds.map((subnet) => derivedIp(directory.id, `connect/${subnet}`)),
    };
  } else {
    description.Edition = directory.edition;
    description.DesiredNumberOfDomainControllers = directory.domainControllers.filter((dc) => dc.deletingAt === undefined).length;
    description.OsVersion = directory.osVersion;
    // Domain controllers answer DNS only once the directory is up, over the network types it has.
    if (now >= directory.readyAt && !directory.failureReason) {
      const servers = directory.domainControllers.slice(0, 2);
      if (hasIpv4(directory)) description.DnsIpAddrs = servers.map((dc) => domainControllerIp(directory, dc));
      if (hasIpv6(directory)) description.DnsIpv6Addrs = servers.map((dc) => domainControllerIpv6(directory, dc));
    }
    description.VpcSettings = {
      VpcId: directory.vpcId,
      SubnetIds: directory.subnetIds,
      SecurityGroupId: securityGroupId(directory),
      AvailabilityZones: zones,
    };
  }
  return description;
}

function domainControllerIp(directory: DirectoryRecord, dc: DomainControllerRecord): string {
  return derivedIp(directory.id, `dc/${dc.id}`);
}

function domainControllerIpv6(directory: DirectoryRecord, dc: DomainControllerRecord): string {
  return derivedIpv6(directory.id, `dc/${dc.id}`);
}

const hasIpv4 = (directory: DirectoryRecord) => directory.networkType !== "IPv6";
const hasIpv6 = (directory: DirectoryRecord) => directory.networkType === "Dual-stack" || directory.networkType === "IPv6";

/** A `DomainController` as DescribeDomainControllers returns it. */
export function describeDomainController(directory: DirectoryRecord, dc: DomainControllerRecord, now: number, region: string): Record<string, unknown> {
  const status = domainControllerStatus(dc, now);
  const subnetId = directory.subnetIds[dc.subnetIndex % directory.subnetIds.length];
  return {
    DirectoryId: directory.id,
    DomainControllerId: dc.id,
    ...(hasIpv4(directory) ? { DnsIpAddr: domainControllerIp(directory, dc) } : {}),
    ...(hasIpv6(directory) ? { DnsIpv6Addr: domainControllerIpv6(directory, dc) } : {}),
    VpcId: directory.vpcId,
    SubnetId: subnetId,
    AvailabilityZone: availabilityZones(region, directory.subnetIds)[dc.subnetIndex % directory.subnetIds.length],
    Status: status.state,
    LaunchTime: epochSeconds(dc.createdAt),
    StatusLastUpdatedDateTime: epochSeconds(status.since),
  };
}

/** A `Trust` as DescribeTrusts returns it. The trust password was never stored. */
export function describeTrust(directory: DirectoryRecord, trust: TrustRecord, now: number): Record<string, unknown> {
  const state = trustState(trust, now);
  const described: Record<string, unknown> = {
    DirectoryId: directory.id,
    TrustId: trust.id,
    RemoteDomainName: trust.remoteDomainName,
    TrustType: trust.type,
    TrustDirection: trust.direction,
    TrustState: state.state,
    CreatedDateTime: epochSeconds(trust.createdAt),
    LastUpdatedDateTime: epochSeconds(trust.lastUpdatedAt),
    StateLastUpdatedDateTime: epochSeconds(state.since),
    SelectiveAuth: trust.selectiveAuth ?? "Disabled",
  };
  if (state.reason) described.TrustStateReason = state.reason;
  return described;
}
