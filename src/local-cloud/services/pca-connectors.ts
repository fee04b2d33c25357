import { randomUUID } from "node:crypto";
import type { RestJsonCall, RestJsonHandler } from "../protocols/rest-json.js";
import { createOnce, getByArn, listAllByArn, listAnswer, withLifecycle, type PcaInput } from "./pca-handlers.js";
import {
  arnPrefix,
  conflict,
  invalid,
  newLifecycle,
  pcaState,
  requireRecord,
  servicePrincipalNameKey,
  startDeletion,
  statusOf,
  type ConnectorRecord,
  type PcaState,
  type RegistrationRecord,
  type ServicePrincipalNameRecord,
} from "./pca-state.js";

/**
 * A certificate authority whose UUID starts with `00000000` stands for one the service cannot
 * reach: the connector is accepted (202) and ends FAILED with PRIVATECA_RESOURCE_NOT_FOUND once
 * the creation delay has passed. Tests use it to see a failure reason surface in readiness.
 */
const UNREACHABLE_CA = /:certificate-authority\/00000000-/;

export function connectorView(record: ConnectorRecord, now: number): Record<string, unknown> {
  return withLifecycle(record, now, {
    Arn: record.arn,
    CertificateAuthorityArn: record.certificateAuthorityArn,
    CertificateEnrollmentPolicyServerEndpoint: record.endpoint,
    DirectoryId: record.directoryId,
    VpcInformation: record.vpcInformation,
  });
}

export function findConnector(state: PcaState, arn: string): ConnectorRecord {
  return requireRecord(state.connectors, arn, "Connector");
}

function createConnector(input: PcaInput, call: RestJsonCall) {
  const { ctx } = call;
  const ConnectorArn = createOnce(input, call, "Connector", (state) => {
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
    return arn;
  });
  return { ConnectorArn };
}

function deleteConnector(input: PcaInput, { ctx }: RestJsonCall) {
  startDeletion(ctx, findConnector(pcaState(ctx), input.ConnectorArn as string));
  ctx.store.save();
}

function registrationView(record: RegistrationRecord, now: number): Record<string, unknown> {
  return withLifecycle(record, now, { Arn: record.arn, DirectoryId: record.directoryId });
}

function findRegistration(state: PcaState, arn: string): RegistrationRecord {
  return requireRecord(state.registrations, arn, "DirectoryRegistration");
}

function createDirectoryRegistration(input: PcaInput, call: RestJsonCall) {
  const DirectoryRegistrationArn = createOnce(input, call, "DirectoryRegistration", (state) => {
    const directoryId = input.DirectoryId as string;
    const arn = `${arnPrefix(call.ctx)}:directory-registration/${directoryId}`;
    if (state.registrations[arn]) {
      throw conflict("DirectoryRegistration", arn, `Directory ${directoryId} is already registered.`);
    }
    state.registrations[arn] = { ...newLifecycle(call.ctx), arn, directoryId };
    state.tags[arn] = { ...(input.Tags as Record<string, string> | undefined) };
    return arn;
  });
  return { DirectoryRegistrationArn };
}

/** The model lists no ResourceNotFoundException here: deleting an unknown registration succeeds. */
function deleteDirectoryRegistration(input: PcaInput, { ctx }: RestJsonCall) {
  const record = pcaState(ctx).registrations[input.DirectoryRegistrationArn as string];
  if (record) startDeletion(ctx, record);
  ctx.store.save();
}

function servicePrincipalNameView(record: ServicePrincipalNameRecord, now: number): Record<string, unknown> {
  return withLifecycle(record, now, { ConnectorArn: record.connectorArn, DirectoryRegistrationArn: record.directoryRegistrationArn });
}

function createServicePrincipalName(input: PcaInput, call: RestJsonCall) {
  const registrationArn = input.DirectoryRegistrationArn as string;
  const connectorArn = input.ConnectorArn as string;
  createOnce(input, call, "ServicePrincipalName", (state) => {
    const registration = findRegistration(state, registrationArn);
    const connector = findConnector(state, connectorArn);
    if (registration.directoryId !== connector.directoryId) {
      throw invalid("MISMATCHED_CONNECTOR", `Connector ${connectorArn} serves another directory than ${registration.directoryId}.`);
    }
    const now = call.ctx.now();
    if (statusOf(registration, now) !== "ACTIVE" || statusOf(connector, now) !== "ACTIVE") {
      throw invalid("INVALID_STATE", "The directory registration and the connector must both be ACTIVE.");
    }
    const key = servicePrincipalNameKey(registrationArn, connectorArn);
    const existing = state.servicePrincipalNames[key];
    // The operation is idempotent: creating one that exists (and is not going away) succeeds.
    if (!existing || existing.goneAt !== undefined) {
      state.servicePrincipalNames[key] = { ...newLifecycle(call.ctx), directoryRegistrationArn: registrationArn, connectorArn };
    }
    return key;
  });
  return undefined;
}

/** As for registrations, the model declares no ResourceNotFoundException. */
function deleteServicePrincipalName(input: PcaInput, { ctx }: RestJsonCall) {
  const key = servicePrincipalNameKey(input.DirectoryRegistrationArn as string, input.ConnectorArn as string);
  const record = pcaState(ctx).servicePrincipalNames[key];
  if (record) startDeletion(ctx, record);
  ctx.store.save();
}

export const connectorHandlers: Record<string, RestJsonHandler> = {
  CreateConnector: createConnector,
  GetConnector: getByArn("Connector", "ConnectorArn", (state) => state.connectors, connectorView),
  ListConnectors: listAllByArn("Connectors", (state) => state.connectors, connectorView),
  DeleteConnector: deleteConnector,

  CreateDirectoryRegistration: createDirectoryRegistration,
  GetDirectoryRegistration: getByArn("DirectoryRegistration", "DirectoryRegistrationArn", (state) => state.registrations, registrationView),
  ListDirectoryRegistrations: listAllByArn("DirectoryRegistrations", (state) => state.registrations, registrationView),
  DeleteDirectoryRegistration: deleteDirectoryRegistration,

  CreateServicePrincipalName: createServicePrincipalName,
  GetServicePrincipalName: (input: PcaInput, { ctx }: RestJsonCall) => {
    const key = servicePrincipalNameKey(input.DirectoryRegistrationArn as string, input.ConnectorArn as string);
    const record = requireRecord(pcaState(ctx).servicePrincipalNames, key, "ServicePrincipalName", input.ConnectorArn as string);
    return { ServicePrincipalName: servicePrincipalNameView(record, ctx.now()) };
  },
  ListServicePrincipalNames: (input: PcaInput, { ctx }: RestJsonCall) => {
    const registration = findRegistration(pcaState(ctx), input.DirectoryRegistrationArn as string);
    const under = Object.values(pcaState(ctx).servicePrincipalNames).filter((s) => s.directoryRegistrationArn === registration.arn);
    return listAnswer("ServicePrincipalNames", under, (s) => s.connectorArn, input, (s) => servicePrincipalNameView(s, ctx.now()));
  },
  DeleteServicePrincipalName: deleteServicePrincipalName,
};
