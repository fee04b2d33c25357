import type { AwsJsonCall } from "../protocols/aws-json.js";
import { LocalServiceError } from "../types.js";
import { describeTrust } from "./ds-describe.js";
import { addForwarder, findForwarder } from "./ds-forwarders.js";
import { requireActive, requireMicrosoftAd } from "./ds-lifecycle.js";
import { dsMaxPageSize, pageOf } from "./ds-pages.js";
import { allTrusts, loadDsState, newId, requireDirectory, sameDomain, type DirectoryRecord, type DsState, type TrustRecord } from "./ds-state.js";

interface CreateTrustInput {
  DirectoryId: string;
  RemoteDomainName: string;
  TrustPassword: string;
  TrustDirection: string;
  TrustType?: string;
  ConditionalForwarderIpAddrs?: string[];
  ConditionalForwarderIpv6Addrs?: string[];
  SelectiveAuth?: string;
}

function findTrust(state: DsState, trustId: string): { directory: DirectoryRecord; trust: TrustRecord } {
  const found = allTrusts(state).find(({ trust }) => trust.id === trustId);
  if (!found) throw new LocalServiceError("EntityDoesNotExistException", `Trust ${trustId} does not exist.`);
  return found;
}

/**
 * CreateTrust: the AWS side of a trust with another forest, on an Active Microsoft AD. The trust
 * password is validated by the model and then dropped. It walks Creating → Created and, unless
 * it is "One-Way: Incoming", on to Verifying → VerifyFailed: the other forest never exists here.
 * With forwarder addresses it also creates the conditional forwarder for the remote domain.
 */
export function createTrust(input: CreateTrustInput, { ctx }: AwsJsonCall) {
  const state = loadDsState(ctx);
  const directory = requireMicrosoftAd(requireDirectory(state, input.DirectoryId), "Creating a trust");
  const now = ctx.now();
  requireActive(directory, now, "ClientException");
  if (sameDomain(input.RemoteDomainName, directory.name)) {
    throw new LocalServiceError("InvalidParameterException", "RemoteDomainName must differ from the directory's own domain name.");
  }
  if (directory.trusts.some((trust) => sameDomain(trust.remoteDomainName, input.RemoteDomainName))) {
    throw new LocalServiceError("EntityAlreadyExistsException", `A trust with ${input.RemoteDomainName} already exists in directory ${directory.id}.`);
  }
  if (input.ConditionalForwarderIpAddrs?.length || input.ConditionalForwarderIpv6Addrs?.length) {
    addForwarder(directory, input.RemoteDomainName, input.ConditionalForwarderIpAddrs, input.ConditionalForwarderIpv6Addrs);
  }
  const trust: TrustRecord = {
    id: newId("t", (id) => allTrusts(state).some(({ trust: other }) => other.id === id)),
    remoteDomainName: input.RemoteDomainName,
    direction: input.TrustDirection,
    type: input.TrustType ?? "Forest",
    selectiveAuth: input.SelectiveAuth ?? "Disabled",
    createdAt: now,
    lastUpdatedAt: now,
    walk: "create",
    walkStartedAt: now,
    walkDurationMs: ctx.settings.createDelayMs,
  };
  directory.trusts.push(trust);
  ctx.store.save();
  return { TrustId: trust.id };
}

interface DescribeTrustsInput {
  DirectoryId?: string;
  TrustIds?: string[];
  Limit?: number;
  NextToken?: string;
}

/**
 * DescribeTrusts: by directory, by trust ids, both, or every trust in the account, a page at a
 * time. An unknown directory or trust id fails the call.
 */
export function describeTrusts(input: DescribeTrustsInput, { ctx }: AwsJsonCall) {
  const state = loadDsState(ctx);
  let found = allTrusts(state);
  if (input.DirectoryId !== undefined) {
    const directory = requireDirectory(state, input.DirectoryId);
    found = found.filter((entry) => entry.directory === directory);
  }
  if (input.TrustIds !== undefined) {
    if (input.TrustIds.length === 0) throw new LocalServiceError("InvalidParameterException", "TrustIds must not be empty.");
    const pool = found;
    found = [...new Set(input.TrustIds)].map((id) => {
      const entry = pool.find(({ trust }) => trust.id === id);
      if (!entry) throw new LocalServiceError("EntityDoesNotExistException", `Trust ${id} does not exist.`);
      return entry;
    });
  }
  found.sort((a, b) => (a.trust.id < b.trust.id ? -1 : a.trust.id > b.trust.id ? 1 : 0));
  const page = pageOf(found, (entry) => entry.trust.id, "DescribeTrusts", input, dsMaxPageSize.trusts);
  const now = ctx.now();
  return {
    Trusts: page.items.map(({ directory, trust }) => describeTrust(directory, trust, now)),
    ...(page.nextToken ? { NextToken: page.nextToken } : {}),
  };
}

function requireChangeable(directory: DirectoryRecord, trust: TrustRecord, now: number): void {
  requireActive(directory, now, "ClientException");
  if (trust.deletingAt !== undefined) throw new LocalServiceError("ClientException", `Trust ${trust.id} is being deleted.`);
}

/** UpdateTrust: only SelectiveAuth can change; the trust walks Updating → Updated (→ Verifying → VerifyFailed). */
export function updateTrust(input: { TrustId: string; SelectiveAuth?: string }, { ctx, requestId }: AwsJsonCall) {
  const state = loadDsState(ctx);
  const { directory, trust } = findTrust(state, input.TrustId);
  const now = ctx.now();
  requireChangeable(directory, trust, now);
  if (input.SelectiveAuth !== undefined && input.SelectiveAuth !== trust.selectiveAuth) {
    trust.selectiveAuth = input.SelectiveAuth;
    trust.lastUpdatedAt = now;
    trust.walk = "update";
    trust.walkStartedAt = now;
    trust.walkDurationMs = ctx.settings.createDelayMs;
    ctx.store.save();
  }
  return { RequestId: requestId, TrustId: trust.id };
}

/** VerifyTrust: verifies again (and fails again: no other forest exists in the local cloud). */
export function verifyTrust(input: { TrustId: string }, { ctx }: AwsJsonCall) {
  const state = loadDsState(ctx);
  const { directory, trust } = findTrust(state, input.TrustId);
  const now = ctx.now();
  requireChangeable(directory, trust, now);
  if (trust.direction === "One-Way: Incoming") {
    throw new LocalServiceError("UnsupportedOperationException", `Trust ${trust.id} is One-Way: Incoming and cannot be verified from this directory.`);
  }
  trust.walk = "verify";
  trust.walkStartedAt = now;
  trust.walkDurationMs = Math.floor(ctx.settings.createDelayMs / 3);
  ctx.store.save();
  return { TrustId: trust.id };
}

/** DeleteTrust: Deleting, gone after the delete delay; optionally removes the remote domain's forwarder. */
export function deleteTrust(input: { TrustId: string; DeleteAssociatedConditionalForwarder?: boolean }, { ctx }: AwsJsonCall) {
  const state = loadDsState(ctx);
  const { directory, trust } = findTrust(state, input.TrustId);
  if (trust.deletingAt === undefined) {
    const now = ctx.now();
    trust.deletingAt = now;
    trust.goneAt = now + ctx.settings.deleteDelayMs;
  }
  if (input.DeleteAssociatedConditionalForwarder) {
    const forwarder = findForwarder(directory, trust.remoteDomainName);
    directory.forwarders = directory.forwarders.filter((candidate) => candidate !== forwarder);
  }
  ctx.store.save();
  return { TrustId: trust.id };
}
