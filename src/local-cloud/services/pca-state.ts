import { createHash } from "node:crypto";
import { LocalServiceError, type ServiceContext } from "../types.js";
import { sliceAfter, sortedByKey } from "./pages.js";

/**
 * When a resource of an asynchronous kind becomes settled. Statuses are computed from these
 * timestamps on every read rather than stored, so separate processes sharing the state file agree.
 */
export interface Lifecycle {
  createdAt: number;
  updatedAt: number;
  /** CREATING until then. */
  readyAt: number;
  /** Set once a deletion was accepted: DELETING until then, gone afterwards. */
  goneAt?: number;
  /** Reached instead of ACTIVE when the creation fails. */
  failureReason?: string;
}

export interface ConnectorRecord extends Lifecycle {
  arn: string;
  certificateAuthorityArn: string;
  directoryId: string;
  vpcInformation: { IpAddressType: string; SecurityGroupIds: string[] };
  endpoint: string;
}

export interface RegistrationRecord extends Lifecycle {
  arn: string;
  directoryId: string;
}

export interface ServicePrincipalNameRecord extends Lifecycle {
  directoryRegistrationArn: string;
  connectorArn: string;
}

export interface TemplateRecord extends Lifecycle {
  arn: string;
  connectorArn: string;
  name: string;
  definition: Record<string, unknown>;
  objectIdentifier: string;
  revision: { MajorRevision: number; MinorRevision: number };
}

export interface AccessControlEntryRecord {
  templateArn: string;
  groupSecurityIdentifier: string;
  groupDisplayName: string;
  accessRights: { Enroll?: string; AutoEnroll?: string };
  createdAt: number;
  updatedAt: number;
}

export interface PcaState {
  connectors: Record<string, ConnectorRecord>;
  registrations: Record<string, RegistrationRecord>;
  /** Keyed by `servicePrincipalNameKey`. */
  servicePrincipalNames: Record<string, ServicePrincipalNameRecord>;
  templates: Record<string, TemplateRecord>;
  /** Keyed by `accessControlEntryKey`. */
  accessControlEntries: Record<string, AccessControlEntryRecord>;
  /** By resource ARN. */
  tags: Record<string, Record<string, string>>;
  /** `<operation> <token>` → what the first call created, and a fingerprint of its input. */
  clientTokens: Record<string, { fingerprint: string; resourceKey: string }>;
}

export type Status = "CREATING" | "ACTIVE" | "DELETING" | "FAILED";

export function pcaState(ctx: ServiceContext): PcaState {
  return ctx.store.namespace<PcaState>("pca", () => ({
    connectors: {},
    registrations: {},
    servicePrincipalNames: {},
    templates: {},
    accessControlEntries: {},
    tags: {},
    clientTokens: {},
  }));
}

export function statusOf(record: Lifecycle, now: number): Status {
  if (record.goneAt !== undefined) return "DELETING";
  if (now < record.readyAt) return "CREATING";
  return record.failureReason ? "FAILED" : "ACTIVE";
}

/** The last change a reader can observe, including transitions that happened by the clock alone. */
export function updatedAtOf(record: Lifecycle, now: number): number {
  return now >= record.readyAt ? Math.max(record.updatedAt, record.readyAt) : record.updatedAt;
}

export function newLifecycle(ctx: ServiceContext, failureReason?: string): Lifecycle {
  const now = ctx.now();
  return { createdAt: now, updatedAt: now, readyAt: now + ctx.settings.createDelayMs, failureReason };
}

export function hasFinishedDeleting(record: Lifecycle, now: number): boolean {
  return record.goneAt !== undefined && record.goneAt <= now;
}

/** Registrations and connectors authorise themselves on their directory until they are gone (DELETING still counts). */
export function isDirectoryInUse(state: PcaState, directoryId: string, now: number): boolean {
  const onDirectory = (record: Lifecycle & { directoryId: string }) => record.directoryId === directoryId && !hasFinishedDeleting(record, now);
  return Object.values(state.registrations).some(onDirectory) || Object.values(state.connectors).some(onDirectory);
}

export function startDeletion(ctx: ServiceContext, record: Lifecycle): void {
  if (record.goneAt !== undefined) return;
  record.goneAt = ctx.now() + ctx.settings.deleteDelayMs;
  record.updatedAt = ctx.now();
}

export function servicePrincipalNameKey(directoryRegistrationArn: string, connectorArn: string): string {
  return `${directoryRegistrationArn} ${connectorArn}`;
}

export function accessControlEntryKey(templateArn: string, groupSecurityIdentifier: string): string {
  return `${templateArn} ${groupSecurityIdentifier}`;
}

/**
 * Drops what finished deleting, and what cannot outlive it: a connector's templates (with their
 * entries) and service principal names, a registration's service principal names.
 * Returns whether anything changed.
 */
export function purgeDeleted(state: PcaState, now: number): boolean {
  const isGone = (record: Lifecycle | undefined) => record === undefined || hasFinishedDeleting(record, now);
  let changed = false;
  const drop = <T>(table: Record<string, T>, key: string, arn?: string) => {
    delete table[key];
    if (arn) delete state.tags[arn];
    changed = true;
  };
  for (const [arn, connector] of Object.entries(state.connectors)) if (isGone(connector)) drop(state.connectors, arn, arn);
  for (const [arn, registration] of Object.entries(state.registrations)) if (isGone(registration)) drop(state.registrations, arn, arn);
  for (const [arn, template] of Object.entries(state.templates)) {
    if (isGone(template) || !state.connectors[template.connectorArn]) drop(state.templates, arn, arn);
  }
  for (const [key, spn] of Object.entries(state.servicePrincipalNames)) {
    const orphaned = !state.registrations[spn.directoryRegistrationArn] || !state.connectors[spn.connectorArn];
    if (isGone(spn) || orphaned) drop(state.servicePrincipalNames, key);
  }
  for (const [key, entry] of Object.entries(state.accessControlEntries)) {
    if (!state.templates[entry.templateArn]) drop(state.accessControlEntries, key);
  }
  for (const [key, token] of Object.entries(state.clientTokens)) {
    // A token whose resource is gone starts afresh, so recreating a destroyed stack is not answered with a dead ARN.
    const alive = token.resourceKey in state.connectors || token.resourceKey in state.registrations ||
      token.resourceKey in state.templates || token.resourceKey in state.servicePrincipalNames ||
      token.resourceKey in state.accessControlEntries;
    if (!alive) drop(state.clientTokens, key);
  }
  return changed;
}

/**
 * Idempotent creation: the same token with the same input answers with what the first call
 * created; the same token with a different input is a ConflictException (the model has no
 * idempotency-mismatch error, and ConflictException is listed on every create).
 */
export function replayClientToken(
  state: PcaState,
  operation: string,
  input: Record<string, unknown>,
  resourceType: string,
): string | undefined {
  const token = input.ClientToken;
  if (typeof token !== "string") return undefined;
  const previous = state.clientTokens[`${operation} ${token}`];
  if (!previous) return undefined;
  if (previous.fingerprint !== fingerprintOf(input)) {
    throw new LocalServiceError("ConflictException", "The client token was already used with a different request.", {
      ResourceId: previous.resourceKey,
      ResourceType: resourceType,
    });
  }
  return previous.resourceKey;
}

export function rememberClientToken(state: PcaState, operation: string, input: Record<string, unknown>, resourceKey: string): void {
  const token = input.ClientToken;
  if (typeof token === "string") state.clientTokens[`${operation} ${token}`] = { fingerprint: fingerprintOf(input), resourceKey };
}

function fingerprintOf(input: Record<string, unknown>): string {
  const { ClientToken: _token, ...rest } = input;
  return createHash("sha256").update(canonicalJson(rest)).digest("hex");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function notFound(resourceType: string, resourceId: string): LocalServiceError {
  return new LocalServiceError("ResourceNotFoundException", `${resourceType} ${resourceId} was not found.`, {
    ResourceId: resourceId,
    ResourceType: resourceType,
  });
}

/** The record stored under `key`, else ResourceNotFoundException naming it by `resourceId`. */
export function requireRecord<T>(table: Record<string, T>, key: string, resourceType: string, resourceId: string = key): T {
  const record = table[key];
  if (!record) throw notFound(resourceType, resourceId);
  return record;
}

export function conflict(resourceType: string, resourceId: string, message: string): LocalServiceError {
  return new LocalServiceError("ConflictException", message, { ResourceId: resourceId, ResourceType: resourceType });
}

export function invalid(reason: string, message: string): LocalServiceError {
  return new LocalServiceError("ValidationException", message, { Reason: reason });
}

/**
 * One page of `items` (sorted by `keyOf`), continuing after the key the NextToken carries.
 * Tokens are padded base64url, as the model's NextToken pattern requires.
 */
export function paginate<T>(
  items: T[],
  keyOf: (item: T) => string,
  input: { MaxResults?: number; NextToken?: string },
): { page: T[]; NextToken?: string } {
  const after = input.NextToken === undefined ? undefined : decodeToken(input.NextToken);
  const { items: page, lastKey } = sliceAfter(sortedByKey(items, keyOf), keyOf, after, input.MaxResults ?? 100);
  return { page, NextToken: lastKey === undefined ? undefined : encodeToken(lastKey) };
}

function encodeToken(key: string): string {
  return Buffer.from(JSON.stringify({ after: key })).toString("base64").replaceAll("+", "-").replaceAll("/", "_");
}

function decodeToken(token: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(token.replaceAll("-", "+").replaceAll("_", "/"), "base64").toString("utf8")) as unknown;
    if (typeof parsed === "object" && parsed !== null && typeof (parsed as { after?: unknown }).after === "string") {
      return (parsed as { after: string }).after;
    }
  } catch {
    // Falls through to the validation error below.
  }
  throw invalid("OTHER", "The pagination token is invalid.");
}

/** Epoch seconds, as rest-json sends timestamps. */
export function seconds(ms: number): number {
  return ms / 1000;
}

export function arnPrefix(ctx: ServiceContext): string {
  return `arn:aws:pca-connector-ad:${ctx.region}:${ctx.account}`;
}
