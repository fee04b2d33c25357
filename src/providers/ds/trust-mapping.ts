/** `ds/trust` reads and mapping: trusts and their conditional forwarders under a directory, Trust → Live. */
import type { CreateTrustCommandInput, Trust } from "@aws-sdk/client-directory-service";
import { ProviderError } from "../../core/errors.js";
import type { JsonObject } from "../../core/json.js";
import type { DesiredResource, KindContext, Live, Owner } from "../../core/resource-kind.js";
import { ownerFromTags } from "../aws/tags.js";
import { dsCall } from "./client.js";
import { directoryTags } from "./directory-reads.js";
import { compact, sortedOrAbsent, stringAt, stringsAt, withSortedList } from "./properties.js";

const TRUSTS_KEY = "ds:trusts:";
const FORWARDERS_KEY = "ds:forwarders:";

/** Domain names compare without case and without the trailing dot (which the forwarder API rejects). */
export function canonicalDomain(name: string): string {
  return name.replace(/\.$/, "").toLowerCase();
}

export function trustNaturalKey(properties: JsonObject): string | undefined {
  const directoryId = stringAt(properties, "directoryId");
  const remote = stringAt(properties, "remoteDomainName");
  return directoryId && remote ? `${directoryId}/${canonicalDomain(remote)}` : undefined;
}

export function normalizeTrust(properties: JsonObject): JsonObject {
  const remote = stringAt(properties, "remoteDomainName");
  const canonical = remote === undefined ? properties : { ...properties, remoteDomainName: canonicalDomain(remote) };
  return withSortedList(canonical, "conditionalForwarderIpAddrs");
}

export function createTrustInput(desired: DesiredResource): CreateTrustCommandInput {
  const p = desired.properties;
  return {
    DirectoryId: stringAt(p, "directoryId"),
    RemoteDomainName: stringAt(p, "remoteDomainName")?.replace(/\.$/, ""),
    TrustPassword: stringAt(p, "trustPassword"),
    TrustDirection: stringAt(p, "trustDirection"),
    TrustType: stringAt(p, "trustType"),
    ConditionalForwarderIpAddrs: stringsAt(p, "conditionalForwarderIpAddrs"),
    SelectiveAuth: stringAt(p, "selectiveAuth"),
  } as CreateTrustCommandInput;
}

/** All trusts of one directory, once per run (until `forgetTrusts`); none when the directory is gone. */
export function trustsOfDirectory(ctx: KindContext, directoryId: string): Promise<Trust[]> {
  return ctx.memo(TRUSTS_KEY + directoryId, async () => {
    const trusts: Trust[] = [];
    let NextToken: string | undefined;
    try {
      do {
        const page = await dsCall(ctx, "DescribeTrusts", { DirectoryId: directoryId, NextToken });
        trusts.push(...(page.Trusts ?? []));
        NextToken = page.NextToken;
      } while (NextToken);
    } catch (error) {
      if (error instanceof ProviderError && error.code === "NotFound") return [];
      throw error;
    }
    return trusts.filter((t) => t.TrustState !== "Deleted");
  });
}

/** Forwarder IPv4 addresses by canonical remote domain, one call per directory per run. */
export function forwardersOfDirectory(ctx: KindContext, directoryId: string): Promise<Map<string, string[]>> {
  return ctx.memo(FORWARDERS_KEY + directoryId, async () => {
    try {
      const { ConditionalForwarders } = await dsCall(ctx, "DescribeConditionalForwarders", { DirectoryId: directoryId });
      return new Map((ConditionalForwarders ?? []).map((f) => [canonicalDomain(f.RemoteDomainName ?? ""), f.DnsIpAddrs ?? []]));
    } catch (error) {
      if (error instanceof ProviderError && error.code === "NotFound") return new Map<string, string[]>();
      throw error;
    }
  });
}

export function forgetTrusts(ctx: KindContext, directoryId: string): void {
  ctx.forget(TRUSTS_KEY + directoryId);
  ctx.forget(FORWARDERS_KEY + directoryId);
}

/** Trusts carry no tags: they belong to whoever owns their directory. */
export async function parentOwner(ctx: KindContext, directoryId: string): Promise<Owner | undefined> {
  try {
    const owner = ownerFromTags(await directoryTags(ctx, directoryId));
    return owner ? { stack: owner.stack } : undefined;
  } catch (error) {
    if (error instanceof ProviderError && error.code === "NotFound") return undefined;
    throw error;
  }
}

/** A forwarder missing or removed out of band reads as "no forwarder" (drift), never as an error. */
export function trustToLive(trust: Trust, forwarders: Map<string, string[]>, owner: Owner | undefined): Live {
  const remote = canonicalDomain(trust.RemoteDomainName ?? "");
  const live: Live = {
    id: trust.TrustId ?? "",
    properties: compact({
      directoryId: trust.DirectoryId,
      remoteDomainName: remote,
      trustDirection: trust.TrustDirection,
      trustType: trust.TrustType,
      selectiveAuth: trust.SelectiveAuth,
      conditionalForwarderIpAddrs: sortedOrAbsent(forwarders.get(remote)),
    }),
    outputs: compact({
      trustId: trust.TrustId,
      trustState: trust.TrustState,
      trustStateReason: trust.TrustStateReason || undefined,
    }),
  };
  return owner ? { ...live, owner } : live;
}
