import { afterEach, describe, expect, it } from "vitest";
import { ProviderError } from "../../../src/core/errors.js";
import { model } from "../../../src/local-cloud/models/pca-connector-ad.js";
import { restJsonErrorResponse } from "../../../src/local-cloud/protocols/rest-json.js";
import { pcaService } from "../../../src/local-cloud/services/pca.js";
import { LocalServiceError, type LocalRequest, type LocalService } from "../../../src/local-cloud/types.js";
import {
  CreateConnectorCommand,
  CreateDirectoryRegistrationCommand,
  GetConnectorCommand,
  GetTemplateCommand,
  ListDirectoryRegistrationsCommand,
  ListTagsForResourceCommand,
  PcaConnectorAdServiceException,
  resolveEndpoint,
  TagResourceCommand,
  UntagResourceCommand,
} from "../../../src/providers/pca/client.js";
import { toPcaProviderError } from "../../../src/providers/pca/pca-call.js";
import { parseErrorResponse } from "../../../src/providers/pca/service-exception.js";
import { ACCOUNT, CA_ARN, REGION, harnessStarter } from "./pca-harness.js";

/** Passes requests to the PCA service and keeps a copy of each. */
function recording(seen: LocalRequest[]): LocalService {
  return { ...pcaService, handle: (req, ctx) => (seen.push(req), pcaService.handle(req, ctx)) };
}

/** Answers every request with one modelled error. */
function failingWith(errorName: string): LocalService {
  return { ...pcaService, handle: () => restJsonErrorResponse(model, new LocalServiceError(errorName, `injected ${errorName}`), "req-1") };
}

/** Throttles the first `count` requests the way the service does. */
function throttlingFirst(count: number): LocalService {
  let left = count;
  return { ...pcaService, handle: (req, ctx) => (left-- > 0 ? pcaService.throttlingResponse() : pcaService.handle(req, ctx)) };
}

const connectorInput = (directoryId = "d-1234567890") => ({
  CertificateAuthorityArn: CA_ARN,
  DirectoryId: directoryId,
  VpcInformation: { SecurityGroupIds: ["sg-01234567"] },
});

const startHarness = harnessStarter();

describe("PcaConnectorAdClient against the local cloud", () => {
  it("signs every request with SigV4 for pca-connector-ad and sends the model's route", async () => {
    const seen: LocalRequest[] = [];
    const harness = await startHarness([recording(seen)]);
    const client = harness.client();
    const { ConnectorArn, $metadata } = await client.send(new CreateConnectorCommand(connectorInput()));
    expect($metadata.httpStatusCode).toBe(202);
    expect(ConnectorArn).toMatch(new RegExp(`^arn:aws:pca-connector-ad:${REGION}:${ACCOUNT}:connector/[0-9a-f-]{36}$`));

    const [create] = seen;
    expect(create.method).toBe("POST");
    expect(create.path).toBe("/connectors");
    expect(create.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDLOCALCLOUD\/\d{8}\/us-east-1\/pca-connector-ad\/aws4_request, SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*, Signature=[0-9a-f]{64}$/,
    );
    expect(create.headers["x-amz-date"]).toMatch(/^\d{8}T\d{6}Z$/);
    const body = JSON.parse(create.body) as Record<string, unknown>;
    // Filled in like the SDK fills idempotency tokens.
    expect(body.ClientToken).toMatch(/^[0-9a-f-]{36}$/);
    expect(body).toMatchObject(connectorInput());
  });

  it("URI-encodes ARNs in paths and decodes timestamps into Dates", async () => {
    const seen: LocalRequest[] = [];
    const harness = await startHarness([recording(seen)]);
    const client = harness.client();
    const { ConnectorArn } = await client.send(new CreateConnectorCommand(connectorInput()));
    const { Connector } = await client.send(new GetConnectorCommand({ ConnectorArn: ConnectorArn! }));
    expect(seen[1].path).toBe(`/connectors/${encodeURIComponent(ConnectorArn!)}`);
    expect(seen[1].path).toContain("%3A");
    expect(seen[1].path).toContain("%2F");
    expect(Connector?.Arn).toBe(ConnectorArn);
    expect(Connector?.CreatedAt).toBeInstanceOf(Date);
    expect(Connector?.CreatedAt?.getTime()).toBe(Date.UTC(2026, 0, 1));
  });

  it("sends tag keys as a repeated query parameter and reads 204 answers as success", async () => {
    const seen: LocalRequest[] = [];
    const harness = await startHarness([recording(seen)]);
    const client = harness.client();
    const { ConnectorArn } = await client.send(new CreateConnectorCommand({ ...connectorInput(), Tags: { a: "1", b: "2", c: "3" } }));
    const tagged = await client.send(new TagResourceCommand({ ResourceArn: ConnectorArn!, Tags: { d: "4" } }));
    expect(tagged.$metadata.httpStatusCode).toBe(204);
    await client.send(new UntagResourceCommand({ ResourceArn: ConnectorArn!, TagKeys: ["a", "b"] }));
    expect(seen.at(-1)?.query.getAll("tagKeys")).toEqual(["a", "b"]);
    const { Tags } = await client.send(new ListTagsForResourceCommand({ ResourceArn: ConnectorArn! }));
    expect(Tags).toEqual({ c: "3", d: "4" });
  });

  it("walks several pages with MaxResults and NextToken", async () => {
    const harness = await startHarness();
    const client = harness.client();
    const ids = ["d-0000000001", "d-0000000002", "d-0000000003", "d-0000000004", "d-0000000005"];
    for (const DirectoryId of ids) await client.send(new CreateDirectoryRegistrationCommand({ DirectoryId }));
    const seenIds: string[] = [];
    let NextToken: string | undefined;
    let pages = 0;
    do {
      const page = await client.send(new ListDirectoryRegistrationsCommand({ MaxResults: 2, NextToken }));
      expect(page.DirectoryRegistrations!.length).toBeLessThanOrEqual(2);
      seenIds.push(...page.DirectoryRegistrations!.map((r) => r.DirectoryId!));
      NextToken = page.NextToken;
      pages += 1;
    } while (NextToken);
    expect(pages).toBe(3);
    expect(seenIds.sort()).toEqual(ids);
  });

  it("maps the service's own errors from its answers", async () => {
    const harness = await startHarness();
    const client = harness.client();
    const invalid = await client.send(new CreateConnectorCommand(connectorInput("not-a-directory"))).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(PcaConnectorAdServiceException);
    expect(invalid).toMatchObject({ name: "ValidationException", Reason: "FIELD_VALIDATION_FAILED", $metadata: { httpStatusCode: 400 } });
    expect(toPcaProviderError(invalid).code).toBe("Invalid");

    const templateArn = `arn:aws:pca-connector-ad:${REGION}:${ACCOUNT}:connector/11111111-1111-1111-1111-111111111111/template/22222222-2222-2222-2222-222222222222`;
    const missing = await client.send(new GetTemplateCommand({ TemplateArn: templateArn })).catch((e: unknown) => e);
    expect(missing).toMatchObject({ name: "ResourceNotFoundException", ResourceType: "Template", $metadata: { httpStatusCode: 404 } });
    expect(toPcaProviderError(missing).code).toBe("NotFound");

    await client.send(new CreateDirectoryRegistrationCommand({ DirectoryId: "d-0000000009" }));
    const taken = await client.send(new CreateDirectoryRegistrationCommand({ DirectoryId: "d-0000000009" })).catch((e: unknown) => e);
    expect(taken).toMatchObject({ name: "ConflictException", $metadata: { httpStatusCode: 409 } });
    expect(toPcaProviderError(taken).code).toBe("Conflict");
  });

  it.each([
    ["AccessDeniedException", 403, "AccessDenied"],
    ["ServiceQuotaExceededException", 402, "Invalid"],
    ["InternalServerException", 500, "Unavailable"],
    ["ThrottlingException", 429, "Throttled"],
  ] as const)("maps %s (HTTP %i) to %s", async (errorName, status, code) => {
    const harness = await startHarness([failingWith(errorName)]);
    const error = await harness.client().send(new ListDirectoryRegistrationsCommand({})).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: errorName, message: `injected ${errorName}`, $metadata: { httpStatusCode: status } });
    const mapped = toPcaProviderError(error);
    expect(mapped).toBeInstanceOf(ProviderError);
    expect(mapped).toMatchObject({ code, awsName: errorName });
  });

  it("carries Retry-After of a throttled answer as retryAfterMs", async () => {
    const harness = await startHarness([throttlingFirst(1)]);
    const client = harness.client();
    const error = await client.send(new ListDirectoryRegistrationsCommand({})).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ThrottlingException", retryAfterMs: 1000, $metadata: { httpStatusCode: 429 } });
    expect(toPcaProviderError(error)).toMatchObject({ code: "Throttled", retryAfterMs: 1000, isRetryable: true });
    const retried = await client.send(new ListDirectoryRegistrationsCommand({}));
    expect(retried.DirectoryRegistrations).toEqual([]);
  });

  it("reports a refused connection as Unavailable", async () => {
    const harness = await startHarness();
    const url = harness.cloud.url;
    await harness.close();
    const { PcaConnectorAdClient } = await import("../../../src/providers/pca/client.js");
    const client = new PcaConnectorAdClient({ region: REGION, endpoint: url, credentials: { accessKeyId: "a", secretAccessKey: "b" } });
    const error = await client.send(new ListDirectoryRegistrationsCommand({})).catch((e: unknown) => e);
    client.destroy();
    expect(toPcaProviderError(error).code).toBe("Unavailable");
  });
});

describe("parseErrorResponse", () => {
  it.each([
    [{ "x-amzn-errortype": "ConflictException:http://internal.amazon.com/coral/com.amazonaws.pcaconnectorad/" }, {}, 409, "ConflictException"],
    [{}, { __type: "com.amazonaws.pcaconnectorad#ResourceNotFoundException", message: "gone" }, 404, "ResourceNotFoundException"],
    [{}, { code: "ValidationException:extra", Message: "bad" }, 400, "ValidationException"],
    [{}, {}, 503, "InternalServerException"],
    [{}, {}, 429, "ThrottlingException"],
  ])("names the error from %o / %o (HTTP %i) as %s", (headers, body, status, name) => {
    const error = parseErrorResponse(status, headers as Record<string, string>, JSON.stringify(body), { httpStatusCode: status });
    expect(error).toMatchObject({ name, $metadata: { httpStatusCode: status } });
    expect(error.message).toBe((body as { message?: string; Message?: string }).message ?? (body as { Message?: string }).Message ?? name);
  });
});

describe("resolveEndpoint", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it("prefers the configured endpoint, then the service variable, then the global one, then the regional default", () => {
    delete process.env.AWS_ENDPOINT_URL_PCA_CONNECTOR_AD;
    delete process.env.AWS_ENDPOINT_URL;
    expect(resolveEndpoint(undefined, "eu-west-1")).toBe("https://pca-connector-ad.eu-west-1.amazonaws.com");
    process.env.AWS_ENDPOINT_URL = "http://127.0.0.1:1";
    expect(resolveEndpoint(undefined, "eu-west-1")).toBe("http://127.0.0.1:1");
    process.env.AWS_ENDPOINT_URL_PCA_CONNECTOR_AD = "http://127.0.0.1:2";
    expect(resolveEndpoint(undefined, "eu-west-1")).toBe("http://127.0.0.1:2");
    expect(resolveEndpoint("http://127.0.0.1:3", "eu-west-1")).toBe("http://127.0.0.1:3");
  });
});
