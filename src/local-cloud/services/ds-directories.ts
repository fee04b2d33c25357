import type { AwsJsonCall } from "../protocols/aws-json.js";
import { LocalServiceError, type ServiceContext } from "../types.js";
import { describeDirectory } from "./ds-describe.js";
import { dsMaxPageSize, pageOf } from "./ds-pages.js";
import { loadDsState, newId, requireDirectory, type DirectoryRecord, type DsState, type DsTag, type ManagedDirectoryType } from "./ds-state.js";
import { checkTagSet } from "./ds-tags.js";
import { isDirectoryInUse, pcaState } from "./pca-state.js";
import { liveRegistration, loadWorkspacesState } from "./workspaces-state.js";

/** The members both create calls take. */
interface NewDirectoryInput {
  Name: string;
  ShortName?: string;
  Password: string;
  Description?: string;
  Tags?: DsTag[];
  NetworkType?: string;
}

interface ConnectDirectoryInput extends NewDirectoryInput {
  Size: string;
  ConnectSettings: { VpcId: string; SubnetIds: string[]; CustomerDnsIps?: string[]; CustomerDnsIpsV6?: string[]; CustomerUserName: string };
}

interface CreateMicrosoftAdInput extends NewDirectoryInput {
  VpcSettings: { VpcId: string; SubnetIds: string[] };
  Edition?: string;
}

/**
 * Test triggers for an AD Connector that never becomes Active: the service only finds out after
 * the call, while "Creating", so the call succeeds and the directory ends in Stage Failed. A
 * service-account password equal to `fail-on-purpose` fails the credential check; a customer DNS
 * address of 192.0.2.1 (TEST-NET-1, never routable) fails the DNS check. The password itself is
 * compared here and then dropped, never stored.
 */
export const connectorFailureTriggers = { password: "fail-on-purpose", dnsIp: "192.0.2.1" } as const;

function connectorFailure(input: ConnectDirectoryInput): string | undefined {
  const dnsIps = input.ConnectSettings.CustomerDnsIps ?? [];
  if (dnsIps.includes(connectorFailureTriggers.dnsIp)) {
    return `Connectivity issues detected: DNS unavailable (TCP port 53) for IP: ${connectorFailureTriggers.dnsIp}`;
  }
  if (input.Password === connectorFailureTriggers.password) {
    return `Configuration issues detected: Invalid credentials (bad username/password) for IP: ${dnsIps[0] ?? "unknown"}`;
  }
  return undefined;
}

/** Current counts against the per-region directory limits; directories still deleting count. */
function directoryCounts(state: DsState): Record<ManagedDirectoryType, number> {
  const counts: Record<ManagedDirectoryType, number> = { ADConnector: 0, MicrosoftAD: 0 };
  for (const directory of Object.values(state.directories)) counts[directory.type] += 1;
  return counts;
}

function limitOf(ctx: ServiceContext, type: ManagedDirectoryType): number {
  return type === "ADConnector" ? ctx.settings.limits.connectedDirectories : ctx.settings.limits.cloudOnlyMicrosoftAD;
}

function checkCreate(ctx: ServiceContext, state: DsState, type: ManagedDirectoryType, subnetIds: readonly string[], tags: readonly DsTag[]): void {
  if (directoryCounts(state)[type] >= limitOf(ctx, type)) {
    throw new LocalServiceError(
      "DirectoryLimitExceededException",
      `The maximum number of ${type === "ADConnector" ? "connected" : "Microsoft AD"} directories (${limitOf(ctx, type)}) in region ${ctx.region} has been reached.`,
    );
  }
  if (subnetIds.length !== 2 || subnetIds[0] === subnetIds[1]) {
    throw new LocalServiceError("InvalidParameterException", "Invalid subnet ID(s). Specify two subnets in different Availability Zones.");
  }
  checkTagSet(tags, "InvalidParameterException");
}

/** NetBIOS name the service derives when none is given: the first DNS label, upper case. */
function defaultShortName(name: string): string {
  return name.split(".")[0].toUpperCase().slice(0, 15);
}

/** What a create call decides about a directory beyond the members both calls share. */
type DirectoryFields = Omit<
  DirectoryRecord,
  | "id" | "name" | "shortName" | "description" | "networkType" | "tags"
  | "ssoEnabled" | "createdAt" | "creatingAt" | "readyAt" | "domainControllers" | "trusts" | "forwarders"
>;

/** Records a new directory: Requested now, Creating after a fifth of the create delay, ready after all of it. */
function newDirectory(ctx: ServiceContext, state: DsState, input: NewDirectoryInput, fields: DirectoryFields): DirectoryRecord {
  const now = ctx.now();
  const delay = ctx.settings.createDelayMs;
  const directory: DirectoryRecord = {
    id: newId("d", (id) => id in state.directories),
    name: input.Name,
    shortName: input.ShortName ?? defaultShortName(input.Name),
    description: input.Description,
    networkType: input.NetworkType ?? "IPv4",
    ...fields,
    tags: [...(input.Tags ?? [])],
    ssoEnabled: false,
    createdAt: now,
    creatingAt: now + Math.floor(delay / 5),
    readyAt: now + delay,
    domainControllers: [],
    trusts: [],
    forwarders: [],
  };
  state.directories[directory.id] = directory;
  return directory;
}

/** ConnectDirectory: an AD Connector, Requested → Creating → Active (or Failed). */
export function connectDirectory(input: ConnectDirectoryInput, { ctx }: AwsJsonCall) {
  const state = loadDsState(ctx);
  const settings = input.ConnectSettings;
  checkCreate(ctx, state, "ADConnector", settings.SubnetIds, input.Tags ?? []);
  if (!settings.CustomerDnsIps?.length && !settings.CustomerDnsIpsV6?.length) {
    throw new LocalServiceError("InvalidParameterException", "CustomerDnsIps or CustomerDnsIpsV6 must contain at least one address.");
  }
  const directory = newDirectory(ctx, state, input, {
    type: "ADConnector",
    size: input.Size,
    vpcId: settings.VpcId,
    subnetIds: [...settings.SubnetIds],
    customerUserName: settings.CustomerUserName,
    customerDnsIps: settings.CustomerDnsIps,
    customerDnsIpsV6: settings.CustomerDnsIpsV6,
    failureReason: connectorFailure(input),
  });
  ctx.store.save();
  return { DirectoryId: directory.id };
}

/** CreateMicrosoftAD: a managed domain with two domain controllers, Edition Enterprise unless told. */
export function createMicrosoftAd(input: CreateMicrosoftAdInput, { ctx }: AwsJsonCall) {
  const state = loadDsState(ctx);
  checkCreate(ctx, state, "MicrosoftAD", input.VpcSettings.SubnetIds, input.Tags ?? []);
  const directory = newDirectory(ctx, state, input, {
    type: "MicrosoftAD",
    edition: input.Edition ?? "Enterprise",
    vpcId: input.VpcSettings.VpcId,
    subnetIds: [...input.VpcSettings.SubnetIds],
    osVersion: "SERVER_2019",
  });
  const taken = new Set<string>();
  for (const subnetIndex of [0, 1]) {
    const id = newId("dc", (candidate) => taken.has(candidate));
    taken.add(id);
    directory.domainControllers.push({ id, subnetIndex, createdAt: directory.createdAt, readyAt: directory.readyAt });
  }
  ctx.store.save();
  return { DirectoryId: directory.id };
}

/**
 * DescribeDirectories: the named directories, or all of them, a page at a time. One unknown id
 * fails the whole call, as the service does.
 */
export function describeDirectories(input: { DirectoryIds?: string[]; Limit?: number; NextToken?: string }, { ctx }: AwsJsonCall) {
  const state = loadDsState(ctx);
  let directories: DirectoryRecord[];
  if (input.DirectoryIds !== undefined) {
    if (input.DirectoryIds.length === 0) throw new LocalServiceError("InvalidParameterException", "DirectoryIds must not be empty.");
    directories = [...new Set(input.DirectoryIds)].map((id) => requireDirectory(state, id));
  } else {
    directories = Object.values(state.directories);
  }
  directories.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const page = pageOf(directories, (d) => d.id, "DescribeDirectories", input, dsMaxPageSize.directories);
  const now = ctx.now();
  return {
    DirectoryDescriptions: page.items.map((directory) => describeDirectory(directory, now, ctx.region)),
    ...(page.nextToken ? { NextToken: page.nextToken } : {}),
  };
}

/** DeleteDirectory: Deleting, then gone after the delete delay, with its trusts and forwarders. */
export function deleteDirectory(input: { DirectoryId: string }, { ctx }: AwsJsonCall) {
  const state = loadDsState(ctx);
  const directory = requireDirectory(state, input.DirectoryId);
  if (directory.deletingAt === undefined) {
    const now = ctx.now();
    if (hasAuthorizedApplications(ctx, directory.id, now)) {
      throw new LocalServiceError("ClientException", "Cannot delete the directory because it still has authorized applications.");
    }
    directory.deletingAt = now;
    directory.goneAt = now + ctx.settings.deleteDelayMs;
    for (const trust of directory.trusts) {
      trust.deletingAt ??= now;
      trust.goneAt ??= directory.goneAt;
    }
    ctx.store.save();
  }
  return { DirectoryId: directory.id };
}

/**
 * WorkSpaces registrations and the PCA connector's registrations and connectors authorise
 * themselves on the directory, and the service refuses to delete it until they are gone
 * (deregistering or deleting still counts).
 */
function hasAuthorizedApplications(ctx: ServiceContext, directoryId: string, now: number): boolean {
  // A PERSONAL registration is keyed by its directory's ID.
  return liveRegistration(loadWorkspacesState(ctx), directoryId, now) !== undefined || isDirectoryInUse(pcaState(ctx), directoryId, now);
}

/** GetDirectoryLimits: the configured limits and what counts against them. */
export function getDirectoryLimits(_input: unknown, { ctx }: AwsJsonCall) {
  const counts = directoryCounts(loadDsState(ctx));
  const connectedLimit = limitOf(ctx, "ADConnector");
  const microsoftLimit = limitOf(ctx, "MicrosoftAD");
  return {
    DirectoryLimits: {
      // Simple AD is not emulated, so nothing counts against the cloud-only limit.
      CloudOnlyDirectoriesLimit: 10,
      CloudOnlyDirectoriesCurrentCount: 0,
      CloudOnlyDirectoriesLimitReached: false,
      CloudOnlyMicrosoftADLimit: microsoftLimit,
      CloudOnlyMicrosoftADCurrentCount: counts.MicrosoftAD,
      CloudOnlyMicrosoftADLimitReached: counts.MicrosoftAD >= microsoftLimit,
      ConnectedDirectoriesLimit: connectedLimit,
      ConnectedDirectoriesCurrentCount: counts.ADConnector,
      ConnectedDirectoriesLimitReached: counts.ADConnector >= connectedLimit,
    },
  };
}
