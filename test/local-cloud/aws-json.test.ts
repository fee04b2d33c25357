import { describe, expect, test } from "vitest";
import { model as ds } from "../../src/local-cloud/models/ds.js";
import { model as workspaces } from "../../src/local-cloud/models/workspaces.js";
import { createAwsJsonService } from "../../src/local-cloud/protocols/aws-json.js";
import { createStore } from "../../src/local-cloud/store.js";
import { LocalServiceError, type LocalRequest, type ServiceContext } from "../../src/local-cloud/types.js";

const ctx: ServiceContext = {
  store: createStore(),
  now: () => 0,
  settings: { createDelayMs: 0, deleteDelayMs: 0, limits: { connectedDirectories: 1, cloudOnlyMicrosoftAD: 1, workspacesDirectories: 1 } },
  account: "123456789012",
  region: "us-east-1",
};

function request(target: string, body: string): LocalRequest {
  return { method: "POST", path: "/", query: new URLSearchParams(), headers: { "x-amz-target": target }, body };
}

const dsService = createAwsJsonService({
  name: "ds",
  model: ds,
  validationError: "InvalidParameterException",
  throttling: { errorName: "ClientException", message: "Rate exceeded" },
  handlers: {
    DeleteDirectory: (input: { DirectoryId: string }) => ({ DirectoryId: input.DirectoryId }),
    CreateAlias: () => {
      throw new Error("handler bug quoting Secret-Input-1");
    },
    DisableSso: (input: { DirectoryId: string }) => {
      throw new LocalServiceError("EntityDoesNotExistException", `Directory ${input.DirectoryId} does not exist.`);
    },
  },
});

async function call(target: string, body: string) {
  const response = await dsService.handle(request(target, body), ctx);
  return { status: response.status, headers: response.headers ?? {}, body: JSON.parse(response.body ?? "{}") };
}

describe("createAwsJsonService", () => {
  test("routes on X-Amz-Target and answers awsJson 1.1", async () => {
    expect(dsService.matches(request("DirectoryService_20150416.DeleteDirectory", ""))).toBe(true);
    expect(dsService.matches(request("WorkspacesService.DeleteTags", ""))).toBe(false);
    expect(dsService.operationOf(request("DirectoryService_20150416.DeleteDirectory", ""))).toBe("DeleteDirectory");
    const ok = await call("DirectoryService_20150416.DeleteDirectory", JSON.stringify({ DirectoryId: "d-1234567890" }));
    expect(ok).toMatchObject({ status: 200, body: { DirectoryId: "d-1234567890" } });
    expect(ok.headers["content-type"]).toBe("application/x-amz-json-1.1");
  });

  test("modelled errors carry the shape's members and the request id", async () => {
    const missing = await call("DirectoryService_20150416.DisableSso", JSON.stringify({ DirectoryId: "d-1234567890" }));
    expect(missing.status).toBe(400);
    expect(missing.headers["x-amzn-errortype"]).toBe("EntityDoesNotExistException");
    expect(missing.body).toEqual({
      __type: "EntityDoesNotExistException",
      Message: "Directory d-1234567890 does not exist.",
      RequestId: missing.headers["x-amzn-requestid"],
    });
  });

  test("validation, bad JSON, wrong types and unknown operations are refused before any handler", async () => {
    const invalid = await call("DirectoryService_20150416.DeleteDirectory", JSON.stringify({ DirectoryId: "nope" }));
    expect(invalid.body.__type).toBe("InvalidParameterException");
    const garbled = await call("DirectoryService_20150416.DeleteDirectory", "{not json");
    expect(garbled).toMatchObject({ status: 400, body: { __type: "SerializationException" } });
    const wrongType = await call("DirectoryService_20150416.DeleteDirectory", JSON.stringify({ DirectoryId: 12 }));
    expect(wrongType.body.__type).toBe("SerializationException");
    const unknown = await call("DirectoryService_20150416.DescribeDirectories", "{}");
    expect(unknown.body.__type).toBe("UnknownOperationException");
  });

  test("a handler crash is the model's fault (500) and quotes nothing from the cause", async () => {
    const crash = await call("DirectoryService_20150416.CreateAlias", JSON.stringify({ DirectoryId: "d-1234567890", Alias: "x" }));
    expect(crash.status).toBe(500);
    expect(crash.body.__type).toBe("ServiceException");
    expect(JSON.stringify(crash.body)).not.toContain("Secret-Input-1");
  });

  test("WorkSpaces errors spell their message member in lower case; handlers must exist in the model", async () => {
    const service = createAwsJsonService({
      name: "workspaces",
      model: workspaces,
      validationError: "InvalidParameterValuesException",
      throttling: { errorName: "ThrottlingException", message: "Rate exceeded" },
      handlers: { DescribeTags: () => ({ TagList: [] }) },
    });
    const response = await service.handle(request("WorkspacesService.DescribeTags", "{}"), ctx);
    expect(JSON.parse(response.body!)).toEqual({
      __type: "InvalidParameterValuesException",
      message: "1 validation error detected: Value null at 'resourceId' failed to satisfy constraint: Member must not be null",
    });
    expect(JSON.parse(service.throttlingResponse().body!)).toEqual({ __type: "ThrottlingException", message: "Rate exceeded" });
    expect(() =>
      createAwsJsonService({ name: "ds", model: ds, validationError: "x", throttling: { errorName: "x", message: "x" }, handlers: { Nope: () => ({}) } }),
    ).toThrow(/Nope/);
  });
});
