import { ProviderError } from "../../core/errors.js";
import type { JsonObject } from "../../core/json.js";
import type { KindContext, Live, ResourceKind } from "../../core/resource-kind.js";
import { CreateConnectorCommand, DeleteConnectorCommand } from "./sdk.js";
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
import { listConnectors, memoKeys } from "./pca-reads.js";
import { certificateAuthorityArnSchema, directoryIdSchema } from "./schema-parts.js";
import type { ConnectorSummary, VpcInformation } from "./sdk.js";

function connectorToLive(connector: ConnectorSummary): Omit<Live, "owner"> {
  const arn = connector.Arn!;
  const vpc = connector.VpcInformation;
  return {
    id: arn,
    properties: withoutUndefined({
      certificateAuthorityArn: connector.CertificateAuthorityArn,
      directoryId: connector.DirectoryId,
      vpcInformation: vpc
        ? withoutUndefined({ securityGroupIds: [...vpc.SecurityGroupIds], ipAddressType: vpc.IpAddressType })
        : undefined,
    }),
    outputs: withoutUndefined({
      arn,
      certificateEnrollmentPolicyServerEndpoint: connector.CertificateEnrollmentPolicyServerEndpoint,
      ...statusOutputs(connector.Status, connector.StatusReason),
    }),
  };
}

/** Every connector not on its way out, with tags; `includeDeleting` for reads during a delete wait. */
async function connectorLives(ctx: KindContext, includeDeleting = false): Promise<Live[]> {
  return livesWithTags(ctx, await listConnectors(ctx), connectorToLive, includeDeleting);
}

function vpcInformationInput(properties: JsonObject): VpcInformation {
  const vpc = (properties.vpcInformation ?? {}) as { securityGroupIds?: string[]; ipAddressType?: VpcInformation["IpAddressType"] };
  return { SecurityGroupIds: vpc.securityGroupIds ?? [], ...(vpc.ipAddressType ? { IpAddressType: vpc.ipAddressType } : {}) };
}

/** A connector between AWS Private CA and an Active Directory (CreateConnector). */
export const pcaConnector: ResourceKind = {
  type: "pca/connector",
  description: "Connector between an AWS Private CA and an Active Directory (CreateConnector); only its tags change in place.",
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["certificateAuthorityArn", "directoryId", "vpcInformation"],
    properties: {
      certificateAuthorityArn: certificateAuthorityArnSchema("ARN of the private CA that issues the certificates; it must be ACTIVE."),
      directoryId: directoryIdSchema("ID of the AWS Managed Microsoft AD or AD Connector directory the connector serves."),
      vpcInformation: {
        description: "Network of the connector's VPC endpoint.",
        type: "object",
        additionalProperties: false,
        required: ["securityGroupIds"],
        properties: {
          securityGroupIds: {
            description: "Security groups of the connector's VPC endpoint (1 to 4).",
            type: "array",
            minItems: 1,
            maxItems: 4,
            uniqueItems: true,
            items: { type: "string", minLength: 11, maxLength: 20, pattern: "^(?:sg-[0-9a-f]{8}|sg-[0-9a-f]{17})$" },
          },
          ipAddressType: { description: "IP protocols the endpoint accepts.", type: "string", enum: ["IPV4", "DUALSTACK"] },
        },
      },
      tags: tagsSchema,
    },
  },
  replaceOn: ["certificateAuthorityArn", "directoryId", "vpcInformation"],
  writeOnly: [],
  outputs: ["arn", "certificateEnrollmentPolicyServerEndpoint", "status", "statusReason"],
  parentPaths: ["directoryId"],
  isCreateIdempotent: true,
  replaceOrder: "delete-first",
  timeouts: SLOW_TIMEOUTS,

  normalize(properties) {
    const vpc = properties.vpcInformation as { securityGroupIds?: unknown } | undefined;
    if (vpc && Array.isArray(vpc.securityGroupIds) && vpc.securityGroupIds.every((id) => typeof id === "string")) {
      vpc.securityGroupIds = [...vpc.securityGroupIds].sort();
    }
    return properties;
  },

  readiness: (live) => readinessOfStatus(live.outputs),

  list: async (ctx) => (await connectorLives(ctx)).filter((live) => isOwnedBy(live, ctx)),

  /** Ours by tags first; else the one connector of this directory and CA (the service allows only one). */
  async find(ctx, desired) {
    const directoryId = stringAt(desired.properties, "directoryId");
    const caArn = stringAt(desired.properties, "certificateAuthorityArn");
    return ownedOrMatching(ctx, await connectorLives(ctx), desired, (live) =>
      live.properties.directoryId === directoryId && live.properties.certificateAuthorityArn === caArn,
    );
  },

  read: async (ctx, id) => (await connectorLives(ctx, true)).find((live) => live.id === id),

  async create(ctx, desired) {
    const input = withTagsAndClientToken(ctx, desired, {
      CertificateAuthorityArn: stringAt(desired.properties, "certificateAuthorityArn"),
      DirectoryId: stringAt(desired.properties, "directoryId"),
      VpcInformation: vpcInformationInput(desired.properties),
    });
    const { ConnectorArn } = await pcaSend(ctx, new CreateConnectorCommand(input));
    if (!ConnectorArn) throw new ProviderError("Unavailable", "CreateConnector returned no ConnectorArn", "MissingConnectorArn");
    ctx.forget(memoKeys.connectors);
    return { id: ConnectorArn, properties: desired.properties, outputs: { arn: ConnectorArn }, owner: { stack: ctx.stack, name: desired.name } };
  },

  update: updateChangedTags,

  async delete(ctx, live) {
    await sendDelete(ctx, new DeleteConnectorCommand({ ConnectorArn: live.id }));
    ctx.forget(memoKeys.connectors);
  },
};
