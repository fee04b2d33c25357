import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createKindContext } from "../../../src/core/context.js";
import { ProviderError } from "../../../src/core/errors.js";
import { dsCall } from "../../../src/providers/ds/client.js";

/** A loopback server that answers every request with `respond`, recording the targets it saw. */
async function stubServer(respond: (target: string, body: string) => { status: number; body: unknown } | "hang" | "reset") {
  const targets: string[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const target = String(req.headers["x-amz-target"] ?? "");
    targets.push(target);
    const answer = respond(target, Buffer.concat(chunks).toString("utf8"));
    if (answer === "hang") return;
    if (answer === "reset") return req.socket.destroy();
    res.writeHead(answer.status, { "content-type": "application/x-amz-json-1.1" });
    res.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  servers.push(server);
  return { url, targets };
}

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

function contextFor(url: string, requestTimeoutMs?: number) {
  return createKindContext({
    stack: "test",
    aws: { region: "us-east-1", endpoint: url, credentials: { accessKeyId: "AKIDLOCAL", secretAccessKey: "local" }, requestTimeoutMs },
  });
}

async function failureOf(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe("dsCall over the wire", () => {
  it("sends the DS target and returns the parsed output", async () => {
    const { url, targets } = await stubServer(() => ({ status: 200, body: { DirectoryDescriptions: [{ DirectoryId: "d-0123456789", Stage: "Active" }] } }));
    const out = await dsCall(contextFor(url), "DescribeDirectories", {});
    expect(out.DirectoryDescriptions?.[0]?.Stage).toBe("Active");
    expect(targets).toEqual(["DirectoryService_20150416.DescribeDirectories"]);
  });

  it("maps DS throttling (ClientException: Rate exceeded) to Throttled, in one attempt for a write", async () => {
    const { url, targets } = await stubServer(() => ({ status: 400, body: { __type: "ClientException", Message: "Rate exceeded" } }));
    const error = await failureOf(dsCall(contextFor(url), "CreateAlias", { DirectoryId: "d-0123456789", Alias: "corp" }));
    expect(error.code).toBe("Throttled");
    expect(targets).toHaveLength(1);
  });

  it("maps ThrottlingException and ServiceException", async () => {
    let next = "ThrottlingException";
    const { url } = await stubServer(() => ({ status: next === "ServiceException" ? 500 : 400, body: { __type: next, Message: "x" } }));
    expect((await failureOf(dsCall(contextFor(url), "DeleteTrust", { TrustId: "t-0123456789" }))).code).toBe("Throttled");
    next = "ServiceException";
    expect((await failureOf(dsCall(contextFor(url), "DeleteTrust", { TrustId: "t-0123456789" }))).code).toBe("Unavailable");
  });

  it("asks a read again after a transient failure, and never a write", async () => {
    let calls = 0;
    const { url, targets } = await stubServer(() =>
      calls++ === 0 ? { status: 500, body: { __type: "ServiceException", Message: "x" } } : { status: 200, body: { DirectoryDescriptions: [] } },
    );
    await expect(dsCall(contextFor(url), "DescribeDirectories", {})).resolves.toMatchObject({ DirectoryDescriptions: [] });
    expect(targets).toEqual(["DirectoryService_20150416.DescribeDirectories", "DirectoryService_20150416.DescribeDirectories"]);
  });

  it("never lets a password the service echoes reach the error message", async () => {
    const password = "Corp-Connector-Pa55!";
    const { url } = await stubServer((_target, body) => {
      const sent = JSON.parse(body) as { Password: string };
      return { status: 400, body: { __type: "InvalidParameterException", Message: `Password ${sent.Password} is not accepted` } };
    });
    const error = await failureOf(
      dsCall(contextFor(url), "ConnectDirectory", {
        Name: "corp.example.com",
        Password: password,
        Size: "Small",
        ConnectSettings: { VpcId: "vpc-01234567", SubnetIds: ["subnet-01234567"], CustomerUserName: "svc" },
      }),
    );
    expect(error.code).toBe("Invalid");
    expect(error.message).not.toContain(password);
    expect(error.stack ?? "").not.toContain(password);
    expect(error.message).toContain("is not accepted");
  });

  it("turns a reset connection and a lost response into Unavailable", async () => {
    const reset = await stubServer(() => "reset");
    expect((await failureOf(dsCall(contextFor(reset.url), "DeleteDirectory", { DirectoryId: "d-0123456789" }))).code).toBe("Unavailable");
    const hang = await stubServer(() => "hang");
    const error = await failureOf(dsCall(contextFor(hang.url, 200), "DeleteDirectory", { DirectoryId: "d-0123456789" }));
    expect(error.code).toBe("Unavailable");
  });
});
