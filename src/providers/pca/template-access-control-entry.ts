import type { JsonObject } from "../../core/json.js";
import type { KindContext, Live, ResourceKind } from "../../core/resource-kind.js";
import {
  CreateTemplateGroupAccessControlEntryCommand,
  DeleteTemplateGroupAccessControlEntryCommand,
  UpdateTemplateGroupAccessControlEntryCommand,
} from "./commands.js";
import { isNotFound, pcaSend } from "./pca-call.js";
import { childOwner, clientToken, isOwnedBy, stringAt, withoutUndefined } from "./pca-common.js";
import { listAccessControlEntries, memoKeys, tagsOf } from "./pca-reads.js";
import { templateArnSchema } from "./schema-parts.js";
import type { AccessControlEntrySummary, AccessRights } from "./shapes.js";
import { templateLives } from "./template.js";

/** The id of an entry, which has no ARN: its route in the API, template then group SID. */
const SEPARATOR = "/accessControlEntries/";

function entryId(templateArn: string, groupSecurityIdentifier: string): string {
  return `${templateArn}${SEPARATOR}${groupSecurityIdentifier}`;
}

function parseId(id: string): { templateArn: string; groupSecurityIdentifier: string } | undefined {
  const at = id.indexOf(SEPARATOR);
  if (at < 0) return undefined;
  return { templateArn: id.slice(0, at), groupSecurityIdentifier: id.slice(at + SEPARATOR.length) };
}

function accessRightsInput(properties: JsonObject): AccessRights {
  const rights = (properties.accessRights ?? {}) as { enroll?: AccessRights["Enroll"]; autoEnroll?: AccessRights["AutoEnroll"] };
  return { Enroll: rights.enroll, AutoEnroll: rights.autoEnroll };
}

function toLive(entry: AccessControlEntrySummary, parentTags: Record<string, string> | undefined): Live {
  const templateArn = entry.TemplateArn!;
  const sid = entry.GroupSecurityIdentifier!;
  const owner = childOwner(parentTags);
  return {
    id: entryId(templateArn, sid),
    properties: withoutUndefined({
      templateArn,
      groupSecurityIdentifier: sid,
      groupDisplayName: entry.GroupDisplayName,
      accessRights: withoutUndefined({ enroll: entry.AccessRights?.Enroll, autoEnroll: entry.AccessRights?.AutoEnroll }),
    }),
    outputs: {},
    ...(owner ? { owner } : {}),
  };
}

/** The entries of one template, owned as the template is. */
async function livesUnder(ctx: KindContext, templateArn: string): Promise<Live[]> {
  const [entries, parentTags] = await Promise.all([listAccessControlEntries(ctx, templateArn), tagsOf(ctx, templateArn)]);
  return entries.filter((e) => e.TemplateArn && e.GroupSecurityIdentifier).map((e) => toLive(e, parentTags));
}

const accessRight = (description: string) => ({ description, type: "string", enum: ["ALLOW", "DENY"] });

/**
 * Which Active Directory group may enroll or autoenroll with a template
 * (CreateTemplateGroupAccessControlEntry). Untaggable: it belongs to the stack that owns its template.
 */
export const pcaTemplateAccessControlEntry: ResourceKind = {
  type: "pca/template-access-control-entry",
  description: "Enrollment rights of an Active Directory group on a PCA template; display name and rights change in place.",
  schema: {
    type: "object",
    additionalProperties: false,
    required: ["templateArn", "groupSecurityIdentifier", "groupDisplayName", "accessRights"],
    properties: {
      templateArn: templateArnSchema("ARN of the template the entry grants rights on."),
      groupSecurityIdentifier: {
        description: "Security identifier (SID) of the Active Directory group, e.g. S-1-5-21-…-513.",
        type: "string",
        minLength: 7,
        maxLength: 256,
        pattern: "^S-[0-9]-([0-9]+-){1,14}[0-9]+$",
      },
      groupDisplayName: {
        description: "Name shown for the group; it need not match the group's name in Active Directory.",
        type: "string",
        maxLength: 256,
        pattern: "^[\\x20-\\x7E]+$",
      },
      accessRights: {
        description: "What the group may do with the template; autoEnroll ALLOW needs enroll ALLOW.",
        type: "object",
        additionalProperties: false,
        required: ["enroll", "autoEnroll"],
        properties: {
          enroll: accessRight("Whether the group may enroll for certificates from the template."),
          autoEnroll: accessRight("Whether the group may autoenroll; ALLOW only together with enroll ALLOW."),
        },
        if: { required: ["autoEnroll"], properties: { autoEnroll: { const: "ALLOW" } } },
        then: { properties: { enroll: { const: "ALLOW" } } },
      },
    },
  },
  replaceOn: ["templateArn", "groupSecurityIdentifier"],
  writeOnly: [],
  outputs: [],
  parentPaths: ["templateArn"],
  isCreateIdempotent: true,
  replaceOrder: "delete-first",
  timeouts: { createMs: 2 * 60_000, updateMs: 2 * 60_000, deleteMs: 2 * 60_000, pollMs: 1_000 },

  naturalKey: (properties) => {
    const templateArn = stringAt(properties, "templateArn");
    const sid = stringAt(properties, "groupSecurityIdentifier");
    return templateArn && sid ? entryId(templateArn, sid) : undefined;
  },

  // Synchronous calls: an entry that can be read is in effect.
  readiness: () => ({ state: "ready" }),

  async list(ctx) {
    const owned = (await templateLives(ctx)).filter((template) => isOwnedBy(template, ctx));
    return (await Promise.all(owned.map((template) => livesUnder(ctx, template.id)))).flat();
  },

  async listUnder(ctx, parents) {
    const templates = parents.filter((parent) => parent.type === "pca/template");
    const lives = (await Promise.all(templates.map((template) => livesUnder(ctx, template.id)))).flat();
    return lives.map((live) => ({ ...live, owner: { stack: ctx.stack } }));
  },

  async find(ctx, desired) {
    const templateArn = stringAt(desired.properties, "templateArn");
    const sid = stringAt(desired.properties, "groupSecurityIdentifier");
    return (await livesUnder(ctx, templateArn)).find((live) => live.properties.groupSecurityIdentifier === sid);
  },

  async read(ctx, id) {
    const key = parseId(id);
    if (!key) return undefined;
    return (await livesUnder(ctx, key.templateArn)).find((live) => live.id === id);
  },

  async create(ctx, desired) {
    const request = {
      TemplateArn: stringAt(desired.properties, "templateArn"),
      GroupSecurityIdentifier: stringAt(desired.properties, "groupSecurityIdentifier"),
      GroupDisplayName: stringAt(desired.properties, "groupDisplayName"),
      AccessRights: accessRightsInput(desired.properties),
    };
    await pcaSend(ctx, new CreateTemplateGroupAccessControlEntryCommand({ ...request, ClientToken: clientToken(ctx, desired.name, request) }));
    ctx.forget(memoKeys.accessControlEntries(request.TemplateArn));
    return { id: entryId(request.TemplateArn, request.GroupSecurityIdentifier), properties: desired.properties, outputs: {}, owner: { stack: ctx.stack } };
  },

  async update(ctx, live, desired) {
    const key = parseId(live.id);
    if (!key) return;
    await pcaSend(
      ctx,
      new UpdateTemplateGroupAccessControlEntryCommand({
        TemplateArn: key.templateArn,
        GroupSecurityIdentifier: key.groupSecurityIdentifier,
        GroupDisplayName: stringAt(desired.properties, "groupDisplayName"),
        AccessRights: accessRightsInput(desired.properties),
      }),
    );
    ctx.forget(memoKeys.accessControlEntries(key.templateArn));
  },

  async delete(ctx, live) {
    const key = parseId(live.id);
    if (!key) return;
    try {
      await pcaSend(ctx, new DeleteTemplateGroupAccessControlEntryCommand({ TemplateArn: key.templateArn, GroupSecurityIdentifier: key.groupSecurityIdentifier }));
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    ctx.forget(memoKeys.accessControlEntries(key.templateArn));
  },
};
