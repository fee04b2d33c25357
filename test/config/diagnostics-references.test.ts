import { describe, expect, it } from "vitest";
import { diagnosticLines, HEADER, yaml } from "./support.js";

const VPC = "vpcSettings: { vpcId: vpc-0a1b2c3d, subnetIds: [subnet-0a1b2c3d, subnet-1a2b3c4d] }";
const AD_PROPERTIES = `    properties: { name: aws.corp.example.com, password: { env: AWS_AD_ADMIN_PASSWORD }, ${VPC} }`;

/** A trust (one line of properties) whose directoryId is given. */
function trustTo(directoryId: string): string {
  return `    properties: { directoryId: '${directoryId}', remoteDomainName: corp.example.com, trustPassword: { env: TRUST_PASSWORD } }`;
}

describe("loading a desired-state file: references and dependencies", () => {
  it.each<[string, string[], string[]]>([
    [
      "a reference to a resource that does not exist, with the closest name",
      ["  aws-ad:", "    type: ds/microsoft-ad", AD_PROPERTIES, "  trust:", "    type: ds/trust", trustTo("${aws-adx.directoryId}")],
      ['stack.yaml:9:33: ${aws-adx.directoryId}: no resource named "aws-adx"; did you mean "aws-ad"?'],
    ],
    [
      "a reference to a resource that does not exist, listing the names",
      ["  aws-ad:", "    type: ds/microsoft-ad", AD_PROPERTIES, "  trust:", "    type: ds/trust", trustTo("${directory.directoryId}")],
      ['stack.yaml:9:33: ${directory.directoryId}: no resource named "directory"; resources in this file: aws-ad, trust'],
    ],
    [
      "an attribute the kind does not output",
      ["  aws-ad:", "    type: ds/microsoft-ad", AD_PROPERTIES, "  trust:", "    type: ds/trust", trustTo("${aws-ad.directoryID}")],
      ['stack.yaml:9:33: ${aws-ad.directoryID}: ds/microsoft-ad has no output "directoryID"; did you mean "directoryId"? (its outputs: directoryId, arn, dnsIpAddrs)'],
    ],
    [
      "a reference to the resource itself",
      ["  trust:", "    type: ds/trust", trustTo("${trust.trustId}")],
      ["stack.yaml:6:33: ${trust.trustId}: a resource cannot refer to its own outputs"],
    ],
    [
      "a reference to a resource that is being deleted",
      ["  aws-ad:", "    type: ds/microsoft-ad", "    ensure: absent", AD_PROPERTIES, "  trust:", "    type: ds/trust", trustTo("${aws-ad.directoryId}")],
      ['stack.yaml:10:33: ${aws-ad.directoryId}: "aws-ad" is marked ensure: absent, so it has no outputs to refer to'],
    ],
    [
      "several references in one string, each at its own column",
      [
        "  aws-ad:",
        "    type: ds/microsoft-ad",
        AD_PROPERTIES,
        "  trust:",
        "    type: ds/trust",
        "    properties:",
        "      directoryId: ${aws-ad.directoryId}",
        "      remoteDomainName: corp.example.com",
        "      trustPassword: { env: TRUST_PASSWORD }",
        "      conditionalForwarderIpAddrs: ['${aws-ad.dnsIpAddrs}', 'ip-${aws-ad.nope}-${other.x}', '$${aws-ad.literal}']",
      ],
      [
        'stack.yaml:13:65: ${aws-ad.nope}: ds/microsoft-ad has no output "nope" (its outputs: directoryId, arn, dnsIpAddrs)',
        'stack.yaml:13:80: ${other.x}: no resource named "other"; resources in this file: aws-ad, trust',
      ],
    ],
    [
      "a malformed reference, which is then checked as plain text",
      ["  trust:", "    type: ds/trust", trustTo("${aws-ad}")],
      [
        "stack.yaml:6:32: directoryId: must match pattern ^d-[0-9a-f]{10}$",
        'stack.yaml:6:33: malformed reference "${aws-ad}": write ${name.attribute}, or $${ for a literal ${',
      ],
    ],
    [
      "dependsOn naming a missing resource or the resource itself",
      ["  aws-ad:", "    type: ds/microsoft-ad", "    dependsOn: [aws-ad, aws_ad, ghost]", AD_PROPERTIES],
      [
        'stack.yaml:6:17: dependsOn: "aws-ad" is this resource itself',
        'stack.yaml:6:25: dependsOn: no resource named "aws_ad"; did you mean "aws-ad"?',
        'stack.yaml:6:33: dependsOn: no resource named "ghost"; resources in this file: aws-ad',
      ],
    ],
    [
      "cycles through references and dependsOn, spelled out at their first edge",
      [
        "  a:",
        "    type: ds/trust",
        "    dependsOn: [c]",
        trustTo("${b.directoryId}"),
        "  b:",
        "    type: ds/microsoft-ad",
        "    dependsOn: [a]",
        AD_PROPERTIES,
        "  c:",
        "    type: ds/microsoft-ad",
        "    dependsOn: [d]",
        AD_PROPERTIES,
        "  d:",
        "    type: ds/microsoft-ad",
        "    dependsOn: [e]",
        AD_PROPERTIES,
        "  e:",
        "    type: ds/microsoft-ad",
        "    dependsOn: [c]",
        AD_PROPERTIES,
      ],
      [
        "stack.yaml:7:33: dependency cycle: a → b → a; break it by removing a reference or dependsOn entry",
        "stack.yaml:14:17: dependency cycle: c → d → e → c; break it by removing a reference or dependsOn entry",
      ],
    ],
    [
      "ignoreChanges paths the kind does not have",
      ["  aws-ad:", "    type: ds/microsoft-ad", "    ignoreChanges: [tags, tags.team, vpcSettings.subnetIds.0, vpcSettings.vpcid, bogus]", AD_PROPERTIES],
      [
        'stack.yaml:6:63: ignoreChanges: "vpcSettings.vpcid" is not a property path of ds/microsoft-ad; did you mean "vpcSettings.vpcId"?',
        'stack.yaml:6:82: ignoreChanges: "bogus" is not a property path of ds/microsoft-ad',
      ],
    ],
  ])("reports %s", (_name, resources, expected) => {
    expect(diagnosticLines(yaml(...HEADER, ...resources))).toEqual(expected);
  });

  it("skips the pattern check of a string that holds a reference, but not of a literal $${", () => {
    const file = (directoryId: string): string => yaml(...HEADER, "  aws-ad:", "    type: ds/microsoft-ad", AD_PROPERTIES, "  trust:", "    type: ds/trust", trustTo(directoryId));
    expect(diagnosticLines(file("${aws-ad.directoryId}"))).toEqual([]);
    expect(diagnosticLines(file("$${aws-ad.directoryId}"))).toEqual(["stack.yaml:9:32: directoryId: must match pattern ^d-[0-9a-f]{10}$"]);
  });
});
