/**
 * Reads the local cloud's state file the way an auditor would read an AWS account: what exists,
 * who owns it, and whether anything exists twice or outlived its stack. Deletions the service
 * accepted (Deleting, DELETING, DEREGISTERING) count as gone: that is all a destroy can ask for.
 */
import { readFileSync } from "node:fs";

type Tags = Record<string, string>;

interface DsDirectory {
  id: string;
  type: string;
  name: string;
  vpcId: string;
  tags: { Key: string; Value: string }[];
  deletingAt?: number;
  trusts: { id: string; remoteDomainName: string; deletingAt?: number }[];
}

interface PcaRecord {
  goneAt?: number;
  directoryId?: string;
  certificateAuthorityArn?: string;
  connectorArn?: string;
  directoryRegistrationArn?: string;
  templateArn?: string;
  name?: string;
}

interface CloudState {
  ds?: { directories: Record<string, DsDirectory> };
  pca?: {
    connectors: Record<string, PcaRecord>;
    registrations: Record<string, PcaRecord>;
    servicePrincipalNames: Record<string, PcaRecord>;
    templates: Record<string, PcaRecord>;
    accessControlEntries: Record<string, PcaRecord>;
    tags: Record<string, Tags>;
  };
  workspaces?: {
    registrations: Record<string, { directoryId: string; tags: { Key: string; Value?: string }[]; deregisteringAt?: number }>;
  };
}

/** One live resource as the audit sees it. */
export interface AuditedResource {
  kind: string;
  id: string;
  /** What must be unique about it, e.g. `(corp1.example.com, vpc-…)`. */
  key: string;
  owner?: { stack?: string; name?: string };
  /** Untaggable children: the parent whose deletion must take them along. */
  parentId?: string;
}

/** A natural key or an owner (stack, name) held by more than one live resource. */
export interface Duplicate {
  kind: string;
  key: string;
  ids: string[];
}

export function readCloudState(file: string): CloudState {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as CloudState;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw error;
  }
}

function ownerOf(tags: Tags | undefined): AuditedResource["owner"] {
  if (!tags || (tags["adstack:stack"] === undefined && tags["adstack:name"] === undefined)) return undefined;
  return { stack: tags["adstack:stack"], name: tags["adstack:name"] };
}

function tagRecord(list: { Key: string; Value?: string }[]): Tags {
  return Object.fromEntries(list.map((t) => [t.Key, t.Value ?? ""]));
}

/** Every resource the service has not agreed to delete. */
export function liveResources(state: CloudState): AuditedResource[] {
  const found: AuditedResource[] = [];
  for (const d of Object.values(state.ds?.directories ?? {})) {
    if (d.deletingAt !== undefined) continue;
    const kind = d.type === "ADConnector" ? "ds/ad-connector" : "ds/microsoft-ad";
    found.push({ kind, id: d.id, key: `${d.name.toLowerCase()} in ${d.vpcId}`, owner: ownerOf(tagRecord(d.tags)) });
    for (const t of d.trusts) {
      if (t.deletingAt !== undefined) continue;
      found.push({ kind: "ds/trust", id: t.id, key: `${d.id} → ${t.remoteDomainName.toLowerCase()}`, parentId: d.id });
    }
  }
  const pca = state.pca;
  if (pca) {
    const live = (table: Record<string, PcaRecord>) => Object.entries(table).filter(([, r]) => r.goneAt === undefined);
    for (const [arn, r] of live(pca.connectors)) {
      found.push({ kind: "pca/connector", id: arn, key: `${r.directoryId} + ${r.certificateAuthorityArn}`, owner: ownerOf(pca.tags[arn]) });
    }
    for (const [arn, r] of live(pca.registrations)) {
      found.push({ kind: "pca/directory-registration", id: arn, key: String(r.directoryId), owner: ownerOf(pca.tags[arn]) });
    }
    for (const [arn, r] of live(pca.templates)) {
      found.push({ kind: "pca/template", id: arn, key: `${r.connectorArn} / ${r.name}`, owner: ownerOf(pca.tags[arn]), parentId: r.connectorArn });
    }
    for (const [key, r] of live(pca.servicePrincipalNames)) {
      found.push({ kind: "pca/service-principal-name", id: key, key, parentId: r.connectorArn });
    }
    for (const [key, r] of Object.entries(pca.accessControlEntries)) {
      found.push({ kind: "pca/template-access-control-entry", id: key, key, parentId: r.templateArn });
    }
  }
  for (const r of Object.values(state.workspaces?.registrations ?? {})) {
    if (r.deregisteringAt !== undefined) continue;
    found.push({ kind: "workspaces/directory", id: r.directoryId, key: r.directoryId, owner: ownerOf(tagRecord(r.tags)), parentId: r.directoryId });
  }
  return found;
}

/**
 * Natural keys held twice, and (stack, name) owners held twice within a kind. The services refuse
 * most natural-key duplicates themselves; directories are the exception that matters, since
 * nothing but adstack's own care keeps a lost ConnectDirectory from making a second one.
 */
export function findDuplicates(resources: readonly AuditedResource[]): Duplicate[] {
  const groups = new Map<string, Duplicate>();
  const add = (kind: string, key: string, id: string) => {
    const groupKey = `${kind}\u0000${key}`;
    const group = groups.get(groupKey) ?? { kind, key, ids: [] };
    group.ids.push(id);
    groups.set(groupKey, group);
  };
  for (const r of resources) {
    add(r.kind, r.key, r.id);
    if (r.owner?.stack !== undefined && r.owner.name !== undefined) add(r.kind, `owner ${r.owner.stack}/${r.owner.name}`, r.id);
  }
  return [...groups.values()].filter((g) => g.ids.length > 1);
}

/**
 * What a destroyed stack left behind: anything still tagged with it, and any untaggable child
 * whose parent is no longer live.
 */
export function findLeaks(resources: readonly AuditedResource[], stack: string): AuditedResource[] {
  const liveIds = new Set(resources.map((r) => r.id));
  return resources.filter((r) => r.owner?.stack === stack || (r.parentId !== undefined && !liveIds.has(r.parentId)));
}

/** Live resources owned by (or, for untaggable kinds, living under something owned by) `stack`. */
export function resourcesOf(resources: readonly AuditedResource[], stack: string): AuditedResource[] {
  const owned = new Set(resources.filter((r) => r.owner?.stack === stack).map((r) => r.id));
  return resources.filter((r) => owned.has(r.id) || (r.parentId !== undefined && owned.has(r.parentId)));
}
