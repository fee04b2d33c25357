import type { AwsJsonCall } from "../protocols/aws-json.js";
import { LocalServiceError } from "../types.js";
import { directoryStage, requireActive, requireMicrosoftAd } from "./ds-lifecycle.js";
import { loadDsState, requireDirectory, sameDomain, type DirectoryRecord, type ForwarderRecord } from "./ds-state.js";

interface ForwarderInput {
  DirectoryId: string;
  RemoteDomainName: string;
  DnsIpAddrs?: string[];
  DnsIpv6Addrs?: string[];
}

export function findForwarder(directory: DirectoryRecord, remoteDomainName: string): ForwarderRecord | undefined {
  return directory.forwarders.find((forwarder) => sameDomain(forwarder.remoteDomainName, remoteDomainName));
}

function requireAddresses(input: { DnsIpAddrs?: string[]; DnsIpv6Addrs?: string[] }): void {
  if (!input.DnsIpAddrs?.length && !input.DnsIpv6Addrs?.length) {
    throw new LocalServiceError("InvalidParameterException", "DnsIpAddrs or DnsIpv6Addrs must contain at least one address.");
  }
}

/**
 * Adds a forwarder, as CreateConditionalForwarder and CreateTrust do; the domain is kept without
 * a trailing dot. EntityAlreadyExistsException when the directory already forwards that domain.
 */
export function addForwarder(directory: DirectoryRecord, remoteDomainName: string, dnsIpAddrs?: string[], dnsIpv6Addrs?: string[]): void {
  if (findForwarder(directory, remoteDomainName)) {
    throw new LocalServiceError("EntityAlreadyExistsException", `A conditional forwarder for ${remoteDomainName} already exists in directory ${directory.id}.`);
  }
  directory.forwarders.push({ remoteDomainName: remoteDomainName.replace(/\.$/, ""), dnsIpAddrs, dnsIpv6Addrs });
}

/** The directory a forwarder call may change: MicrosoftAD, Active. */
function forwardingDirectory(input: { DirectoryId: string }, call: AwsJsonCall): { directory: DirectoryRecord; save: () => void } {
  const state = loadDsState(call.ctx);
  const directory = requireMicrosoftAd(requireDirectory(state, input.DirectoryId), "Conditional forwarding");
  requireActive(directory, call.ctx.now(), "DirectoryUnavailableException");
  return { directory, save: () => call.ctx.store.save() };
}

function requireForwarder(directory: DirectoryRecord, remoteDomainName: string): ForwarderRecord {
  const forwarder = findForwarder(directory, remoteDomainName);
  if (!forwarder) {
    throw new LocalServiceError("EntityDoesNotExistException", `No conditional forwarder for ${remoteDomainName} exists in directory ${directory.id}.`);
  }
  return forwarder;
}

/** CreateConditionalForwarder. The service refuses a trailing dot here, although the model's pattern allows it. */
export function createConditionalForwarder(input: ForwarderInput, call: AwsJsonCall) {
  const { directory, save } = forwardingDirectory(input, call);
  if (input.RemoteDomainName.endsWith(".")) {
    throw new LocalServiceError("InvalidParameterException", "RemoteDomainName must not end with a period.");
  }
  requireAddresses(input);
  addForwarder(directory, input.RemoteDomainName, input.DnsIpAddrs, input.DnsIpv6Addrs);
  save();
  return {};
}

/**
 * DescribeConditionalForwarders: all of the directory's forwarders, or the named ones (an unknown
 * name fails the call). Readable in any stage once the domain controllers exist.
 */
export function describeConditionalForwarders(input: { DirectoryId: string; RemoteDomainNames?: string[] }, { ctx }: AwsJsonCall) {
  const directory = requireMicrosoftAd(requireDirectory(loadDsState(ctx), input.DirectoryId), "Conditional forwarding");
  const stage = directoryStage(directory, ctx.now()).state;
  if (stage === "Requested" || stage === "Creating" || stage === "Failed") {
    throw new LocalServiceError("DirectoryUnavailableException", `Directory ${directory.id} is in the ${stage} stage.`);
  }
  if (input.RemoteDomainNames?.length === 0) throw new LocalServiceError("InvalidParameterException", "RemoteDomainNames must not be empty.");
  const forwarders = input.RemoteDomainNames
    ? input.RemoteDomainNames.map((name) => requireForwarder(directory, name))
    : directory.forwarders;
  return {
    ConditionalForwarders: forwarders.map((forwarder) => ({
      RemoteDomainName: forwarder.remoteDomainName,
      ...(forwarder.dnsIpAddrs ? { DnsIpAddrs: forwarder.dnsIpAddrs } : {}),
      ...(forwarder.dnsIpv6Addrs ? { DnsIpv6Addrs: forwarder.dnsIpv6Addrs } : {}),
      ReplicationScope: "Domain",
    })),
  };
}

/** UpdateConditionalForwarder: replaces the address lists as a whole. */
export function updateConditionalForwarder(input: ForwarderInput, call: AwsJsonCall) {
  const { directory, save } = forwardingDirectory(input, call);
  const forwarder = requireForwarder(directory, input.RemoteDomainName);
  requireAddresses(input);
  forwarder.dnsIpAddrs = input.DnsIpAddrs;
  forwarder.dnsIpv6Addrs = input.DnsIpv6Addrs;
  save();
  return {};
}

/** DeleteConditionalForwarder. */
export function deleteConditionalForwarder(input: { DirectoryId: string; RemoteDomainName: string }, call: AwsJsonCall) {
  const { directory, save } = forwardingDirectory(input, call);
  const forwarder = requireForwarder(directory, input.RemoteDomainName);
  directory.forwarders = directory.forwarders.filter((candidate) => candidate !== forwarder);
  save();
  return {};
}
