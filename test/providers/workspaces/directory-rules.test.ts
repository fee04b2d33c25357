import { describe, expect, it } from "vitest";
import { ConfigError } from "../../../src/core/errors.js";
import { loadDesiredStateFromText } from "../../../src/config/load.js";
import { buildRegistry } from "../../../src/core/registry.js";
import type { ResourceKind } from "../../../src/core/resource-kind.js";
import { localServices } from "../../../src/local-cloud/services/index.js";
import { workspacesService } from "../../../src/local-cloud/services/workspaces.js";
import { defaultRegistry } from "../../../src/providers/index.js";
import { classifyWorkspacesError, workspacesCall } from "../../../src/providers/workspaces/client.js";
import { registrationReadiness, workspacesDirectory as kind } from "../../../src/providers/workspaces/directory.js";
import { contextFor, startCloud, throttling } from "./support.js";

/** Stands in for a DS kind: the loader only needs its `directoryId` output to exist. */
const directoryStub: ResourceKind = {
  type: "test/directory",
  description: "A directory whose ID a registration refers to.",
  schema: { type: "object", additionalProperties: false, properties: {} },
  replaceOn: [],
  writeOnly: [],
  outputs: ["directoryId"],
  isCreateIdempotent: false,
  timeouts: { createMs: 1, updateMs: 1, deleteMs: 1, pollMs: 1 },
  readiness: () => ({ state: "ready" }),
  list: () => Promise.resolve([]),
  find: () => Promise.resolve(undefined),
  read: () => Promise.resolve(undefined),
  create: () => Promise.reject(new Error("not used")),
  delete: () => Promise.resolve(),
};

/** The diagnostics the config loader prints for one registration's properties (next to a directory `corp`). */
function diagnosticsFor(properties: string): string[] {
  const text = `stack: s
region: us-east-1
resources:
  corp:
    type: test/directory
  desktops:
    type: workspaces/directory
    properties:
${properties.replace(/^/gm, "      ")}
`;
  try {
    loadDesiredStateFromText(text, "stack.yaml", { registry: buildRegistry([directoryStub, kind]) });
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.diagnostics.map((d) => d.message);
    throw error;
  }
}

describe("workspaces/directory declarations", () => {
  it("is in the default registry, with its replacement paths and parent", () => {
    expect(defaultRegistry().get("workspaces/directory")).toBe(kind);
    expect(kind.replaceOn).toEqual(expect.arrayContaining(["directoryId", "subnetIds", "tenancy", "workspaceType", "activeDirectoryConfig"]));
    expect(kind.replaceOn).not.toContain("selfservicePermissions");
    expect(kind.parentPaths).toEqual(["directoryId"]);
    expect(kind.isCreateIdempotent).toBe(false);
    expect(kind.writeOnly).toEqual([]);
    expect(kind.outputs).toEqual(expect.arrayContaining(["directoryId", "registrationCode", "state", "workspaceSecurityGroupId", "iamRoleId", "dnsIpAddresses", "alias", "directoryName"]));
  });

  it("accepts a registration that refers to its directory", () => {
    expect(diagnosticsFor("directoryId: ${corp.directoryId}\nsubnetIds: [subnet-0a1b2c3d, subnet-1a2b3c4d]\nenableSelfService: true")).toEqual([]);
  });

  it("rejects EnableWorkDocs, which the current API no longer has", () => {
    const messages = diagnosticsFor("directoryId: ${corp.directoryId}\nenableWorkDocs: false");
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^enableWorkDocs: .*RegisterWorkspaceDirectory no longer accepts EnableWorkDocs; delete this line\.$/);
    const described = kind.schema.properties as Record<string, { description?: string }>;
    expect(described.enableWorkDocs.description).toContain("RegisterWorkspaceDirectory no longer accepts EnableWorkDocs");
  });

  it("keeps PERSONAL and POOLS registrations apart", () => {
    expect(diagnosticsFor("workspaceDirectoryName: desks")).toEqual(
      expect.arrayContaining([expect.stringMatching(/missing required property "directoryId"/), expect.stringMatching(/^workspaceDirectoryName: /)]),
    );
    expect(diagnosticsFor("workspaceType: POOLS\ndirectoryId: d-1234567890")).toEqual(
      expect.arrayContaining([expect.stringMatching(/^directoryId: /), expect.stringMatching(/missing required property "workspaceDirectoryName"/)]),
    );
  });

  it("checks the model's constraints", () => {
    expect(diagnosticsFor("directoryId: d-1234567890\nsubnetIds: [subnet-0a1b2c3d]")).toEqual([expect.stringMatching(/subnetIds: must have at least 2 items/)]);
    expect(diagnosticsFor("directoryId: d-1234567890\nselfservicePermissions: { restartWorkspace: YES }")).toEqual([
      expect.stringMatching(/selfservicePermissions.restartWorkspace: must be one of ENABLED, DISABLED/),
    ]);
    expect(diagnosticsFor("directoryId: d-1234567890\nworkspaceCreationProperties: { defaultOu: OU=Desks }")).toHaveLength(1);
    expect(diagnosticsFor("directoryId: d-1234567890\nworkspaceCreationProperties: { defaultOu: null }")).toEqual([]);
    expect(diagnosticsFor("directoryId: d-1234567890\ntags: { 'adstack:stack': x }")).toHaveLength(1);
  });

  it("compares subnets as a set and never compares enableSelfService", () => {
    expect(kind.normalize!({ subnetIds: ["subnet-0b000000", "subnet-0a000000"] })).toEqual({
      subnetIds: ["subnet-0a000000", "subnet-0b000000"],
    });
    // Register-time only: nothing reads it back, so the planner never compares it after create.
    expect(kind.inputOnly).toEqual(["enableSelfService"]);
  });

  it("replaces to take away defaultOu or customSecurityGroupId, and updates anything else", () => {
    const ou = "OU=Desks,DC=corp,DC=example,DC=com";
    expect(kind.impactOf!("workspaceCreationProperties.defaultOu", ou, null)).toBe("replace");
    expect(kind.impactOf!("workspaceCreationProperties.customSecurityGroupId", "sg-0123456789abcdef0", undefined)).toBe("replace");
    expect(kind.impactOf!("workspaceCreationProperties.defaultOu", ou, "OU=Other,DC=corp,DC=example,DC=com")).toBeUndefined();
    expect(kind.impactOf!("workspaceCreationProperties.defaultOu", null, ou)).toBeUndefined();
    expect(kind.impactOf!("workspaceCreationProperties", { defaultOu: ou }, { defaultOu: null })).toBe("replace");
    expect(kind.impactOf!("workspaceCreationProperties", { defaultOu: ou }, { enableInternetAccess: true })).toBeUndefined();
    expect(kind.impactOf!("workspaceCreationProperties.enableInternetAccess", true, false)).toBeUndefined();
    // The plan says why, instead of only "forces replacement".
    expect(kind.replaceReason!("workspaceCreationProperties.defaultOu")).toBe("the service cannot remove it once set");
    expect(kind.replaceReason!("workspaceCreationProperties")).toBe("the service cannot remove it once set");
    expect(kind.replaceReason!("workspaceCreationProperties.enableInternetAccess")).toBeUndefined();
  });

  it("is ready when REGISTERED and failed on ERROR with the service's message", () => {
    expect(registrationReadiness({ state: "REGISTERED" })).toEqual({ state: "ready" });
    expect(registrationReadiness({ state: "REGISTERING" })).toEqual({ state: "pending", reason: "REGISTERING" });
    expect(registrationReadiness({ state: "ERROR", errorMessage: "The subnets overlap." })).toEqual({ state: "failed", reason: "The subnets overlap." });
    expect(registrationReadiness({ state: "DEREGISTERING" }).state).toBe("failed");
  });

  it("classifies the service's exceptions", () => {
    expect(classifyWorkspacesError("ResourceNotFoundException")).toBe("NotFound");
    expect(classifyWorkspacesError("ResourceAlreadyExistsException")).toBe("AlreadyExists");
    expect(classifyWorkspacesError("InvalidResourceStateException")).toBe("Conflict");
    expect(classifyWorkspacesError("ThrottlingException")).toBe("Throttled");
    expect(classifyWorkspacesError("OperationNotSupportedException")).toBe("Invalid");
    expect(classifyWorkspacesError("WorkspacesDefaultRoleNotFoundException")).toBe("AccessDenied");
    expect(classifyWorkspacesError("InvalidParameterValuesException")).toBeUndefined();
  });

  it("turns a throttled call into a retryable Throttled error", async () => {
    const services = localServices.map((s) => (s === workspacesService ? throttling(s, "DeleteTags", 1) : s));
    const cloud = await startCloud({ services });
    try {
      const ctx = contextFor(cloud);
      const error = await workspacesCall(ctx, "DeleteTags", { ResourceId: "d-0123456789", TagKeys: ["team"] }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "Throttled", awsName: "ThrottlingException", message: "Rate exceeded", isRetryable: true });
      await expect(kind.list(ctx)).resolves.toEqual([]);
    } finally {
      await cloud.close();
    }
  });
});
