import { ProviderError } from "../../core/errors.js";
import type { KindContext, Live, ResourceKind } from "../../core/resource-kind.js";
import { CreateTemplateCommand, DeleteTemplateCommand, UpdateTemplateCommand } from "./sdk.js";
import { pcaSend } from "./pca-call.js";
import { touches } from "../../core/paths.js";
import {
  isOwnedBy,
  livesWithTags,
  readinessOfStatus,
  sendDelete,
  stringAt,
  tagsSchema,
  updateChangedTags,
  withoutUndefined,
  withTagsAndClientToken,
} from "./pca-common.js";
import { listAllTemplates, listTemplates, memoKeys } from "./pca-reads.js";
import { connectorArnSchema } from "./schema-parts.js";
import type { TemplateSummary } from "./sdk.js";
import { definitionFromWire, definitionToWire, normalizeDefinition } from "./template-definition.js";
import { TEMPLATE_NAME_PATTERN, templateDefinitionSchema } from "./template-definition-schema.js";

/** Template ARNs extend their connector's: `…:connector/<uuid>/template/<uuid>`. */
function connectorArnOf(templateArn: string): string {
  const at = templateArn.indexOf("/template/");
  return at < 0 ? "" : templateArn.slice(0, at);
}

function templateToLive(template: TemplateSummary): Omit<Live, "owner"> {
  const arn = template.Arn!;
  return {
    id: arn,
    properties: {
      connectorArn: template.ConnectorArn ?? connectorArnOf(arn),
      name: template.Name ?? "",
      definition: definitionFromWire(template.Definition),
    },
    outputs: withoutUndefined({
      arn,
      objectIdentifier: template.ObjectIdentifier,
      policySchema: template.PolicySchema,
      revision: template.Revision
        ? { majorRevision: template.Revision.MajorRevision, minorRevision: template.Revision.MinorRevision }
        : undefined,
      status: template.Status,
    }),
  };
}

/** Templates of every connector, not on their way out, with tags. */
export async function templateLives(ctx: KindContext): Promise<Live[]> {
  return livesWithTags(ctx, await listAllTemplates(ctx), templateToLive);
}

/** A certificate template of a connector (CreateTemplate); its definition changes in place (UpdateTemplate). */
export const pcaTemplate: ResourceKind = {
  type: "pca/template",
  description: "Certificate template of a PCA connector (CreateTemplate); definition and tags change in place.",
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["connectorArn", "name", "definition"],
    properties: {
      connectorArn: connectorArnSchema("ARN of the connector that publishes the template; it must be ACTIVE."),
      name: { description: "Template name, unique per connector.", type: "string", minLength: 1, maxLength: 64, pattern: TEMPLATE_NAME_PATTERN },
      definition: templateDefinitionSchema,
      reenrollAllCertificateHolders: {
        description: "When a definition change is applied, raise the major revision so every holder re-enrolls; an update option, never compared.",
        type: "boolean",
      },
      tags: tagsSchema,
    },
  },
  replaceOn: ["connectorArn", "name"],
  writeOnly: [],
  inputOnly: ["reenrollAllCertificateHolders"],
  outputs: ["arn", "objectIdentifier", "policySchema", "revision", "status"],
  parentPaths: ["connectorArn"],
  isCreateIdempotent: true,
  replaceOrder: "delete-first",
  timeouts: { createMs: 5 * 60_000, updateMs: 5 * 60_000, deleteMs: 10 * 60_000, pollMs: 2_000 },

  normalize(properties) {
    const rest = { ...properties };
    if (rest.definition !== undefined) rest.definition = normalizeDefinition(rest.definition);
    return rest;
  },

  readiness: (live) => readinessOfStatus(live.outputs),

  list: async (ctx) => (await templateLives(ctx)).filter((live) => isOwnedBy(live, ctx)),

  /** Ours by tags on any connector first; else the template of that name on the desired connector. */
  async find(ctx, desired) {
    const owned = (await templateLives(ctx)).find((live) => isOwnedBy(live, ctx, desired.name));
    if (owned) return owned;
    const connectorArn = stringAt(desired.properties, "connectorArn");
    const name = stringAt(desired.properties, "name");
    const named = (await listTemplates(ctx, connectorArn)).filter((t) => t.Name === name);
    return (await livesWithTags(ctx, named, templateToLive))[0];
  },

  async read(ctx, id) {
    const connectorArn = connectorArnOf(id);
    if (!connectorArn) return undefined;
    const templates = (await listTemplates(ctx, connectorArn)).filter((t) => t.Arn === id);
    return (await livesWithTags(ctx, templates, templateToLive, true))[0];
  },

  async create(ctx, desired) {
    const input = withTagsAndClientToken(ctx, desired, {
      ConnectorArn: stringAt(desired.properties, "connectorArn"),
      Name: stringAt(desired.properties, "name"),
      Definition: definitionToWire(desired.properties.definition),
    });
    const { TemplateArn } = await pcaSend(ctx, new CreateTemplateCommand(input));
    if (!TemplateArn) throw new ProviderError("Unavailable", "CreateTemplate returned no TemplateArn", "MissingTemplateArn");
    ctx.forget(memoKeys.templates(input.ConnectorArn));
    return { id: TemplateArn, properties: desired.properties, outputs: { arn: TemplateArn }, owner: { stack: ctx.stack, name: desired.name } };
  },

  async update(ctx, live, desired, changed) {
    if (touches(changed, "definition")) {
      const reenroll = desired.properties.reenrollAllCertificateHolders === true;
      await pcaSend(
        ctx,
        new UpdateTemplateCommand({
          TemplateArn: live.id,
          Definition: definitionToWire(desired.properties.definition),
          ...(reenroll ? { ReenrollAllCertificateHolders: true } : {}),
        }),
      );
      ctx.forget(memoKeys.templates(connectorArnOf(live.id)));
    }
    await updateChangedTags(ctx, live, desired, changed);
  },

  async delete(ctx, live) {
    await sendDelete(ctx, new DeleteTemplateCommand({ TemplateArn: live.id }));
    ctx.forget(memoKeys.templates(connectorArnOf(live.id)));
  },
};
