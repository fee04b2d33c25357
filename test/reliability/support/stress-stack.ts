/**
 * The stress stack: every kind adstack has, several times over, wired by references the way a
 * real identity plane is. `cells` AD Connectors each carry a WorkSpaces registration and the whole
 * PCA Connector for AD chain; `forests` Managed Microsoft AD directories each trust one connector's
 * domain. With the defaults that is 4 × 7 + 2 × 2 = 32 resources.
 */
export interface StressShape {
  cells: number;
  forests: number;
}

export const defaultStressShape: StressShape = { cells: 4, forests: 2 };

const CA_ARN = "arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/3f1c2a4b-5d6e-4f70-8a9b-0c1d2e3f4a5b";
const SUBNETS = "[subnet-0a1b2c3d, subnet-1a2b3c4d]";

export function stressResourceCount(shape: StressShape = defaultStressShape): number {
  return shape.cells * 7 + shape.forests * 2;
}

/** The desired-state file for `stack`; secrets come from CORP_CONNECTOR_PASSWORD, AWS_AD_ADMIN_PASSWORD and TRUST_PASSWORD. */
export function stressStackYaml(stack: string, shape: StressShape = defaultStressShape): string {
  const lines = [`stack: ${stack}`, "region: us-east-1", "resources:"];
  for (let i = 1; i <= shape.cells; i++) lines.push(...cell(stack, i));
  for (let i = 1; i <= shape.forests; i++) lines.push(...forest(i, shape.cells));
  return `${lines.join("\n")}\n`;
}

function cell(stack: string, i: number): string[] {
  const withSso = i % 2 === 1;
  return [
    `  conn-${i}:`,
    "    type: ds/ad-connector",
    "    properties:",
    `      name: corp${i}.example.com`,
    "      size: Small",
    "      password: { env: CORP_CONNECTOR_PASSWORD }",
    // Aliases are unique per region and never reused, so they carry the stack's name.
    `      alias: ${stack}-c${i}`,
    ...(withSso ? ["      sso: { enabled: true }"] : []),
    "      connectSettings:",
    "        vpcId: vpc-0a1b2c3d",
    `        subnetIds: ${SUBNETS}`,
    `        customerDnsIps: [10.0.${i}.10, 10.0.${i}.11]`,
    "        customerUserName: svc-adconnector",
    `      tags: { team: identity, cell: "${i}" }`,
    `  desktops-${i}:`,
    "    type: workspaces/directory",
    "    properties:",
    `      directoryId: \${conn-${i}.directoryId}`,
    `      subnetIds: ${SUBNETS}`,
    "      selfservicePermissions: { restartWorkspace: ENABLED, rebuildWorkspace: DISABLED }",
    "      workspaceAccessProperties: { deviceTypeWindows: ALLOW, deviceTypeWeb: DENY }",
    "      clientProperties: { reconnectEnabled: ENABLED }",
    `      tags: { cell: "${i}" }`,
    `  registration-${i}:`,
    "    type: pca/directory-registration",
    "    properties:",
    `      directoryId: \${conn-${i}.directoryId}`,
    `      tags: { cell: "${i}" }`,
    `  pki-${i}:`,
    "    type: pca/connector",
    "    properties:",
    `      certificateAuthorityArn: ${CA_ARN}`,
    `      directoryId: \${conn-${i}.directoryId}`,
    "      vpcInformation: { securityGroupIds: [sg-0123456789abcdef0], ipAddressType: IPV4 }",
    `      tags: { cell: "${i}" }`,
    `  spn-${i}:`,
    "    type: pca/service-principal-name",
    "    properties:",
    `      directoryRegistrationArn: \${registration-${i}.arn}`,
    `      connectorArn: \${pki-${i}.arn}`,
    `  template-${i}:`,
    "    type: pca/template",
    "    properties:",
    `      connectorArn: \${pki-${i}.arn}`,
    `      name: Computer${i}`,
    "      definition:",
    "        templateV2:",
    "          certificateValidity:",
    "            validityPeriod: { period: 1, periodType: YEARS }",
    "            renewalPeriod: { period: 6, periodType: WEEKS }",
    "          enrollmentFlags: { includeSymmetricAlgorithms: true }",
    "          extensions:",
    "            keyUsage: { critical: true, usageFlags: { digitalSignature: true, keyEncipherment: true } }",
    "            applicationPolicies: { policies: [{ policyType: CLIENT_AUTHENTICATION }] }",
    "          generalFlags: { autoEnrollment: true, machineType: true }",
    "          privateKeyAttributes:",
    "            keySpec: KEY_EXCHANGE",
    "            minimalKeyLength: 2048",
    "            cryptoProviders: [Microsoft RSA SChannel Cryptographic Provider]",
    "          privateKeyFlags: { clientVersion: WINDOWS_SERVER_2012_R2 }",
    "          subjectNameFlags: { requireDnsAsCn: true, sanRequireDns: true }",
    `      tags: { cell: "${i}" }`,
    `  autoenroll-${i}:`,
    "    type: pca/template-access-control-entry",
    "    properties:",
    `      templateArn: \${template-${i}.arn}`,
    `      groupSecurityIdentifier: S-1-5-21-1004336348-1177238915-682003330-${514 + i}`,
    "      groupDisplayName: Domain Computers",
    "      accessRights: { enroll: ALLOW, autoEnroll: ALLOW }",
  ];
}

function forest(i: number, cells: number): string[] {
  const remote = ((i - 1) % Math.max(cells, 1)) + 1;
  return [
    `  forest-${i}:`,
    "    type: ds/microsoft-ad",
    "    properties:",
    `      name: aws${i}.corp.example.com`,
    "      edition: Standard",
    "      password: { env: AWS_AD_ADMIN_PASSWORD }",
    "      vpcSettings: { vpcId: vpc-0a1b2c3d, subnetIds: " + SUBNETS + " }",
    `      tags: { forest: "${i}" }`,
    `  trust-${i}:`,
    "    type: ds/trust",
    "    properties:",
    `      directoryId: \${forest-${i}.directoryId}`,
    `      remoteDomainName: corp${remote}.example.com`,
    "      trustDirection: Two-Way",
    "      trustPassword: { env: TRUST_PASSWORD }",
    `      conditionalForwarderIpAddrs: [10.0.${remote}.10]`,
  ];
}
