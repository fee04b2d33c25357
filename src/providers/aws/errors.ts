/**
 * Maps whatever an AWS SDK v3 call threw onto adstack's ProviderError codes. Each service's
 * client module calls this once, with a classifier for its own exception names.
 */
import { ProviderError, type ProviderErrorCode } from "../../core/errors.js";

/** A service's own mapping of exception name and message; undefined falls through to Invalid. */
export type ServiceErrorClassifier = (name: string, message: string) => ProviderErrorCode | undefined;

const NETWORK_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "ECONNABORTED", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN"]);
const NETWORK_NAMES = new Set(["TimeoutError", "AbortError", "RequestTimeout", "RequestTimeoutException"]);
const THROTTLING_NAMES = new Set([
  "ThrottlingException",
  "Throttling",
  "RequestLimitExceeded",
  "TooManyRequestsException",
  "ThrottledException",
  "RequestThrottledException",
  "RequestThrottled",
  "SlowDown",
]);

interface SdkErrorShape {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: number };
  $response?: { headers?: Record<string, string | undefined> };
}

/**
 * The message is the service's own, with `secrets` (the request's sensitive values) masked,
 * because validation messages can echo input. Errors raised before the service answered (SDK
 * serialisation, network) get a fixed description instead of their text.
 */
export function toProviderError(
  error: unknown,
  classify: ServiceErrorClassifier,
  secrets: readonly string[] = [],
): ProviderError {
  if (error instanceof ProviderError) return error;
  const shape = (typeof error === "object" && error !== null ? error : {}) as SdkErrorShape;
  const name = typeof shape.name === "string" ? shape.name : "Error";
  const code = typeof shape.code === "string" ? shape.code : undefined;
  const rawMessage = typeof shape.message === "string" ? shape.message : "";
  const status = shape.$metadata?.httpStatusCode;
  const isServiceAnswer = shape.$fault === "client" || shape.$fault === "server";

  if (!isServiceAnswer && (NETWORK_NAMES.has(name) || (code && NETWORK_CODES.has(code)) || /socket hang up/i.test(rawMessage))) {
    return new ProviderError("Unavailable", `no answer from the service (${code ?? name})`, code ?? name);
  }
  if (!isServiceAnswer && status === undefined) {
    return new ProviderError("Invalid", `the request failed before reaching the service (${name})`, name);
  }
  const message = maskSecrets(rawMessage || name, secrets);
  const retryAfterMs = parseRetryAfter(shape.$response?.headers);
  if (THROTTLING_NAMES.has(name) || status === 429 || /rate exceeded/i.test(rawMessage)) {
    return new ProviderError("Throttled", message, name, retryAfterMs);
  }
  if (shape.$fault === "server" || (status !== undefined && status >= 500)) {
    return new ProviderError("Unavailable", message, name, retryAfterMs);
  }
  if (name.startsWith("AccessDenied")) return new ProviderError("AccessDenied", message, name);
  const classified = classify(name, rawMessage);
  return new ProviderError(classified ?? "Invalid", message, name, retryAfterMs);
}

/** Replaces each secret, and any `Value '…' at` echo of input, so a message can be shown and logged. */
export function maskSecrets(message: string, secrets: readonly string[]): string {
  let masked = message.replace(/Value '.*?' at '/gs, "Value (hidden) at '");
  for (const secret of secrets) if (secret) masked = masked.split(secret).join("(hidden)");
  return masked;
}

function parseRetryAfter(headers: Record<string, string | undefined> | undefined): number | undefined {
  const value = headers?.["retry-after"] ?? headers?.["Retry-After"];
  if (!value) return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}
