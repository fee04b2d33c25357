/**
 * Configuration for any AWS SDK v3 client, built from adstack's AwsSettings.
 *
 * Import this module lazily (`await import(...)`, next to the service SDK) so that commands
 * which make no AWS call never load the HTTP stack.
 */
import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { AwsSettings } from "../../core/resource-kind.js";

export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export interface SdkClientConfig {
  region: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  maxAttempts: number;
  requestHandler: NodeHttpHandler;
}

/**
 * Region, endpoint and credentials only when set (otherwise the SDK resolves them itself,
 * including AWS_ENDPOINT_URL[_<SERVICE>] and the default credential chain). The SDK never
 * retries: adstack's applier does, knowing which failures are safe to repeat. Timeouts make a
 * lost response an ambiguous failure (Unavailable) instead of a hang.
 */
export function sdkClientConfig(aws: AwsSettings): SdkClientConfig {
  // adstack supports Node 20 on purpose; the SDK's notice about its own future Node floor would
  // land on every command's stderr. A value the user set is left alone.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const timeoutMs = aws.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const config: SdkClientConfig = {
    region: aws.region,
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: timeoutMs,
      requestTimeout: timeoutMs,
      throwOnRequestTimeout: true,
    }),
  };
  if (aws.endpoint) config.endpoint = aws.endpoint;
  if (aws.credentials) config.credentials = { ...aws.credentials };
  return config;
}
