import { randomUUID } from "node:crypto";
import type { RestJsonCall, RestJsonHandler } from "../protocols/rest-json.js";
import {
  arnPrefix,
  conflict,
  invalid,
  newLifecycle,
  notFound,
  paginate,
  pcaState,
  rememberClientToken,
  replayClientToken,
  seconds,
  servicePrincipalNameKey,
  startDeletion,
  statusOf,
  updatedAtOf,
  type ConnectorRecord,
  type PcaState,
  type RegistrationRecord,
  type ServicePrincipalNameRecord,
} from "./pca-state.js";

type Input = Record<string, unknown> & { ClientToken?: string; MaxResults?: number; NextToken?: string };

/**
 * A certificate authority whose UUID starts with `00000000` stands for one the service cannot
 * reach: the connector is accepted (202) and ends FAILED with PRIVATECA_RESOURCE_NOT_FOUND once
 * the creation delay has passed. Tests use it to see a failure reason surface in readiness.
 */
const UNREACHABLE_CA = /:certificate-authority\/00000000-/;

export function connectorView(record: ConnectorRecord, now: number): Record<string, unknown> {
  const status = statusOf(record, now);
  return {
    Arn: record.arn,
    CertificateAuthorityArn: record.certificateAuthorityArn,
    CertificateEnrollmentPolicyServerEndpoint: record.endpoint,
    CreatedAt: seconds(record.createdAt),
    DirectoryId: record.directoryId,
    Status: status,
    ...(status === "FAILED" ? { StatusReason: record.failureReason } : {}),
    UpdatedAt: seconds(updatedAtOf(record, now)),
    VpcInformation: record.vpcInformation,
  };
}

function registrationView(record: RegistrationRecord, now: number): Record<string, unknown> {
  return {
    Arn: record.arn,
    CreatedAt: seconds(record.createdAt),
    DirectoryId: record.directoryId,
    Status: statusOf(record, now),
    UpdatedAt: seconds(updatedAtOf(record, now)),
  };
}

function servicePrincipalNameView(record: ServicePrincipalNameRecord, now: number): Record<string, unknown> {
  return {
    ConnectorArn: record.connectorArn,
    CreatedAt: seconds(record.createdAt),
    DirectoryRegistrationArn: record.directoryRegistrationArn,
    Status: statusOf(record, now),
    UpdatedAt: seconds(updatedAtOf(record, now)),
  };
}

export function findConnector(state: PcaState, arn: string): ConnectorRecord {
  const record = state.connectors[arn];
  if (!record) throw notFound("Connector", arn);
  return record;
}

function findRegistration(state: PcaState, arn: string): RegistrationRecord {
  const record = state.registrations[arn];
  if (!record) throw notFound("DirectoryRegistration", arn);
  return record;
}

function createConnector(input: Input, { ctx, operation }: RestJsonCall) {
  const state = pcaState(ctx);
  const replayed = replayClientToken(state, operation, input, "Connector");
  if (replayed) return { ConnectorArn: replayed };
  const directoryId = input.DirectoryId as string;
  const certificateAuthorityArn = input.CertificateAuthorityArn as string;
  const existing = Object.values(state.connectors).find(
    (c) => c.goneAt === undefined && c.directoryId === directoryId && c.certificateAuthorityArn === certificateAuthorityArn,
  );
  if (existing) {
    throw conflict("Connector", existing.arn, `A connector for directory ${directoryId} and this certificate authority already exists.`);
  }
  const id = randomUUID();
  const vpc = input.VpcInformation as { IpAddressType?: string; SecurityGroupIds: string[] };
  const arn = `${arnPrefix(ctx)}:connector/${id}`;
  state.connectors[arn] = {
    ...newLifecycle(ctx, UNREACHABLE_CA.test(certificateAuthorityArn) ? "PRIVATECA_RESOURCE_NOT_FOUND" : undefined),
    arn,
    certificateAuthorityArn,
    directoryId,
    vpcInformation: { IpAddressType: vpc.IpAddressType ?? "IPV4", SecurityGroupIds: vpc.SecurityGroupIds },
    endpoint: `https://${id}.cep.pca-connector-ad.${ctx.region}.amazonaws.com/policy`,
  };
  state.tags[arn] = { ...(input.Tags as Record<string, string> | undefined) };
  rememberClientToken(state, operation, input, arn);
  ctx.store.save();
  return { ConnectorArn: arn };
}

function createDirectoryRegistration(input: Input, { ctx, operation }: RestJsonCall) {
  const state = pcaState(ctx);
  const replayed = replayClientToken(state, operation, input, "DirectoryRegistration");
  if (replayed) return { DirectoryRegistrationArn: replayed };
  const directoryId = input.DirectoryId as string;
  const arn = `${arnPrefix(ctx)}:directory-registration/${directoryId}`;
  if (state.registrations[arn]) {
    throw conflict("DirectoryRegistration", arn, `Directory ${directoryId} is already registered.`);
  }
  state.registrations[arn] = { ...newLifecycle(ctx), arn, directoryId };
  state.tags[arn] = { ...(input.Tags as Record<string, string> | undefined) };
  rememberClientToken(state, operation, input, arn);
  ctx.store.save();
  return { DirectoryRegistrationArn: arn };
}

function createServicePrincipalName(input: Input, { ctx, operation }: RestJsonCall) {
  const state = pcaState(ctx);
  const registrationArn = input.DirectoryRegistrationArn as string;
  const connectorArn = input.ConnectorArn as string;
  if (replayClientToken(state, operation, input, "ServicePrincipalName")) return undefined;
  const registration = findRegistration(state, registrationArn);
  const connector = findConnector(state, connectorArn);
  if (registration.directoryId !== connector.directoryId) {
    throw invalid("MISMATCHED_CONNECTOR", `Connector ${connectorArn} serves another directory than ${registration.directoryId}.`);
  }
  const now = ctx.now();
  if (statusOf(registration, now) !== "ACTIVE" || statusOf(connector, now) !== "ACTIVE") {
    throw invalid("INVALID_STATE", "The directory registration and the connector must both be ACTIVE.");
  }
  const key = servicePrincipalNameKey(registrationArn, connectorArn);
  const existing = state.servicePrincipalNames[key];
  // The operation is idempotent: creating one that exists (and is not going away) succeeds.
  if (!existing || existing.goneAt !== undefined) {
    state.servicePrincipalNames[key] = { ...newLifecycle(ctx), directoryRegistrationArn: registrationArn, connectorArn };
  }
  rememberClientToken(state, operation, input, key);
  ctx.store.save();
  return undefined;
}

function deleteConnector(input: Input, { ctx }: RestJsonCall) {
  const state = pcaState(ctx);
  startDeletion(ctx, findConnector(state, input.ConnectorArn as string));
  ctx.store.save();
}

/** The model lists no ResourceNotFoundException here: deleting an unknown registration succeeds. */
function deleteDirectoryRegistration(input: Input, { ctx }: RestJsonCall) {
  const record = pcaState(ctx).registrations[input.DirectoryRegistrationArn as string];
  if (record) startDeletion(ctx, record);
  ctx.store.save();
}

/** As for registrations, the model declares no ResourceNotFoundException. */
function deleteServicePrincipalName(input: Input, { ctx }: RestJsonCall) {
  const key = servicePrincipalNameKey(input.DirectoryRegistrationArn as string, input.ConnectorArn as string);
  const record = pcaState(ctx).servicePrincipalNames[key];
  if (record) startDeletion(ctx, record);
  ctx.store.save();
}

export const connectorHandlers: Record<string, RestJsonHandler> = {
  CreateConnector: createConnector,
  GetConnector: (input: Input, { ctx }: RestJsonCall) => ({
    Connector: connectorView(findConnector(pcaState(ctx), input.ConnectorArn as string), ctx.now()),
  }),
  ListConnectors: (input: Input, { ctx }: RestJsonCall) => {
    const { page, NextToken } = paginate(Object.values(pcaState(ctx).connectors), (c) => c.arn, input);
    return { Connectors: page.map((c) => connectorView(c, ctx.now())), NextToken };
  },
  DeleteConnector: deleteConnector,

  CreateDirectoryRegistration: createDirectoryRegistration,
  GetDirectoryRegistration: (input: Input, { ctx }: RestJsonCall) => ({
    DirectoryRegistration: registrationView(findRegistration(pcaState(ctx), input.DirectoryRegistrationArn as string), ctx.now()),
  }),
  ListDirectoryRegistrations: (input: Input, { ctx }: RestJsonCall) => {
    const { page, NextToken } = paginate(Object.values(pcaState(ctx).registrations), (r) => r.arn, input);
    return { DirectoryRegistrations: page.map((r) => registrationView(r, ctx.now())), NextToken };
  },
  DeleteDirectoryRegistration: deleteDirectoryRegistration,

  CreateServicePrincipalName: createServicePrincipalName,
  GetServicePrincipalName: (input: Input, { ctx }: RestJsonCall) => {
    const registrationArn = input.DirectoryRegistrationArn as string;
    const connectorArn = input.ConnectorArn as string;
    const record = pcaState(ctx).servicePrincipalNames[servicePrincipalNameKey(registrationArn, connectorArn)];
    if (!record) throw notFound("ServicePrincipalName", connectorArn);
    return { ServicePrincipalName: servicePrincipalNameView(record, ctx.now()) };
  },
  ListServicePrincipalNames: (input: Input, { ctx }: RestJsonCall) => {
    const state = pcaState(ctx);
    const registrationArn = input.DirectoryRegistrationArn as string;
    findRegistration(state, registrationArn);
    const under = Object.values(state.servicePrincipalNames).filter((s) => s.directoryRegistrationArn === registrationArn);
    const { page, NextToken } = paginate(under, (s) => s.connectorArn, input);
    return { ServicePrincipalNames: page.map((s) => servicePrincipalNameView(s, ctx.now())), NextToken };
  },
  DeleteServicePrincipalName: deleteServicePrincipalName,
};
