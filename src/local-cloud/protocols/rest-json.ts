import { randomUUID } from "node:crypto";
import type { OperationModel, ServiceModel } from "../models/service-model.js";
import { LocalServiceError, type LocalRequest, type LocalResponse, type LocalService, type ServiceContext } from "../types.js";
import { validateShape } from "../validate.js";

/** What a handler gets besides its input. */
export interface RestJsonCall {
  ctx: ServiceContext;
  operation: string;
  requestId: string;
  req: LocalRequest;
}

/**
 * One operation. The input was assembled from path labels, query string and JSON body and has
 * passed the model's validation. Return the output object (undefined for operations without one);
 * throw `LocalServiceError` for a modelled error.
 */
export type RestJsonHandler = (input: never, call: RestJsonCall) => unknown;

export interface RestJsonServiceOptions {
  /** Endpoint prefix: the stats key prefix (`pca-connector-ad:CreateConnector`). */
  name: string;
  model: ServiceModel;
  handlers: Readonly<Record<string, RestJsonHandler>>;
  /** Runs before every operation (e.g. to settle asynchronous transitions); may throw `LocalServiceError`. */
  beforeEach?(ctx: ServiceContext): void;
}

interface MatchedRoute {
  operation: OperationModel;
  labels: Record<string, string>;
}

/** Finds the operation whose method and `requestUri` template match, with its URI-decoded labels. */
export function matchRoute(model: ServiceModel, method: string, rawPath: string): MatchedRoute | undefined {
  const segments = rawPath.split("/");
  for (const operation of Object.values(model.operations)) {
    if (operation.http.method !== method) continue;
    const template = operation.http.requestUri.split("?")[0].split("/");
    if (template.length !== segments.length) continue;
    const labels: Record<string, string> = {};
    const isMatch = template.every((part, i) => {
      const label = /^\{(\w+)\}$/.exec(part);
      if (!label) return part === segments[i];
      if (segments[i] === "") return false;
      labels[label[1]] = safeDecode(segments[i]);
      return true;
    });
    if (isMatch) return { operation, labels };
  }
  return undefined;
}

/**
 * The `Authorization` header a SigV4-signed request must carry. The signature itself is not
 * recomputed: the point is to catch unsigned requests and requests signed for another service.
 */
const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/\s,]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

/** Throws the front door's 403 errors for a request that is not signed for `signingName`. */
export function checkSignature(req: LocalRequest, signingName: string): void {
  const header = req.headers.authorization;
  if (!header) throw new LocalServiceError("MissingAuthenticationTokenException", "Missing Authentication Token");
  const parts = AUTHORIZATION.exec(header);
  if (!parts) {
    throw new LocalServiceError("IncompleteSignatureException", "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature'.");
  }
  const [, , date, , service, signedHeaders] = parts;
  if (service !== signingName) {
    throw new LocalServiceError("InvalidSignatureException", `Credential should be scoped to correct service: '${signingName}'.`);
  }
  const signed = signedHeaders.split(";");
  if (!signed.includes("host")) throw new LocalServiceError("IncompleteSignatureException", "'Host' must be a signed header.");
  const amzDate = req.headers["x-amz-date"];
  if (!amzDate || !/^\d{8}T\d{6}Z$/.test(amzDate) || !signed.includes("x-amz-date") || amzDate.slice(0, 8) !== date) {
    throw new LocalServiceError("IncompleteSignatureException", "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP.");
  }
}

/** The service a signed request names in its credential scope, if any. */
export function signingServiceOf(req: LocalRequest): string | undefined {
  return AUTHORIZATION.exec(req.headers.authorization ?? "")?.[4];
}

/** The input as the model binds it: `uri` members from labels, `querystring` members from the query, the rest from the body. */
export function assembleInput(model: ServiceModel, operation: OperationModel, req: LocalRequest, labels: Record<string, string>): Record<string, unknown> {
  const input: Record<string, unknown> = operation.input ? parseBody(req.body) : {};
  const members = operation.input ? (model.shapes[operation.input].members ?? {}) : {};
  for (const [name, member] of Object.entries(members)) {
    const wireName = member.locationName ?? name;
    if (member.location === "uri") {
      input[name] = labels[wireName];
    } else if (member.location === "querystring") {
      const values = req.query.getAll(wireName);
      delete input[name];
      if (values.length === 0) continue;
      const type = model.shapes[member.shape].type;
      if (type === "list") input[name] = values;
      else if (type === "integer" || type === "long") input[name] = Number.isInteger(Number(values[0])) ? Number(values[0]) : values[0];
      else input[name] = values[0];
    } else if (member.location === "header") {
      const value = req.headers[wireName.toLowerCase()];
      if (value !== undefined) input[name] = value;
    }
  }
  return input;
}

/**
 * A LocalService for a rest-json service: matches any request without `X-Amz-Target` whose path
 * fits one of the model's routes, checks the SigV4 header, assembles and validates the input
 * (violations → `ValidationException` with reason FIELD_VALIDATION_FAILED) and answers with the
 * model's `responseCode`.
 */
export function createRestJsonService(options: RestJsonServiceOptions): LocalService {
  const { name, model, handlers } = options;
  const signingName = model.metadata.signingName ?? model.metadata.endpointPrefix;
  for (const operation of Object.keys(handlers)) {
    if (!model.operations[operation]) throw new Error(`${name}: handler for ${operation}, which the model does not define`);
  }
  const firstSegments = new Set(Object.values(model.operations).map((op) => op.http.requestUri.split("/")[1]));

  const dispatch = async (req: LocalRequest, ctx: ServiceContext, requestId: string): Promise<LocalResponse> => {
    checkSignature(req, signingName);
    const route = matchRoute(model, req.method, req.path);
    const handler = route ? handlers[route.operation.name] : undefined;
    if (!route || !handler) {
      throw new LocalServiceError("ValidationException", `No operation matches ${req.method} ${req.path}.`, { Reason: "UNKNOWN_OPERATION" });
    }
    const { operation } = route;
    const input = assembleInput(model, operation, req, route.labels);
    const problem = operation.input ? validateShape(model, operation.input, input) : undefined;
    if (problem) throw new LocalServiceError("ValidationException", problem.message, { Reason: "FIELD_VALIDATION_FAILED" });
    options.beforeEach?.(ctx);
    const output = await (handler as (input: unknown, call: RestJsonCall) => unknown)(input, { ctx, operation: operation.name, requestId, req });
    const status = operation.http.responseCode ?? 200;
    const headers = { "x-amzn-requestid": requestId };
    if (!operation.output || status === 204) return { status, headers };
    return { status, headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(output ?? {}) };
  };

  return {
    name,
    matches: (req) =>
      req.headers["x-amz-target"] === undefined &&
      (signingServiceOf(req) === signingName || firstSegments.has(req.path.split("/")[1] ?? "")),
    operationOf: (req) => matchRoute(model, req.method, req.path)?.operation.name,
    async handle(req, ctx) {
      const requestId = randomUUID();
      try {
        return await dispatch(req, ctx, requestId);
      } catch (error) {
        if (error instanceof LocalServiceError) return restJsonErrorResponse(model, error, requestId);
        // The cause stays out of the answer: it could quote request input.
        return restJsonErrorResponse(model, new LocalServiceError("InternalServerException", "An internal error occurred."), requestId);
      }
    },
    throttlingResponse: () =>
      restJsonErrorResponse(model, new LocalServiceError("ThrottlingException", "Rate exceeded"), randomUUID(), { "retry-after": "1" }),
  };
}

/** Errors the front door raises before the service sees the request, with their statuses. */
const frontDoorErrors: Record<string, number> = {
  MissingAuthenticationTokenException: 403,
  IncompleteSignatureException: 403,
  InvalidSignatureException: 403,
};

/**
 * An error in the rest-json wire shape: `x-amzn-ErrorType` header, status from the error shape's
 * `httpStatusCode`, body with the shape's members (`Message`, `Reason`, `ResourceId`, ...).
 */
export function restJsonErrorResponse(
  model: ServiceModel,
  error: LocalServiceError,
  requestId: string,
  extraHeaders: Record<string, string> = {},
): LocalResponse {
  const shape = model.shapes[error.errorName];
  const members = shape?.members ?? {};
  const body: Record<string, unknown> = { [shape ? "Message" : "message"]: error.message };
  for (const [member, value] of Object.entries(error.fields)) if (member in members) body[member] = value;
  const status = shape?.error?.httpStatusCode ?? frontDoorErrors[error.errorName] ?? (shape?.fault ? 500 : 400);
  return {
    status,
    headers: { "content-type": "application/json", "x-amzn-requestid": requestId, "x-amzn-errortype": error.errorName, ...extraHeaders },
    body: JSON.stringify(body),
  };
}

function parseBody(body: string): Record<string, unknown> {
  if (body.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new LocalServiceError("ValidationException", "Could not parse the request body as JSON.", { Reason: "OTHER" });
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new LocalServiceError("ValidationException", "The request body must be a JSON object.", { Reason: "OTHER" });
  }
  return parsed as Record<string, unknown>;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
