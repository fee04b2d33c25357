/**
 * The in-memory "other side of the wire" behind the fake kinds: live resources by id, a log of
 * every call, injectable failures and pending or failed statuses. Tests build kinds over it with
 * `fakeKind` / `exampleKinds` (in `fake-kinds.ts`, which re-exports everything here).
 */
import { ProviderError, type ProviderErrorCode } from "../../src/core/errors.js";
import type { JsonObject } from "../../src/core/json.js";
import type { DesiredResource, Live, Owner, Readiness } from "../../src/core/resource-kind.js";
import { compareText } from "../../src/core/text.js";

/** Defaults every helper uses unless told otherwise. */
export const TEST_STACK = "demo";
export const TEST_REGION = "eu-west-1";
export const TEST_ACCOUNT = "111122223333";

/** The kind methods the fake cloud records and can fail. */
export type FakeOperation = "list" | "find" | "read" | "create" | "update" | "delete";

/** One call a fake kind received, in order. `target` is the logical name or the live id. */
export interface FakeCall {
  operation: FakeOperation;
  type: string;
  target?: string;
  /** For `update`: the changed paths the caller passed. */
  changed?: readonly string[];
}

/** A failure to raise on matching calls; `times` counts down, `Infinity` fails forever. */
export interface FakeFailure {
  operation: FakeOperation;
  type?: string;
  /** Logical name or live id; any target when absent. */
  target?: string;
  error?: Error;
  times?: number;
}

/** A live resource as the fake cloud keeps it. */
export interface StoredResource {
  type: string;
  live: Live;
  readiness: Readiness;
  /** Reads still to report `pending` before `readiness` applies. */
  pendingReads: number;
}

/** Seed data for a live resource (`cloud.put`). */
export interface LiveSeed {
  id?: string;
  properties: JsonObject;
  outputs?: JsonObject;
  owner?: Owner;
  readiness?: Readiness;
}

/** A provider error as a service client would raise it, with a fake AWS name. */
export function fakeError(code: ProviderErrorCode, message = `${code} (injected)`): ProviderError {
  return new ProviderError(code, message, `Fake${code}Exception`);
}

/** The other side of the wire: live resources by id, plus a log of calls and injectable faults. */
export class FakeCloud {
  readonly calls: FakeCall[] = [];
  /** Runs before every call (after failures are checked): a place for delays, gates or aborts. */
  onCall?: (call: FakeCall) => Promise<void> | void;
  private readonly resources = new Map<string, StoredResource>();
  private readonly failures: Array<FakeFailure & { times: number }> = [];
  private readonly desiredSeen = new Map<string, DesiredResource>();
  private readonly readinessOfViews = new WeakMap<Live, Readiness>();
  private counter = 0;

  /** Seeds a live resource; returns it as a kind would read it. */
  put(type: string, seed: LiveSeed, idPrefix = "r"): Live {
    const id = seed.id ?? this.nextId(idPrefix);
    const live: Live = { id, properties: structuredClone(seed.properties), outputs: structuredClone(seed.outputs ?? {}) };
    if (seed.owner) live.owner = { ...seed.owner };
    this.resources.set(id, { type, live, readiness: seed.readiness ?? { state: "ready" }, pendingReads: 0 });
    return structuredClone(live);
  }

  get(id: string): Live | undefined {
    const stored = this.resources.get(id);
    return stored && structuredClone(stored.live);
  }

  /** Every stored resource (of one type when given), sorted by id. */
  all(type?: string): Live[] {
    return [...this.resources.values()]
      .filter((r) => type === undefined || r.type === type)
      .map((r) => structuredClone(r.live))
      .sort((a, b) => compareText(a.id, b.id));
  }

  typeOf(id: string): string | undefined {
    return this.resources.get(id)?.type;
  }

  failNext(failure: FakeFailure): void {
    this.failures.push({ ...failure, times: failure.times ?? 1 });
  }

  /** Sets the live status; the first `pendingReads` reads from now report `pending` first. */
  setReadiness(id: string, readiness: Readiness, pendingReads = 0): void {
    const stored = this.mustGet(id);
    stored.readiness = readiness;
    stored.pendingReads = pendingReads;
  }

  /** The desired resource (secrets included) last passed to create or update for this id. */
  lastDesired(id: string): DesiredResource | undefined {
    return this.desiredSeen.get(id);
  }

  operations(operation?: FakeOperation): FakeCall[] {
    return this.calls.filter((c) => operation === undefined || c.operation === operation);
  }

  /** @internal used by fake kinds */
  async record(call: FakeCall, alsoMatches: readonly string[] = []): Promise<void> {
    this.calls.push(call);
    const targets = [call.target, ...alsoMatches].filter((t): t is string => t !== undefined);
    const failure = this.failures.find(
      (f) =>
        f.times > 0 &&
        f.operation === call.operation &&
        (f.type === undefined || f.type === call.type) &&
        (f.target === undefined || targets.includes(f.target)),
    );
    if (failure) {
      failure.times -= 1;
      throw failure.error ?? fakeError("Invalid");
    }
    await this.onCall?.(call);
  }

  /** @internal */
  stored(type?: string): StoredResource[] {
    return [...this.resources.values()]
      .filter((r) => type === undefined || r.type === type)
      .sort((a, b) => compareText(a.live.id, b.live.id));
  }

  /** @internal */
  find(id: string): StoredResource | undefined {
    return this.resources.get(id);
  }

  /** @internal */
  insert(type: string, live: Live, readiness: Readiness, pendingReads: number): void {
    this.resources.set(live.id, { type, live, readiness, pendingReads });
  }

  /** @internal */
  remove(id: string): boolean {
    return this.resources.delete(id);
  }

  /** @internal */
  remember(id: string, desired: DesiredResource): void {
    this.desiredSeen.set(id, structuredClone(desired));
  }

  /** @internal a copy for callers, remembering the status it was read with */
  view(stored: StoredResource, owner: Owner | undefined, consumeRead: boolean): Live {
    const live = structuredClone(stored.live);
    if (owner) live.owner = owner;
    else delete live.owner;
    const pending = stored.pendingReads > 0;
    if (consumeRead && pending) stored.pendingReads -= 1;
    this.readinessOfViews.set(live, pending ? { state: "pending", reason: "still working" } : stored.readiness);
    return live;
  }

  /** @internal */
  readinessOf(live: Live): Readiness {
    return this.readinessOfViews.get(live) ?? this.resources.get(live.id)?.readiness ?? { state: "ready" };
  }

  nextId(prefix: string): string {
    this.counter += 1;
    return `${prefix}-${String(this.counter).padStart(10, "0")}`;
  }

  private mustGet(id: string): StoredResource {
    const stored = this.resources.get(id);
    if (!stored) throw new Error(`no fake resource ${id}`);
    return stored;
  }
}
