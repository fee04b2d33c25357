/**
 * The Directory Service client: one SDK client per run, loaded on first use, and every failure
 * mapped onto ProviderError codes here, once.
 */
import type * as Ds from "@aws-sdk/client-directory-service";
import type { ProviderErrorCode } from "../../core/errors.js";
import type { KindContext } from "../../core/resource-kind.js";
import { toProviderError } from "../aws/errors.js";
import { rateLimitedCall } from "../aws/rate-limited-call.js";
import { recordTagEffect, type TagEffect } from "../aws/tag-book.js";
import { tagListToRecord } from "../aws/tags.js";

/** Input and output of each operation adstack calls. */
export interface DsOperations {
  AddTagsToResource: [Ds.AddTagsToResourceCommandInput, Ds.AddTagsToResourceCommandOutput];
  ConnectDirectory: [Ds.ConnectDirectoryCommandInput, Ds.ConnectDirectoryCommandOutput];
  CreateAlias: [Ds.CreateAliasCommandInput, Ds.CreateAliasCommandOutput];
  CreateConditionalForwarder: [Ds.CreateConditionalForwarderCommandInput, Ds.CreateConditionalForwarderCommandOutput];
  CreateMicrosoftAD: [Ds.CreateMicrosoftADCommandInput, Ds.CreateMicrosoftADCommandOutput];
  CreateTrust: [Ds.CreateTrustCommandInput, Ds.CreateTrustCommandOutput];
  DeleteDirectory: [Ds.DeleteDirectoryCommandInput, Ds.DeleteDirectoryCommandOutput];
  DeleteTrust: [Ds.DeleteTrustCommandInput, Ds.DeleteTrustCommandOutput];
  DescribeConditionalForwarders: [Ds.DescribeConditionalForwardersCommandInput, Ds.DescribeConditionalForwardersCommandOutput];
  DescribeDirectories: [Ds.DescribeDirectoriesCommandInput, Ds.DescribeDirectoriesCommandOutput];
  DescribeDomainControllers: [Ds.DescribeDomainControllersCommandInput, Ds.DescribeDomainControllersCommandOutput];
  DescribeTrusts: [Ds.DescribeTrustsCommandInput, Ds.DescribeTrustsCommandOutput];
  DisableSso: [Ds.DisableSsoCommandInput, Ds.DisableSsoCommandOutput];
  EnableSso: [Ds.EnableSsoCommandInput, Ds.EnableSsoCommandOutput];
  ListTagsForResource: [Ds.ListTagsForResourceCommandInput, Ds.ListTagsForResourceCommandOutput];
  RemoveTagsFromResource: [Ds.RemoveTagsFromResourceCommandInput, Ds.RemoveTagsFromResourceCommandOutput];
  UpdateConditionalForwarder: [Ds.UpdateConditionalForwarderCommandInput, Ds.UpdateConditionalForwarderCommandOutput];
  UpdateDirectorySetup: [Ds.UpdateDirectorySetupCommandInput, Ds.UpdateDirectorySetupCommandOutput];
  UpdateNumberOfDomainControllers: [
    Ds.UpdateNumberOfDomainControllersCommandInput,
    Ds.UpdateNumberOfDomainControllersCommandOutput,
  ];
  UpdateTrust: [Ds.UpdateTrustCommandInput, Ds.UpdateTrustCommandOutput];
}

export type DsOperation = keyof DsOperations;

type SdkModule = typeof import("@aws-sdk/client-directory-service");
type CommandConstructor = new (input: unknown) => Parameters<Ds.DirectoryServiceClient["send"]>[0];

interface LoadedSdk {
  sdk: SdkModule;
  sdkClientConfig: typeof import("../aws/client-config.js").sdkClientConfig;
}

let loading: Promise<LoadedSdk> | undefined;

function loadSdk(): Promise<LoadedSdk> {
  loading ??= Promise.all([import("@aws-sdk/client-directory-service"), import("../aws/client-config.js")]).then(
    ([sdk, config]) => ({ sdk, sdkClientConfig: config.sdkClientConfig }),
  );
  return loading;
}

/** Calls one DS operation with the run's client; every failure comes out as a ProviderError. */
export async function dsCall<Op extends DsOperation>(
  ctx: KindContext,
  operation: Op,
  input: DsOperations[Op][0],
): Promise<DsOperations[Op][1]> {
  const secrets = sensitiveValues(input);
  const send = async () => {
    try {
      const { sdk, sdkClientConfig } = await loadSdk();
      const client = ctx.client("ds", (aws) => new sdk.DirectoryServiceClient(sdkClientConfig(aws)));
      const Command = (sdk as unknown as Record<string, CommandConstructor>)[`${operation}Command`];
      ctx.log.debug(`ds ${operation}`);
      // Never cancelled by an interrupt: a call on its way may already have taken effect, so it gets its answer.
      const output = (await client.send(new Command(input))) as DsOperations[Op][1];
      recordTagEffect(ctx, "ds", tagEffectOf(operation, input, output), true);
      return output;
    } catch (error) {
      recordTagEffect(ctx, "ds", tagEffectOf(operation, input, undefined), false);
      throw toProviderError(error, (name, message) => classifyDsError(operation, name, message), secrets);
    }
  };
  return rateLimitedCall(ctx, "ds", operation, input, send);
}

/** How a call changes a directory's tags, so the run's tag book needs no read to know them. */
function tagEffectOf(operation: DsOperation, input: unknown, output: unknown): TagEffect | undefined {
  const request = input as { Tags?: Array<{ Key?: string; Value?: string }>; ResourceId?: string; TagKeys?: string[] };
  switch (operation) {
    case "CreateMicrosoftAD":
    case "ConnectDirectory": {
      const id = (output as { DirectoryId?: string } | undefined)?.DirectoryId;
      return id ? { id, created: tagListToRecord(request.Tags) } : undefined;
    }
    case "AddTagsToResource":
      return { id: request.ResourceId ?? "", set: tagListToRecord(request.Tags) };
    case "RemoveTagsFromResource":
      return { id: request.ResourceId ?? "", removed: request.TagKeys ?? [] };
    default:
      return undefined;
  }
}

/**
 * DS exception names onto codes (resources.md §2.3). Only ServiceException is a fault; throttling
 * arrives as ClientException "Rate exceeded" and is caught by the common mapping.
 */
export function classifyDsError(operation: DsOperation, name: string, message: string): ProviderErrorCode | undefined {
  switch (name) {
    case "EntityDoesNotExistException":
    case "DirectoryDoesNotExistException":
      return "NotFound";
    case "EntityAlreadyExistsException":
      return "AlreadyExists";
    case "ServiceException":
      return "Unavailable";
    case "DirectoryUnavailableException":
      return "Conflict";
    case "InsufficientPermissionsException":
    case "AuthenticationFailedException":
      return "AccessDenied";
    case "ClientException":
      // Applications authorised on the directory (WorkDocs, RDS, PCA) take a while to let go after their own removal.
      if (operation === "DeleteDirectory" && /authorized applications/i.test(message)) return "Conflict";
      return "Invalid";
    default:
      return undefined;
  }
}

/** Every password in a request, so it can be masked out of any message the service echoes back. */
function sensitiveValues(input: unknown): string[] {
  if (typeof input !== "object" || input === null) return [];
  const found: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (typeof value === "string" && /password|secret/i.test(key)) found.push(value);
    else if (typeof value === "object") found.push(...sensitiveValues(value));
  }
  return found;
}
