import type { KindContext, Live, ResourceKind } from "../../core/resource-kind.js";
import { CreateServicePrincipalNameCommand, DeleteServicePrincipalNameCommand } from "./commands.js";
import { isNotFound, pcaSend } from "./pca-call.js";
import { childOwner, clientToken, isOwnedBy, readinessOfStatus, statusOutputs, stringAt } from "./pca-common.js";
import { listServicePrincipalNames, memoKeys, tagsOf } from "./pca-reads.js";
import { registrationLives } from "./directory-registration.js";
import { connectorArnSchema, directoryRegistrationArnSchema } from "./schema-parts.js";
import type { ServicePrincipalNameSummary } from "./shapes.js";

/** The id of an SPN, which has no ARN: its route in the API, registration then connector. */
const SEPARATOR = "/servicePrincipalNames/";

export function servicePrincipalNameId(directoryRegistrationArn: string, connectorArn: string): string {
  return `${directoryRegistrationArn}${SEPARATOR}${connectorArn}`;
}

function parseId(id: string): { directoryRegistrationArn: string; connectorArn: string } | undefined {
  const at = id.indexOf(SEPARATOR);
  if (at < 0) return undefined;
  return { directoryRegistrationArn: id.slice(0, at), connectorArn: id.slice(at + SEPARATOR.length) };
}

function toLive(spn: ServicePrincipalNameSummary, parentTags: Record<string, string> | undefined): Live {
  const directoryRegistrationArn = spn.DirectoryRegistrationArn!;
  const connectorArn = spn.ConnectorArn!;
  const owner = childOwner(parentTags);
  return {
    id: servicePrincipalNameId(directoryRegistrationArn, connectorArn),
    properties: { directoryRegistrationArn, connectorArn },
    outputs: statusOutputs(spn.Status, spn.StatusReason),
    ...(owner ? { owner } : {}),
  };
}

/** The SPNs under one registration, owned as the registration is; `includeDeleting` for delete waits. */
async function livesUnder(ctx: KindContext, registrationArn: string, includeDeleting = false): Promise<Live[]> {
  const [spns, parentTags] = await Promise.all([listServicePrincipalNames(ctx, registrationArn), tagsOf(ctx, registrationArn)]);
  return spns
    .filter((spn) => spn.ConnectorArn && spn.DirectoryRegistrationArn && (includeDeleting || spn.Status !== "DELETING"))
    .map((spn) => toLive(spn, parentTags));
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
  timeouts: { createMs: 15 * 60_000, updateMs: 60_000, deleteMs: 15 * 60_000, pollMs: 3_000 },

  naturalKey: (properties) => {
    const registration = stringAt(properties, "directoryRegistrationArn");
    const connector = stringAt(properties, "connectorArn");
    return registration && connector ? servicePrincipalNameId(registration, connector) : undefined;
  },

  readiness: (live) => readinessOfStatus(live.outputs),

  async list(ctx) {
    const owned = (await registrationLives(ctx)).filter((registration) => isOwnedBy(registration, ctx));
    return (await Promise.all(owned.map((registration) => livesUnder(ctx, registration.id)))).flat();
  },

  async listUnder(ctx, parents) {
    const registrations = parents.filter((parent) => parent.type === "pca/directory-registration");
    const lives = (await Promise.all(registrations.map((registration) => livesUnder(ctx, registration.id)))).flat();
    return lives.map((live) => ({ ...live, owner: { stack: ctx.stack } }));
  },

  async find(ctx, desired) {
    const registrationArn = stringAt(desired.properties, "directoryRegistrationArn");
    const connectorArn = stringAt(desired.properties, "connectorArn");
    return (await livesUnder(ctx, registrationArn)).find((live) => live.properties.connectorArn === connectorArn);
  },

  async read(ctx, id) {
    const key = parseId(id);
    if (!key) return undefined;
    return (await livesUnder(ctx, key.directoryRegistrationArn, true)).find((live) => live.id === id);
  },

  async create(ctx, desired) {
    const key = {
      DirectoryRegistrationArn: stringAt(desired.properties, "directoryRegistrationArn"),
      ConnectorArn: stringAt(desired.properties, "connectorArn"),
    };
    await pcaSend(ctx, new CreateServicePrincipalNameCommand({ ...key, ClientToken: clientToken(ctx, desired.name, key) }));
    ctx.forget(memoKeys.servicePrincipalNames(key.DirectoryRegistrationArn));
    return {
      id: servicePrincipalNameId(key.DirectoryRegistrationArn, key.ConnectorArn),
      properties: desired.properties,
      outputs: {},
      owner: { stack: ctx.stack },
    };
  },

  async delete(ctx, live) {
    const key = parseId(live.id);
    if (!key) return;
    try {
      await pcaSend(ctx, new DeleteServicePrincipalNameCommand({ DirectoryRegistrationArn: key.directoryRegistrationArn, ConnectorArn: key.connectorArn }));
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    ctx.forget(memoKeys.servicePrincipalNames(key.directoryRegistrationArn));
  },
};
