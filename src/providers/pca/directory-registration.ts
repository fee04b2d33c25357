import { ProviderError } from "../../core/errors.js";
import type { KindContext, Live, ResourceKind } from "../../core/resource-kind.js";
import { CreateDirectoryRegistrationCommand, DeleteDirectoryRegistrationCommand } from "./sdk.js";
import { pcaSend } from "./pca-call.js";
import {
  isOwnedBy,
  livesWithTags,
  ownedOrMatching,
  readinessOfStatus,
  sendDelete,
  SLOW_TIMEOUTS,
  statusOutputs,
  stringAt,
  tagsSchema,
  updateChangedTags,
  withoutUndefined,
  withTagsAndClientToken,
} from "./pca-common.js";
import { listDirectoryRegistrations, memoKeys } from "./pca-reads.js";
import { directoryIdSchema } from "./schema-parts.js";
import type { DirectoryRegistrationSummary } from "./sdk.js";

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
  return livesWithTags(ctx, await listDirectoryRegistrations(ctx), registrationToLive, includeDeleting);
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
    const directoryId = stringAt(desired.properties, "directoryId");
    return ownedOrMatching(ctx, await registrationLives(ctx), desired, (live) => live.properties.directoryId === directoryId);
  },

  read: async (ctx, id) => (await registrationLives(ctx, true)).find((live) => live.id === id),

  async create(ctx, desired) {
    const input = withTagsAndClientToken(ctx, desired, { DirectoryId: stringAt(desired.properties, "directoryId") });
    const { DirectoryRegistrationArn: arn } = await pcaSend(ctx, new CreateDirectoryRegistrationCommand(input));
    if (!arn) throw new ProviderError("Unavailable", "CreateDirectoryRegistration returned no ARN", "MissingDirectoryRegistrationArn");
    ctx.forget(memoKeys.registrations);
    return { id: arn, properties: desired.properties, outputs: { arn }, owner: { stack: ctx.stack, name: desired.name } };
  },

  update: updateChangedTags,

  async delete(ctx, live) {
    await sendDelete(ctx, new DeleteDirectoryRegistrationCommand({ DirectoryRegistrationArn: live.id }));
    ctx.forget(memoKeys.registrations);
  },
};
