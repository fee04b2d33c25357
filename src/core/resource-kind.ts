import type { JsonObject, JsonValue } from "./json.js";

/** Who a live resource belongs to, read from its `adstack:stack` / `adstack:name` tags. */
export interface Owner {
  stack: string;
  /** Absent for untaggable children (trusts, SPNs, ACEs), which belong to the stack through their parent. */
  name?: string;
}

export const OWNER_STACK_TAG = "adstack:stack";
export const OWNER_NAME_TAG = "adstack:name";

/** Whether a live resource can be used, is still getting there, or has failed for good. */
export interface Readiness {
  state: "ready" | "pending" | "failed";
  /** The service's own words (StageReason, StatusReason, ErrorMessage). */
  reason?: string;
}

/** A resource as read from AWS. */
export interface Live {
  /** The service's identifier: a directory ID, an ARN, or a composite key for untaggable children. */
  id: string;
  /** Same shape as the desired properties; write-only fields absent; ownership tags removed from `tags`. */
  properties: JsonObject;
  /** Computed attributes that references may use. Never mixed into `properties`. */
  outputs: JsonObject;
  /** Undefined when the resource carries no ownership tags (a candidate for adoption). */
  owner?: Owner;
}

/** A desired resource with every reference resolved and every secret revealed: only kinds see this. */
export interface DesiredResource {
  name: string;
  properties: JsonObject;
}

/** Endpoint, region and credentials for the service clients. */
export interface AwsSettings {
  region: string;
  /** Overrides every service's endpoint (e.g. the local cloud); otherwise the SDK's own resolution applies. */
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Client-side request timeout, so a lost response surfaces as an ambiguous failure, not a hang. */
  requestTimeoutMs?: number;
}

export interface Logger {
  debug(message: string): void;
  warn(message: string): void;
}

/** Everything a kind may use; no globals. One context serves one command run. */
export interface KindContext {
  readonly stack: string;
  readonly region: string;
  readonly aws: AwsSettings;
  /** The run's interrupt: waits and queues stop at it; a call already sent is never cancelled by it. */
  readonly signal: AbortSignal;
  readonly log: Logger;
  /** The `adstack:stack` / `adstack:name` tags for a logical name. */
  ownershipTags(name: string): Record<string, string>;
  /** One client per service per run, created on first use (so SDKs load only when needed). */
  client<T>(service: string, create: (aws: AwsSettings) => T): T;
  /** Runs `load` once per key per run: how a provider avoids reading the same thing twice. */
  memo<T>(key: string, load: () => Promise<T>): Promise<T>;
  /** Drops memoised reads whose key starts with the prefix (after a write, before a wait). */
  forget(keyPrefix: string): void;
}

/** JSON Schema for a kind's `properties`, as ajv takes it. */
export type JsonSchema = { [key: string]: JsonValue | JsonSchema };

/** How a changed field is carried out, when a fixed `replaceOn` list cannot say it. */
export type FieldImpact = "update" | "replace";

export interface KindTimeouts {
  createMs: number;
  updateMs: number;
  deleteMs: number;
  /** First polling interval; the applier backs off from it towards a tenth of the timeout. */
  pollMs: number;
}

/**
 * One resource kind, declared once in its own file. The planner learns everything about
 * replacement from this declaration; the applier only calls `create`/`update`/`delete`/`read`.
 */
export interface ResourceKind {
  /** `<service>/<kind>`, e.g. `ds/ad-connector`; the service is the provider folder. */
  readonly type: string;
  readonly description: string;
  /** JSON Schema of `properties`, with constraints from the service model. */
  readonly schema: JsonSchema;
  /** Paths whose change forces replacement; a path covers everything below it. */
  readonly replaceOn: readonly string[];
  /** Secrets: never read back, never diffed, never printed; the file must take them from `env:`/`file:`. */
  readonly writeOnly: readonly string[];
  /**
   * Plain values the API accepts but never returns (an alternate SSO user name, a delete-time
   * option): shown when a resource is created, never compared with live afterwards.
   */
  readonly inputOnly?: readonly string[];
  /** Attribute names other resources may reference as `${name.attribute}`. */
  readonly outputs: readonly string[];
  /** Properties whose value is another resource's output and so marks a dependency for orphan deletes. */
  readonly parentPaths?: readonly string[];
  /** Whether a retried create is safe as it is (a client token); if not, the applier looks first. */
  readonly isCreateIdempotent: boolean;
  readonly replaceOrder?: "delete-first" | "create-first";
  readonly timeouts: KindTimeouts;

  /** Canonical form for comparison (defaults, set-like lists sorted, case); applied to desired and live. */
  normalize?(properties: JsonObject): JsonObject;
  /** Refines the impact of a change at `path` where it depends on the values (e.g. an alias set once). */
  impactOf?(path: string, before: JsonValue | undefined, after: JsonValue | undefined): FieldImpact | undefined;
  /** Why a change at `path` that forces replacement cannot be made in place, where the path alone does not say; shown in the plan. */
  replaceReason?(path: string): string | undefined;
  /** Key under which a desired and a live resource are the same without tags (untaggable kinds). */
  naturalKey?(properties: JsonObject): string | undefined;

  readiness(live: Live): Readiness;
  /** Everything of this kind that the stack owns: by tags, or under parents the stack owns. */
  list(ctx: KindContext): Promise<Live[]>;
  /**
   * Untaggable kinds: the children of parents the plan is adopting (found untagged, so `list`
   * could not see under them), as the stack's own. Parents of other kinds are ignored.
   */
  listUnder?(ctx: KindContext, parents: readonly { type: string; id: string }[]): Promise<Live[]>;
  /** Looks a desired resource up by natural key, for adoption; may return one owned elsewhere. */
  find(ctx: KindContext, desired: DesiredResource): Promise<Live | undefined>;
  read(ctx: KindContext, id: string): Promise<Live | undefined>;
  /**
   * What a wait reads, again and again until the resource settles: enough for `readiness` and
   * the outputs, without what only a plan compares (a trust's conditional forwarders, a
   * registration's client properties), each of which would cost a call per look. `read` when absent.
   */
  readForWait?(ctx: KindContext, id: string): Promise<Live | undefined>;
  /** Creates with the ownership tags at the first call; returns at least the id. */
  create(ctx: KindContext, desired: DesiredResource): Promise<Live>;
  /**
   * The rest of a create whose first call went through although the attempt failed (a lost
   * answer, or a later step such as setting an alias): what `create` does after that call, on the
   * resource the applier found again. Absent when `create` is a single call.
   */
  resumeCreate?(ctx: KindContext, live: Live, desired: DesiredResource): Promise<Live>;
  /**
   * What a create sets once the resource is ready, because the service refuses it before (a
   * directory's alias, SSO, number of domain controllers). The applier calls it after the wait,
   * so the wait is paced like any other; it skips what is already in place, so a retry or a
   * resumed create can call it again. Returns the resource as it is afterwards if it set anything.
   */
  completeWhenReady?(ctx: KindContext, id: string, desired: DesiredResource): Promise<Live | undefined>;
  /** Changes `changed` paths in place; absent when every change is a replacement. */
  update?(ctx: KindContext, live: Live, desired: DesiredResource, changed: readonly string[]): Promise<void>;
  /** Idempotent: an absent resource is success. */
  delete(ctx: KindContext, live: Live): Promise<void>;
}
