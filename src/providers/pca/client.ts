import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import { Sha256 } from "@aws-crypto/sha256-js";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import type { PcaCommand } from "./commands.js";
import { parseErrorResponse } from "./service-exception.js";
import type { MetadataBearer, ResponseMetadata } from "./shapes.js";

export * from "./commands.js";
export type * from "./shapes.js";
export { PcaConnectorAdServiceException } from "./service-exception.js";

export const SIGNING_NAME = "pca-connector-ad";

export interface AwsCredentialIdentity {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** A subset of the SDK client's configuration, with the same names. */
export interface PcaConnectorAdClientConfig {
  region: string;
  /** Otherwise `AWS_ENDPOINT_URL_PCA_CONNECTOR_AD`, `AWS_ENDPOINT_URL`, then the public regional endpoint. */
  endpoint?: string;
  /** Otherwise the Node default chain (environment, profile, SSO, container, instance), loaded on first use. */
  credentials?: AwsCredentialIdentity | (() => Promise<AwsCredentialIdentity>);
  requestHandler?: NodeHttpHandler;
}

/**
 * A small rest-json client for PCA Connector for AD, built from the SDK's own signing and HTTP
 * parts because the generated `@aws-sdk/client-pca-connector-ad` package is not available here.
 * Same command classes, inputs, outputs and error shapes as the SDK.
 */
export class PcaConnectorAdClient {
  readonly config: { region: string; endpoint: URL };
  private readonly signer: SignatureV4;
  private readonly handler: NodeHttpHandler;

  constructor(config: PcaConnectorAdClientConfig) {
    this.config = { region: config.region, endpoint: new URL(resolveEndpoint(config.endpoint, config.region)) };
    this.handler = config.requestHandler ?? new NodeHttpHandler();
    this.signer = new SignatureV4({
      service: SIGNING_NAME,
      region: config.region,
      sha256: Sha256,
      credentials: credentialProvider(config.credentials),
    });
  }

  async send<Input extends object, Output extends MetadataBearer>(
    command: PcaCommand<Input, Output>,
    options: { abortSignal?: AbortSignal } = {},
  ): Promise<Output> {
    const request = this.buildRequest(command);
    const signed = await this.signer.sign(request);
    const { response } = await this.handler.handle(signed as HttpRequest, { abortSignal: options.abortSignal });
    const bodyText = await readBody(response.body as Readable | undefined);
    const headers = response.headers as Record<string, string>;
    const metadata: ResponseMetadata = {
      httpStatusCode: response.statusCode,
      requestId: headers["x-amzn-requestid"],
    };
    if (response.statusCode < 200 || response.statusCode > 299) {
      throw parseErrorResponse(response.statusCode, headers, bodyText, metadata);
    }
    const output = bodyText ? (reviveTimestamps(JSON.parse(bodyText)) as Record<string, unknown>) : {};
    return { ...output, $metadata: metadata } as unknown as Output;
  }

  destroy(): void {
    this.handler.destroy();
  }

  private buildRequest(command: PcaCommand<object, MetadataBearer>): HttpRequest {
    const { route } = command;
    const input: Record<string, unknown> = { ...command.input };
    if (route.idempotencyToken && input[route.idempotencyToken] === undefined) {
      input[route.idempotencyToken] = randomUUID();
    }
    const bound = new Set<string>();
    const path = route.uri.replace(/\{(\w+)\}/g, (_match, label: string) => {
      const value = input[label];
      if (typeof value !== "string" || value === "") throw new Error(`${route.operation}: ${label} is required`);
      bound.add(label);
      return encodeURIComponent(value);
    });
    const query: Record<string, string | string[]> = {};
    for (const [member, wireName] of Object.entries(route.query ?? {})) {
      bound.add(member);
      const value = input[member];
      if (value === undefined || value === null) continue;
      query[wireName] = Array.isArray(value) ? value.map(String) : String(value);
    }
    const endpoint = this.config.endpoint;
    const headers: Record<string, string> = {
      host: endpoint.host,
      "user-agent": "adstack",
    };
    let body: string | undefined;
    if (route.method === "POST" || route.method === "PATCH") {
      const members = Object.fromEntries(Object.entries(input).filter(([k, v]) => !bound.has(k) && v !== undefined));
      body = JSON.stringify(members);
      headers["content-type"] = "application/json";
      headers["content-length"] = String(Buffer.byteLength(body));
    }
    return new HttpRequest({
      protocol: endpoint.protocol,
      hostname: endpoint.hostname,
      port: endpoint.port ? Number(endpoint.port) : undefined,
      method: route.method,
      path: joinPath(endpoint.pathname, path),
      query,
      headers,
      body,
    });
  }
}

export function resolveEndpoint(configured: string | undefined, region: string): string {
  return (
    configured ??
    process.env.AWS_ENDPOINT_URL_PCA_CONNECTOR_AD ??
    process.env.AWS_ENDPOINT_URL ??
    `https://pca-connector-ad.${region}.amazonaws.com`
  );
}

function credentialProvider(
  configured: PcaConnectorAdClientConfig["credentials"],
): () => Promise<AwsCredentialIdentity> {
  if (typeof configured === "function") return configured;
  if (configured) return async () => configured;
  let chain: (() => Promise<AwsCredentialIdentity>) | undefined;
  // Loaded lazily: the Node chain pulls in SSO, INI and IMDS code that a run with explicit keys never needs.
  return async () => {
    if (!chain) {
      const { defaultProvider } = await import("@aws-sdk/credential-provider-node");
      chain = defaultProvider();
    }
    return chain();
  };
}

function joinPath(base: string, path: string): string {
  return base === "/" || base === "" ? path : `${base.replace(/\/+$/, "")}${path}`;
}

async function readBody(stream: Readable | undefined): Promise<string> {
  if (!stream) return "";
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

/** rest-json sends timestamps as epoch seconds; the SDK hands them out as `Date`. */
function reviveTimestamps(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reviveTimestamps);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, member]) => {
      if ((key === "CreatedAt" || key === "UpdatedAt") && (typeof member === "number" || typeof member === "string")) {
        return [key, new Date(typeof member === "number" ? member * 1000 : member)];
      }
      return [key, reviveTimestamps(member)];
    }),
  );
}
