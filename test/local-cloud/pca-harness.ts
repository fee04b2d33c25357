/**
 * Raw HTTP against the local cloud's PCA service, signed with the SDK's SigV4 signer (or not, or
 * for the wrong service), so the service's rules are tested without the provider's client.
 */
import { Sha256 } from "@aws-crypto/sha256-js";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { startLocalCloud, type LocalCloud } from "../../src/local-cloud/server.js";

export const REGION = "us-east-1";
export const ACCOUNT = "123456789012";
export const CREATE_DELAY_MS = 60_000;
export const DELETE_DELAY_MS = 10_000;
export const CA_ARN = `arn:aws:acm-pca:${REGION}:${ACCOUNT}:certificate-authority/11111111-2222-3333-4444-555555555555`;

export interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
  text: string;
}

export interface CallOptions {
  query?: Record<string, string | string[]>;
  body?: unknown;
  /** `false` sends no Authorization header; a string signs for that service instead. */
  sign?: boolean | string;
}

export interface PcaWire {
  cloud: LocalCloud;
  advance(ms: number): void;
  call(method: string, path: string, options?: CallOptions): Promise<Answer>;
  close(): Promise<void>;
}

export async function startPcaWire(options: { stateFile?: string; clock?: { now: number } } = {}): Promise<PcaWire> {
  const clock = options.clock ?? { now: Date.UTC(2026, 0, 1) };
  const cloud = await startLocalCloud({
    now: () => clock.now,
    settings: { createDelayMs: CREATE_DELAY_MS, deleteDelayMs: DELETE_DELAY_MS },
    account: ACCOUNT,
    region: REGION,
    stateFile: options.stateFile,
  });
  const url = new URL(cloud.url);
  return {
    cloud,
    advance: (ms) => {
      clock.now += ms;
    },
    async call(method, path, { query = {}, body, sign = true } = {}) {
      const text = body === undefined ? undefined : JSON.stringify(body);
      let request = new HttpRequest({
        method,
        protocol: "http:",
        hostname: url.hostname,
        port: Number(url.port),
        path,
        query,
        headers: { host: url.host, ...(text ? { "content-type": "application/json" } : {}) },
        body: text,
      });
      if (sign !== false) {
        const signer = new SignatureV4({
          service: typeof sign === "string" ? sign : "pca-connector-ad",
          region: REGION,
          sha256: Sha256,
          credentials: { accessKeyId: "AKIDWIRE", secretAccessKey: "secret" },
        });
        request = (await signer.sign(request)) as HttpRequest;
      }
      const search = new URLSearchParams();
      for (const [key, value] of Object.entries(query)) for (const v of [value].flat()) search.append(key, v);
      const target = `${cloud.url}${path}${search.size > 0 ? `?${search}` : ""}`;
      const { host: _host, ...headers } = request.headers;
      const response = await fetch(target, { method, headers, body: text });
      const answer = await response.text();
      return { status: response.status, headers: response.headers, text: answer, body: answer ? (JSON.parse(answer) as Record<string, unknown>) : {} };
    },
    close: () => cloud.close(),
  };
}

/** Path segment for an ARN, as SDKs encode labels. */
export const seg = (arn: string): string => encodeURIComponent(arn);
