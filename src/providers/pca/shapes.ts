/**
 * Input and output shapes of the PCA Connector for AD operations adstack uses, spelled as the
 * official `@aws-sdk/client-pca-connector-ad` spells them (PascalCase members, `Date` timestamps),
 * so the official client can replace ours without touching the kinds.
 */

export interface ResponseMetadata {
  httpStatusCode?: number;
  requestId?: string;
}

export interface MetadataBearer {
  $metadata: ResponseMetadata;
}

export type Tags = Record<string, string>;
export type ResourceStatus = "CREATING" | "ACTIVE" | "DELETING" | "FAILED";

export interface VpcInformation {
  IpAddressType?: "IPV4" | "DUALSTACK";
  SecurityGroupIds: string[];
}

export interface ConnectorSummary {
  Arn?: string;
  CertificateAuthorityArn?: string;
  CertificateEnrollmentPolicyServerEndpoint?: string;
  CreatedAt?: Date;
  DirectoryId?: string;
  Status?: ResourceStatus;
  StatusReason?: string;
  UpdatedAt?: Date;
  VpcInformation?: VpcInformation;
}

export interface DirectoryRegistrationSummary {
  Arn?: string;
  CreatedAt?: Date;
  DirectoryId?: string;
  Status?: ResourceStatus;
  StatusReason?: string;
  UpdatedAt?: Date;
}

export interface ServicePrincipalNameSummary {
  ConnectorArn?: string;
  CreatedAt?: Date;
  DirectoryRegistrationArn?: string;
  Status?: ResourceStatus;
  StatusReason?: string;
  UpdatedAt?: Date;
}

export type AccessRight = "ALLOW" | "DENY";

export interface AccessRights {
  AutoEnroll?: AccessRight;
  Enroll?: AccessRight;
}

export interface AccessControlEntrySummary {
  AccessRights?: AccessRights;
  CreatedAt?: Date;
  GroupDisplayName?: string;
  GroupSecurityIdentifier?: string;
  TemplateArn?: string;
  UpdatedAt?: Date;
}

/**
 * The `TemplateDefinition` union (TemplateV2 | TemplateV3 | TemplateV4). Its members are passed
 * through as plain JSON: the kind's JSON Schema carries the full structure and constraints.
 */
export type TemplateDefinition =
  | { TemplateV2: Record<string, unknown> }
  | { TemplateV3: Record<string, unknown> }
  | { TemplateV4: Record<string, unknown> };

export interface TemplateRevision {
  MajorRevision: number;
  MinorRevision: number;
}

export interface TemplateSummary {
  Arn?: string;
  ConnectorArn?: string;
  CreatedAt?: Date;
  Definition?: TemplateDefinition;
  Name?: string;
  ObjectIdentifier?: string;
  PolicySchema?: number;
  Revision?: TemplateRevision;
  Status?: "ACTIVE" | "DELETING";
  UpdatedAt?: Date;
}

export interface PageInput {
  MaxResults?: number;
  NextToken?: string;
}

export interface PageOutput {
  NextToken?: string;
}

export interface CreateConnectorInput {
  CertificateAuthorityArn: string;
  ClientToken?: string;
  DirectoryId: string;
  Tags?: Tags;
  VpcInformation: VpcInformation;
}
export interface CreateConnectorOutput extends MetadataBearer {
  ConnectorArn?: string;
}
export interface ConnectorArnInput {
  ConnectorArn: string;
}
export interface GetConnectorOutput extends MetadataBearer {
  Connector?: ConnectorSummary;
}
export interface ListConnectorsOutput extends MetadataBearer, PageOutput {
  Connectors?: ConnectorSummary[];
}

export interface CreateDirectoryRegistrationInput {
  ClientToken?: string;
  DirectoryId: string;
  Tags?: Tags;
}
export interface CreateDirectoryRegistrationOutput extends MetadataBearer {
  DirectoryRegistrationArn?: string;
}
export interface DirectoryRegistrationArnInput {
  DirectoryRegistrationArn: string;
}
export interface GetDirectoryRegistrationOutput extends MetadataBearer {
  DirectoryRegistration?: DirectoryRegistrationSummary;
}
export interface ListDirectoryRegistrationsOutput extends MetadataBearer, PageOutput {
  DirectoryRegistrations?: DirectoryRegistrationSummary[];
}

export interface ServicePrincipalNameKeyInput {
  ConnectorArn: string;
  DirectoryRegistrationArn: string;
}
export interface CreateServicePrincipalNameInput extends ServicePrincipalNameKeyInput {
  ClientToken?: string;
}
export interface GetServicePrincipalNameOutput extends MetadataBearer {
  ServicePrincipalName?: ServicePrincipalNameSummary;
}
export interface ListServicePrincipalNamesInput extends PageInput {
  DirectoryRegistrationArn: string;
}
export interface ListServicePrincipalNamesOutput extends MetadataBearer, PageOutput {
  ServicePrincipalNames?: ServicePrincipalNameSummary[];
}

export interface CreateTemplateInput {
  ClientToken?: string;
  ConnectorArn: string;
  Definition: TemplateDefinition;
  Name: string;
  Tags?: Tags;
}
export interface CreateTemplateOutput extends MetadataBearer {
  TemplateArn?: string;
}
export interface TemplateArnInput {
  TemplateArn: string;
}
export interface GetTemplateOutput extends MetadataBearer {
  Template?: TemplateSummary;
}
export interface ListTemplatesInput extends PageInput {
  ConnectorArn: string;
}
export interface ListTemplatesOutput extends MetadataBearer, PageOutput {
  Templates?: TemplateSummary[];
}
export interface UpdateTemplateInput {
  Definition?: TemplateDefinition;
  ReenrollAllCertificateHolders?: boolean;
  TemplateArn: string;
}

export interface AccessControlEntryKeyInput {
  GroupSecurityIdentifier: string;
  TemplateArn: string;
}
export interface CreateTemplateGroupAccessControlEntryInput extends AccessControlEntryKeyInput {
  AccessRights: AccessRights;
  ClientToken?: string;
  GroupDisplayName: string;
}
export interface GetTemplateGroupAccessControlEntryOutput extends MetadataBearer {
  AccessControlEntry?: AccessControlEntrySummary;
}
export interface ListTemplateGroupAccessControlEntriesInput extends PageInput {
  TemplateArn: string;
}
export interface ListTemplateGroupAccessControlEntriesOutput extends MetadataBearer, PageOutput {
  AccessControlEntries?: AccessControlEntrySummary[];
}
export interface UpdateTemplateGroupAccessControlEntryInput extends AccessControlEntryKeyInput {
  AccessRights?: AccessRights;
  GroupDisplayName?: string;
}

export interface ResourceArnInput {
  ResourceArn: string;
}
export interface ListTagsForResourceOutput extends MetadataBearer {
  Tags?: Tags;
}
export interface TagResourceInput extends ResourceArnInput {
  Tags: Tags;
}
export interface UntagResourceInput extends ResourceArnInput {
  TagKeys: string[];
}

/** Operations that answer with no members (202/204 and empty 200 responses). */
export type EmptyOutput = MetadataBearer;
