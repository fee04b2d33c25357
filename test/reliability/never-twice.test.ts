/**
 * Directory Service and WorkSpaces creates carry no idempotency token: a create whose answer is
 * lost has still happened. Against the local cloud's `lost` fault (the call takes effect, then the
 * connection drops), adstack must find what the lost call made, finish it, and never call the
 * create a second time. PCA Connector for AD creates do carry one: there the create is sent again
 * with the same ClientToken, and the service answers with what the lost call made.
 */
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { applyPlan } from "../../src/applier/apply.js";
import { realClock, type Clock } from "../../src/applier/clock.js";
import { loadDesiredStateFromText } from "../../src/config/load.js";
import { createKindContext } from "../../src/core/context.js";
import { hasChanges } from "../../src/core/plan.js";
import { createFaultDraw } from "../../src/local-cloud/faults.js";
import { startLocalCloud, type LocalCloud } from "../../src/local-cloud/server.js";
import { localServices } from "../../src/local-cloud/services/index.js";
import type { LocalService } from "../../src/local-cloud/types.js";
import { planChanges } from "../../src/planner/plan.js";
import { defaultRegistry } from "../../src/providers/index.js";
import { scratchDir, testSecrets } from "../support/cli.js";
import { accessControlEntryYaml, templateDefinitionYaml } from "../support/pca-yaml.js";
import { findDuplicates, liveResources, readCloudState, resourcesOf } from "./support/cloud-state.js";

const registry = defaultRegistry();
const FAST_RETRY = { retries: 8, minTimeoutMs: 20, maxTimeoutMs: 200 };
/** Real time, but the applier's polls (seconds apart against AWS) come ten times as often. */
const brisk: Clock = { now: () => Date.now(), sleep: (ms, signal) => realClock.sleep(ms / 10, signal) };
const LOST_RATE = 0.05;
/** Calls after the lost create that the chosen seed leaves alone, so the test sees one fault and its handling. */
const CLEAN_AFTER = 40;
const clouds: LocalCloud[] = [];
// Tests run concurrently, so clouds are closed only when all of them are done.
afterAll(async () => {
  await Promise.all(clouds.splice(0).map((cloud) => cloud.close()));
});

/**
 * The first seed whose fault sequence loses the very first call (the create: the apply makes no
 * call before it) and no other for a while.
 */
function seedLosingOnlyFirstCall(): number {
  for (let seed = 1; ; seed++) {
    const draw = createFaultDraw({ rate: LOST_RATE, seed, kinds: ["lost"] });
    if (draw() !== "lost") continue;
    if (Array.from({ length: CLEAN_AFTER }, draw).every((fault) => fault === undefined)) return seed;
  }
}

const connector = `
  corp:
    type: ds/ad-connector
    properties:
      name: corp.example.com
      size: Small
      password: { env: CORP_CONNECTOR_PASSWORD }
      alias: never-twice-corp
      sso: { enabled: true }
      connectSettings:
        vpcId: vpc-0a1b2c3d
        subnetIds: [subnet-0a1b2c3d, subnet-1a2b3c4d]
        customerDnsIps: [10.0.0.10]
        customerUserName: svc-adconnector
      tags: { team: identity }
`;
const managed = `
  aws-ad:
    type: ds/microsoft-ad
    properties:
      name: aws.corp.example.com
      edition: Standard
      password: { env: AWS_AD_ADMIN_PASSWORD }
      alias: never-twice-aws
      desiredNumberOfDomainControllers: 3
      vpcSettings: { vpcId: vpc-0a1b2c3d, subnetIds: [subnet-0a1b2c3d, subnet-1a2b3c4d] }
`;
const trust = `
  forest-trust:
    type: ds/trust
    properties:
      directoryId: \${aws-ad.directoryId}
      remoteDomainName: corp.example.com
      trustDirection: Two-Way
      trustPassword: { env: TRUST_PASSWORD }
      conditionalForwarderIpAddrs: [10.0.0.10]
`;
const desktops = `
  desktops:
    type: workspaces/directory
    properties:
      directoryId: \${corp.directoryId}
      selfservicePermissions: { restartWorkspace: ENABLED, rebuildWorkspace: DISABLED }
      clientProperties: { reconnectEnabled: DISABLED }
`;

const registration = `
  registration:
    type: pca/directory-registration
    properties:
      directoryId: \${corp.directoryId}
`;
const pki = `
  pki:
    type: pca/connector
    properties:
      certificateAuthorityArn: arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/3f1c2a4b-5d6e-4f70-8a9b-0c1d2e3f4a5b
      directoryId: \${corp.directoryId}
      vpcInformation: { securityGroupIds: [sg-0123456789abcdef0] }
`;
const spn = `
  spn:
    type: pca/service-principal-name
    properties:
      directoryRegistrationArn: \${registration.arn}
      connectorArn: \${pki.arn}
`;
const template = `
  template:
    type: pca/template
    properties:
      connectorArn: \${pki.arn}
      name: NeverTwice
      definition:
${templateDefinitionYaml("        ")}
`;
const autoenroll = accessControlEntryYaml("autoenroll", "template");

function stackOf(...resources: string[]) {
  return loadDesiredStateFromText(`stack: never-twice\nregion: us-east-1\nresources:${resources.join("")}`, "stack.yaml", {
    registry,
    env: testSecrets,
  });
}

function contextFor(cloud: LocalCloud) {
  return createKindContext({
    stack: "never-twice",
    aws: { region: "us-east-1", endpoint: cloud.url, credentials: { accessKeyId: "AKIDLOCAL", secretAccessKey: "local" } },
  });
}

/** Plans against `planOn`, then applies against `applyOn`: the apply's first call is the first step's. */
async function apply(planOn: LocalCloud, applyOn: LocalCloud, resources: string[], mode: "apply" | "destroy" = "apply") {
  const plan = await planChanges({ desired: stackOf(...resources), registry, ctx: contextFor(planOn), mode });
  return applyPlan(plan, {
    registry,
    ctx: contextFor(applyOn),
    reporter: () => {},
    resolveSecret: (source) => ("env" in source ? testSecrets[source.env as keyof typeof testSecrets] : ""),
    retry: FAST_RETRY,
    clock: brisk,
  });
}

/**
 * Two clouds on one state file: a clean one to set up and to check with, and one whose very
 * first call, the create under test, takes effect but never answers.
 */
async function cloudsOnOneState(losingSettings: { deleteDelayMs?: number } = {}, services: readonly LocalService[] = localServices) {
  const stateFile = join(scratchDir(), "cloud.json");
  const settings = { createDelayMs: 50, deleteDelayMs: 20 };
  const clean = await startLocalCloud({ stateFile, settings });
  const faults = { rate: LOST_RATE, seed: seedLosingOnlyFirstCall(), kinds: ["lost" as const] };
  const losing = await startLocalCloud({ stateFile, settings: { ...settings, ...losingSettings }, faults, services });
  clouds.push(clean, losing);
  return { stateFile, clean, losing };
}

describe.concurrent("a create whose answer is lost is never made twice", () => {
  it.each([
    { kind: "ds/ad-connector", call: "ds:ConnectDirectory", before: [], target: connector },
    { kind: "ds/microsoft-ad", call: "ds:CreateMicrosoftAD", before: [], target: managed },
    { kind: "ds/trust", call: "ds:CreateTrust", before: [managed], target: trust },
    { kind: "workspaces/directory", call: "workspaces:RegisterWorkspaceDirectory", before: [connector], target: desktops },
  ])("$kind: $call lost, found again, finished, not repeated", async ({ call, before, target }) => {
    const { stateFile, clean, losing } = await cloudsOnOneState();
    if (before.length > 0) expect((await apply(clean, clean, before)).failed).toBe(0);

    const started = Date.now();
    const result = await apply(clean, losing, [...before, target]);
    const elapsedMs = Date.now() - started;

    expect(result).toMatchObject({ done: 1, failed: 0 });
    const stats = losing.stats();
    expect(stats.faults.lost).toBe(1);
    expect(stats.calls[call]).toBe(1);
    expect(findDuplicates(liveResources(readCloudState(stateFile)))).toEqual([]);
    // What the create does after its call (alias, SSO, controllers, settings) was finished on the found resource.
    const after = await planChanges({ desired: stackOf(...before, target), registry, ctx: contextFor(clean), mode: "apply" });
    expect(hasChanges(after)).toBe(false);
    // A dropped connection is an immediate reset, not a wait for the 30 s request timeout.
    expect(elapsedMs).toBeLessThan(15_000);
  });
});

/** PCA Connector for AD, noting the ClientToken of every call that carries one. */
function recordingClientTokens(tokens: { operation: string; token: unknown }[]): LocalService[] {
  return localServices.map((service) =>
    service.name !== "pca-connector-ad"
      ? service
      : {
          ...service,
          handle(req, ctx) {
            const body = req.body ? (JSON.parse(req.body) as { ClientToken?: unknown }) : {};
            if (body.ClientToken !== undefined) tokens.push({ operation: service.operationOf(req) ?? "Unknown", token: body.ClientToken });
            return service.handle(req, ctx);
          },
        },
  );
}

describe.concurrent("a PCA create whose answer is lost is sent again with the same ClientToken", () => {
  it.each([
    { kind: "pca/directory-registration", operation: "CreateDirectoryRegistration", before: [connector], target: registration },
    { kind: "pca/connector", operation: "CreateConnector", before: [connector], target: pki },
    { kind: "pca/service-principal-name", operation: "CreateServicePrincipalName", before: [connector, registration, pki], target: spn },
    { kind: "pca/template", operation: "CreateTemplate", before: [connector, pki], target: template },
    { kind: "pca/template-access-control-entry", operation: "CreateTemplateGroupAccessControlEntry", before: [connector, pki, template], target: autoenroll },
  ])("$kind: $operation lost, repeated once with its token, nothing made twice", async ({ operation, before, target }) => {
    const tokens: { operation: string; token: unknown }[] = [];
    const { stateFile, clean, losing } = await cloudsOnOneState({}, recordingClientTokens(tokens));
    expect((await apply(clean, clean, before)).failed).toBe(0);

    const result = await apply(clean, losing, [...before, target]);

    expect(result).toMatchObject({ done: 1, failed: 0 });
    expect(losing.stats().faults.lost).toBe(1);
    expect(tokens.map((t) => t.operation)).toEqual([operation, operation]);
    expect(tokens[1].token).toBe(tokens[0].token);
    expect(findDuplicates(liveResources(readCloudState(stateFile)))).toEqual([]);
    const after = await planChanges({ desired: stackOf(...before, target), registry, ctx: contextFor(clean), mode: "apply" });
    expect(hasChanges(after)).toBe(false);
  });
});

describe.concurrent("a delete whose answer is lost still finishes", () => {
  it.each([
    { kind: "ds/ad-connector", resources: [connector] },
    { kind: "ds/trust", resources: [managed, trust] },
    { kind: "pca/connector", resources: [connector, pki] },
    { kind: "workspaces/directory", resources: [connector, desktops] },
  ])("$kind: asked again while the first request is still being carried out", async ({ resources }) => {
    // Slow deletions, so the repeated request finds the resource still on its way out.
    const { stateFile, clean, losing } = await cloudsOnOneState({ deleteDelayMs: 400 });
    expect((await apply(clean, clean, resources)).failed).toBe(0);

    const result = await apply(clean, losing, resources, "destroy");

    expect(result).toMatchObject({ failed: 0, skipped: 0 });
    expect(losing.stats().faults.lost).toBe(1);
    expect(resourcesOf(liveResources(readCloudState(stateFile)), "never-twice")).toEqual([]);
  });
});
