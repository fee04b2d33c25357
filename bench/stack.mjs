/**
 * Benchmark stacks: every kind, shaped like real directory stacks, which are dominated by
 * certificate templates, their access control entries and trusts. Each directory gets a PCA
 * registration, a connector and its service principal name, and a WorkSpaces registration; each
 * Managed AD gets trusts; what is left of the size goes to templates and entries, spread evenly
 * over the connectors.
 */

/** How many resources of each kind a stack of `size` holds (the counts add up to `size`). */
export function composition(size) {
  const directories = Math.max(2, Math.round(size / 50));
  const managedAds = Math.max(1, Math.round(directories * 0.7));
  const adConnectors = directories - managedAds;
  const trustsPerManagedAd = 7;
  const trusts = managedAds * trustsPerManagedAd;
  const perDirectory = directories; // one each of registration, connector, SPN, WorkSpaces registration
  const rest = size - directories - 4 * perDirectory - trusts;
  if (rest < 2) throw new Error(`a stack of ${size} resources is too small for the benchmark's shape`);
  const templates = Math.round(rest * 0.375);
  const entries = rest - templates;
  return {
    "ds/microsoft-ad": managedAds,
    "ds/ad-connector": adConnectors,
    "ds/trust": trusts,
    "pca/directory-registration": perDirectory,
    "pca/connector": perDirectory,
    "pca/service-principal-name": perDirectory,
    "workspaces/directory": perDirectory,
    "pca/template": templates,
    "pca/template-access-control-entry": entries,
  };
}

const pad = (n) => String(n).padStart(3, "0");
const CA_ARN = "arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/3f1c2a4b-5d6e-4f70-8a9b-0c1d2e3f4a5b";
const SUBNETS = "[subnet-0a1b2c3d, subnet-1a2b3c4d]";

/** The desired-state file for a stack of `size` resources, as YAML text. */
export function stackYaml(size, stack = `bench-${size}`) {
  const counts = composition(size);
  const lines = [`stack: ${stack}`, "region: us-east-1", "resources:"];
  const add = (name, type, properties) => lines.push(`  ${name}:`, `    type: ${type}`, "    properties:", ...properties.map((p) => `      ${p}`));
  const directories = [];
  for (let i = 0; i < counts["ds/microsoft-ad"]; i++) {
    const name = `mad-${pad(i)}`;
    directories.push(name);
    add(name, "ds/microsoft-ad", [
      `name: mad${i}.corp.example.com`,
      "edition: Standard",
      "password: { env: BENCH_ADMIN_PASSWORD }",
      `vpcSettings: { vpcId: vpc-0a1b2c3d, subnetIds: ${SUBNETS} }`,
      "tags: { team: identity }",
    ]);
    for (let t = 0; t < counts["ds/trust"] / counts["ds/microsoft-ad"]; t++) {
      add(`${name}-trust-${t}`, "ds/trust", [
        `directoryId: \${${name}.directoryId}`,
        `remoteDomainName: partner${t}.mad${i}.example.org`,
        "trustDirection: Two-Way",
        "trustPassword: { env: BENCH_TRUST_PASSWORD }",
        `conditionalForwarderIpAddrs: [10.${i % 250}.${t}.10]`,
      ]);
    }
  }
  for (let i = 0; i < counts["ds/ad-connector"]; i++) {
    const name = `adc-${pad(i)}`;
    directories.push(name);
    add(name, "ds/ad-connector", [
      `name: site${i}.corp.example.com`,
      "size: Small",
      "password: { env: BENCH_CONNECTOR_PASSWORD }",
      `alias: bench-site-${i}-${stack}`,
      "sso: { enabled: true }",
      `connectSettings: { vpcId: vpc-0a1b2c3d, subnetIds: ${SUBNETS}, customerDnsIps: [10.0.0.10, 10.0.1.10], customerUserName: svc-adc }`,
    ]);
  }
  const connectors = [];
  for (const directory of directories) {
    add(`${directory}-registration`, "pca/directory-registration", [`directoryId: \${${directory}.directoryId}`, "tags: { team: pki }"]);
    add(`${directory}-connector`, "pca/connector", [
      `certificateAuthorityArn: ${CA_ARN}`,
      `directoryId: \${${directory}.directoryId}`,
      "vpcInformation: { securityGroupIds: [sg-0123456789abcdef0] }",
      "tags: { team: pki }",
    ]);
    add(`${directory}-spn`, "pca/service-principal-name", [
      `directoryRegistrationArn: \${${directory}-registration.arn}`,
      `connectorArn: \${${directory}-connector.arn}`,
    ]);
    add(`${directory}-desktops`, "workspaces/directory", [`directoryId: \${${directory}.directoryId}`, `subnetIds: ${SUBNETS}`]);
    connectors.push(`${directory}-connector`);
  }
  const templates = [];
  for (let i = 0; i < counts["pca/template"]; i++) {
    const name = `template-${pad(i)}`;
    templates.push(name);
    add(name, "pca/template", [`connectorArn: \${${connectors[i % connectors.length]}.arn}`, `name: Computer${i}`, ...templateDefinition(i)]);
  }
  for (let i = 0; i < counts["pca/template-access-control-entry"]; i++) {
    const template = templates[i % templates.length];
    add(`${template}-ace-${Math.floor(i / templates.length)}`, "pca/template-access-control-entry", [
      `templateArn: \${${template}.arn}`,
      `groupSecurityIdentifier: S-1-5-21-1004336348-1177238915-682003330-${1000 + i}`,
      `groupDisplayName: Group ${i}`,
      "accessRights: { enroll: ALLOW, autoEnroll: ALLOW }",
    ]);
  }
  return `${lines.join("\n")}\n`;
}

function templateDefinition(i) {
  return [
    "definition:",
    "  templateV2:",
    `    certificateValidity: { validityPeriod: { period: ${1 + (i % 3)}, periodType: YEARS }, renewalPeriod: { period: 6, periodType: WEEKS } }`,
    "    enrollmentFlags: { includeSymmetricAlgorithms: true }",
    "    extensions:",
    "      keyUsage: { critical: true, usageFlags: { digitalSignature: true, keyEncipherment: true } }",
    "      applicationPolicies: { policies: [{ policyType: CLIENT_AUTHENTICATION }] }",
    "    generalFlags: { autoEnrollment: true, machineType: true }",
    "    privateKeyAttributes: { keySpec: KEY_EXCHANGE, minimalKeyLength: 2048, cryptoProviders: [Microsoft RSA SChannel Cryptographic Provider] }",
    "    privateKeyFlags: { clientVersion: WINDOWS_SERVER_2012_R2 }",
    "    subjectNameFlags: { requireDnsAsCn: true, sanRequireDns: true }",
  ];
}

/** Secrets the stacks take from the environment. */
export const benchSecrets = {
  BENCH_ADMIN_PASSWORD: "Bench-Admin-Pass-1!",
  BENCH_CONNECTOR_PASSWORD: "Bench-Connector-Pass-1!",
  BENCH_TRUST_PASSWORD: "Bench-Trust-Pass-1!",
};
