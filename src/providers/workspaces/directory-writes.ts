/** The writes of `workspaces/directory` after the register call: the wait, the Modify* families, tags. */
import { ProviderError } from "../../core/errors.js";
import { isJsonObject, type JsonObject } from "../../core/json.js";
import type { DesiredResource, KindContext, Live } from "../../core/resource-kind.js";
import { ownerToTags, recordToTagList, tagChanges } from "../aws/tags.js";
import { pollUntil } from "../aws/wait.js";
import { workspacesCall } from "./client.js";
import {
  toAccessProperties,
  toClientProperties,
  toCreationProperties,
  toRegisterRequest,
  toSelfservicePermissions,
  type ModifiableFamily,
} from "./directory-mapping.js";
import { forgetRegistrations, readRegistration } from "./directory-reads.js";

/**
 * RegisterWorkspaceDirectory with the ownership tags. The call has no client token, so a create
 * retried after a later step failed finds its own registration already there
 * (ResourceAlreadyExistsException): that one, tagged for this stack and name, is carried on with.
 */
export async function registerOrResume(
  ctx: KindContext,
  desired: DesiredResource,
  find: () => Promise<Live | undefined>,
  settleMs = REGISTER_SETTLE_MS,
): Promise<string> {
  const properties = desired.properties;
  const tags = { ...userTags(properties), ...ctx.ownershipTags(desired.name) };
  try {
    const register = () => workspacesCall(ctx, "RegisterWorkspaceDirectory", toRegisterRequest(properties, tags));
    const answer = await whileSettling(ctx, register, settleMs);
    return answer.DirectoryId ?? String(properties.directoryId);
  } catch (error) {
    if (!(error instanceof ProviderError) || error.code !== "AlreadyExists") throw error;
    const earlier = await find();
    if (earlier?.owner?.stack !== ctx.stack || earlier.owner.name !== desired.name) throw error;
    return earlier.id;
  } finally {
    forgetRegistrations(ctx);
  }
}

/**
 * How long a registration refused with InvalidResourceStateException is asked again: for a while
 * after its directory turns Active the service still refuses it, longer than the applier's few
 * conflict retries last.
 */
export const REGISTER_SETTLE_MS = 2 * 60_000;

/**
 * Calls `register` again while the service answers InvalidResourceStateException, with growing
 * delays, for `settleMs` at most. A directory still refused after that is not settling but stuck
 * (or not usable by WorkSpaces): the step then fails at once, with the service's message, rather
 * than the applier starting the whole wait over.
 */
async function whileSettling<T>(ctx: KindContext, register: () => Promise<T>, settleMs: number): Promise<T> {
  let refusal: ProviderError | undefined;
  const attempt = async (): Promise<T | undefined> => {
    try {
      return await register();
    } catch (error) {
      if (!(error instanceof ProviderError) || error.awsName !== "InvalidResourceStateException") throw error;
      refusal = error;
      ctx.log.debug(`workspaces RegisterWorkspaceDirectory: ${error.message}; asking again`);
      return undefined;
    }
  };
  const registered = (await attempt()) ?? (await pollUntil(attempt, { signal: ctx.signal, timeoutMs: settleMs, firstDelayMs: 1_000, maxDelayMs: 15_000 }));
  if (registered !== undefined) return registered;
  const message = `${refusal!.message} (still refused after ${Math.round(settleMs / 1000)}s of retries)`;
  throw new ProviderError("Invalid", message, refusal!.awsName, undefined, refusal!.context);
}

function userTags(properties: JsonObject): Record<string, string> {
  return isJsonObject(properties.tags) ? (properties.tags as Record<string, string>) : {};
}

/** One Modify* call with the file's members of the family; `current` is the family as last read. */
export async function modifyFamily(
  ctx: KindContext,
  id: string,
  family: ModifiableFamily,
  value: JsonObject,
  current: JsonObject | undefined,
): Promise<void> {
  switch (family) {
    case "selfservicePermissions": {
      const permissions = toSelfservicePermissions(value, current);
      await workspacesCall(ctx, "ModifySelfservicePermissions", { ResourceId: id, SelfservicePermissions: permissions });
      return;
    }
    case "workspaceAccessProperties":
      await workspacesCall(ctx, "ModifyWorkspaceAccessProperties", { ResourceId: id, WorkspaceAccessProperties: toAccessProperties(value) });
      return;
    case "workspaceCreationProperties": {
      const creation = toCreationProperties(value);
      if (Object.keys(creation).length > 0) {
        await workspacesCall(ctx, "ModifyWorkspaceCreationProperties", { ResourceId: id, WorkspaceCreationProperties: creation });
      }
      return;
    }
    case "clientProperties":
      await workspacesCall(ctx, "ModifyClientProperties", { ResourceId: id, ClientProperties: toClientProperties(value) });
      return;
  }
}

/** Brings user tags to the file's and (for an adopted registration) adds the ownership tags. */
export async function syncTags(ctx: KindContext, live: Live, desired: DesiredResource): Promise<void> {
  const current = { ...(live.properties.tags as Record<string, string> | undefined), ...ownerToTags(live.owner) };
  const changes = tagChanges(current, { ...userTags(desired.properties), ...ctx.ownershipTags(desired.name) });
  if (changes.toRemove.length > 0) await workspacesCall(ctx, "DeleteTags", { ResourceId: live.id, TagKeys: changes.toRemove });
  if (Object.keys(changes.toSet).length > 0) await workspacesCall(ctx, "CreateTags", { ResourceId: live.id, Tags: recordToTagList(changes.toSet) });
}
