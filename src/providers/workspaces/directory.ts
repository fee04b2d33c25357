import type { WorkspaceDirectory } from "@aws-sdk/client-workspaces";
import { ProviderError } from "../../core/errors.js";
import { isJsonObject, type JsonObject, type JsonValue } from "../../core/json.js";
import { OWNER_STACK_TAG, type DesiredResource, type KindContext, type Live, type Readiness, type ResourceKind } from "../../core/resource-kind.js";
import { workspacesCall } from "./client.js";
import { irremovableCreationProperties, modifiableFamilies, toLive } from "./directory-mapping.js";
import {
  findRegistrationByName,
  forgetRegistrations,
  LISTING_KEY,
  listRegistrations,
  readRegistration,
  toLiveRegistration,
  toLiveRegistrations,
} from "./directory-reads.js";
import { directorySchema } from "./directory-schema.js";
import { modifyFamily, registerOrResume, syncTags } from "./directory-writes.js";

const registrationTimeouts = { createMs: 15 * 60_000, updateMs: 5 * 60_000, deleteMs: 15 * 60_000, pollMs: 5_000 };

/**
 * A directory registered with WorkSpaces (resources.md §10). PERSONAL registrations reuse the DS
 * directory's ID; POOLS registrations get a `wsd-` ID. Registration and deregistration are
 * asynchronous; the `Modify*` families need a REGISTERED directory, so `create` waits for it
 * before applying them.
 */
export const workspacesDirectory: ResourceKind = {
  type: "workspaces/directory",
  description: "Registers a Directory Service directory with Amazon WorkSpaces (RegisterWorkspaceDirectory).",
  schema: directorySchema,
  replaceOn: [
    "directoryId",
    "workspaceType",
    "subnetIds",
    "tenancy",
    "workspaceDirectoryName",
    "workspaceDirectoryDescription",
    "userIdentityType",
    "activeDirectoryConfig",
  ],
  writeOnly: [],
  inputOnly: ["enableSelfService"],
  outputs: [
    "directoryId",
    "registrationCode",
    "state",
    "workspaceSecurityGroupId",
    "iamRoleId",
    "dnsIpAddresses",
    "alias",
    "directoryName",
    "directoryType",
    "errorMessage",
  ],
  parentPaths: ["directoryId"],
  isCreateIdempotent: false,
  // A PERSONAL directory can be registered only once, so the old registration must go first.
  replaceOrder: "delete-first",
  timeouts: registrationTimeouts,

  normalize(properties) {
    const comparable = { ...properties };
    if (Array.isArray(comparable.subnetIds)) comparable.subnetIds = [...comparable.subnetIds].sort();
    return comparable;
  },

  impactOf(path, before, after) {
    return removesIrremovable(path, before, after) ? "replace" : undefined;
  },

  // Only removesIrremovable makes these paths replace, so the reason is theirs.
  replaceReason: (path) => (path === "workspaceCreationProperties" || isIrremovableMember(path) ? "the service cannot remove it once set" : undefined),

  readiness(live) {
    return registrationReadiness(live.outputs);
  },

  list(ctx) {
    return ctx.memo(`${LISTING_KEY}:owned`, async () => {
      const all = await listRegistrations(ctx);
      return toLiveRegistrations(ctx, all, (tags) => tags[OWNER_STACK_TAG] === ctx.stack);
    });
  },

  async find(ctx, desired) {
    const { directoryId, workspaceType, workspaceDirectoryName } = desired.properties;
    if (workspaceType === "POOLS") {
      if (typeof workspaceDirectoryName !== "string") return undefined;
      return liveOf(ctx, await findRegistrationByName(ctx, workspaceDirectoryName));
    }
    return typeof directoryId === "string" ? this.read(ctx, directoryId) : undefined;
  },

  async read(ctx, id) {
    return liveOf(ctx, await readRegistration(ctx, id));
  },

  readForWait: readRegistrationAlone,

  /** Returns at once, without reading back a registration that can only be REGISTERING; the families follow once it is REGISTERED. */
  async create(ctx, desired) {
    const id = await registerOrResume(ctx, desired, () => this.find(ctx, desired));
    return { id, properties: {}, outputs: { directoryId: id, state: "REGISTERING" } };
  },

  completeWhenReady: setFamilies,

  async update(ctx, live, desired, changed) {
    const isChanged = (prefix: string) => changed.some((path) => path === prefix || path.startsWith(`${prefix}.`));
    for (const family of modifiableFamilies) {
      const value = desired.properties[family];
      if (isChanged(family) && isJsonObject(value)) await modifyFamily(ctx, live.id, family, value, familyOf(live, family));
    }
    const isOwned = live.owner?.stack === ctx.stack && live.owner.name === desired.name;
    if (isChanged("tags") || !isOwned) await syncTags(ctx, live, desired);
    forgetRegistrations(ctx);
  },

  async delete(ctx, live) {
    if (live.outputs.state === "DEREGISTERING") return;
    try {
      await workspacesCall(ctx, "DeregisterWorkspaceDirectory", { DirectoryId: live.id });
    } catch (error) {
      if (error instanceof ProviderError && error.code === "NotFound") return;
      // A deregistration whose answer was lost leaves the directory DEREGISTERING, and asking again is refused.
      if (error instanceof ProviderError && error.code === "Conflict" && (await isDeregistering(ctx, live.id))) return;
      throw error;
    }
    forgetRegistrations(ctx);
  },
};

/**
 * What a registration's create sets once it is REGISTERED, as the Modify* calls require: the
 * families the file sets. The applier calls it after its wait (`completeWhenReady`). Nothing it
 * sets is an output, so it returns nothing.
 */
async function setFamilies(ctx: KindContext, id: string, desired: DesiredResource): Promise<undefined> {
  const properties = desired.properties;
  const families = modifiableFamilies.filter((family) => isJsonObject(properties[family]));
  if (families.length === 0) return undefined;
  const registered = await liveOf(ctx, await readRegistration(ctx, id));
  for (const family of families) {
    await modifyFamily(ctx, id, family, properties[family] as JsonObject, familyOf(registered, family));
  }
  forgetRegistrations(ctx);
  return undefined;
}

/** The registration alone: its state and outputs come with it, its tags and client properties (a call each) do not. */
async function readRegistrationAlone(ctx: KindContext, id: string): Promise<Live | undefined> {
  const directory = await readRegistration(ctx, id);
  return directory ? toLive(directory, {}, undefined) : undefined;
}

async function isDeregistering(ctx: KindContext, id: string): Promise<boolean> {
  forgetRegistrations(ctx);
  const state = (await readRegistration(ctx, id))?.State;
  return state === undefined || state === "DEREGISTERING" || state === "DEREGISTERED";
}

export function registrationReadiness(outputs: JsonObject): Readiness {
  const reason = typeof outputs.errorMessage === "string" ? outputs.errorMessage : undefined;
  switch (outputs.state) {
    case "REGISTERED":
      return { state: "ready" };
    case "ERROR":
      return { state: "failed", reason: reason ?? "the registration failed (state ERROR)" };
    case "DEREGISTERING":
    case "DEREGISTERED":
      return { state: "failed", reason: `the registration is being removed (state ${String(outputs.state)})` };
    default:
      return { state: "pending", reason: typeof outputs.state === "string" ? outputs.state : undefined };
  }
}

/**
 * Whether a change takes away `defaultOu` or `customSecurityGroupId`, which the service keeps
 * once set: only a new registration is without them. At family level only an explicit null
 * counts, since a member left out of the file is simply not managed.
 */
function removesIrremovable(path: string, before: JsonValue | undefined, after: JsonValue | undefined): boolean {
  const isSet = (value: JsonValue | undefined) => typeof value === "string" && value !== "";
  if (path === "workspaceCreationProperties") {
    if (!isJsonObject(before) || !isJsonObject(after)) return false;
    return irremovableCreationProperties.some((name) => isSet(before[name]) && after[name] === null);
  }
  return isIrremovableMember(path) && isSet(before) && (after === undefined || after === null || after === "");
}

function isIrremovableMember(path: string): boolean {
  return irremovableCreationProperties.some((name) => path === `workspaceCreationProperties.${name}`);
}

function familyOf(live: Live | undefined, family: string): JsonObject | undefined {
  const value = live?.properties[family];
  return isJsonObject(value) ? value : undefined;
}

async function liveOf(ctx: KindContext, directory: WorkspaceDirectory | undefined): Promise<Live | undefined> {
  return directory ? toLiveRegistration(ctx, directory) : undefined;
}

