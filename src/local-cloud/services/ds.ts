import { model } from "../models/ds.js";
import type { AwsJsonHandler } from "../protocols/aws-json.js";
import type { LocalService } from "../types.js";
import { createAwsJsonModelService } from "./aws-json-model-service.js";
import { createAlias, disableSso, enableSso } from "./ds-access.js";
import { connectDirectory, createMicrosoftAd, deleteDirectory, describeDirectories, getDirectoryLimits } from "./ds-directories.js";
import {
  createConditionalForwarder,
  deleteConditionalForwarder,
  describeConditionalForwarders,
  updateConditionalForwarder,
} from "./ds-forwarders.js";
import { describeDomainControllers, updateDirectorySetup, updateNumberOfDomainControllers } from "./ds-setup.js";
import { addTagsToResource, listTagsForResource, removeTagsFromResource } from "./ds-tags.js";
import { createTrust, deleteTrust, describeTrusts, updateTrust, verifyTrust } from "./ds-trusts.js";

const handlers: Record<string, AwsJsonHandler> = {
  ConnectDirectory: connectDirectory,
  CreateMicrosoftAD: createMicrosoftAd,
  DescribeDirectories: describeDirectories,
  DeleteDirectory: deleteDirectory,
  GetDirectoryLimits: getDirectoryLimits,
  CreateAlias: createAlias,
  EnableSso: enableSso,
  DisableSso: disableSso,
  AddTagsToResource: addTagsToResource,
  RemoveTagsFromResource: removeTagsFromResource,
  ListTagsForResource: listTagsForResource,
  CreateTrust: createTrust,
  DescribeTrusts: describeTrusts,
  UpdateTrust: updateTrust,
  DeleteTrust: deleteTrust,
  VerifyTrust: verifyTrust,
  CreateConditionalForwarder: createConditionalForwarder,
  DescribeConditionalForwarders: describeConditionalForwarders,
  UpdateConditionalForwarder: updateConditionalForwarder,
  DeleteConditionalForwarder: deleteConditionalForwarder,
  UpdateNumberOfDomainControllers: updateNumberOfDomainControllers,
  DescribeDomainControllers: describeDomainControllers,
  UpdateDirectorySetup: updateDirectorySetup,
};

/**
 * The local Directory Service (`X-Amz-Target: DirectoryService_20150416.*`): AD Connectors and
 * Managed Microsoft AD directories with their aliases, SSO, tags, trusts, conditional forwarders
 * and domain controllers. Inputs are validated against the model first (InvalidParameterException).
 * DS models no throttling error; a throttled call gets what the real service sends,
 * `ClientException: Rate exceeded`.
 */
export const directoryService: LocalService = createAwsJsonModelService("ds", model, handlers, {
  validation: "InvalidParameterException",
  throttling: "ClientException",
});
