import { describe, expect, it } from "vitest";
import { diagnosticLines, HEADER, yaml } from "./support.js";

const VPC = "      vpcSettings: { vpcId: vpc-0a1b2c3d, subnetIds: [subnet-0a1b2c3d, subnet-1a2b3c4d] }";

/** A managed AD (resource "ad", line 4) whose password line (line 8) is given. */
function managedAd(passwordLine: string): string[] {
  return ["  ad:", "    type: ds/microsoft-ad", "    properties:", "      name: aws.corp.example.com", passwordLine, VPC];
}

describe("loading a desired-state file: properties against the kind's schema", () => {
  it.each<[string, string[], string[]]>([
    [
      "enum, type, pattern, item count, duplicates, required and unknown properties",
      [
        "  c:",
        "    type: ds/ad-connector",
        "    properties:",
        "      name: corp.example.com",
        "      size: Medium",
        "      password: { env: CORP_CONNECTOR_PASSWORD }",
        "      alias: 12",
        "      sso: { enabled: 'yes', pasword: { env: CORP_CONNECTOR_PASSWORD } }",
        "      connectSettings:",
        "        vpcId: vpc-zz",
        "        subnetIds: [subnet-0a1b2c3d, subnet-0a1b2c3d, subnet-0a1b2c3d]",
        "        customerDnsIps: [10.0.0.1]",
        "      tagz: {}",
      ],
      [
        "stack.yaml:8:13: size: must be one of Small, Large",
        "stack.yaml:10:14: alias: must be a string",
        "stack.yaml:11:23: sso.enabled: must be true or false",
        'stack.yaml:11:30: unknown property "sso.pasword"; did you mean "sso.password"?',
        'stack.yaml:12:7: missing required property "connectSettings.customerUserName"',
        "stack.yaml:13:16: connectSettings.vpcId: must match pattern ^(vpc-[0-9a-f]{8}|vpc-[0-9a-f]{17})$",
        "stack.yaml:14:20: connectSettings.subnetIds: must have at most 2 items",
        "stack.yaml:14:20: connectSettings.subnetIds: must not repeat an item (items [1] and [2] are equal)",
        'stack.yaml:16:7: unknown property "tagz"; did you mean "tags"?',
      ],
    ],
    [
      "missing required properties at the resource when properties are omitted",
      ["  t:", "    type: ds/trust"],
      [
        'stack.yaml:4:3: missing required property "directoryId"',
        'stack.yaml:4:3: missing required property "remoteDomainName"',
        'stack.yaml:4:3: missing required property "trustPassword"',
      ],
    ],
    [
      "an unknown property with nothing close, listing the known ones",
      [...managedAd("      password: { env: AWS_AD_ADMIN_PASSWORD }"), "      color: blue"],
      ['stack.yaml:10:7: unknown property "color"; known properties here: name, edition, password, vpcSettings, desiredNumberOfDomainControllers, tags'],
    ],
    [
      "a list item against its pattern and a number against its minimum",
      [
        "  ad:",
        "    type: ds/microsoft-ad",
        "    properties:",
        "      name: aws.corp.example.com",
        "      password: { env: AWS_AD_ADMIN_PASSWORD }",
        "      desiredNumberOfDomainControllers: 1",
        "      vpcSettings: { vpcId: vpc-0a1b2c3d, subnetIds: [subnet-0a1b2c3d, subnet-XYZ] }",
      ],
      [
        "stack.yaml:9:41: desiredNumberOfDomainControllers: must be >= 2",
        "stack.yaml:10:72: vpcSettings.subnetIds[1]: must match pattern ^(subnet-[0-9a-f]{8}|subnet-[0-9a-f]{17})$",
      ],
    ],
  ])("reports %s", (_name, resources, expected) => {
    expect(diagnosticLines(yaml(...HEADER, ...resources))).toEqual(expected);
  });
});

describe("loading a desired-state file: secrets", () => {
  const HOW = 'write "password: { env: VARIABLE }" to read it from an environment variable, or "password: { file: path/to/file }" to read it from a file';
  const ONLY_WRITE_ONLY = "only write-only fields take env:/file: (the write-only fields of ds/ad-connector are password, sso.password)";

  it.each<[string, string, string[]]>([
    ["a plaintext password", "      password: hunter2-Plaintext", [`stack.yaml:8:17: password is write-only, so its value must not be written in the file: ${HOW}`]],
    ["a number as password", "      password: 12345678", [`stack.yaml:8:17: password is write-only, so its value must not be written in the file: ${HOW}`]],
    ["both env and file", "      password: { env: A, file: b }", [`stack.yaml:8:17: password must be a secret source: ${HOW}`]],
    ["an empty password", "      password:", [`stack.yaml:8:7: password must be a secret source: ${HOW}`]],
    ["an unset variable", "      password: { env: NOT_SET_ANYWHERE }", ["stack.yaml:8:17: password: environment variable NOT_SET_ANYWHERE is not set"]],
    ["an empty variable", "      password: { env: EMPTY_SECRET }", ["stack.yaml:8:17: password: environment variable EMPTY_SECRET is empty"]],
    [
      "a variable name that cannot exist",
      "      password: { env: 'admin password' }",
      ['stack.yaml:8:17: password: env: "admin password" is not an environment variable name (letters, digits and "_", not starting with a digit)'],
    ],
    ["an unreadable secret file", "      password: { file: nowhere/secret.txt }", ["stack.yaml:8:17: password: cannot read secret file nowhere/secret.txt: no such file"]],
    ["a secret too short for the schema", "      password: { env: SHORT_SECRET }", ["stack.yaml:8:17: password (from env:SHORT_SECRET): must be at least 8 characters long"]],
    ["a secret against the schema's pattern", "      password: { env: SPACED_SECRET }", ["stack.yaml:8:17: password (from env:SPACED_SECRET): must match pattern ^\\S+$"]],
  ])("reports %s without echoing it", (_name, passwordLine, expected) => {
    const env = { AWS_AD_ADMIN_PASSWORD: "unused", EMPTY_SECRET: "", SHORT_SECRET: "s3cr3t", SPACED_SECRET: "Secret with-spaces" };
    const lines = diagnosticLines(yaml(...HEADER, ...managedAd(passwordLine)), { env });
    expect(lines).toEqual(expected);
    for (const secret of ["hunter2-Plaintext", "12345678", "s3cr3t", "Secret with-spaces"]) expect(lines.join("\n")).not.toContain(secret);
  });

  it("reports a nested plaintext secret and secret sources outside write-only fields", () => {
    const file = yaml(
      ...HEADER,
      "  c:",
      "    type: ds/ad-connector",
      "    properties:",
      "      name: corp.example.com",
      "      size: Small",
      "      password: { env: CORP_CONNECTOR_PASSWORD }",
      "      sso: { enabled: true, password: 'Nested-Plaintext-1' }",
      "      alias: { env: ALIAS }",
      "      connectSettings:",
      "        vpcId: { file: vpc.txt }",
      "        subnetIds: [subnet-0a1b2c3d, subnet-1a2b3c4d]",
      "        customerDnsIps: [10.0.0.1]",
      "        customerUserName: svc-adconnector",
    );
    const lines = diagnosticLines(file);
    expect(lines).toEqual([
      `stack.yaml:10:39: sso.password is write-only, so its value must not be written in the file: ${HOW}`,
      `stack.yaml:11:14: alias: ${ONLY_WRITE_ONLY}`,
      `stack.yaml:13:16: connectSettings.vpcId: ${ONLY_WRITE_ONLY}`,
    ]);
    expect(lines.join("\n")).not.toContain("Nested-Plaintext-1");
  });

  it("never echoes a secret, whatever else is wrong with the file", () => {
    const secret = "Very-Secret-Value-42";
    const file = yaml(...HEADER, "  ad:", "    type: ds/microsoft-ad", "    properties:", `      name: '${secret}'`, `      password: '${secret}\${ad.x} \${bad'`, `      edition: '${secret}'`, VPC);
    const lines = diagnosticLines(file);
    expect(lines).toEqual([
      `stack.yaml:8:17: password is write-only, so its value must not be written in the file: ${HOW}`,
      "stack.yaml:9:16: edition: must be one of Enterprise, Standard",
    ]);
    expect(lines.join("\n")).not.toContain(secret);
  });
});
