import type {
  ClientProperties,
  RegisterWorkspaceDirectoryRequest,
  SelfservicePermissions,
  WorkspaceAccessProperties,
  WorkspaceCreationProperties,
  WorkspaceDirectory,
} from "@aws-sdk/client-workspaces";
import { isJsonObject, type JsonObject, type JsonValue } from "../../core/json.js";
import type { Live } from "../../core/resource-kind.js";
import { ownerFromTags, recordToTagList, withoutOwnershipTags } from "../aws/tags.js";

/** The in-place property families, each changed through its own `Modify*` call. */
export const modifiableFamilies = [
  "selfservicePermissions",
  "workspaceAccessProperties",
  "workspaceCreationProperties",
  "clientProperties",
] as const;
export type ModifiableFamily = (typeof modifiableFamilies)[number];

/** What a new PERSONAL registration starts with (no EnableSelfService). */
export const selfservicePermissionDefaults: JsonObject = {
  restartWorkspace: "ENABLED",
  increaseVolumeSize: "DISABLED",
  changeComputeType: "DISABLED",
  switchRunningMode: "DISABLED",
  rebuildWorkspace: "DISABLED",
};

/** Members the service keeps once set: ModifyWorkspaceCreationProperties has no way to clear them. */
export const irremovableCreationProperties = ["defaultOu", "customSecurityGroupId"] as const;

export function toRegisterRequest(properties: JsonObject, tags: Record<string, string>): RegisterWorkspaceDirectoryRequest {
  const request = {
    DirectoryId: properties.directoryId,
    SubnetIds: properties.subnetIds,
    EnableSelfService: properties.enableSelfService,
    Tenancy: properties.tenancy,
    WorkspaceType: properties.workspaceType,
    WorkspaceDirectoryName: properties.workspaceDirectoryName,
    WorkspaceDirectoryDescription: properties.workspaceDirectoryDescription,
    UserIdentityType: properties.userIdentityType,
    ActiveDirectoryConfig: isJsonObject(properties.activeDirectoryConfig) ? toApiShape(properties.activeDirectoryConfig) : undefined,
    Tags: recordToTagList(tags),
  };
  return request as RegisterWorkspaceDirectoryRequest;
}

/** All five permissions: the file's, and the current value of those it leaves out. */
export function toSelfservicePermissions(family: JsonObject, current: JsonObject | undefined): SelfservicePermissions {
  return toApiShape({ ...selfservicePermissionDefaults, ...current, ...family }) as SelfservicePermissions;
}

/** Only the members written in the file: the call leaves the others as they are. */
export function toCreationProperties(family: JsonObject): WorkspaceCreationProperties {
  const present = Object.entries(family).filter(([, value]) => value !== null);
  return toApiShape(Object.fromEntries(present)) as WorkspaceCreationProperties;
}

export function toAccessProperties(family: JsonObject): WorkspaceAccessProperties {
  return toApiShape(family) as WorkspaceAccessProperties;
}

export function toClientProperties(family: JsonObject): ClientProperties {
  return toApiShape(family) as ClientProperties;
}

/** A registration as adstack sees it: properties in the file's shape, computed attributes apart. */
export function toLive(directory: WorkspaceDirectory, tags: Record<string, string>, client: ClientProperties | undefined): Live {
  const creation = fromApiShape(directory.WorkspaceCreationProperties ?? {});
  // An unset irremovable member reads as null, so that `null` in the file compares equal to it.
  for (const name of irremovableCreationProperties) creation[name] ??= null;
  const properties = withoutAbsent({
    directoryId: directory.DirectoryId,
    workspaceType: directory.WorkspaceType ?? "PERSONAL",
    subnetIds: [...(directory.SubnetIds ?? [])].sort(),
    tenancy: directory.Tenancy,
    workspaceDirectoryName: directory.WorkspaceDirectoryName,
    workspaceDirectoryDescription: directory.WorkspaceDirectoryDescription,
    userIdentityType: directory.UserIdentityType,
    activeDirectoryConfig: directory.ActiveDirectoryConfig && fromApiShape(directory.ActiveDirectoryConfig),
    selfservicePermissions: directory.SelfservicePermissions && fromApiShape(directory.SelfservicePermissions),
    workspaceCreationProperties: creation,
    workspaceAccessProperties: directory.WorkspaceAccessProperties && fromApiShape(directory.WorkspaceAccessProperties),
    clientProperties: client && fromApiShape(client),
    tags: withoutOwnershipTags(tags),
  });
  const outputs = withoutAbsent({
    directoryId: directory.DirectoryId,
    registrationCode: directory.RegistrationCode,
    state: directory.State,
    workspaceSecurityGroupId: directory.WorkspaceSecurityGroupId,
    iamRoleId: directory.IamRoleId,
    dnsIpAddresses: directory.DnsIpAddresses,
    alias: directory.Alias,
    directoryName: directory.DirectoryName,
    directoryType: directory.DirectoryType,
    errorMessage: directory.ErrorMessage,
  });
  return { id: directory.DirectoryId ?? "", properties, outputs, owner: ownerFromTags(tags) };
}

/** `restartWorkspace` → `RestartWorkspace`, all the way down: the families use the API's member names. */
function toApiShape(value: JsonObject): Record<string, unknown> {
  return mapKeys(value, (key) => key.charAt(0).toUpperCase() + key.slice(1)) as Record<string, unknown>;
}

function fromApiShape(value: object): JsonObject {
  return mapKeys(JSON.parse(JSON.stringify(value)) as JsonValue, (key) => key.charAt(0).toLowerCase() + key.slice(1)) as JsonObject;
}

function mapKeys(value: JsonValue, rename: (key: string) => string): JsonValue {
  if (Array.isArray(value)) return value.map((item) => mapKeys(item, rename));
  if (!isJsonObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [rename(key), mapKeys(item, rename)]));
}

function withoutAbsent(record: Record<string, unknown>): JsonObject {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as JsonObject;
}
