/**
 * The PCA Connector for AD client: one per run, loaded on first use (so commands that make no
 * AWS call never load the HTTP and signing stack), and every failure mapped onto ProviderError
 * codes here, once.
 */
import { ProviderError, type ProviderErrorCode } from "../../core/errors.js";
import type { KindContext } from "../../core/resource-kind.js";
import { toProviderError } from "../aws/errors.js";
import type { PcaCommand } from "./commands.js";
import type { MetadataBearer } from "./shapes.js";

type ClientModule = typeof import("./client.js");
type PcaClient = InstanceType<ClientModule["PcaConnectorAdClient"]>;

let loading: Promise<{ client: ClientModule; config: typeof import("../aws/client-config.js") }> | undefined;

function loadClient() {
  loading ??= Promise.all([import("./client.js"), import("../aws/client-config.js")]).then(([client, config]) => ({ client, config }));
  return loading;
}

/** Sends one command with the run's client; every failure comes out as a ProviderError. */
export async function pcaSend<Input extends object, Output extends MetadataBearer>(
  ctx: KindContext,
  command: PcaCommand<Input, Output>,
): Promise<Output> {
  try {
    const { client, config } = await loadClient();
    const pca = ctx.client<PcaClient>("pca-connector-ad", (aws) => {
      const { region, endpoint, credentials, requestHandler } = config.sdkClientConfig(aws);
      return new client.PcaConnectorAdClient({ region, endpoint, credentials, requestHandler });
    });
    ctx.log.debug(`pca-connector-ad ${command.route.operation}`);
    return await pca.send(command, { abortSignal: ctx.signal });
  } catch (error) {
    throw toPcaProviderError(error);
  }
}

export function toPcaProviderError(error: unknown): ProviderError {
  const mapped = toProviderError(error, classifyPcaError);
  const hint = (error as { retryAfterMs?: unknown } | null)?.retryAfterMs;
  if (mapped.retryAfterMs === undefined && typeof hint === "number") {
    return new ProviderError(mapped.code, mapped.message, mapped.awsName, hint);
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
