import type { ResponseMetadata } from "./shapes.js";

/** The error names the model declares, with the HTTP status each is sent with. */
export const modeledErrors = {
  ValidationException: 400,
  ServiceQuotaExceededException: 402,
  AccessDeniedException: 403,
  ResourceNotFoundException: 404,
  ConflictException: 409,
  ThrottlingException: 429,
  InternalServerException: 500,
} as const;

/**
 * An error answer from the service, shaped like the SDK's `PcaConnectorAdServiceException`:
 * `name` is the model's exception name, `$metadata.httpStatusCode` the HTTP status.
 */
export class PcaConnectorAdServiceException extends Error {
  readonly $fault: "client" | "server";
  readonly $metadata: ResponseMetadata;
  /** From `Retry-After` on throttling answers. */
  readonly retryAfterMs?: number;
  /** `ValidationException.Reason`, `ConflictException.ResourceType` and the like, when sent. */
  readonly Reason?: string;
  readonly ResourceId?: string;
  readonly ResourceType?: string;

  constructor(options: {
    name: string;
    message: string;
    metadata: ResponseMetadata;
    retryAfterMs?: number;
    details?: Record<string, unknown>;
  }) {
    super(options.message);
    this.name = options.name;
    this.$metadata = options.metadata;
    this.$fault = (options.metadata.httpStatusCode ?? 500) >= 500 ? "server" : "client";
    this.retryAfterMs = options.retryAfterMs;
    const details = options.details ?? {};
    this.Reason = stringOr(details.Reason ?? details.reason);
    this.ResourceId = stringOr(details.ResourceId ?? details.resourceId);
    this.ResourceType = stringOr(details.ResourceType ?? details.resourceType);
  }
}

/** Builds the exception from an error response, the way the SDK's rest-json deserialiser does. */
export function parseErrorResponse(
  status: number,
  headers: Record<string, string>,
  bodyText: string,
  metadata: ResponseMetadata,
): PcaConnectorAdServiceException {
  const body = parseJsonObject(bodyText);
  const rawName = header(headers, "x-amzn-errortype") ?? stringOr(body.__type) ?? stringOr(body.code);
  const name = rawName ? sanitizeErrorCode(rawName) : fallbackName(status);
  const message = stringOr(body.message) ?? stringOr(body.Message) ?? name;
  const retryAfter = Number(header(headers, "retry-after"));
  return new PcaConnectorAdServiceException({
    name,
    message,
    metadata,
    retryAfterMs: Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter * 1000 : undefined,
    details: body,
  });
}

/** `ValidationException:http://internal...` and `aws.pca#ValidationException` both mean `ValidationException`. */
function sanitizeErrorCode(raw: string): string {
  let code = raw.split(":")[0].split(",")[0].trim();
  if (code.includes("#")) code = code.slice(code.lastIndexOf("#") + 1);
  return code;
}

/** Without a name the status is all there is; pick the model's exception for that status. */
function fallbackName(status: number): string {
  const match = Object.entries(modeledErrors).find(([, code]) => code === status);
  if (match) return match[0];
  return status >= 500 ? "InternalServerException" : `Http${status}Error`;
}

function header(headers: Record<string, string>, name: string): string | undefined {
  const found = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
  return found?.[1];
}

function parseJsonObject(text: string): Record<string, unknown> {
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function stringOr(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}
