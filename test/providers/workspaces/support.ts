/**
 * A local cloud on loopback for the WorkSpaces tests: the real DS and WorkSpaces SDK clients,
 * kind contexts pointed at it, and a test-only route that seeds WorkSpaces into its store.
 */
import { ConnectDirectoryCommand, DescribeDirectoriesCommand, DirectoryServiceClient } from "@aws-sdk/client-directory-service";
import { WorkSpacesClient } from "@aws-sdk/client-workspaces";
import { createKindContext } from "../../../src/core/context.js";
import type { JsonObject } from "../../../src/core/json.js";
import type { DesiredResource, KindContext, Live, ResourceKind } from "../../../src/core/resource-kind.js";
import { json, startLocalCloud, type LocalCloud, type LocalCloudOptions } from "../../../src/local-cloud/server.js";
import { localServices } from "../../../src/local-cloud/services/index.js";
import { removeWorkspace, seedWorkspace } from "../../../src/local-cloud/services/workspaces-state.js";
import { LocalServiceError, type LocalService } from "../../../src/local-cloud/types.js";
import { diffResource, type ResourceDiff } from "../../../src/planner/diff.js";
export { createReady, waitUntilSettled } from "../../support/kind-lifecycle.js";

export const SUBNETS = ["subnet-0a000000", "subnet-0b000000", "subnet-0c000000"];
export const DNS_IPS = ["10.0.0.10", "10.0.1.10"];
const CREDENTIALS = { accessKeyId: "AKIDLOCALCLOUDTEST", secretAccessKey: "local-cloud-test-secret" };

/** `POST /__test/workspaces/seed {directoryId, userName}` and `/remove {workspaceId}`: no AWS API creates WorkSpaces here. */
const seeding: LocalService = {
  name: "workspaces-test-seed",
  matches: (req) => req.path.startsWith("/__test/workspaces/"),
  operationOf: (req) => req.path.slice("/__test/workspaces/".length),
  handle(req, ctx) {
    const body = JSON.parse(req.body) as { directoryId?: string; userName?: string; workspaceId?: string };
    try {
      if (req.path.endsWith("/seed")) return json(200, seedWorkspace(ctx, body.directoryId ?? "", body.userName ?? "user"));
      removeWorkspace(ctx, body.workspaceId ?? "");
      return json(200, {});
    } catch (error) {
      if (error instanceof LocalServiceError) return json(400, { __type: error.errorName, message: error.message });
      throw error;
    }
  },
  throttlingResponse: () => json(429, {}),
};

export function startCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  return startLocalCloud({
    ...options,
    settings: { createDelayMs: 50, deleteDelayMs: 20, ...options.settings },
    services: [seeding, ...(options.services ?? localServices)],
  });
}

/** A fresh context, as one command run gets: its own clients and memoised reads. */
export function contextFor(cloud: LocalCloud, stack = "test"): KindContext {
  return createKindContext({ stack, aws: { region: "us-east-1", endpoint: cloud.url, credentials: CREDENTIALS } });
}

export function desired(name: string, properties: JsonObject): DesiredResource {
  return { name, properties };
}

export function workspacesClient(cloud: LocalCloud): WorkSpacesClient {
  return new WorkSpacesClient({ endpoint: cloud.url, region: "us-east-1", credentials: CREDENTIALS, maxAttempts: 1 });
}

export function dsClient(cloud: LocalCloud): DirectoryServiceClient {
  return new DirectoryServiceClient({ endpoint: cloud.url, region: "us-east-1", credentials: CREDENTIALS, maxAttempts: 1 });
}

/** An AD Connector made through the real DS client; waits for Active unless told not to. */
export async function createDirectory(cloud: LocalCloud, options: { waitForActive?: boolean; name?: string } = {}): Promise<string> {
  const client = dsClient(cloud);
  const { DirectoryId } = await client.send(
    new ConnectDirectoryCommand({
      Name: options.name ?? "corp.example.com",
      Password: "Connector-Secret-1",
      Size: "Small",
      ConnectSettings: { VpcId: "vpc-0123456789abcdef0", SubnetIds: SUBNETS.slice(0, 2), CustomerDnsIps: DNS_IPS, CustomerUserName: "svc_connector" },
    }),
  );
  const id = DirectoryId!;
  for (let attempt = 0; options.waitForActive !== false; attempt++) {
    const { DirectoryDescriptions } = await client.send(new DescribeDirectoriesCommand({ DirectoryIds: [id] }));
    if (DirectoryDescriptions?.[0]?.Stage === "Active") break;
    if (attempt > 400) throw new Error(`${id} never became Active`);
    await sleep(10);
  }
  return id;
}

export async function seedWorkspaceIn(cloud: LocalCloud, directoryId: string, userName = "jdoe"): Promise<string> {
  const response = await fetch(`${cloud.url}/__test/workspaces/seed`, { method: "POST", body: JSON.stringify({ directoryId, userName }) });
  const body = (await response.json()) as { workspaceId?: string; message?: string };
  if (!response.ok) throw new Error(body.message);
  return body.workspaceId!;
}

export async function removeSeededWorkspace(cloud: LocalCloud, workspaceId: string): Promise<void> {
  await fetch(`${cloud.url}/__test/workspaces/remove`, { method: "POST", body: JSON.stringify({ workspaceId }) });
}

export function callsOf(cloud: LocalCloud, operation: string): number {
  return cloud.stats().calls[`workspaces:${operation}`] ?? 0;
}

/** Polls `read` until it no longer finds the resource, as the applier does after a delete. */
export async function waitUntilGone(kind: ResourceKind, ctx: KindContext, id: string): Promise<void> {
  for (let attempt = 0; (await kind.read(ctx, id)) !== undefined; attempt++) {
    if (attempt > 400) throw new Error(`${id} is still there`);
    await sleep(10);
  }
}

/** What the planner would decide for `properties` against `live`. */
export function planned(kind: ResourceKind, properties: JsonObject, live: Live): ResourceDiff {
  return diffResource({ kind, desired: properties, live: live.properties });
}

export function changedPaths(diff: ResourceDiff): string[] {
  return diff.attributes.filter((a) => a.isChanged).map((a) => a.path);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A service that answers the first `count` calls of `operation` with its throttling error. */
export function throttling(service: LocalService, operation: string, count: number): LocalService {
  let throttled = 0;
  return {
    ...service,
    handle(req, ctx) {
      if (service.operationOf(req) === operation && throttled < count) {
        throttled += 1;
        return service.throttlingResponse();
      }
      return service.handle(req, ctx);
    },
  };
}
