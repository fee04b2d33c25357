/**
 * The PCA Connector for AD client: one per run, loaded on first use (so commands that make no
 * AWS call never load the HTTP and signing stack), and every failure mapped onto ProviderError
 * codes here, once.
 */
import { ProviderError, type ProviderErrorCode } from "../../core/errors.js";
import type { KindContext } from "../../core/resource-kind.js";
import { toProviderError } from "../aws/errors.js";
import { rateLimitedCall } from "../aws/rate-limited-call.js";
import { recordTagEffect, type TagEffect } from "../aws/tag-book.js";
import { loadClient as loadClientModule, operationOf, type MetadataBearer, type PcaCommand } from "./sdk.js";

type ClientModule = Awaited<ReturnType<typeof loadClientModule>>;
type PcaClient = InstanceType<ClientModule["PcaConnectorAdClient"]>;

let loading: Promise<{ client: ClientModule; config: typeof import("../aws/client-config.js") }> | undefined;

function loadClient() {
  loading ??= Promise.all([loadClientModule(), import("../aws/client-config.js")]).then(([client, config]) => ({ client, config }));
  return loading;
}

/** Sends one command with the run's client; every failure comes out as a ProviderError. */
export async function pcaSend<Input extends object, Output extends MetadataBearer>(
  ctx: KindContext,
  command: PcaCommand<Input, Output>,
): Promise<Output> {
  const operation = operationOf(command);
  const send = async () => {
    try {
      const { client, config } = await loadClient();
      const pca = ctx.client<PcaClient>("pca-connector-ad", (aws) => {
        const { region, endpoint, credentials, requestHandler } = config.sdkClientConfig(aws);
        return new client.PcaConnectorAdClient({ region, endpoint, credentials, requestHandler });
      });
      ctx.log.debug(`pca-connector-ad ${operation}`);
      // Never cancelled by an interrupt: a call on its way may already have taken effect, so it gets its answer.
      const output = await pca.send(command);
      recordTagEffect(ctx, "pca-connector-ad", tagEffectOf(operation, command.input, output), true);
      return output;
    } catch (error) {
      recordTagEffect(ctx, "pca-connector-ad", tagEffectOf(operation, command.input, undefined), false);
      throw toPcaProviderError(error);
    }
  };
  return rateLimitedCall(ctx, "pca-connector-ad", operation, command.input, send);
}

/**
 * How a call changes a resource's tags, so the run's tag book needs no read to know them: a
 * create with `Tags` answers with the new ARN (the one output member ending in `Arn`).
 */
function tagEffectOf(operation: string, input: object, output: object | undefined): TagEffect | undefined {
  const request = input as { Tags?: Record<string, string>; ResourceArn?: string; TagKeys?: string[] };
  if (operation.startsWith("Create")) {
    if (!request.Tags || !output) return undefined;
    const arn = Object.entries(output).find(([key, value]) => key.endsWith("Arn") && typeof value === "string")?.[1] as string | undefined;
    return arn ? { id: arn, created: { ...request.Tags } } : undefined;
  }
  if (operation === "TagResource") return { id: request.ResourceArn ?? "", set: { ...request.Tags } };
  if (operation === "UntagResource") return { id: request.ResourceArn ?? "", removed: request.TagKeys ?? [] };
  return undefined;
}

export function toPcaProviderError(error: unknown): ProviderError {
  const mapped = toProviderError(error, classifyPcaError);
  const hint = (error as { retryAfterMs?: unknown } | null)?.retryAfterMs;
  if (mapped.retryAfterMs === undefined && typeof hint === "number") {
    return new ProviderError(mapped.code, mapped.message, mapped.awsName, hint, mapped.context);
  }
  return mapped;
}

/** The model's exception names (resources.md §2.3), plus the signing errors AWS's front door answers with. */
export function classifyPcaError(name: string): ProviderErrorCode | undefined {
  switch (name) {
    case "ResourceNotFoundException":
      return "NotFound";
    case "ConflictException":
      return "Conflict";
    case "ThrottlingException":
      return "Throttled";
    case "InternalServerException":
      return "Unavailable";
    case "ValidationException":
    case "ServiceQuotaExceededException":
      return "Invalid";
    case "AccessDeniedException":
    case "MissingAuthenticationTokenException":
    case "IncompleteSignatureException":
    case "InvalidSignatureException":
    case "UnrecognizedClientException":
    case "ExpiredTokenException":
      return "AccessDenied";
    default:
      return undefined;
  }
}

/** Whether a failure means the thing asked about is absent (a read then answers undefined). */
export function isNotFound(error: unknown): boolean {
  return error instanceof ProviderError && error.code === "NotFound";
}
