import { DirectoryServiceClient } from "@aws-sdk/client-directory-service";
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from "../../src/local-cloud/server.js";

/** A clock the test moves by hand, so stage transitions are exact. */
export interface ManualClock {
  now: () => number;
  advance(ms: number): void;
}

export function manualClock(start = Date.UTC(2026, 0, 1)): ManualClock {
  let current = start;
  return { now: () => current, advance: (ms) => (current += ms) };
}

/** Divisible by 3 and 5, so every intermediate stage boundary is a whole millisecond. */
export const createDelayMs = 1200;
export const deleteDelayMs = 500;

export interface DsHarness {
  cloud: LocalCloud;
  clock: ManualClock;
  client: DirectoryServiceClient;
  /** Idempotent, so a shared `afterEach` may call it after a test that started no cloud. */
  close(): Promise<void>;
  /** One raw awsJson call, for asserting on the wire text itself. */
  raw(operation: string, input: unknown): Promise<{ status: number; text: string }>;
}

/** A DS client configured the way a user's would be, pointed at a cloud. */
export function dsClient(cloud: LocalCloud): DirectoryServiceClient {
  return new DirectoryServiceClient({
    endpoint: cloud.url,
    region: "us-east-1",
    credentials: { accessKeyId: "AKIDLOCALCLOUDTEST", secretAccessKey: "local-cloud-test-secret" },
    maxAttempts: 1,
  });
}

export async function startDs(options: LocalCloudOptions = {}, clock = manualClock()): Promise<DsHarness> {
  const cloud = await startLocalCloud({
    now: clock.now,
    ...options,
    settings: { createDelayMs, deleteDelayMs, ...options.settings },
  });
  const client = dsClient(cloud);
  let closed = false;
  return {
    cloud,
    clock,
    client,
    async raw(operation, input) {
      const response = await fetch(cloud.url, {
        method: "POST",
        headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `DirectoryService_20150416.${operation}` },
        body: JSON.stringify(input),
      });
      return { status: response.status, text: await response.text() };
    },
    async close() {
      if (closed) return;
      closed = true;
      client.destroy();
      await cloud.close();
    },
  };
}

export const connectorPassword = "Connector-Pass-123!";
export const adminPassword = "Admin-Pass-456!";

export function connectorInput(overrides: Record<string, unknown> = {}) {
  return {
    Name: "corp.example.com",
    Password: connectorPassword,
    Size: "Small" as const,
    ConnectSettings: {
      VpcId: "vpc-0a1b2c3d",
      SubnetIds: ["subnet-0a1b2c3d", "subnet-4e5f6a7b"],
      CustomerDnsIps: ["10.0.0.10", "10.0.1.10"],
      CustomerUserName: "svc-adconnector",
    },
    ...overrides,
  };
}

export function microsoftAdInput(overrides: Record<string, unknown> = {}) {
  return {
    Name: "aws.example.com",
    Password: adminPassword,
    VpcSettings: { VpcId: "vpc-0a1b2c3d", SubnetIds: ["subnet-0a1b2c3d", "subnet-4e5f6a7b"] },
    ...overrides,
  };
}

/** The AWS error name and message a rejected call produced. */
export async function failure(call: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await call;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error("the call succeeded but was expected to fail");
}
