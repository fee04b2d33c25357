/**
 * The WorkSpaces client: one SDK client per run, loaded on first use, and every failure mapped
 * onto ProviderError codes here, once.
 */
import type * as Ws from "@aws-sdk/client-workspaces";
import type { ProviderErrorCode } from "../../core/errors.js";
import type { KindContext } from "../../core/resource-kind.js";
import { toProviderError } from "../aws/errors.js";
import { rateLimitedCall } from "../aws/rate-limited-call.js";
import { recordTagEffect, type TagEffect } from "../aws/tag-book.js";
import { tagListToRecord } from "../aws/tags.js";

/** Input and output of each operation adstack calls. */
export interface WorkspacesOperations {
  CreateTags: [Ws.CreateTagsCommandInput, Ws.CreateTagsCommandOutput];
  DeleteTags: [Ws.DeleteTagsCommandInput, Ws.DeleteTagsCommandOutput];
  DeregisterWorkspaceDirectory: [Ws.DeregisterWorkspaceDirectoryCommandInput, Ws.DeregisterWorkspaceDirectoryCommandOutput];
  DescribeClientProperties: [Ws.DescribeClientPropertiesCommandInput, Ws.DescribeClientPropertiesCommandOutput];
  DescribeTags: [Ws.DescribeTagsCommandInput, Ws.DescribeTagsCommandOutput];
  DescribeWorkspaceDirectories: [Ws.DescribeWorkspaceDirectoriesCommandInput, Ws.DescribeWorkspaceDirectoriesCommandOutput];
  ModifyClientProperties: [Ws.ModifyClientPropertiesCommandInput, Ws.ModifyClientPropertiesCommandOutput];
  ModifySelfservicePermissions: [Ws.ModifySelfservicePermissionsCommandInput, Ws.ModifySelfservicePermissionsCommandOutput];
  ModifyWorkspaceAccessProperties: [
    Ws.ModifyWorkspaceAccessPropertiesCommandInput,
    Ws.ModifyWorkspaceAccessPropertiesCommandOutput,
  ];
  ModifyWorkspaceCreationProperties: [
    Ws.ModifyWorkspaceCreationPropertiesCommandInput,
    Ws.ModifyWorkspaceCreationPropertiesCommandOutput,
  ];
  RegisterWorkspaceDirectory: [Ws.RegisterWorkspaceDirectoryCommandInput, Ws.RegisterWorkspaceDirectoryCommandOutput];
}

export type WorkspacesOperation = keyof WorkspacesOperations;

type CommandConstructor = new (input: unknown) => Parameters<Ws.WorkSpacesClient["send"]>[0];

interface LoadedSdk {
  sdk: typeof import("@aws-sdk/client-workspaces");
  sdkClientConfig: typeof import("../aws/client-config.js").sdkClientConfig;
}

let loading: Promise<LoadedSdk> | undefined;

function loadSdk(): Promise<LoadedSdk> {
  loading ??= Promise.all([import("@aws-sdk/client-workspaces"), import("../aws/client-config.js")]).then(
    ([sdk, config]) => ({ sdk, sdkClientConfig: config.sdkClientConfig }),
  );
  return loading;
}

/** Calls one WorkSpaces operation with the run's client; every failure comes out as a ProviderError. */
export async function workspacesCall<Op extends WorkspacesOperation>(
  ctx: KindContext,
  operation: Op,
  input: WorkspacesOperations[Op][0],
): Promise<WorkspacesOperations[Op][1]> {
  const send = async () => {
    try {
      const { sdk, sdkClientConfig } = await loadSdk();
      const client = ctx.client("workspaces", (aws) => new sdk.WorkSpacesClient(sdkClientConfig(aws)));
      const Command = (sdk as unknown as Record<string, CommandConstructor>)[`${operation}Command`];
      ctx.log.debug(`workspaces ${operation}`);
      // Never cancelled by an interrupt: a call on its way may already have taken effect, so it gets its answer.
      const output = (await client.send(new Command(input))) as WorkspacesOperations[Op][1];
      recordTagEffect(ctx, "workspaces", tagEffectOf(operation, input, output), true);
      return output;
    } catch (error) {
      recordTagEffect(ctx, "workspaces", tagEffectOf(operation, input, undefined), false);
      throw toProviderError(error, classifyWorkspacesError);
    }
  };
  return rateLimitedCall(ctx, "workspaces", operation, input, send);
}

/** How a call changes a registration's tags, so the run's tag book needs no read to know them. */
function tagEffectOf(operation: WorkspacesOperation, input: unknown, output: unknown): TagEffect | undefined {
  const request = input as { Tags?: Array<{ Key?: string; Value?: string }>; ResourceId?: string; TagKeys?: string[]; DirectoryId?: string };
  switch (operation) {
    case "RegisterWorkspaceDirectory": {
      // PERSONAL registrations keep the directory's ID; POOLS ones get theirs in the answer.
      const id = (output as { DirectoryId?: string } | undefined)?.DirectoryId ?? (output ? request.DirectoryId : undefined);
      return id ? { id, created: tagListToRecord(request.Tags) } : undefined;
    }
    case "CreateTags":
      return { id: request.ResourceId ?? "", set: tagListToRecord(request.Tags) };
    case "DeleteTags":
      return { id: request.ResourceId ?? "", removed: request.TagKeys ?? [] };
    default:
      return undefined;
  }
}

/**
 * WorkSpaces exception names onto codes (resources.md §2.3). The model defines no throttling
 * exception, so the common names are listed too; anything unnamed here is Invalid.
 */
export function classifyWorkspacesError(name: string): ProviderErrorCode | undefined {
  switch (name) {
    case "ResourceNotFoundException":
      return "NotFound";
    case "ResourceAlreadyExistsException":
      return "AlreadyExists";
    // Registering right after the directory became Active, or deregistering mid-transition: settles within minutes.
    case "InvalidResourceStateException":
      return "Conflict";
    case "ThrottlingException":
    case "RequestLimitExceeded":
      return "Throttled";
    case "ResourceUnavailableException":
      return "Unavailable";
    case "WorkspacesDefaultRoleNotFoundException":
      return "AccessDenied";
    // Deregistering while WorkSpaces exist, unsupported subnets: terminal, and the service's message says why.
    case "OperationNotSupportedException":
      return "Invalid";
    default:
      return undefined;
  }
}
