import { createHash, randomBytes } from "node:crypto";
import { LocalServiceError, type ServiceContext } from "../types.js";

/**
 * The Directory Service's persisted state. Timelines are stored as absolute instants fixed at
 * the time of the call (`readyAt`, `goneAt`), so separate processes sharing the state file agree
 * on every stage whatever their own settings. No password is ever stored.
 */
export interface DsState {
  directories: Record<string, DirectoryRecord>;
  /** Lower-cased alias → directory id. Kept after the directory is gone: an alias is never reused. */
  aliases: Record<string, string>;
}

export type ManagedDirectoryType = "ADConnector" | "MicrosoftAD";

export interface DsTag {
  Key: string;
  Value: string;
}

export interface DirectoryRecord {
  id: string;
  type: ManagedDirectoryType;
  name: string;
  shortName: string;
  description?: string;
  size?: string;
  edition?: string;
  vpcId: string;
  subnetIds: string[];
  customerUserName?: string;
  customerDnsIps?: string[];
  customerDnsIpsV6?: string[];
  networkType: string;
  osVersion?: string;
  tags: DsTag[];
  alias?: string;
  ssoEnabled: boolean;
  createdAt: number;
  /** Requested → Creating at this instant. */
  creatingAt: number;
  /** Creating → Active (or Failed, with `failureReason`) at this instant. */
  readyAt: number;
  failureReason?: string;
  updateStartedAt?: number;
  updatingUntil?: number;
  deletingAt?: number;
  goneAt?: number;
  domainControllers: DomainControllerRecord[];
  trusts: TrustRecord[];
  forwarders: ForwarderRecord[];
}

export interface DomainControllerRecord {
  id: string;
  subnetIndex: number;
  createdAt: number;
  readyAt: number;
  deletingAt?: number;
  goneAt?: number;
}

/** Which sequence of trust states a trust is walking through, and since when. */
export type TrustWalk = "create" | "update" | "verify";

export interface TrustRecord {
  id: string;
  remoteDomainName: string;
  direction: string;
  type: string;
  selectiveAuth?: string;
  createdAt: number;
  lastUpdatedAt: number;
  walk: TrustWalk;
  walkStartedAt: number;
  /** How long the walk takes from its first state to its last. */
  walkDurationMs: number;
  deletingAt?: number;
  goneAt?: number;
}

export interface ForwarderRecord {
  remoteDomainName: string;
  dnsIpAddrs?: string[];
  dnsIpv6Addrs?: string[];
}

/** The DS namespace of the store, with directories, trusts and controllers past their end removed. */
export function loadDsState(ctx: ServiceContext): DsState {
  const state = ctx.store.namespace<DsState>("ds", () => ({ directories: {}, aliases: {} }));
  const now = ctx.now();
  for (const [id, directory] of Object.entries(state.directories)) {
    if (isGone(directory, now)) {
      delete state.directories[id];
      continue;
    }
    directory.trusts = directory.trusts.filter((trust) => !isGone(trust, now));
    directory.domainControllers = directory.domainControllers.filter((dc) => !isGone(dc, now));
  }
  return state;
}

function isGone(record: { goneAt?: number }, now: number): boolean {
  return record.goneAt !== undefined && now >= record.goneAt;
}

/** A fresh `<prefix>-` + 10 hex id, unique among `taken`. */
export function newId(prefix: string, taken: (id: string) => boolean): string {
  for (;;) {
    const id = `${prefix}-${randomBytes(5).toString("hex")}`;
    if (!taken(id)) return id;
  }
}

/** A value derived from an id, so generated addresses stay stable across reads and processes. */
export function derivedBytes(id: string, purpose: string): Buffer {
  return createHash("sha256").update(`${id}/${purpose}`).digest();
}

/** A private IPv4 address derived from an id. */
export function derivedIp(id: string, purpose: string): string {
  const bytes = derivedBytes(id, purpose);
  return `10.${bytes[0]}.${bytes[1]}.${(bytes[2] % 250) + 4}`;
}

/** An IPv6 address derived from an id, in the documentation prefix (2001:db8::/32): plainly not a real one. */
export function derivedIpv6(id: string, purpose: string): string {
  const bytes = derivedBytes(id, `${purpose}/v6`);
  const group = (i: number) => ((bytes[i] << 8) | bytes[i + 1]).toString(16);
  return `2001:db8:${group(0)}:${group(2)}::${((bytes[4] % 250) + 4).toString(16)}`;
}

/** The directory, or EntityDoesNotExistException naming it. */
export function requireDirectory(state: DsState, id: string, errorName = "EntityDoesNotExistException"): DirectoryRecord {
  const directory = state.directories[id];
  if (!directory) throw new LocalServiceError(errorName, `Directory ${id} does not exist.`);
  return directory;
}

/** Every trust of every directory, with its directory. */
export function allTrusts(state: DsState): { directory: DirectoryRecord; trust: TrustRecord }[] {
  return Object.values(state.directories).flatMap((directory) => directory.trusts.map((trust) => ({ directory, trust })));
}

/** Domain names compare without case and without the optional trailing dot. */
export function sameDomain(a: string, b: string): boolean {
  return a.replace(/\.$/, "").toLowerCase() === b.replace(/\.$/, "").toLowerCase();
}
