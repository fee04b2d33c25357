import { randomUUID } from "node:crypto";
import type { ServiceModel } from "../models/service-model.js";
import { LocalServiceError, type LocalRequest, type LocalResponse, type LocalService, type ServiceContext } from "../types.js";
import { validateInput } from "../validate.js";

/** The content type awsJson 1.1 services answer with. */
export const awsJsonContentType = "application/x-amz-json-1.1";

/** What a handler gets besides its input. */
export interface AwsJsonCall {
  ctx: ServiceContext;
  operation: string;
  /** Also sent as `x-amzn-RequestId`, and in error bodies whose shape has `RequestId`. */
  requestId: string;
  req: LocalRequest;
}

/**
 * One operation. The input has already passed the model's validation, so a handler may declare
 * it with the input shape's TypeScript type. Return the output object (undefined → `{}`);
 * throw `LocalServiceError` for a modelled error.
 */
export type AwsJsonHandler = (input: never, call: AwsJsonCall) => unknown;

export interface AwsJsonServiceOptions {
  /** Endpoint prefix: the stats key prefix (`ds:DescribeDirectories`). */
  name: string;
  model: ServiceModel;
  /** The `X-Amz-Target` prefix; the model's `targetPrefix` when omitted. */
  targetPrefix?: string;
  /** By operation name; an operation of the model without a handler answers UnknownOperationException. */
  handlers: Readonly<Record<string, AwsJsonHandler>>;
  /** The error shape for constraint violations: DS `InvalidParameterException`, WorkSpaces `InvalidParameterValuesException`. */
  validationError: string;
  /** The error a throttled call gets; DS: `{ errorName: "ClientException", message: "Rate exceeded" }`. */
  throttling: { errorName: string; message: string };
}

/** The operation named by `X-Amz-Target: <prefix>.<Operation>`, if the prefix is this one. */
export function parseTarget(req: LocalRequest, targetPrefix: string): string | undefined {
  const target = req.headers["x-amz-target"];
  if (!target) return undefined;
  const dot = target.lastIndexOf(".");
  if (dot < 0 || target.slice(0, dot) !== targetPrefix) return undefined;
  return target.slice(dot + 1);
}

/** The JSON object body of an awsJson request; an empty body is `{}`. Throws SerializationException. */
export function parseJsonBody(body: string): Record<string, unknown> {
  if (body.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new LocalServiceError("SerializationException", "Could not parse the request body as JSON.");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new LocalServiceError("SerializationException", "The request body must be a JSON object.");
  }
  return parsed as Record<string, unknown>;
}

/** A successful awsJson answer. */
export function awsJsonResponse(output: unknown, requestId: string = randomUUID()): LocalResponse {
  return {
    status: 200,
    headers: { "content-type": awsJsonContentType, "x-amzn-requestid": requestId },
    body: JSON.stringify(output ?? {}),
  };
}

export interface AwsJsonErrorOptions {
  requestId?: string;
  /** The shape whose member spelling an error the model does not define borrows. */
  fallbackShape?: string;
  /** Overrides the status derived from the shape. */
  status?: number;
}

/**
 * An error in the awsJson wire shape: `x-amzn-ErrorType` header and `{"__type", <message member>}`
 * body. The message member's spelling (`Message` for DS, `message` for WorkSpaces), the status
 * (400, 500 for faults, or the shape's `httpStatusCode`) and a `RequestId` member come from the
 * error shape in the model; errors the model does not define follow the validation error's shape.
 */
export function awsJsonErrorResponse(
  model: ServiceModel,
  error: LocalServiceError,
  options: AwsJsonErrorOptions = {},
): LocalResponse {
  const requestId = options.requestId ?? randomUUID();
  const fallback = options.fallbackShape;
  const shape = model.shapes[error.errorName] ?? (fallback ? model.shapes[fallback] : undefined);
  const members = shape?.members ?? {};
  const messageMember = "message" in members ? "message" : "Message";
  const body: Record<string, unknown> = { __type: error.errorName, [messageMember]: error.message };
  if ("RequestId" in members) body.RequestId = requestId;
  for (const [name, value] of Object.entries(error.fields)) if (name in members) body[name] = value;
  const status = options.status ?? shape?.error?.httpStatusCode ?? (shape?.fault ? 500 : 400);
  return {
    status,
    headers: { "content-type": awsJsonContentType, "x-amzn-requestid": requestId, "x-amzn-errortype": error.errorName },
    body: JSON.stringify(body),
  };
}

/**
 * A LocalService for an awsJson 1.1 service: routes on `X-Amz-Target`, parses the body,
 * validates the input against the model (constraint violations → `validationError`, wrong JSON
 * types → SerializationException) and only then calls the handler. Errors other than
 * `LocalServiceError` become the model's fault (500).
 */
export function createAwsJsonService(options: AwsJsonServiceOptions): LocalService {
  const { name, model, handlers } = options;
  const targetPrefix = options.targetPrefix ?? model.metadata.targetPrefix;
  if (!targetPrefix) throw new Error(`${name}: the model has no targetPrefix and none was given`);
  for (const operation of Object.keys(handlers)) {
    if (!model.operations[operation]) throw new Error(`${name}: handler for ${operation}, which the model does not define`);
  }
  const faultName =
    Object.entries(model.shapes).find(([, shape]) => shape.exception && shape.fault)?.[0] ??
    (model.shapes.InternalServerException ? "InternalServerException" : "InternalFailure");
  const errorResponse = (error: LocalServiceError, requestId: string, status?: number) =>
    awsJsonErrorResponse(model, error, { requestId, fallbackShape: options.validationError, status });

  const dispatch = async (req: LocalRequest, ctx: ServiceContext, requestId: string): Promise<LocalResponse> => {
    const operation = parseTarget(req, targetPrefix);
    const handler = operation ? handlers[operation] : undefined;
    if (req.method !== "POST" || !operation || !handler) {
      throw new LocalServiceError("UnknownOperationException", `Operation ${operation ?? "(none)"} is not supported.`);
    }
    const input = parseJsonBody(req.body);
    const problem = validateInput(model, operation, input);
    if (problem) {
      throw new LocalServiceError(problem.kind === "serialization" ? "SerializationException" : options.validationError, problem.message);
    }
    const output = await (handler as (input: unknown, call: AwsJsonCall) => unknown)(input, { ctx, operation, requestId, req });
    return awsJsonResponse(output, requestId);
  };

  return {
    name,
    matches: (req) => parseTarget(req, targetPrefix) !== undefined,
    operationOf: (req) => parseTarget(req, targetPrefix),
    async handle(req, ctx) {
      const requestId = randomUUID();
      try {
        return await dispatch(req, ctx, requestId);
      } catch (error) {
        if (error instanceof LocalServiceError) return errorResponse(error, requestId);
        // The cause stays out of the answer: it could quote request input.
        return errorResponse(new LocalServiceError(faultName, "An internal error occurred."), requestId, 500);
      }
    },
    throttlingResponse: () => errorResponse(new LocalServiceError(options.throttling.errorName, options.throttling.message), randomUUID()),
  };
}

/** awsJson timestamps are epoch seconds. */
export function epochSeconds(ms: number): number {
  return ms / 1000;
}
