import type { AwsJsonCall } from "../protocols/aws-json.js";
import { LocalServiceError } from "../types.js";
import { checkTags, pageOfWorkspaces } from "./workspaces-pages.js";
import {
  loadWorkspacesState,
  requireRegistered,
  requireRegistration,
  type Members,
  type WorkspacesState,
  type WsTag,
} from "./workspaces-state.js";

/** Members only PERSONAL WorkSpaces have: a POOLS registration refuses them. */
const personalOnlyCreationProperties = ["UserEnabledAsLocalAdministrator", "EnableMaintenanceMode"];

/** Each Modify* call changes only the members it is given; there is no way to clear one. */
function merge(target: Members, changes: Members): void {
  for (const [name, value] of Object.entries(changes)) if (value !== undefined && value !== null) target[name] = value;
}

export function modifySelfservicePermissions(input: { ResourceId: string; SelfservicePermissions: Members }, { ctx }: AwsJsonCall) {
  const record = requireRegistered(loadWorkspacesState(ctx), input.ResourceId, ctx.now());
  if (record.workspaceType === "POOLS") {
    throw new LocalServiceError("OperationNotSupportedException", "Self-service permissions are not supported for POOLS directories.");
  }
  merge(record.selfservicePermissions, input.SelfservicePermissions);
  ctx.store.save();
  return {};
}

export function modifyWorkspaceCreationProperties(input: { ResourceId: string; WorkspaceCreationProperties: Members }, { ctx }: AwsJsonCall) {
  const record = requireRegistered(loadWorkspacesState(ctx), input.ResourceId, ctx.now());
  const personalOnly = personalOnlyCreationProperties.find((name) => input.WorkspaceCreationProperties[name] !== undefined);
  if (record.workspaceType === "POOLS" && personalOnly) {
    throw new LocalServiceError("InvalidParameterValuesException", `${personalOnly} is not supported for POOLS directories.`);
  }
  merge(record.workspaceCreationProperties, input.WorkspaceCreationProperties);
  ctx.store.save();
  return {};
}

export function modifyWorkspaceAccessProperties(input: { ResourceId: string; WorkspaceAccessProperties: Members }, { ctx }: AwsJsonCall) {
  const record = requireRegistered(loadWorkspacesState(ctx), input.ResourceId, ctx.now());
  merge(record.workspaceAccessProperties, input.WorkspaceAccessProperties);
  ctx.store.save();
  return {};
}

export function modifyClientProperties(input: { ResourceId: string; ClientProperties: Members }, { ctx }: AwsJsonCall) {
  const record = requireRegistered(loadWorkspacesState(ctx), input.ResourceId, ctx.now());
  merge(record.clientProperties, input.ClientProperties);
  ctx.store.save();
  return {};
}

/** DescribeClientProperties: up to 25 IDs (the model's limit); one unknown ID fails the whole call. */
export function describeClientProperties(input: { ResourceIds: string[] }, { ctx }: AwsJsonCall) {
  const state = loadWorkspacesState(ctx);
  const now = ctx.now();
  const records = [...new Set(input.ResourceIds)].map((id) => requireRegistration(state, id, now));
  return { ClientPropertiesList: records.map((record) => ({ ResourceId: record.directoryId, ClientProperties: { ...record.clientProperties } })) };
}

/** The tagged resources emulated here: registrations and WorkSpaces. */
function taggable(state: WorkspacesState, id: string, now: number): { tags: WsTag[] } {
  return state.workspaces[id] ?? requireRegistration(state, id, now);
}

/** CreateTags: adds, or overwrites the value of a key already present. */
export function createTags(input: { ResourceId: string; Tags: WsTag[] }, { ctx }: AwsJsonCall) {
  const resource = taggable(loadWorkspacesState(ctx), input.ResourceId, ctx.now());
  const merged = new Map(resource.tags.map((tag) => [tag.Key, tag.Value ?? ""]));
  for (const tag of input.Tags) merged.set(tag.Key, tag.Value ?? "");
  const next = [...merged].map(([Key, Value]) => ({ Key, Value }));
  checkTags(next);
  resource.tags = next;
  ctx.store.save();
  return {};
}

/** DeleteTags: keys that are not there are ignored. */
export function deleteTags(input: { ResourceId: string; TagKeys: string[] }, { ctx }: AwsJsonCall) {
  const resource = taggable(loadWorkspacesState(ctx), input.ResourceId, ctx.now());
  const removed = new Set(input.TagKeys);
  resource.tags = resource.tags.filter((tag) => !removed.has(tag.Key));
  ctx.store.save();
  return {};
}

export function describeTags(input: { ResourceId: string }, { ctx }: AwsJsonCall) {
  const resource = taggable(loadWorkspacesState(ctx), input.ResourceId, ctx.now());
  return { TagList: resource.tags.map((tag) => ({ Key: tag.Key, Value: tag.Value })) };
}

interface DescribeWorkspacesInput {
  WorkspaceIds?: string[];
  DirectoryId?: string;
  UserName?: string;
  BundleId?: string;
  Limit?: number;
  NextToken?: string;
}

/** DescribeWorkspaces: only WorkSpaces a test seeded exist; all are AVAILABLE. */
export function describeWorkspaces(input: DescribeWorkspacesInput, { ctx }: AwsJsonCall) {
  const state = loadWorkspacesState(ctx);
  if (input.UserName !== undefined && input.DirectoryId === undefined) {
    throw new LocalServiceError("InvalidParameterValuesException", "UserName can only be used together with DirectoryId.");
  }
  const matching = Object.values(state.workspaces).filter(
    (w) =>
      (input.WorkspaceIds === undefined || input.WorkspaceIds.includes(w.workspaceId)) &&
      (input.DirectoryId === undefined || w.directoryId === input.DirectoryId) &&
      (input.UserName === undefined || w.userName === input.UserName) &&
      (input.BundleId === undefined || w.bundleId === input.BundleId),
  );
  const page = pageOfWorkspaces(matching, (w) => w.workspaceId, "DescribeWorkspaces", input);
  return {
    Workspaces: page.items.map((w) => ({
      WorkspaceId: w.workspaceId,
      DirectoryId: w.directoryId,
      UserName: w.userName,
      BundleId: w.bundleId,
      State: "AVAILABLE",
    })),
    ...(page.nextToken ? { NextToken: page.nextToken } : {}),
  };
}
