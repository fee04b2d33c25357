/**
 * A small, valid `pca/template` definition for test stacks, as YAML lines indented to sit under
 * `definition:` at `indent`.
 */
export function templateDefinitionYaml(indent: string, { validityYears = 1 }: { validityYears?: number } = {}): string {
  return [
    "templateV2:",
    `  certificateValidity: { validityPeriod: { period: ${validityYears}, periodType: YEARS }, renewalPeriod: { period: 6, periodType: WEEKS } }`,
    "  enrollmentFlags: {}",
    "  extensions: { keyUsage: { usageFlags: { digitalSignature: true, keyEncipherment: true } } }",
    "  generalFlags: { machineType: true }",
    "  privateKeyAttributes: { keySpec: KEY_EXCHANGE, minimalKeyLength: 2048 }",
    "  privateKeyFlags: { clientVersion: WINDOWS_SERVER_2012_R2 }",
    "  subjectNameFlags: { requireDnsAsCn: true }",
  ]
    .map((line) => `${indent}${line}`)
    .join("\n");
}
