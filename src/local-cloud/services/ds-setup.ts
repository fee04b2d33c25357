import type { AwsJsonCall } from "../protocols/aws-json.js";
import { LocalServiceError } from "../types.js";
import { describeDomainController } from "./ds-describe.js";
import { domainControllerStatus, requireActive, requireMicrosoftAd } from "./ds-lifecycle.js";
import { dsMaxPageSize, pageOf } from "./ds-pages.js";
import { loadDsState, newId, requireDirectory, type DirectoryRecord } from "./ds-state.js";

/** Domain controllers a Microsoft AD may have (the service's default quota). */
export const maxDomainControllers = 20;

/**
 * UpdateNumberOfDomainControllers: new controllers are Creating for the create delay, removed ones
 * Deleting for the delete delay; while any is in transition another change is refused.
 */
export function updateNumberOfDomainControllers(input: { DirectoryId: string; DesiredNumber: number }, { ctx }: AwsJsonCall) {
  const state = loadDsState(ctx);
  const directory = requireMicrosoftAd(requireDirectory(state, input.DirectoryId), "Changing the number of domain controllers");
  const now = ctx.now();
  requireActive(directory, now, "DirectoryUnavailableException");
  if (input.DesiredNumber > maxDomainControllers) {
    throw new LocalServiceError("DomainControllerLimitExceededException", `A directory can have at most ${maxDomainControllers} domain controllers.`);
  }
  if (directory.domainControllers.some((dc) => domainControllerStatus(dc, now).state !== "Active")) {
    throw new LocalServiceError("DirectoryUnavailableException", `A domain controller update of directory ${directory.id} is still in progress.`);
  }
  const current = directory.domainControllers;
  if (input.DesiredNumber > current.length) {
    const taken = new Set(current.map((dc) => dc.id));
    for (let index = current.length; index < input.DesiredNumber; index++) {
      const id = newId("dc", (candidate) => taken.has(candidate));
      taken.add(id);
      current.push({ id, subnetIndex: index, createdAt: now, readyAt: now + ctx.settings.createDelayMs });
    }
  } else {
    for (const dc of current.slice(input.DesiredNumber)) {
      dc.deletingAt = now;
      dc.goneAt = now + ctx.settings.deleteDelayMs;
    }
  }
  ctx.store.save();
  return {};
}

/** DescribeDomainControllers: the directory's controllers, optionally only the named ones, paginated. */
export function describeDomainControllers(
  input: { DirectoryId: string; DomainControllerIds?: string[]; Limit?: number; NextToken?: string },
  { ctx }: AwsJsonCall,
) {
  const directory = requireMicrosoftAd(requireDirectory(loadDsState(ctx), input.DirectoryId), "Describing domain controllers");
  let controllers = [...directory.domainControllers];
  if (input.DomainControllerIds !== undefined) {
    if (input.DomainControllerIds.length === 0) throw new LocalServiceError("InvalidParameterException", "DomainControllerIds must not be empty.");
    const wanted = new Set(input.DomainControllerIds);
    controllers = controllers.filter((dc) => wanted.has(dc.id));
  }
  controllers.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const page = pageOf(controllers, (dc) => dc.id, `DescribeDomainControllers/${directory.id}`, input, dsMaxPageSize.domainControllers);
  const now = ctx.now();
  return {
    DomainControllers: page.items.map((dc) => describeDomainController(directory, dc, now, ctx.region)),
    ...(page.nextToken ? { NextToken: page.nextToken } : {}),
  };
}

interface UpdateDirectorySetupInput {
  DirectoryId: string;
  UpdateType: "OS" | "NETWORK" | "SIZE";
  OSUpdateSettings?: { OSVersion?: string };
  DirectorySizeUpdateSettings?: { DirectorySize?: string };
  NetworkUpdateSettings?: { NetworkType?: string; CustomerDnsIpsV6?: string[] };
}

function settingsMissing(member: string): LocalServiceError {
  return new LocalServiceError("InvalidParameterException", `${member} is required for this UpdateType.`);
}

function inDesiredState(directory: DirectoryRecord): LocalServiceError {
  return new LocalServiceError("DirectoryInDesiredStateException", `Directory ${directory.id} already has the requested setup.`);
}

/** The requested value of a single-valued setting: present, and different from what the directory has. */
function requestedChange(directory: DirectoryRecord, member: string, wanted: string | undefined, current: string | undefined): string {
  if (!wanted) throw settingsMissing(member);
  if (wanted === current) throw inDesiredState(directory);
  return wanted;
}

function sameAddresses(a: readonly string[] = [], b: readonly string[] = []): boolean {
  const sortedB = [...b].sort();
  return a.length === b.length && [...a].sort().every((address, index) => address === sortedB[index]);
}

/** The only network type change the service makes on an existing directory is the upgrade from IPv4 to Dual-stack. */
function requireSupportedNetworkChange(directory: DirectoryRecord, networkType: string): void {
  if (networkType === directory.networkType || (directory.networkType === "IPv4" && networkType === "Dual-stack")) return;
  throw new LocalServiceError(
    "UnsupportedOperationException",
    `Directory ${directory.id} cannot change its network type from ${directory.networkType} to ${networkType}; only IPv4 to Dual-stack is supported.`,
  );
}

/**
 * NETWORK: the target network type, and for an AD Connector the IPv6 DNS servers, which the
 * model says every AD Connector network update must carry. Other directories ignore them.
 */
function applyNetworkSetup(directory: DirectoryRecord, settings: UpdateDirectorySetupInput["NetworkUpdateSettings"]): void {
  const networkType = settings?.NetworkType;
  if (!networkType) throw settingsMissing("NetworkUpdateSettings.NetworkType");
  const isConnector = directory.type === "ADConnector";
  const dnsV6 = settings.CustomerDnsIpsV6;
  if (isConnector && !dnsV6?.length) throw settingsMissing("NetworkUpdateSettings.CustomerDnsIpsV6");
  const isDnsChange = isConnector && !sameAddresses(dnsV6, directory.customerDnsIpsV6);
  if (networkType === directory.networkType && !isDnsChange) throw inDesiredState(directory);
  requireSupportedNetworkChange(directory, networkType);
  directory.networkType = networkType;
  if (isConnector) directory.customerDnsIpsV6 = dnsV6;
}

/** Applies one UpdateDirectorySetup change to the record; throws when it is unsupported or already in place. */
function applySetup(directory: DirectoryRecord, input: UpdateDirectorySetupInput): void {
  switch (input.UpdateType) {
    case "OS":
      requireMicrosoftAd(directory, "Updating the operating system");
      directory.osVersion = requestedChange(
        directory,
        "OSUpdateSettings.OSVersion",
        input.OSUpdateSettings?.OSVersion,
        directory.osVersion,
      );
      return;
    case "SIZE":
      if (directory.type !== "ADConnector") {
        throw new LocalServiceError("UnsupportedOperationException", `Size updates are not supported for ${directory.type} directory ${directory.id}.`);
      }
      directory.size = requestedChange(
        directory,
        "DirectorySizeUpdateSettings.DirectorySize",
        input.DirectorySizeUpdateSettings?.DirectorySize,
        directory.size,
      );
      return;
    case "NETWORK":
      applyNetworkSetup(directory, input.NetworkUpdateSettings);
      return;
    default: {
      const unknownType: never = input.UpdateType;
      throw new LocalServiceError("InvalidParameterException", `Unknown UpdateType ${String(unknownType)}.`);
    }
  }
}

/** UpdateDirectorySetup: OS, NETWORK or SIZE; the directory is Updating for the create delay. */
export function updateDirectorySetup(input: UpdateDirectorySetupInput, { ctx }: AwsJsonCall) {
  const state = loadDsState(ctx);
  const directory = requireDirectory(state, input.DirectoryId, "DirectoryDoesNotExistException");
  const now = ctx.now();
  requireActive(directory, now, "DirectoryUnavailableException");
  applySetup(directory, input);
  directory.updateStartedAt = now;
  directory.updatingUntil = now + ctx.settings.createDelayMs;
  ctx.store.save();
  return {};
}
