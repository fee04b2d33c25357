import { model } from "../models/workspaces.js";
import type { AwsJsonCall } from "../protocols/aws-json.js";
import { LocalServiceError, type ServiceContext } from "../types.js";
import { describeDirectory } from "./ds-describe.js";
import { directoryStage } from "./ds-lifecycle.js";
import { loadDsState, type DirectoryRecord } from "./ds-state.js";
import { checkTags, pageOfWorkspaces } from "./workspaces-pages.js";
import {
  derived,
  liveRegistration,
  loadWorkspacesState,
  newPoolsDirectoryId,
  notFound,
  registrationState,
  type Members,
  type RegistrationRecord,
  type WorkspacesState,
  type WsTag,
} from "./workspaces-state.js";

interface RegisterInput {
  DirectoryId?: string;
  SubnetIds?: string[];
  EnableSelfService?: boolean;
  Tenancy?: string;
  Tags?: WsTag[];
  WorkspaceDirectoryName?: string;
  WorkspaceDirectoryDescription?: string;
  UserIdentityType?: string;
  WorkspaceType?: "PERSONAL" | "POOLS";
  ActiveDirectoryConfig?: Members;
}

interface DescribeInput {
  DirectoryIds?: string[];
  WorkspaceDirectoryNames?: string[];
  Limit?: number;
  NextToken?: string;
  Filters?: { Name: string; Values: string[] }[];
}

const registerMembers = new Set(Object.keys(model.shapes.RegisterWorkspaceDirectoryRequest.members ?? {}));

/** What a registration starts with before any Modify* call (the console's defaults). */
function defaultFamilies(isPersonal: boolean, enableSelfService: boolean) {
  // (inference) EnableSelfService at registration turns on every self-service permission.
  const selfService = enableSelfService ? "ENABLED" : "DISABLED";
  return {
    selfservicePermissions: isPersonal
      ? {
          RestartWorkspace: "ENABLED",
          IncreaseVolumeSize: selfService,
          ChangeComputeType: selfService,
          SwitchRunningMode: selfService,
          RebuildWorkspace: selfService,
        }
      : {},
    workspaceCreationProperties: isPersonal
      ? { EnableInternetAccess: false, UserEnabledAsLocalAdministrator: true, EnableMaintenanceMode: true }
      : { EnableInternetAccess: false },
    workspaceAccessProperties: {
      DeviceTypeWindows: "ALLOW",
      DeviceTypeOsx: "ALLOW",
      DeviceTypeWeb: "DENY",
      DeviceTypeIos: "ALLOW",
      DeviceTypeAndroid: "ALLOW",
      DeviceTypeChromeOs: "ALLOW",
      DeviceTypeZeroClient: "ALLOW",
      DeviceTypeLinux: "DENY",
      DeviceTypeWorkSpacesThinClient: "DENY",
    },
    clientProperties: { ReconnectEnabled: "ENABLED", LogUploadEnabled: "ENABLED" },
  };
}

/** `SL<airport code>+<6 characters>`, as the WorkSpaces clients expect it; stable per directory. */
function registrationCode(ctx: ServiceContext, id: string): string {
  const airports: Record<string, string> = { "us-east-1": "iad", "us-west-2": "pdx", "eu-west-1": "dub", "eu-central-1": "fra" };
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const suffix = [...derived(id, "registration-code").subarray(0, 6)].map((b) => alphabet[b % alphabet.length]).join("");
  return `SL${airports[ctx.region] ?? ctx.region.replace(/[^a-z]/g, "").slice(0, 3)}+${suffix}`;
}

/** The DS directory a PERSONAL registration needs: present, and Active right now. */
function activeDirectory(ctx: ServiceContext, directoryId: string): DirectoryRecord {
  const directory = loadDsState(ctx).directories[directoryId];
  if (!directory) throw notFound(directoryId);
  if (directoryStage(directory, ctx.now()).state !== "Active") {
    throw new LocalServiceError(
      "InvalidResourceStateException",
      "The specified directory is not in a valid state. Confirm that the directory has a status of Active, and try again.",
    );
  }
  return directory;
}

function checkRegister(ctx: ServiceContext, state: WorkspacesState, input: RegisterInput, isPersonal: boolean): void {
  const unknown = Object.keys(input).find((name) => !registerMembers.has(name));
  if (unknown) throw new LocalServiceError("InvalidParameterValuesException", `${unknown} is not a parameter of RegisterWorkspaceDirectory.`);
  if (isPersonal && !input.DirectoryId) {
    throw new LocalServiceError("InvalidParameterValuesException", "The following arguments are required - DirectoryId");
  }
  if (!isPersonal) {
    if (input.DirectoryId) throw new LocalServiceError("InvalidParameterValuesException", "DirectoryId cannot be specified for POOLS.");
    if (!input.WorkspaceDirectoryName || !input.WorkspaceDirectoryDescription || !input.UserIdentityType) {
      throw new LocalServiceError(
        "InvalidParameterValuesException",
        "The following arguments are required - WorkspaceDirectoryName, WorkspaceDirectoryDescription, UserIdentityType",
      );
    }
  }
  const subnets = input.SubnetIds;
  if (subnets !== undefined && (subnets.length !== 2 || subnets[0] === subnets[1])) {
    throw new LocalServiceError("OperationNotSupportedException", "The subnets must be in two different Availability Zones.");
  }
  checkTags(input.Tags ?? []);
  const now = ctx.now();
  const existing = Object.values(state.registrations).filter((r) => registrationState(r, now) !== "DEREGISTERED");
  if (existing.length >= ctx.settings.limits.workspacesDirectories) {
    const limit = ctx.settings.limits.workspacesDirectories;
    throw new LocalServiceError("ResourceLimitExceededException", `You have reached the limit of ${limit} registered directories.`);
  }
  const clash = isPersonal
    ? existing.find((r) => r.directoryId === input.DirectoryId)
    : existing.find((r) => r.workspaceDirectoryName === input.WorkspaceDirectoryName);
  if (clash && registrationState(clash, now) === "DEREGISTERING") {
    throw new LocalServiceError("InvalidResourceStateException", `The directory ${clash.directoryId} is being deregistered.`);
  }
  if (clash) throw new LocalServiceError("ResourceAlreadyExistsException", `The directory ${clash.directoryId} is already registered.`);
}

/** RegisterWorkspaceDirectory: REGISTERING, then REGISTERED after the create delay. */
export function registerWorkspaceDirectory(input: RegisterInput, { ctx }: AwsJsonCall) {
  const state = loadWorkspacesState(ctx);
  const isPersonal = (input.WorkspaceType ?? "PERSONAL") === "PERSONAL";
  checkRegister(ctx, state, input, isPersonal);
  const directory = isPersonal ? activeDirectory(ctx, input.DirectoryId!) : undefined;
  const id = directory?.id ?? newPoolsDirectoryId(state);
  const now = ctx.now();
  const described = directory && describeDirectory(directory, now, ctx.region);
  const record: RegistrationRecord = {
    directoryId: id,
    workspaceType: isPersonal ? "PERSONAL" : "POOLS",
    subnetIds: [...(input.SubnetIds ?? directory?.subnetIds ?? [])],
    tenancy: input.Tenancy ?? "SHARED",
    workspaceDirectoryName: input.WorkspaceDirectoryName,
    workspaceDirectoryDescription: input.WorkspaceDirectoryDescription,
    userIdentityType: input.UserIdentityType ?? (isPersonal ? "AWS_DIRECTORY_SERVICE" : undefined),
    activeDirectoryConfig: input.ActiveDirectoryConfig,
    directory: described && {
      name: directory.name,
      alias: String(described.Alias),
      type: directory.type === "ADConnector" ? "AD_CONNECTOR" : "SIMPLE_AD",
      customerUserName: directory.customerUserName,
      dnsIpAddresses: (described.DnsIpAddrs as string[] | undefined) ?? [],
    },
    registrationCode: registrationCode(ctx, id),
    iamRoleId: `arn:aws:iam::${ctx.account}:role/workspaces_DefaultRole`,
    workspaceSecurityGroupId: `sg-${derived(id, "security-group").toString("hex").slice(0, 17)}`,
    ...defaultFamilies(isPersonal, input.EnableSelfService === true),
    tags: (input.Tags ?? []).map((tag) => ({ Key: tag.Key, Value: tag.Value ?? "" })),
    createdAt: now,
    registeredAt: now + ctx.settings.createDelayMs,
  };
  state.registrations[id] = record;
  ctx.store.save();
  return { DirectoryId: id, State: "REGISTERING" };
}

/** DeregisterWorkspaceDirectory: refused while WorkSpaces exist; DEREGISTERING, DEREGISTERED, then gone. */
export function deregisterWorkspaceDirectory(input: { DirectoryId: string }, { ctx }: AwsJsonCall) {
  const state = loadWorkspacesState(ctx);
  const now = ctx.now();
  const record = liveRegistration(state, input.DirectoryId, now);
  if (!record) throw notFound(input.DirectoryId);
  const current = registrationState(record, now);
  if (current !== "REGISTERED") {
    const reason = `The directory ${record.directoryId} is ${current} and cannot be deregistered now.`;
    throw new LocalServiceError("InvalidResourceStateException", reason);
  }
  const inUse = Object.values(state.workspaces).filter((w) => w.directoryId === record.directoryId).length;
  if (inUse > 0) {
    throw new LocalServiceError(
      "OperationNotSupportedException",
      `The directory ${record.directoryId} cannot be deregistered because it has ${inUse} WorkSpace(s). ` +
        "Remove all WorkSpaces from the directory and try again.",
      { reason: "WORKSPACES_EXIST" },
    );
  }
  record.deregisteringAt = now;
  record.deregisteredAt = now + ctx.settings.deleteDelayMs;
  record.goneAt = record.deregisteredAt + ctx.settings.deleteDelayMs;
  ctx.store.save();
  return {};
}

function matchesFilters(record: RegistrationRecord, input: DescribeInput): boolean {
  if (input.DirectoryIds && !input.DirectoryIds.includes(record.directoryId)) return false;
  if (input.WorkspaceDirectoryNames && !input.WorkspaceDirectoryNames.includes(record.workspaceDirectoryName ?? "")) return false;
  return (input.Filters ?? []).every((filter) =>
    filter.Values.includes((filter.Name === "WORKSPACE_TYPE" ? record.workspaceType : record.userIdentityType) ?? ""),
  );
}

/** DescribeWorkspaceDirectories: the matching registrations, 25 at most per page; unknown IDs are simply absent. */
export function describeWorkspaceDirectories(input: DescribeInput, { ctx }: AwsJsonCall) {
  const state = loadWorkspacesState(ctx);
  const now = ctx.now();
  const matching = Object.values(state.registrations).filter((record) => matchesFilters(record, input));
  const page = pageOfWorkspaces(matching, (record) => record.directoryId, "DescribeWorkspaceDirectories", input);
  return { Directories: page.items.map((record) => describeRegistration(record, now)), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
}

/** A `WorkspaceDirectory` as the service returns it. */
function describeRegistration(record: RegistrationRecord, now: number): Record<string, unknown> {
  const directory = record.directory;
  const description: Record<string, unknown> = {
    DirectoryId: record.directoryId,
    Alias: directory?.alias,
    DirectoryName: directory?.name,
    RegistrationCode: record.registrationCode,
    SubnetIds: record.subnetIds,
    DnsIpAddresses: directory?.dnsIpAddresses ?? [],
    CustomerUserName: directory?.customerUserName,
    IamRoleId: record.iamRoleId,
    DirectoryType: directory?.type ?? (record.userIdentityType === "AWS_IAM_IDENTITY_CENTER" ? "AWS_IAM_IDENTITY_CENTER" : "CUSTOMER_MANAGED"),
    WorkspaceSecurityGroupId: record.workspaceSecurityGroupId,
    State: registrationState(record, now),
    WorkspaceCreationProperties: record.workspaceCreationProperties,
    ipGroupIds: [],
    WorkspaceAccessProperties: record.workspaceAccessProperties,
    Tenancy: record.tenancy,
    SelfservicePermissions: record.selfservicePermissions,
    SamlProperties: { Status: "DISABLED" },
    CertificateBasedAuthProperties: { Status: "DISABLED" },
    WorkspaceType: record.workspaceType,
    WorkspaceDirectoryName: record.workspaceDirectoryName,
    WorkspaceDirectoryDescription: record.workspaceDirectoryDescription,
    UserIdentityType: record.userIdentityType,
    ActiveDirectoryConfig: record.activeDirectoryConfig,
  };
  return Object.fromEntries(Object.entries(description).filter(([, value]) => value !== undefined));
}
