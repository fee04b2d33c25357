import { createHash, randomBytes } from "node:crypto";
import { LocalServiceError, type ServiceContext } from "../types.js";

/**
 * The WorkSpaces service's persisted state. As in the other services, timelines are absolute
 * instants fixed when the call was accepted, so every process sharing the state file agrees on
 * a registration's state.
 */
export interface WorkspacesState {
  /** By directory ID (`d-…` for PERSONAL, `wsd-…` for POOLS). */
  registrations: Record<string, RegistrationRecord>;
  /** By WorkSpace ID. Only tests create them (`seedWorkspace`); they block deregistration. */
  workspaces: Record<string, WorkspaceRecord>;
}

export interface WsTag {
  Key: string;
  Value?: string;
}

export type Members = Record<string, unknown>;

export interface RegistrationRecord {
  directoryId: string;
  workspaceType: "PERSONAL" | "POOLS";
  subnetIds: string[];
  tenancy: string;
  workspaceDirectoryName?: string;
  workspaceDirectoryDescription?: string;
  userIdentityType?: string;
  activeDirectoryConfig?: Members;
  /** Copied from the DS directory at registration (PERSONAL only). */
  directory?: { name: string; alias: string; type: string; customerUserName?: string; dnsIpAddresses: string[] };
  registrationCode: string;
  iamRoleId: string;
  workspaceSecurityGroupId: string;
  /** The Modify* families, in the API's member spelling. */
  selfservicePermissions: Members;
  workspaceCreationProperties: Members;
  workspaceAccessProperties: Members;
  clientProperties: Members;
  tags: WsTag[];
  createdAt: number;
  /** REGISTERING → REGISTERED at this instant. */
  registeredAt: number;
  /** Set when deregistration was accepted: DEREGISTERING until `deregisteredAt`. */
  deregisteringAt?: number;
  /** DEREGISTERED from here (absent for every purpose but DescribeWorkspaceDirectories) until `goneAt`. */
  deregisteredAt?: number;
  goneAt?: number;
}

export interface WorkspaceRecord {
  workspaceId: string;
  directoryId: string;
  userName: string;
  bundleId: string;
  tags: WsTag[];
  createdAt: number;
}

export type RegistrationState = "REGISTERING" | "REGISTERED" | "DEREGISTERING" | "DEREGISTERED";

/** Tags per resource (CreateTags' documented maximum). */
export const maxTags = 50;

/** The WorkSpaces namespace of the store, with registrations past their end removed. */
export function loadWorkspacesState(ctx: ServiceContext): WorkspacesState {
  const state = ctx.store.namespace<WorkspacesState>("workspaces", () => ({ registrations: {}, workspaces: {} }));
  const now = ctx.now();
  for (const [id, record] of Object.entries(state.registrations)) {
    if (record.goneAt !== undefined && now >= record.goneAt) delete state.registrations[id];
  }
  return state;
}

export function registrationState(record: RegistrationRecord, now: number): RegistrationState {
  if (record.deregisteredAt !== undefined && now >= record.deregisteredAt) return "DEREGISTERED";
  if (record.deregisteringAt !== undefined) return "DEREGISTERING";
  return now < record.registeredAt ? "REGISTERING" : "REGISTERED";
}

/** A registration that still exists for the service: DEREGISTERED ones are only reported, never acted on. */
export function liveRegistration(state: WorkspacesState, id: string, now: number): RegistrationRecord | undefined {
  const record = state.registrations[id];
  return record && registrationState(record, now) !== "DEREGISTERED" ? record : undefined;
}

export function notFound(id: string): LocalServiceError {
  return new LocalServiceError("ResourceNotFoundException", `The resource ${id} could not be found.`, { ResourceId: id });
}

/** The registration, or ResourceNotFoundException naming it. */
export function requireRegistration(state: WorkspacesState, id: string, now: number): RegistrationRecord {
  const record = liveRegistration(state, id, now);
  if (!record) throw notFound(id);
  return record;
}

/** The Modify* calls act on settled registrations only. */
export function requireRegistered(state: WorkspacesState, id: string, now: number): RegistrationRecord {
  const record = requireRegistration(state, id, now);
  const current = registrationState(record, now);
  if (current !== "REGISTERED") {
    throw new LocalServiceError("OperationNotSupportedException", `The directory ${id} is ${current}; it must be REGISTERED for this operation.`);
  }
  return record;
}

/** `wsd-` + 10 hex digits, unique among the registrations. */
export function newPoolsDirectoryId(state: WorkspacesState): string {
  for (;;) {
    const id = `wsd-${randomBytes(5).toString("hex")}`;
    if (!(id in state.registrations)) return id;
  }
}

/** Bytes derived from an id, so generated codes and group IDs stay stable across processes. */
export function derived(id: string, purpose: string): Buffer {
  return createHash("sha256").update(`workspaces/${id}/${purpose}`).digest();
}

/**
 * A WorkSpace in a registered directory, for tests of the rule that deregistration is refused
 * while WorkSpaces exist. Saves the store.
 */
export function seedWorkspace(ctx: ServiceContext, directoryId: string, userName: string): WorkspaceRecord {
  const state = loadWorkspacesState(ctx);
  requireRegistered(state, directoryId, ctx.now());
  const workspace: WorkspaceRecord = {
    workspaceId: `ws-${derived(`${directoryId}/${userName}`, "workspace").toString("hex").slice(0, 9)}`,
    directoryId,
    userName,
    bundleId: "wsb-clj85qzj1",
    tags: [],
    createdAt: ctx.now(),
  };
  state.workspaces[workspace.workspaceId] = workspace;
  ctx.store.save();
  return workspace;
}

/** Removes a seeded WorkSpace (what TerminateWorkspaces would do, immediately). Saves the store. */
export function removeWorkspace(ctx: ServiceContext, workspaceId: string): void {
  delete loadWorkspacesState(ctx).workspaces[workspaceId];
  ctx.store.save();
}
