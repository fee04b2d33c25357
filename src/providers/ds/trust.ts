import { ProviderError } from "../../core/errors.js";
import type { KindContext, Live, Readiness, ResourceKind } from "../../core/resource-kind.js";
import { pollUntil } from "../aws/wait.js";
import { dsCall } from "./client.js";
import { touches } from "../../core/paths.js";
import { listOwnedDirectories } from "./directory-common.js";
import { microsoftAdVariant } from "./microsoft-ad-mapping.js";
import { readTrust } from "./trust-reads.js";
import { stringAt, stringsAt } from "./properties.js";
import * as parts from "./schema-parts.js";
import {
  canonicalDomain,
  createTrustInput,
  forgetTrusts,
  forwardersOfDirectory,
  normalizeTrust,
  parentOwner,
  trustNaturalKey,
  trustsOfDirectory,
  trustToLive,
} from "./trust-mapping.js";

const TRUST_TIMEOUT_MS = 10 * 60_000;
const PENDING_STATES = new Set(["Creating", "Created", "Verifying", "Updating", "Updated"]);

/** A trust from a Managed Microsoft AD to another domain (CreateTrust), with its conditional forwarder. */
export const trust: ResourceKind = {
  type: "ds/trust",
  description: "Trust between an AWS Managed Microsoft AD and another domain, with the conditional forwarder for it (CreateTrust).",
  schema: parts.closedObject(["directoryId", "remoteDomainName", "trustPassword", "trustDirection"], {
    directoryId: { description: "The Managed Microsoft AD directory that trusts or is trusted.", ...parts.directoryIdSchema },
    remoteDomainName: {
      description: "Fully qualified name of the other domain; compared without case or trailing dot.",
      type: "string",
      maxLength: 1024,
      pattern: "^([a-zA-Z0-9]+[\\\\.-])+([a-zA-Z0-9])+[.]?$",
    },
    trustPassword: {
      description: "The trust password, equal to the one set on the other side; write-only.",
      type: "string",
      minLength: 1,
      maxLength: 128,
      pattern: "^[\\p{L}\\p{Nd}!-/:-@\\[-`{-~ ]+$",
    },
    trustDirection: { description: "Direction of the trust.", type: "string", enum: ["One-Way: Outgoing", "One-Way: Incoming", "Two-Way"] },
    trustType: { description: "Forest or external trust.", type: "string", enum: ["Forest", "External"], default: "Forest" },
    conditionalForwarderIpAddrs: parts.ipListSchema(
      "DNS servers of the other domain; the service creates a conditional forwarder for it (UpdateConditionalForwarder in place).",
      parts.ipv4Schema,
    ),
    selectiveAuth: { description: "Selective authentication (UpdateTrust in place).", type: "string", enum: ["Enabled", "Disabled"] },
    deleteAssociatedConditionalForwarder: {
      description: "Whether deleting the trust also deletes its conditional forwarder; local option, not sent on create.",
      type: "boolean",
      default: true,
    },
  }),
  replaceOn: ["directoryId", "remoteDomainName", "trustDirection", "trustType"],
  // The trust password is never returned; the delete option is local, so it has no live value to compare either.
  writeOnly: ["trustPassword"],
  inputOnly: ["deleteAssociatedConditionalForwarder"],
  outputs: ["trustId", "trustState", "trustStateReason"],
  parentPaths: ["directoryId"],
  isCreateIdempotent: false,
  replaceOrder: "delete-first",
  timeouts: { createMs: TRUST_TIMEOUT_MS, updateMs: TRUST_TIMEOUT_MS, deleteMs: TRUST_TIMEOUT_MS, pollMs: 2_000 },

  normalize: normalizeTrust,
  naturalKey: trustNaturalKey,

  /** VerifyFailed is where the first side of a trust rests until the other side exists: ready, with its reason shown. */
  readiness(live: Live): Readiness {
    const state = String(live.outputs.trustState ?? "");
    const reason = typeof live.outputs.trustStateReason === "string" ? live.outputs.trustStateReason : undefined;
    if (state === "Verified") return { state: "ready" };
    if (state === "VerifyFailed") return { state: "ready", reason };
    if (state === "Created" && live.properties.trustDirection === "One-Way: Incoming") return { state: "ready" };
    if (PENDING_STATES.has(state)) return { state: "pending", reason };
    return { state: "failed", reason: reason ?? `the trust is ${state || "in an unknown state"}` };
  },

  async list(ctx) {
    const directories = await listOwnedDirectories(ctx, microsoftAdVariant);
    // A directory that is not yet Active cannot hold trusts, and may refuse to be asked.
    const settled = directories.filter((d) => !["Requested", "Creating", "Created"].includes(String(d.outputs.stage)));
    const perDirectory = await Promise.all(settled.map((d) => trustsUnder(ctx, d.id, { stack: ctx.stack })));
    return perDirectory.flat();
  },

  async listUnder(ctx, parents) {
    const directories = parents.filter((parent) => parent.type === "ds/microsoft-ad");
    return (await Promise.all(directories.map((d) => trustsUnder(ctx, d.id, { stack: ctx.stack })))).flat();
  },

  async find(ctx, desired) {
    const directoryId = stringAt(desired.properties, "directoryId");
    const remote = stringAt(desired.properties, "remoteDomainName");
    if (!directoryId || !remote) return undefined;
    const match = (await trustsOfDirectory(ctx, directoryId)).find(
      (t) => canonicalDomain(t.RemoteDomainName ?? "") === canonicalDomain(remote),
    );
    if (!match) return undefined;
    return trustToLive(match, await forwardersOfDirectory(ctx, directoryId), await parentOwner(ctx, directoryId));
  },

  /** Batched with the reads of other trusts asked for at the same moment (see trust-reads.ts). */
  async read(ctx, id) {
    const found = await readTrust(ctx, id);
    if (!found?.DirectoryId || found.TrustState === "Deleted") return undefined;
    return trustToLive(found, await forwardersOfDirectory(ctx, found.DirectoryId), await parentOwner(ctx, found.DirectoryId));
  },

  readForWait: readTrustAlone,

  /**
   * Returns at once, without reading the trust back: a new trust is Creating for seconds to
   * minutes (Creating → Created → Verifying → Verified / VerifyFailed), so a read now would only
   * say so; readiness waits on those states.
   */
  async create(ctx, desired) {
    const input = createTrustInput(desired);
    const { TrustId } = await dsCall(ctx, "CreateTrust", input);
    if (!TrustId) throw new ProviderError("Unavailable", "CreateTrust returned no TrustId", "MissingTrustId");
    forgetTrusts(ctx, String(input.DirectoryId));
    return { id: TrustId, properties: {}, outputs: { trustId: TrustId, trustState: "Creating" } };
  },

  async update(ctx, live, desired, changed) {
    const directoryId = String(live.properties.directoryId);
    const selectiveAuth = stringAt(desired.properties, "selectiveAuth");
    if (touches(changed, "selectiveAuth") && selectiveAuth) {
      await dsCall(ctx, "UpdateTrust", { TrustId: live.id, SelectiveAuth: selectiveAuth as "Enabled" | "Disabled" });
    }
    const ips = stringsAt(desired.properties, "conditionalForwarderIpAddrs");
    if (touches(changed, "conditionalForwarderIpAddrs") && ips) {
      await putForwarder(ctx, directoryId, String(live.properties.remoteDomainName), ips);
    }
    forgetTrusts(ctx, directoryId);
  },

  /** Waits until the trust is gone, so the directory's own delete that usually follows is not refused. */
  async delete(ctx, live) {
    const directoryId = String(live.properties.directoryId ?? "");
    const option = live.properties.deleteAssociatedConditionalForwarder;
    try {
      await dsCall(ctx, "DeleteTrust", { TrustId: live.id, DeleteAssociatedConditionalForwarder: option !== false });
    } catch (error) {
      if (error instanceof ProviderError && error.code === "NotFound") return;
      throw error;
    } finally {
      if (directoryId) forgetTrusts(ctx, directoryId);
    }
    await pollUntil(async () => ((await readTrustAlone(ctx, live.id)) === undefined ? true : undefined), {
      signal: ctx.signal,
      timeoutMs: TRUST_TIMEOUT_MS,
      firstDelayMs: 100,
      maxDelayMs: 10_000,
    });
  },
};

/** The trust alone: its state and outputs come with it, its directory's forwarders and owner do not. */
async function readTrustAlone(ctx: KindContext, id: string): Promise<Live | undefined> {
  const found = await readTrust(ctx, id);
  if (!found?.DirectoryId || found.TrustState === "Deleted") return undefined;
  return trustToLive(found, new Map(), undefined);
}

async function trustsUnder(ctx: KindContext, directoryId: string, owner: { stack: string }): Promise<Live[]> {
  const trusts = await trustsOfDirectory(ctx, directoryId);
  if (trusts.length === 0) return [];
  const forwarders = await forwardersOfDirectory(ctx, directoryId);
  return trusts.map((t) => trustToLive(t, forwarders, owner));
}

/** UpdateConditionalForwarder replaces the whole list; a forwarder removed out of band is created again. */
async function putForwarder(ctx: KindContext, directoryId: string, remoteDomainName: string, ips: string[]): Promise<void> {
  try {
    await dsCall(ctx, "UpdateConditionalForwarder", { DirectoryId: directoryId, RemoteDomainName: remoteDomainName, DnsIpAddrs: ips });
  } catch (error) {
    if (!(error instanceof ProviderError && error.code === "NotFound")) throw error;
    await dsCall(ctx, "CreateConditionalForwarder", { DirectoryId: directoryId, RemoteDomainName: remoteDomainName, DnsIpAddrs: ips });
  }
}
