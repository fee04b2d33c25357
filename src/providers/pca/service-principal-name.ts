import type { KindContext, Live, ResourceKind } from "../../core/resource-kind.js";
import { CreateServicePrincipalNameCommand, DeleteServicePrincipalNameCommand } from "./sdk.js";
import { pcaSend } from "./pca-call.js";
import {
  childIds,
  childrenOfOwnedParents,
  childrenUnder,
  livesUnderParent,
  readinessOfStatus,
  sendDelete,
  statusOutputs,
  SLOW_TIMEOUTS,
  stringAt,
  withClientToken,
  withoutDeleting,
} from "./pca-common.js";
import { listServicePrincipalNames, memoKeys } from "./pca-reads.js";
import { registrationLives } from "./directory-registration.js";
import { connectorArnSchema, directoryRegistrationArnSchema } from "./schema-parts.js";
import type { ServicePrincipalNameSummary } from "./sdk.js";

/** An SPN has no ARN: its id is the registration's ARN, then the connector's. */
const spnIds = childIds("/servicePrincipalNames/", "directoryRegistrationArn", "connectorArn");

function spnToLive(spn: ServicePrincipalNameSummary): Omit<Live, "owner"> {
  const directoryRegistrationArn = spn.DirectoryRegistrationArn!;
  const connectorArn = spn.ConnectorArn!;
  return {
    id: spnIds.format(directoryRegistrationArn, connectorArn),
    properties: { directoryRegistrationArn, connectorArn },
    outputs: statusOutputs(spn.Status, spn.StatusReason),
  };
}

/** The SPNs under one registration; `includeDeleting` for delete waits. */
function livesUnder(ctx: KindContext, registrationArn: string, includeDeleting = false): Promise<Live[]> {
  const spns = listServicePrincipalNames(ctx, registrationArn).then((all) =>
    withoutDeleting(all, includeDeleting).filter((spn) => spn.ConnectorArn && spn.DirectoryRegistrationArn),
  );
  return livesUnderParent(ctx, registrationArn, spns, spnToLive);
}

/**
 * The service principal name a connector uses to authenticate with Active Directory
 * (CreateServicePrincipalName). Untaggable: it belongs to the stack that owns its registration.
 */
export const pcaServicePrincipalName: ResourceKind = {
  type: "pca/service-principal-name",
  description: "Service principal name of a connector in a registered directory (CreateServicePrincipalName); nothing changes in place.",
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["directoryRegistrationArn", "connectorArn"],
    properties: {
      directoryRegistrationArn: directoryRegistrationArnSchema("ARN of the directory registration the SPN is created in."),
      connectorArn: connectorArnSchema("ARN of the connector whose service account gets the SPN; it must serve the same directory."),
    },
  },
  replaceOn: ["directoryRegistrationArn", "connectorArn"],
  writeOnly: [],
  outputs: ["status", "statusReason"],
  parentPaths: ["directoryRegistrationArn", "connectorArn"],
  isCreateIdempotent: true,
  replaceOrder: "delete-first",
  timeouts: { createMs: 15 * 60_000, updateMs: 60_000, deleteMs: 15 * 60_000, pollMs: SLOW_TIMEOUTS.pollMs },

  naturalKey: spnIds.ofProperties,

  readiness: (live) => readinessOfStatus(live.outputs),

  list: async (ctx) => childrenOfOwnedParents(ctx, await registrationLives(ctx), (arn) => livesUnder(ctx, arn)),

  listUnder: (ctx, parents) => childrenUnder(ctx, parents, "pca/directory-registration", (arn) => livesUnder(ctx, arn)),

  find: (ctx, desired) => spnIds.lookUp(spnIds.ofProperties(desired.properties), (arn) => livesUnder(ctx, arn)),

  read: (ctx, id) => spnIds.lookUp(id, (arn) => livesUnder(ctx, arn, true)),

  async create(ctx, desired) {
    const key = {
      DirectoryRegistrationArn: stringAt(desired.properties, "directoryRegistrationArn"),
      ConnectorArn: stringAt(desired.properties, "connectorArn"),
    };
    await pcaSend(ctx, new CreateServicePrincipalNameCommand(withClientToken(ctx, desired, key)));
    ctx.forget(memoKeys.servicePrincipalNames(key.DirectoryRegistrationArn));
    return spnIds.createdLive(ctx, desired);
  },

  async delete(ctx, live) {
    const key = spnIds.parse(live.id);
    if (!key) return;
    await sendDelete(ctx, new DeleteServicePrincipalNameCommand({ DirectoryRegistrationArn: key.parentArn, ConnectorArn: key.childKey }));
    ctx.forget(memoKeys.servicePrincipalNames(key.parentArn));
  },
};
