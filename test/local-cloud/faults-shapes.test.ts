import { DescribeWorkspaceDirectoriesCommand, WorkSpacesClient } from "@aws-sdk/client-workspaces";
import { afterEach, describe, expect, it } from "vitest";
import { defaultInternalErrorResponse } from "../../src/local-cloud/faults.js";
import { json, startLocalCloud, type LocalCloud } from "../../src/local-cloud/server.js";
import { directoryService } from "../../src/local-cloud/services/ds.js";
import { pcaService } from "../../src/local-cloud/services/pca.js";
import { workspacesService } from "../../src/local-cloud/services/workspaces.js";
import type { LocalService } from "../../src/local-cloud/types.js";

let clouds: LocalCloud[] = [];
afterEach(async () => {
  await Promise.all(clouds.map((c) => c.close()));
  clouds = [];
});

async function alwaysFailing(services?: readonly LocalService[]): Promise<LocalCloud> {
  const cloud = await startLocalCloud({ faults: { rate: 1, kinds: ["5xx"] }, ...(services ? { services } : {}) });
  clouds.push(cloud);
  return cloud;
}

describe("injected internal errors in each service's own shape", () => {
  it("DS: ServiceException 500 with Message and RequestId", () => {
    const answer = defaultInternalErrorResponse(directoryService);
    const body = JSON.parse(answer.body!) as Record<string, unknown>;
    expect(answer.status).toBe(500);
    expect(answer.headers).toMatchObject({ "content-type": "application/x-amz-json-1.1", "x-amzn-errortype": "ServiceException" });
    expect(body).toEqual({ __type: "ServiceException", Message: "An internal error occurred.", RequestId: answer.headers!["x-amzn-requestid"] });
  });

  it("WorkSpaces, which models no fault: the front door's InternalFailure 500, which the SDK surfaces by name", async () => {
    const answer = defaultInternalErrorResponse(workspacesService);
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.body!)).toEqual({ __type: "InternalFailure", message: "An internal error occurred." });

    const cloud = await alwaysFailing();
    const client = new WorkSpacesClient({
      endpoint: cloud.url,
      region: "us-east-1",
      credentials: { accessKeyId: "AKIDLOCALCLOUDTEST", secretAccessKey: "local-cloud-test-secret" },
      maxAttempts: 1,
    });
    try {
      await expect(client.send(new DescribeWorkspaceDirectoriesCommand({}))).rejects.toMatchObject({
        name: "InternalFailure",
        $metadata: { httpStatusCode: 500 },
      });
    } finally {
      client.destroy();
    }
  });

  it("PCA Connector for AD: InternalServerException 500 over rest-json", async () => {
    const cloud = await alwaysFailing();
    const answer = await fetch(`${cloud.url}/connectors`);
    expect(answer.status).toBe(500);
    expect(answer.headers.get("x-amzn-errortype")).toBe("InternalServerException");
    expect(answer.headers.get("retry-after")).toBeNull();
    expect(await answer.json()).toEqual({ Message: "An internal error occurred." });
    expect(cloud.stats()).toMatchObject({ calls: {}, faults: { "5xx": 1 } });
    expect(defaultInternalErrorResponse(pcaService).headers?.["x-amzn-errortype"]).toBe("InternalServerException");
  });

  it("uses a service's own internalErrorResponse when it has one", async () => {
    const own: LocalService = { ...directoryService, internalErrorResponse: () => json(503, { __type: "ServiceUnavailable" }) };
    const cloud = await alwaysFailing([own]);
    const answer = await fetch(cloud.url, { method: "POST", headers: { "x-amz-target": "DirectoryService_20150416.DescribeDirectories" }, body: "{}" });
    expect(answer.status).toBe(503);
    expect(await answer.json()).toEqual({ __type: "ServiceUnavailable" });
  });
});
