import { model } from "../models/workspaces.js";
import type { AwsJsonHandler } from "../protocols/aws-json.js";
import type { LocalService } from "../types.js";
import { createAwsJsonModelService } from "./aws-json-model-service.js";
import { deregisterWorkspaceDirectory, describeWorkspaceDirectories, registerWorkspaceDirectory } from "./workspaces-directories.js";
import {
  createTags,
  deleteTags,
  describeClientProperties,
  describeTags,
  describeWorkspaces,
  modifyClientProperties,
  modifySelfservicePermissions,
  modifyWorkspaceAccessProperties,
  modifyWorkspaceCreationProperties,
} from "./workspaces-properties.js";

const handlers: Record<string, AwsJsonHandler> = {
  RegisterWorkspaceDirectory: registerWorkspaceDirectory,
  DeregisterWorkspaceDirectory: deregisterWorkspaceDirectory,
  DescribeWorkspaceDirectories: describeWorkspaceDirectories,
  ModifySelfservicePermissions: modifySelfservicePermissions,
  ModifyWorkspaceCreationProperties: modifyWorkspaceCreationProperties,
  ModifyWorkspaceAccessProperties: modifyWorkspaceAccessProperties,
  ModifyClientProperties: modifyClientProperties,
  DescribeClientProperties: describeClientProperties,
  CreateTags: createTags,
  DeleteTags: deleteTags,
  DescribeTags: describeTags,
  DescribeWorkspaces: describeWorkspaces,
};

/**
 * The local WorkSpaces service (`X-Amz-Target: WorkspacesService.*`): directory registrations
 * with their Modify* property families and tags. A PERSONAL registration needs the local DS
 * directory to exist (ResourceNotFoundException) and be Active (InvalidResourceStateException);
 * it is REGISTERING for `createDelayMs`, and after deregistration DEREGISTERING then DEREGISTERED
 * for `deleteDelayMs` each before it vanishes. WorkSpaces themselves exist only when a test seeds
 * them (`seedWorkspace`), and then block deregistration. Inputs are validated against the model
 * first (InvalidParameterValuesException); WorkSpaces models no throttling error, so a throttled
 * call gets the common `ThrottlingException: Rate exceeded`.
 */
export const workspacesService: LocalService = createAwsJsonModelService("workspaces", model, handlers, {
  validation: "InvalidParameterValuesException",
  throttling: "ThrottlingException",
});
