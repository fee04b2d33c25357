/**
 * Fake resource kinds over the in-memory `FakeCloud`, for planner and applier tests.
 *
 * `fakeKind(cloud, options)` builds a real `ResourceKind` that behaves like a well-written
 * provider (ownership tags at create, write-only fields never stored, idempotent delete,
 * untaggable children listed only under owned parents); `exampleKinds(cloud)` gives a small
 * world shaped like the real kinds (an AD Connector, a trust under it, a WorkSpaces
 * registration, an SPN without update). Helpers at the end build desired specs, desired states
 * and a context with test defaults.
 */
import { createKindContext } from "../../src/core/context.js";
import type { DesiredResourceSpec, DesiredState } from "../../src/core/desired.js";
import { isJsonObject, type JsonObject, type JsonValue } from "../../src/core/json.js";
import { buildRegistry, type Registry } from "../../src/core/registry.js";
import type { FieldImpact, JsonSchema, KindContext, KindTimeouts, Live, Owner, Readiness, ResourceKind } from "../../src/core/resource-kind.js";
import { getAtPath, isAtOrBelow, withPath, withoutPath, withoutPaths } from "../../src/core/paths.js";
import { FakeCloud, fakeError, TEST_ACCOUNT, TEST_REGION, TEST_STACK, type StoredResource } from "./fake-cloud.js";

export * from "./fake-cloud.js";

/** How a fake kind is declared and behaves; everything but `type` has a sensible default. */
export interface FakeKindOptions {
  type: string;
  /** `tags`: owned through ownership tags (default). `parent`: untaggable, owned through `parentPaths`. */
  ownership?: "tags" | "parent";
  replaceOn?: string[];
  writeOnly?: string[];
  outputs?: string[];
  parentPaths?: string[];
  /** Without update every change plans a replacement. Default true. */
  hasUpdate?: boolean;
  /** Property schemas; `tags` is added for tag-owned kinds. */
  properties?: Record<string, JsonSchema>;
  naturalKey?: (properties: JsonObject) => string | undefined;
  normalize?: (properties: JsonObject) => JsonObject;
  impactOf?: (path: string, before: JsonValue | undefined, after: JsonValue | undefined) => FieldImpact | undefined;
  replaceOrder?: "delete-first" | "create-first";
  isCreateIdempotent?: boolean;
  timeouts?: Partial<KindTimeouts>;
  idPrefix?: string;
  /** Outputs of a new resource; by default `id`/`*Id` → the id, `arn` → a fake ARN, others → `<id>-<name>`. */
  computeOutputs?: (id: string, properties: JsonObject) => JsonObject;
  /** Reads after create that report `pending` before the resource is ready. */
  pendingReadsAfterCreate?: number;
  /** Status a new resource settles in (e.g. `failed` with a reason). Default ready. */
  readinessAfterCreate?: Readiness;
}

/** A `ResourceKind` over the fake cloud, behaving like a well-written provider. */
export function fakeKind(cloud: FakeCloud, options: FakeKindOptions): ResourceKind {
  const { type } = options;
  const isTagged = (options.ownership ?? "tags") === "tags";
  const writeOnly = options.writeOnly ?? [];
  const outputNames = options.outputs ?? ["id", "arn"];
  const idPrefix = options.idPrefix ?? type.split("/")[1]?.slice(0, 3) ?? "r";
  const properties: Record<string, JsonSchema> = { ...(options.properties ?? {}) };
  if (isTagged) properties.tags = { type: "object", additionalProperties: { type: "string" } };

  const computeOutputs =
    options.computeOutputs ??
    ((id: string): JsonObject =>
      Object.fromEntries(
        outputNames.map((name) => {
          if (name === "id" || name.endsWith("Id")) return [name, id];
          if (name === "arn") return [name, `arn:aws:${type.split("/")[0]}:${TEST_REGION}:${TEST_ACCOUNT}:${type.split("/")[1]}/${id}`];
          return [name, `${id}-${name}`];
        }),
      ));

  const ownerOf = (stored: StoredResource, stack: string): Owner | undefined =>
    isTagged ? stored.live.owner : isUnderOwnedParent(cloud, stored, options.parentPaths ?? [], stack) ? { stack } : undefined;

  const storedProperties = (desired: JsonObject): JsonObject => structuredClone(withoutPaths(desired, writeOnly));

  const kind: ResourceKind = {
    type,
    description: `fake ${type}`,
    schema: { type: "object", properties, additionalProperties: true },
    replaceOn: options.replaceOn ?? [],
    writeOnly,
    outputs: outputNames,
    parentPaths: options.parentPaths,
    isCreateIdempotent: options.isCreateIdempotent ?? true,
    replaceOrder: options.replaceOrder,
    timeouts: { createMs: 1_000, updateMs: 1_000, deleteMs: 1_000, pollMs: 1, ...options.timeouts },
    normalize: options.normalize,
    impactOf: options.impactOf,
    naturalKey: options.naturalKey,

    readiness: (live) => cloud.readinessOf(live),

    async list(ctx) {
      await cloud.record({ operation: "list", type });
      return cloud
        .stored(type)
        .map((stored) => ({ stored, owner: ownerOf(stored, ctx.stack) }))
        .filter(({ owner }) => owner?.stack === ctx.stack)
        .map(({ stored, owner }) => cloud.view(stored, owner, false));
    },

    async find(ctx, desired) {
      await cloud.record({ operation: "find", type, target: desired.name });
      const key = options.naturalKey?.(desired.properties);
      if (key === undefined) return undefined;
      const match = cloud.stored(type).find((s) => options.naturalKey?.(s.live.properties) === key);
      return match && cloud.view(match, ownerOf(match, ctx.stack), false);
    },

    async read(ctx, id) {
      await cloud.record({ operation: "read", type, target: id });
      const stored = cloud.find(id);
      return stored && stored.type === type ? cloud.view(stored, ownerOf(stored, ctx.stack), true) : undefined;
    },

    async create(ctx, desired) {
      await cloud.record({ operation: "create", type, target: desired.name });
      const id = cloud.nextId(idPrefix);
      const live: Live = { id, properties: storedProperties(desired.properties), outputs: computeOutputs(id, desired.properties) };
      if (isTagged) live.owner = { stack: ctx.stack, name: desired.name };
      cloud.insert(type, live, options.readinessAfterCreate ?? { state: "ready" }, options.pendingReadsAfterCreate ?? 0);
      cloud.remember(id, desired);
      return cloud.view(cloud.find(id)!, ownerOf(cloud.find(id)!, ctx.stack), false);
    },

    async delete(_ctx, live) {
      await cloud.record({ operation: "delete", type, target: live.id }, live.owner?.name ? [live.owner.name] : []);
      cloud.remove(live.id);
    },
  };

  if (options.hasUpdate ?? true) {
    kind.update = async (ctx, live, desired, changed) => {
      await cloud.record({ operation: "update", type, target: desired.name, changed: [...changed] }, [live.id]);
      const stored = cloud.find(live.id);
      if (!stored) throw fakeError("NotFound", `${type} ${live.id} does not exist`);
      let next = stored.live.properties;
      for (const path of changed) {
        if (writeOnly.some((w) => isAtOrBelow(path, w))) continue;
        if (isAtOrBelow(path, "tags")) {
          next = withoutPath(next, "tags");
          if (isJsonObject(desired.properties.tags)) next = withPath(next, "tags", structuredClone(desired.properties.tags));
          if (isTagged) stored.live.owner = { stack: ctx.stack, name: desired.name };
          continue;
        }
        const value = getAtPath(desired.properties, path);
        next = value === undefined ? withoutPath(next, path) : withPath(next, path, structuredClone(value));
      }
      stored.live.properties = next;
      cloud.remember(live.id, desired);
    };
  }
  return kind;
}

function isUnderOwnedParent(cloud: FakeCloud, child: StoredResource, parentPaths: readonly string[], stack: string): boolean {
  const parentValues = parentPaths.map((p) => getAtPath(child.live.properties, p)).filter((v) => typeof v === "string");
  return cloud
    .stored()
    .some(
      (candidate) =>
        candidate !== child &&
        candidate.live.owner?.stack === stack &&
        parentValues.some((v) => v === candidate.live.id || Object.values(candidate.live.outputs).includes(v)),
    );
}

const sortedStrings = (value: JsonValue | undefined): JsonValue | undefined =>
  Array.isArray(value) ? [...value].map(String).sort() : value;

/** A small world shaped like the real kinds, with the usual replacement and ownership rules. */
export function exampleKinds(cloud: FakeCloud) {
  const connector = fakeKind(cloud, {
    type: "ds/ad-connector",
    idPrefix: "d",
    replaceOn: ["name", "size", "connectSettings.vpcId", "connectSettings.subnetIds", "connectSettings.customerUserName"],
    writeOnly: ["password"],
    outputs: ["directoryId", "arn", "accessUrl"],
    normalize: (p) => {
      const subnets = sortedStrings(getAtPath(p, "connectSettings.subnetIds"));
      return subnets === undefined ? p : withPath(p, "connectSettings.subnetIds", subnets);
    },
    // An alias can be set once and never changed or removed: only unset → set is in place.
    impactOf: (path, before) => (path === "alias" ? (before === undefined ? "update" : "replace") : undefined),
    naturalKey: (p) => (typeof p.name === "string" ? `${p.name}|${String(getAtPath(p, "connectSettings.vpcId"))}` : undefined),
  });
  const trust = fakeKind(cloud, {
    type: "ds/trust",
    ownership: "parent",
    idPrefix: "t",
    replaceOn: ["directoryId", "remoteDomainName", "trustDirection"],
    writeOnly: ["trustPassword"],
    outputs: ["trustId"],
    parentPaths: ["directoryId"],
    naturalKey: (p) => `${String(p.directoryId)}|${String(p.remoteDomainName)}`,
  });
  const workspaces = fakeKind(cloud, {
    type: "workspaces/directory",
    idPrefix: "wsd",
    replaceOn: ["directoryId"],
    outputs: ["registrationCode"],
    parentPaths: ["directoryId"],
    naturalKey: (p) => (typeof p.directoryId === "string" ? p.directoryId : undefined),
  });
  const servicePrincipalName = fakeKind(cloud, {
    type: "pca/service-principal-name",
    ownership: "parent",
    idPrefix: "spn",
    hasUpdate: false,
    replaceOn: [],
    outputs: [],
    parentPaths: ["directoryId"],
    naturalKey: (p) => `${String(p.directoryId)}|${String(p.connectorArn)}`,
  });
  const kinds = { connector, trust, workspaces, servicePrincipalName };
  return { ...kinds, registry: buildRegistry(Object.values(kinds)) as Registry };
}

/** A desired resource spec with test defaults (present, unprotected, at line 1). */
export function resourceSpec(
  type: string,
  name: string,
  properties: JsonObject,
  extra: Partial<Omit<DesiredResourceSpec, "type" | "name" | "properties">> = {},
): DesiredResourceSpec {
  return {
    name,
    type,
    properties,
    dependsOn: [],
    ensure: "present",
    protect: false,
    ignoreChanges: [],
    position: { file: "stack.yaml", line: 1, col: 1 },
    propertyPositions: {},
    ...extra,
  };
}

/** A loaded desired-state file around the given resources. */
export function desiredState(resources: DesiredResourceSpec[], options: { stack?: string; region?: string } = {}): DesiredState {
  return {
    file: "stack.yaml",
    sourceHash: "0".repeat(64),
    stack: options.stack ?? TEST_STACK,
    region: options.region ?? TEST_REGION,
    resources,
  };
}

/** A fresh kind context for the test stack and region (no endpoint, no credentials). */
export function fakeContext(options: { stack?: string; region?: string; signal?: AbortSignal } = {}): KindContext {
  return createKindContext({
    stack: options.stack ?? TEST_STACK,
    aws: { region: options.region ?? TEST_REGION },
    signal: options.signal,
  });
}
