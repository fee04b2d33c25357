import { ProviderError } from "../../core/errors.js";
import type { KindContext, Live, ResourceKind } from "../../core/resource-kind.js";
import { CreateDirectoryRegistrationCommand, DeleteDirectoryRegistrationCommand } from "./commands.js";
import { isNotFound, pcaSend } from "./pca-call.js";
import {
  clientToken,
  isOwnedBy,
  readinessOfStatus,
  SLOW_TIMEOUTS,
  statusOutputs,
  stringAt,
  tagsForCreate,
  tagsSchema,
  updateTags,
  withoutUndefined,
  withTags,
} from "./pca-common.js";
import { listDirectoryRegistrations, memoKeys } from "./pca-reads.js";
import { directoryIdSchema } from "./schema-parts.js";
import type { DirectoryRegistrationSummary } from "./shapes.js";

function registrationToLive(registration: DirectoryRegistrationSummary): Omit<Live, "owner"> {
  const arn = registration.Arn!;
  return {
    id: arn,
    properties: withoutUndefined({ directoryId: registration.DirectoryId }),
    outputs: { arn, ...statusOutputs(registration.Status, registration.StatusReason) },
  };
}

/** Every registration not on its way out, with tags; `includeDeleting` for reads during a delete wait. */
export async function registrationLives(ctx: KindContext, includeDeleting = false): Promise<Live[]> {
  const registrations = (await listDirectoryRegistrations(ctx)).filter((r) => r.Arn && (includeDeleting || r.Status !== "DELETING"));
  const lives = await Promise.all(registrations.map((r) => withTags(ctx, r.Arn!, registrationToLive(r))));
  return lives.filter((live): live is Live => live !== undefined);
}

/**
 * Registers a directory with AWS Private CA (CreateDirectoryRegistration), which authorises the
 * service as an application on the directory; at most one per directory.
 */
export const pcaDirectoryRegistration: ResourceKind = {
  type: "pca/directory-registration",
  description: "Registration of a directory with AWS Private CA (CreateDirectoryRegistration); only its tags change in place.",
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["directoryId"],
    properties: {
      directoryId: directoryIdSchema("ID of the AWS Managed Microsoft AD or AD Connector directory to register; it must be Active."),
      tags: tagsSchema,
    },
  },
  replaceOn: ["directoryId"],
  writeOnly: [],
  outputs: ["arn", "status", "statusReason"],
  parentPaths: ["directoryId"],
  isCreateIdempotent: true,
  replaceOrder: "delete-first",
  timeouts: SLOW_TIMEOUTS,

  readiness: (live) => readinessOfStatus(live.outputs),

  list: async (ctx) => (await registrationLives(ctx)).filter((live) => isOwnedBy(live, ctx)),

  /** Ours by tags first; else the directory's registration (its ARN ends in the directory ID, so there is one). */
  async find(ctx, desired) {
    const lives = await registrationLives(ctx);
    const owned = lives.find((live) => isOwnedBy(live, ctx, desired.name));
    if (owned) return owned;
    const directoryId = stringAt(desired.properties, "directoryId");
    return lives.find((live) => live.properties.directoryId === directoryId);
  },

  read: async (ctx, id) => (await registrationLives(ctx, true)).find((live) => live.id === id),

  async create(ctx, desired) {
    const request = { DirectoryId: stringAt(desired.properties, "directoryId"), Tags: tagsForCreate(ctx, desired) };
    const input = { ...request, ClientToken: clientToken(ctx, desired.name, request) };
    const { DirectoryRegistrationArn: arn } = await pcaSend(ctx, new CreateDirectoryRegistrationCommand(input));
    if (!arn) throw new ProviderError("Unavailable", "CreateDirectoryRegistration returned no ARN", "MissingDirectoryRegistrationArn");
    ctx.forget(memoKeys.registrations);
    return { id: arn, properties: desired.properties, outputs: { arn }, owner: { stack: ctx.stack, name: desired.name } };
  },

  async update(ctx, live, desired, changed) {
    if (changed.some((path) => path === "tags" || path.startsWith("tags."))) await updateTags(ctx, live, desired);
  },

  async delete(ctx, live) {
    try {
      await pcaSend(ctx, new DeleteDirectoryRegistrationCommand({ DirectoryRegistrationArn: live.id }));
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    ctx.forget(memoKeys.registrations);
  },
};
