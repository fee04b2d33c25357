import type { JsonObject } from "../../core/json.js";
import type { KindContext, Live, ResourceKind } from "../../core/resource-kind.js";
import {
  CreateTemplateGroupAccessControlEntryCommand,
  DeleteTemplateGroupAccessControlEntryCommand,
  UpdateTemplateGroupAccessControlEntryCommand,
} from "./sdk.js";
import { pcaSend } from "./pca-call.js";
import {
  childIds,
  childrenOfOwnedParents,
  childrenUnder,
  livesUnderParent,
  sendDelete,
  stringAt,
  withClientToken,
  withoutUndefined,
} from "./pca-common.js";
import { listAccessControlEntries, memoKeys } from "./pca-reads.js";
import { templateArnSchema } from "./schema-parts.js";
import type { AccessControlEntrySummary, AccessRights } from "./sdk.js";
import { templateLives } from "./template.js";

/** An entry has no ARN: its id is the template's ARN, then the group's SID. */
const entryIds = childIds("/accessControlEntries/", "templateArn", "groupSecurityIdentifier");

function accessRightsInput(properties: JsonObject): AccessRights {
  const rights = (properties.accessRights ?? {}) as { enroll?: AccessRights["Enroll"]; autoEnroll?: AccessRights["AutoEnroll"] };
  return { Enroll: rights.enroll, AutoEnroll: rights.autoEnroll };
}

function entryToLive(entry: AccessControlEntrySummary): Omit<Live, "owner"> {
  const templateArn = entry.TemplateArn!;
  const sid = entry.GroupSecurityIdentifier!;
  return {
    id: entryIds.format(templateArn, sid),
    properties: withoutUndefined({
      templateArn,
      groupSecurityIdentifier: sid,
      groupDisplayName: entry.GroupDisplayName,
      accessRights: withoutUndefined({ enroll: entry.AccessRights?.Enroll, autoEnroll: entry.AccessRights?.AutoEnroll }),
    }),
    outputs: {},
  };
}

/** The entries of one template. */
function livesUnder(ctx: KindContext, templateArn: string): Promise<Live[]> {
  const entries = listAccessControlEntries(ctx, templateArn).then((all) =>
    all.filter((entry) => entry.TemplateArn && entry.GroupSecurityIdentifier),
  );
  return livesUnderParent(ctx, templateArn, entries, entryToLive);
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

  naturalKey: entryIds.ofProperties,

  // Synchronous calls: an entry that can be read is in effect.
  readiness: () => ({ state: "ready" }),

  list: async (ctx) => childrenOfOwnedParents(ctx, await templateLives(ctx), (arn) => livesUnder(ctx, arn)),

  listUnder: (ctx, parents) => childrenUnder(ctx, parents, "pca/template", (arn) => livesUnder(ctx, arn)),

  find: (ctx, desired) => entryIds.lookUp(entryIds.ofProperties(desired.properties), (arn) => livesUnder(ctx, arn)),

  read: (ctx, id) => entryIds.lookUp(id, (arn) => livesUnder(ctx, arn)),

  async create(ctx, desired) {
    const request = {
      TemplateArn: stringAt(desired.properties, "templateArn"),
      GroupSecurityIdentifier: stringAt(desired.properties, "groupSecurityIdentifier"),
      GroupDisplayName: stringAt(desired.properties, "groupDisplayName"),
      AccessRights: accessRightsInput(desired.properties),
    };
    await pcaSend(ctx, new CreateTemplateGroupAccessControlEntryCommand(withClientToken(ctx, desired, request)));
    ctx.forget(memoKeys.accessControlEntries(request.TemplateArn));
    return entryIds.createdLive(ctx, desired);
  },

  async update(ctx, live, desired) {
    const key = entryIds.parse(live.id);
    if (!key) return;
    await pcaSend(
      ctx,
      new UpdateTemplateGroupAccessControlEntryCommand({
        TemplateArn: key.parentArn,
        GroupSecurityIdentifier: key.childKey,
        GroupDisplayName: stringAt(desired.properties, "groupDisplayName"),
        AccessRights: accessRightsInput(desired.properties),
      }),
    );
    ctx.forget(memoKeys.accessControlEntries(key.parentArn));
  },

  async delete(ctx, live) {
    const key = entryIds.parse(live.id);
    if (!key) return;
    await sendDelete(ctx, new DeleteTemplateGroupAccessControlEntryCommand({ TemplateArn: key.parentArn, GroupSecurityIdentifier: key.childKey }));
    ctx.forget(memoKeys.accessControlEntries(key.parentArn));
  },
};
