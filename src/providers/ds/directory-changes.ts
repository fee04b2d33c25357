/**
 * Changes both directory kinds share: alias and SSO once Active (the applier waits for it), tags, the
 * network update, and deletion with its wait until gone.
 */
import type { DirectoryDescription, NetworkUpdateSettings } from "@aws-sdk/client-directory-service";
import { ProviderError } from "../../core/errors.js";
import { isJsonObject, type JsonObject } from "../../core/json.js";
import type { DesiredResource, KindContext, Live } from "../../core/resource-kind.js";
import { hasTagChanges, ownerToTags, tagChanges, withoutOwnershipTags } from "../aws/tags.js";
import { pollUntil } from "../aws/wait.js";
import { dsCall } from "./client.js";
import { touches } from "../../core/paths.js";
import { aliasOf, DIRECTORY_TIMEOUTS, PENDING_STAGES, readDirectoryLive, type DirectoryVariant } from "./directory-common.js";
import { forgetDirectory, readDirectory } from "./directory-reads.js";

/**
 * The waits inside a directory's updates (until Active again, or its domain controllers settled)
 * and its delete. Local clouds answer in milliseconds and real directories take tens of minutes:
 * start quick, back off to once a minute, so a 25-minute wait costs 37 DescribeDirectories (at
 * most every 15 s, it cost about 100).
 */
export const DIRECTORY_WAIT = { firstDelayMs: 250, maxDelayMs: 60_000 } as const;

/**
 * Waits until the directory leaves its pending stages, riding out throttling and a moment when
 * it is not visible. Undefined when time runs out.
 */
async function waitUntilSettled(ctx: KindContext, directoryId: string, timeoutMs: number): Promise<DirectoryDescription | undefined> {
  return pollUntil(
    async () => {
      try {
        const description = await readDirectory(ctx, directoryId);
        return description && !PENDING_STAGES.has(description.Stage ?? "") ? description : undefined;
      } catch (error) {
        if (error instanceof ProviderError && (error.isRetryable || error.code === "NotFound")) return undefined;
        throw error;
      }
    },
    { signal: ctx.signal, timeoutMs, ...DIRECTORY_WAIT },
  );
}

/** The new directory's ID from a create call's answer; the listing read before it is stale now. */
export function createdDirectoryId(ctx: KindContext, operation: string, output: { DirectoryId?: string }): string {
  if (!output.DirectoryId) throw new ProviderError("Unavailable", `${operation} returned no DirectoryId`, "MissingDirectoryId");
  forgetDirectory(ctx, output.DirectoryId);
  return output.DirectoryId;
}

/**
 * A new directory, without reading it back: it is Requested for minutes, so a read now would only
 * say so. The applier's wait takes its first look after an interval.
 */
export function createdDirectoryLive(directoryId: string): Live {
  return { id: directoryId, properties: {}, outputs: { directoryId, stage: "Requested" } };
}

/**
 * What a directory's create sets once it is Active, as the service requires: the alias and SSO.
 * The applier calls it after its wait (`completeWhenReady`); what is already in place is skipped,
 * so a retried or resumed create finishes where the last attempt stopped. The directory as it is
 * afterwards, if anything was set.
 */
export async function setAliasAndSso(ctx: KindContext, directoryId: string, desired: DesiredResource, variant: DirectoryVariant): Promise<Live | undefined> {
  const alias = desired.properties.alias;
  const sso = desired.properties.sso;
  const wantsAlias = typeof alias === "string";
  const wantsSso = isJsonObject(sso) && sso.enabled === true;
  if (!wantsAlias && !wantsSso) return undefined;
  const description = await readDirectory(ctx, directoryId);
  if (description?.Stage !== "Active") return undefined;
  let changed = false;
  if (wantsAlias && aliasOf(description) !== alias) {
    await afterCreate(directoryId, "setting the alias", () => createAlias(ctx, directoryId, alias));
    changed = true;
  }
  if (wantsSso && description.SsoEnabled !== true) {
    await afterCreate(directoryId, "enabling single sign-on", () => setSso(ctx, directoryId, sso));
    changed = true;
  }
  if (!changed) return undefined;
  forgetDirectory(ctx, directoryId);
  return readDirectoryLive(ctx, directoryId, variant);
}

/**
 * A step after the directory exists: a failure says the directory is there, so it is not read as
 * the create call's own (an alias taken elsewhere is not the directory already existing). The
 * applier retries the whole step, which skips what is in place.
 */
export async function afterCreate(directoryId: string, step: string, call: () => Promise<void>): Promise<void> {
  try {
    await call();
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    const code = error.code === "AlreadyExists" ? "Invalid" : error.code;
    throw new ProviderError(code, `directory ${directoryId} was created, but ${step} failed: ${error.message}`, error.awsName);
  }
}

/**
 * In-place changes both kinds share, in the order the service needs: tags (always making sure the
 * ownership tags are there, which is what an adoption writes), then the network update the kind
 * worked out, if any, then alias, then SSO.
 */
export async function updateCommon(
  ctx: KindContext,
  live: Live,
  desired: DesiredResource,
  changed: readonly string[],
  network: NetworkUpdateSettings | undefined,
): Promise<void> {
  const current = { ...(live.properties.tags as Record<string, string> | undefined), ...ownerToTags(live.owner) };
  const desiredUserTags = touches(changed, "tags") ? (desired.properties.tags as Record<string, string> | undefined) ?? {} : withoutOwnershipTags(current);
  await writeTags(ctx, live.id, current, { ...desiredUserTags, ...ctx.ownershipTags(desired.name) });
  if (network) await updateNetwork(ctx, live.id, network);

  const needsAlias = touches(changed, "alias") && typeof desired.properties.alias === "string";
  const sso = desired.properties.sso;
  const needsSso = touches(changed, "sso") && isJsonObject(sso);
  if (!needsAlias && !needsSso) return;
  await requireActive(ctx, live.id);
  if (needsAlias) await createAlias(ctx, live.id, desired.properties.alias as string);
  if (needsSso) await setSso(ctx, live.id, sso as JsonObject);
}

/**
 * UpdateDirectorySetup NETWORK, on an Active directory, then the wait through Updating until it is
 * Active again, so that alias, SSO and the domain controller count that may follow find it ready.
 * DirectoryInDesiredState answers a retry whose first attempt went through: nothing left to do.
 */
async function updateNetwork(ctx: KindContext, directoryId: string, settings: NetworkUpdateSettings): Promise<void> {
  await requireActive(ctx, directoryId);
  try {
    await dsCall(ctx, "UpdateDirectorySetup", { DirectoryId: directoryId, UpdateType: "NETWORK", NetworkUpdateSettings: settings });
  } catch (error) {
    if (!(error instanceof ProviderError && error.awsName === "DirectoryInDesiredStateException")) throw error;
  } finally {
    forgetDirectory(ctx, directoryId);
  }
  await requireActive(ctx, directoryId);
}

/** Waits out a transition (Updating), then insists on Active: alias, SSO, DC count and network updates need it. */
export async function requireActive(ctx: KindContext, directoryId: string): Promise<void> {
  const settled = await waitUntilSettled(ctx, directoryId, DIRECTORY_TIMEOUTS.updateMs);
  if (!settled) throw new ProviderError("Conflict", `directory ${directoryId} did not become Active in time`, "NotActive");
  if (settled.Stage !== "Active") {
    throw new ProviderError("Conflict", `directory ${directoryId} is ${settled.Stage}, not Active`, "NotActive");
  }
}

async function writeTags(ctx: KindContext, directoryId: string, current: Record<string, string>, desired: Record<string, string>) {
  const changes = tagChanges(current, desired);
  if (!hasTagChanges(changes)) return;
  if (changes.toRemove.length > 0) {
    await dsCall(ctx, "RemoveTagsFromResource", { ResourceId: directoryId, TagKeys: changes.toRemove });
  }
  if (Object.keys(changes.toSet).length > 0) {
    const Tags = Object.entries(changes.toSet).map(([Key, Value]) => ({ Key, Value }));
    await dsCall(ctx, "AddTagsToResource", { ResourceId: directoryId, Tags });
  }
  forgetDirectory(ctx, directoryId);
}

/** A retried CreateAlias whose first attempt landed answers EntityAlreadyExists: that is success. */
async function createAlias(ctx: KindContext, directoryId: string, alias: string): Promise<void> {
  try {
    await dsCall(ctx, "CreateAlias", { DirectoryId: directoryId, Alias: alias });
  } catch (error) {
    if (!(error instanceof ProviderError && error.code === "AlreadyExists")) throw error;
    forgetDirectory(ctx, directoryId);
    const description = await readDirectory(ctx, directoryId);
    if (!description || aliasOf(description) !== alias) throw error;
  }
}

async function setSso(ctx: KindContext, directoryId: string, sso: JsonObject): Promise<void> {
  const input = {
    DirectoryId: directoryId,
    UserName: typeof sso.userName === "string" ? sso.userName : undefined,
    Password: typeof sso.password === "string" ? sso.password : undefined,
  };
  await dsCall(ctx, sso.enabled === true ? "EnableSso" : "DisableSso", input);
}

/**
 * DeleteDirectory, then wait until the directory is gone so that whatever follows (a replacement
 * with the same name, the next plan) sees it absent. Absent already is success.
 */
export async function deleteDirectory(ctx: KindContext, directoryId: string): Promise<void> {
  try {
    await dsCall(ctx, "DeleteDirectory", { DirectoryId: directoryId });
  } catch (error) {
    if (error instanceof ProviderError && error.code === "NotFound") return;
    throw error;
  } finally {
    forgetDirectory(ctx, directoryId);
  }
  await pollUntil(
    async () => ((await readDirectory(ctx, directoryId)) === undefined ? true : undefined),
    { signal: ctx.signal, timeoutMs: DIRECTORY_TIMEOUTS.deleteMs, ...DIRECTORY_WAIT },
  );
}
