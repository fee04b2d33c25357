/**
 * The IAM actions each kind needs, declared once per kind type: what its reads send (`read`),
 * what creating and updating send (`write`) and what deleting sends (`delete`), including the
 * actions the services perform with the caller's permissions behind the scenes (a directory's
 * network interfaces and security groups, a connector's VPC endpoint, the application a PCA
 * registration authorises on its directory). Sources: the calls in each kind's files, the
 * CloudFormation handler permissions of the matching resource types, and
 * /work/shared/design/resources.md.
 */

/** The actions one kind needs, by what adstack is doing with it. */
export interface KindPermissions {
  read: readonly string[];
  write: readonly string[];
  delete: readonly string[];
}

/** What a directory's creation does in the caller's VPC (CloudFormation's DirectoryService handlers). */
const DIRECTORY_NETWORK_CREATE = [
  "ec2:AuthorizeSecurityGroupEgress",
  "ec2:AuthorizeSecurityGroupIngress",
  "ec2:CreateNetworkInterface",
  "ec2:CreateSecurityGroup",
  "ec2:CreateTags",
  "ec2:DescribeNetworkInterfaces",
  "ec2:DescribeSubnets",
  "ec2:DescribeVpcs",
  "ec2:RevokeSecurityGroupEgress",
  "ec2:RevokeSecurityGroupIngress",
];

const DIRECTORY_NETWORK_DELETE = [
  "ec2:DeleteNetworkInterface",
  "ec2:DeleteSecurityGroup",
  "ec2:DeleteTags",
  "ec2:DescribeNetworkInterfaces",
  "ec2:RevokeSecurityGroupEgress",
  "ec2:RevokeSecurityGroupIngress",
];

const DIRECTORY_READ = ["ds:DescribeDirectories", "ds:ListTagsForResource"];
const DIRECTORY_WRITE = ["ds:AddTagsToResource", "ds:RemoveTagsFromResource", "ds:CreateAlias", "ds:EnableSso", "ds:DisableSso", "ds:UpdateDirectorySetup"];

const PCA_TAGS = ["pca-connector-ad:TagResource", "pca-connector-ad:UntagResource"];

/** Every kind's actions, keyed by kind type; a test checks every registered kind is here. */
export const kindPermissions: Readonly<Record<string, KindPermissions>> = {
  "ds/ad-connector": {
    read: DIRECTORY_READ,
    write: ["ds:ConnectDirectory", ...DIRECTORY_WRITE, ...DIRECTORY_NETWORK_CREATE],
    delete: ["ds:DeleteDirectory", ...DIRECTORY_NETWORK_DELETE],
  },
  "ds/microsoft-ad": {
    read: [...DIRECTORY_READ, "ds:DescribeDomainControllers"],
    write: ["ds:CreateMicrosoftAD", "ds:UpdateNumberOfDomainControllers", ...DIRECTORY_WRITE, ...DIRECTORY_NETWORK_CREATE],
    delete: ["ds:DeleteDirectory", ...DIRECTORY_NETWORK_DELETE],
  },
  "ds/trust": {
    // Trusts are found under the directories the stack owns.
    read: [...DIRECTORY_READ, "ds:DescribeTrusts", "ds:DescribeConditionalForwarders"],
    write: ["ds:CreateTrust", "ds:UpdateTrust", "ds:CreateConditionalForwarder", "ds:UpdateConditionalForwarder"],
    delete: ["ds:DeleteTrust"],
  },
  "pca/connector": {
    read: ["pca-connector-ad:ListConnectors", "pca-connector-ad:ListTagsForResource"],
    // The service checks the CA and directory and creates a VPC endpoint as the caller.
    write: [
      "pca-connector-ad:CreateConnector",
      ...PCA_TAGS,
      "acm-pca:DescribeCertificateAuthority",
      "acm-pca:GetCertificate",
      "acm-pca:GetCertificateAuthorityCertificate",
      "acm-pca:IssueCertificate",
      "ds:DescribeDirectories",
      "ec2:CreateTags",
      "ec2:CreateVpcEndpoint",
      "ec2:DescribeVpcEndpoints",
    ],
    delete: ["pca-connector-ad:DeleteConnector", "ec2:DeleteVpcEndpoints", "ec2:DescribeVpcEndpoints"],
  },
  "pca/directory-registration": {
    read: ["pca-connector-ad:ListDirectoryRegistrations", "pca-connector-ad:ListTagsForResource"],
    // Registering authorises the connector service as an application on the directory.
    write: ["pca-connector-ad:CreateDirectoryRegistration", ...PCA_TAGS, "ds:AuthorizeApplication", "ds:DescribeDirectories"],
    delete: ["pca-connector-ad:DeleteDirectoryRegistration", "ds:DescribeDirectories", "ds:UnauthorizeApplication", "ds:UpdateAuthorizedApplication"],
  },
  "pca/service-principal-name": {
    read: ["pca-connector-ad:ListDirectoryRegistrations", "pca-connector-ad:ListServicePrincipalNames"],
    write: ["pca-connector-ad:CreateServicePrincipalName", "ds:UpdateAuthorizedApplication"],
    delete: ["pca-connector-ad:DeleteServicePrincipalName", "ds:UpdateAuthorizedApplication"],
  },
  "pca/template": {
    read: ["pca-connector-ad:ListConnectors", "pca-connector-ad:ListTemplates", "pca-connector-ad:ListTagsForResource"],
    write: ["pca-connector-ad:CreateTemplate", "pca-connector-ad:UpdateTemplate", ...PCA_TAGS],
    delete: ["pca-connector-ad:DeleteTemplate"],
  },
  "pca/template-access-control-entry": {
    read: ["pca-connector-ad:ListConnectors", "pca-connector-ad:ListTemplates", "pca-connector-ad:ListTemplateGroupAccessControlEntries"],
    write: ["pca-connector-ad:CreateTemplateGroupAccessControlEntry", "pca-connector-ad:UpdateTemplateGroupAccessControlEntry"],
    delete: ["pca-connector-ad:DeleteTemplateGroupAccessControlEntry"],
  },
  "workspaces/directory": {
    read: ["workspaces:DescribeWorkspaceDirectories", "workspaces:DescribeTags", "workspaces:DescribeClientProperties"],
    // Registering authorises WorkSpaces on the directory and builds its network as the caller.
    write: [
      "workspaces:RegisterWorkspaceDirectory",
      "workspaces:CreateTags",
      "workspaces:DeleteTags",
      "workspaces:ModifyClientProperties",
      "workspaces:ModifySelfservicePermissions",
      "workspaces:ModifyWorkspaceAccessProperties",
      "workspaces:ModifyWorkspaceCreationProperties",
      "ds:AuthorizeApplication",
      "ds:DescribeDirectories",
      "ec2:AuthorizeSecurityGroupEgress",
      "ec2:AuthorizeSecurityGroupIngress",
      "ec2:CreateNetworkInterface",
      "ec2:CreateSecurityGroup",
      "ec2:CreateTags",
      "ec2:DescribeAvailabilityZones",
      "ec2:DescribeNetworkInterfaces",
      "ec2:DescribeSecurityGroups",
      "ec2:DescribeSubnets",
      "ec2:DescribeVpcs",
    ],
    delete: [
      "workspaces:DeregisterWorkspaceDirectory",
      "ds:DescribeDirectories",
      "ds:UnauthorizeApplication",
      "ec2:DeleteNetworkInterface",
      "ec2:DeleteSecurityGroup",
      "ec2:DescribeNetworkInterfaces",
      "ec2:RevokeSecurityGroupEgress",
      "ec2:RevokeSecurityGroupIngress",
    ],
  },
};
