import { randomInt, randomUUID } from "node:crypto";
import type { RestJsonCall, RestJsonHandler } from "../protocols/rest-json.js";
import { findConnector } from "./pca-connectors.js";
import { createOnce, getByArn, listAnswer, type PcaInput } from "./pca-handlers.js";
import {
  accessControlEntryKey,
  conflict,
  invalid,
  newLifecycle,
  pcaState,
  requireRecord,
  seconds,
  startDeletion,
  statusOf,
  type AccessControlEntryRecord,
  type PcaState,
  type TemplateRecord,
} from "./pca-state.js";
type AccessRights = AccessControlEntryRecord["accessRights"];

const policySchemaOfArm: Record<string, number> = { TemplateV2: 2, TemplateV3: 3, TemplateV4: 4 };

function templateView(record: TemplateRecord, now: number): Record<string, unknown> {
  return {
    Arn: record.arn,
    ConnectorArn: record.connectorArn,
    CreatedAt: seconds(record.createdAt),
    Definition: record.definition,
    Name: record.name,
    ObjectIdentifier: record.objectIdentifier,
    PolicySchema: policySchemaOfArm[Object.keys(record.definition)[0]],
    Revision: record.revision,
    Status: statusOf(record, now) === "DELETING" ? "DELETING" : "ACTIVE",
    UpdatedAt: seconds(record.updatedAt),
  };
}

function entryView(record: AccessControlEntryRecord): Record<string, unknown> {
  return {
    AccessRights: record.accessRights,
    CreatedAt: seconds(record.createdAt),
    GroupDisplayName: record.groupDisplayName,
    GroupSecurityIdentifier: record.groupSecurityIdentifier,
    TemplateArn: record.templateArn,
    UpdatedAt: seconds(record.updatedAt),
  };
}

function findTemplate(state: PcaState, arn: string): TemplateRecord {
  return requireRecord(state.templates, arn, "Template");
}

function findEntry(state: PcaState, templateArn: string, sid: string): AccessControlEntryRecord {
  return requireRecord(state.accessControlEntries, accessControlEntryKey(templateArn, sid), "TemplateGroupAccessControlEntry", sid);
}

/** "Groups must be allowed to enroll to allow autoenrollment" (model documentation of AccessRights). */
function checkAccessRights(rights: AccessRights | undefined): void {
  if (rights?.AutoEnroll === "ALLOW" && rights.Enroll !== "ALLOW") {
    throw invalid("FIELD_VALIDATION_FAILED", "AutoEnroll can be ALLOW only when Enroll is ALLOW.");
  }
}

/** An OID under Microsoft's certificate template arc, as the service assigns. */
function newObjectIdentifier(): string {
  return `1.3.6.1.4.1.311.21.8.${randomInt(1, 99_999_999)}.${randomInt(1, 9_999_999)}.${randomInt(1, 999)}`;
}

function createTemplate(input: PcaInput, call: RestJsonCall) {
  const { ctx } = call;
  const TemplateArn = createOnce(input, call, "Template", (state) => {
    const connectorArn = input.ConnectorArn as string;
    const connector = findConnector(state, connectorArn);
    if (statusOf(connector, ctx.now()) !== "ACTIVE") throw invalid("INVALID_STATE", `Connector ${connectorArn} is not ACTIVE.`);
    const name = input.Name as string;
    const sameName = Object.values(state.templates).find((t) => t.connectorArn === connectorArn && t.name === name && t.goneAt === undefined);
    if (sameName) throw conflict("Template", sameName.arn, `A template named ${name} already exists on this connector.`);
    const arn = `${connectorArn}/template/${randomUUID()}`;
    state.templates[arn] = {
      // Templates are ready as soon as the call returns: there is no CREATING state.
      ...newLifecycle(ctx),
      readyAt: ctx.now(),
      arn,
      connectorArn,
      name,
      definition: input.Definition as Record<string, unknown>,
      objectIdentifier: newObjectIdentifier(),
      revision: { MajorRevision: 1, MinorRevision: 0 },
    };
    state.tags[arn] = { ...(input.Tags as Record<string, string> | undefined) };
    return arn;
  });
  return { TemplateArn };
}

function updateTemplate(input: PcaInput, { ctx }: RestJsonCall) {
  const record = findTemplate(pcaState(ctx), input.TemplateArn as string);
  if (record.goneAt !== undefined) throw conflict("Template", record.arn, "The template is being deleted.");
  if (input.Definition) record.definition = input.Definition as Record<string, unknown>;
  record.revision =
    input.ReenrollAllCertificateHolders === true
      ? { MajorRevision: record.revision.MajorRevision + 1, MinorRevision: 0 }
      : { MajorRevision: record.revision.MajorRevision, MinorRevision: record.revision.MinorRevision + 1 };
  record.updatedAt = ctx.now();
  ctx.store.save();
}

function createEntry(input: PcaInput, call: RestJsonCall) {
  createOnce(input, call, "TemplateGroupAccessControlEntry", (state) => {
    const templateArn = input.TemplateArn as string;
    const template = findTemplate(state, templateArn);
    if (template.goneAt !== undefined) throw conflict("Template", templateArn, "The template is being deleted.");
    const rights = input.AccessRights as AccessRights;
    checkAccessRights(rights);
    const sid = input.GroupSecurityIdentifier as string;
    const key = accessControlEntryKey(templateArn, sid);
    const existing = state.accessControlEntries[key];
    const displayName = input.GroupDisplayName as string;
    if (existing) {
      const isSame =
        existing.groupDisplayName === displayName &&
        existing.accessRights.Enroll === rights.Enroll &&
        existing.accessRights.AutoEnroll === rights.AutoEnroll;
      // Idempotent for an identical entry; a different one for the same group must go through the update call.
      if (!isSame) throw conflict("TemplateGroupAccessControlEntry", sid, `Group ${sid} already has an entry on this template.`);
      return undefined;
    }
    const now = call.ctx.now();
    state.accessControlEntries[key] = {
      templateArn,
      groupSecurityIdentifier: sid,
      groupDisplayName: displayName,
      accessRights: { ...rights },
      createdAt: now,
      updatedAt: now,
    };
    return key;
  });
  return undefined;
}

function updateEntry(input: PcaInput, { ctx }: RestJsonCall) {
  const record = findEntry(pcaState(ctx), input.TemplateArn as string, input.GroupSecurityIdentifier as string);
  const rights = { ...record.accessRights, ...(input.AccessRights as AccessRights | undefined) };
  checkAccessRights(rights);
  record.accessRights = rights;
  if (typeof input.GroupDisplayName === "string") record.groupDisplayName = input.GroupDisplayName;
  record.updatedAt = ctx.now();
  ctx.store.save();
}

export const templateHandlers: Record<string, RestJsonHandler> = {
  CreateTemplate: createTemplate,
  GetTemplate: getByArn("Template", "TemplateArn", (state) => state.templates, templateView),
  ListTemplates: (input: PcaInput, { ctx }: RestJsonCall) => {
    const connector = findConnector(pcaState(ctx), input.ConnectorArn as string);
    const under = Object.values(pcaState(ctx).templates).filter((t) => t.connectorArn === connector.arn);
    return listAnswer("Templates", under, (t) => t.arn, input, (t) => templateView(t, ctx.now()));
  },
  UpdateTemplate: updateTemplate,
  DeleteTemplate: (input: PcaInput, { ctx }: RestJsonCall) => {
    startDeletion(ctx, findTemplate(pcaState(ctx), input.TemplateArn as string));
    ctx.store.save();
  },

  CreateTemplateGroupAccessControlEntry: createEntry,
  GetTemplateGroupAccessControlEntry: (input: PcaInput, { ctx }: RestJsonCall) => ({
    AccessControlEntry: entryView(findEntry(pcaState(ctx), input.TemplateArn as string, input.GroupSecurityIdentifier as string)),
  }),
  ListTemplateGroupAccessControlEntries: (input: PcaInput, { ctx }: RestJsonCall) => {
    const template = findTemplate(pcaState(ctx), input.TemplateArn as string);
    const under = Object.values(pcaState(ctx).accessControlEntries).filter((e) => e.templateArn === template.arn);
    return listAnswer("AccessControlEntries", under, (e) => e.groupSecurityIdentifier, input, entryView);
  },
  UpdateTemplateGroupAccessControlEntry: updateEntry,
  DeleteTemplateGroupAccessControlEntry: (input: PcaInput, { ctx }: RestJsonCall) => {
    const state = pcaState(ctx);
    findEntry(state, input.TemplateArn as string, input.GroupSecurityIdentifier as string);
    delete state.accessControlEntries[accessControlEntryKey(input.TemplateArn as string, input.GroupSecurityIdentifier as string)];
    ctx.store.save();
  },
};
