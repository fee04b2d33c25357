/**
 * A small, valid `pca/template` definition for test stacks, as YAML lines indented to sit under
 * `definition:` at `indent`.
 */
export function templateDefinitionYaml(
  indent: string,
  { validityYears = 1, autoEnrollment = false }: { validityYears?: number; autoEnrollment?: boolean } = {},
): string {
  return [
    "templateV2:",
    `  certificateValidity: { validityPeriod: { period: ${validityYears}, periodType: YEARS }, renewalPeriod: { period: 6, periodType: WEEKS } }`,
    "  enrollmentFlags: {}",
    "  extensions: { keyUsage: { usageFlags: { digitalSignature: true, keyEncipherment: true } } }",
    autoEnrollment ? "  generalFlags: { autoEnrollment: true, machineType: true }" : "  generalFlags: { machineType: true }",
    "  privateKeyAttributes: { keySpec: KEY_EXCHANGE, minimalKeyLength: 2048 }",
    "  privateKeyFlags: { clientVersion: WINDOWS_SERVER_2012_R2 }",
    "  subjectNameFlags: { requireDnsAsCn: true }",
  ]
    .map((line) => `${indent}${line}`)
    .join("\n");
}

/** A `pca/template-access-control-entry` for Domain Computers on the stack's resource `template`, as YAML under `resources:`. */
export function accessControlEntryYaml(name: string, template: string, { autoEnroll = "ALLOW" }: { autoEnroll?: string } = {}): string {
  return `
  ${name}:
    type: pca/template-access-control-entry
    properties:
      templateArn: \${${template}.arn}
      groupSecurityIdentifier: S-1-5-21-1004336348-1177238915-682003330-515
      groupDisplayName: Domain Computers
      accessRights: { enroll: ALLOW, autoEnroll: ${autoEnroll} }
`;
}
