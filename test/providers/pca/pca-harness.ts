/**
 * A local cloud on loopback with a hand-driven clock, and kind contexts pointed at it, for the
 * PCA client and kind tests.
 */
import { afterEach, beforeEach } from "vitest";
import { createKindContext } from "../../../src/core/context.js";
import type { JsonObject } from "../../../src/core/json.js";
import type { DesiredResource, KindContext, Live, ResourceKind } from "../../../src/core/resource-kind.js";
import { diffResource } from "../../../src/planner/diff.js";
import { startLocalCloud, type LocalCloud } from "../../../src/local-cloud/server.js";
import type { LocalService } from "../../../src/local-cloud/types.js";
import { PcaConnectorAdClient } from "../../../src/providers/pca/client.js";

export const REGION = "us-east-1";
export const ACCOUNT = "123456789012";
export const STACK = "pca-test";
export const CREATE_DELAY_MS = 60_000;
export const DELETE_DELAY_MS = 10_000;
export const CREDENTIALS = { accessKeyId: "AKIDLOCALCLOUD", secretAccessKey: "local-secret" };

export const CA_ARN = `arn:aws:acm-pca:${REGION}:${ACCOUNT}:certificate-authority/11111111-2222-3333-4444-555555555555`;
/** Its UUID starts with 00000000: the local cloud fails connectors to it (PRIVATECA_RESOURCE_NOT_FOUND). */
export const UNREACHABLE_CA_ARN = `arn:aws:acm-pca:${REGION}:${ACCOUNT}:certificate-authority/00000000-2222-3333-4444-555555555555`;
export const DIRECTORY_ID = "d-1234567890";

export interface Harness {
  cloud: LocalCloud;
  /** The local cloud's clock. */
  now(): number;
  /** Moves the local cloud's clock. */
  advance(ms: number): void;
  client(): PcaConnectorAdClient;
  /** A fresh context (empty memo) for the test stack. */
  context(stack?: string): KindContext;
  close(): Promise<void>;
}

export async function startHarness(services?: readonly LocalService[]): Promise<Harness> {
  let now = Date.UTC(2026, 0, 1);
  const cloud = await startLocalCloud({
    now: () => now,
    settings: { createDelayMs: CREATE_DELAY_MS, deleteDelayMs: DELETE_DELAY_MS },
    account: ACCOUNT,
    region: REGION,
    ...(services ? { services } : {}),
  });
  const clients: PcaConnectorAdClient[] = [];
  let closed = false;
  return {
    cloud,
    now: () => now,
    advance: (ms) => {
      now += ms;
    },
    client: () => {
      const client = new PcaConnectorAdClient({ region: REGION, endpoint: cloud.url, credentials: CREDENTIALS });
      clients.push(client);
      return client;
    },
    context: (stack = STACK) => createKindContext({ stack, aws: { region: REGION, endpoint: cloud.url, credentials: CREDENTIALS } }),
    close: async () => {
      if (closed) return;
      closed = true;
      for (const client of clients) client.destroy();
      await cloud.close();
    },
  };
}

/**
 * For tests that each need their own services: starts a harness with them, and closes it after
 * the test (closing it in the test is fine too); call at a test file's top level.
 */
export function harnessStarter(): (services?: readonly LocalService[]) => Promise<Harness> {
  let started: Harness | undefined;
  afterEach(async () => {
    await started?.close();
    started = undefined;
  });
  return async (services) => (started = await startHarness(services));
}

/** A fresh harness for each test of the file, closed after it; call at a test file's top level. */
export function harnessPerTest(): Harness {
  let current: Harness | undefined;
  beforeEach(async () => {
    current = await startHarness();
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  const active = (): Harness => {
    if (!current) throw new Error("the PCA harness exists only while a test runs");
    return current;
  };
  return {
    get cloud() {
      return active().cloud;
    },
    now: () => active().now(),
    advance: (ms) => active().advance(ms),
    client: () => active().client(),
    context: (stack) => active().context(stack),
    close: () => active().close(),
  };
}

/** Reads as a wait does: memoised reads dropped first. */
export function readFresh(kind: ResourceKind, ctx: KindContext, id: string): Promise<Live | undefined> {
  ctx.forget("");
  return kind.read(ctx, id);
}

/** The plan's verdict for this desired resource against this live one. */
export function planAction(kind: ResourceKind, desired: JsonObject, live: Live): string {
  return diffResource({ kind, desired, live: live.properties }).action;
}

/** Creates and, for asynchronous kinds, moves the clock until the resource is ready; returns it read back. */
export async function createReady(h: Harness, kind: ResourceKind, ctx: KindContext, desired: DesiredResource): Promise<Live> {
  const created = await kind.create(ctx, desired);
  h.advance(CREATE_DELAY_MS);
  const live = await readFresh(kind, ctx, created.id);
  if (!live) throw new Error(`${kind.type} ${created.id} cannot be read back`);
  return live;
}

export const connectorProperties = (directoryId = DIRECTORY_ID, caArn = CA_ARN): JsonObject => ({
  certificateAuthorityArn: caArn,
  directoryId,
  vpcInformation: { securityGroupIds: ["sg-0123456789abcdef0", "sg-01234567"], ipAddressType: "IPV4" },
  tags: { team: "pki" },
});

/** A V2 computer template as a Windows CA would define one (Computer / Workstation Authentication). */
export function computerTemplateDefinition(): JsonObject {
  return {
    templateV2: {
      certificateValidity: {
        validityPeriod: { period: 1, periodType: "YEARS" },
        renewalPeriod: { period: 6, periodType: "WEEKS" },
      },
      enrollmentFlags: { includeSymmetricAlgorithms: true },
      extensions: {
        keyUsage: { critical: true, usageFlags: { digitalSignature: true, keyEncipherment: true } },
        applicationPolicies: {
          critical: false,
          policies: [{ policyType: "SERVER_AUTHENTICATION" }, { policyType: "CLIENT_AUTHENTICATION" }],
        },
      },
      generalFlags: { autoEnrollment: true, machineType: true },
      privateKeyAttributes: {
        keySpec: "KEY_EXCHANGE",
        minimalKeyLength: 2048,
        cryptoProviders: ["Microsoft RSA SChannel Cryptographic Provider", "Microsoft Enhanced Cryptographic Provider v1.0"],
      },
      privateKeyFlags: { clientVersion: "WINDOWS_SERVER_2012_R2", exportableKey: false },
      subjectNameFlags: { requireDnsAsCn: true, sanRequireDns: true },
    },
  };
}
