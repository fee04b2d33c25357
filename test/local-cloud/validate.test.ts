import { describe, expect, test } from "vitest";
import { compilePattern } from "../../src/local-cloud/models/java-pattern.js";
import { model as ds } from "../../src/local-cloud/models/ds.js";
import { model as pca } from "../../src/local-cloud/models/pca-connector-ad.js";
import { model as workspaces } from "../../src/local-cloud/models/workspaces.js";
import { validateInput } from "../../src/local-cloud/validate.js";

const connectSettings = { VpcId: "vpc-0123abcd", SubnetIds: ["subnet-0123abcd", "subnet-4567abcd"], CustomerUserName: "Admin" };
const connectInput = { Name: "corp.example.com", Password: "Secret-123", Size: "Small", ConnectSettings: connectSettings };

describe("validateInput against the real DS shapes", () => {
  test("a valid input passes, unknown members ignored as awsJson services do", () => {
    expect(validateInput(ds, "ConnectDirectory", { ...connectInput, SomethingNew: 1 })).toBeUndefined();
  });

  test("a directory id that does not match the pattern names the list element", () => {
    const problem = validateInput(ds, "DescribeDirectories", { DirectoryIds: ["d-1234567890", "d-xyz"] });
    expect(problem).toEqual({
      kind: "constraint",
      path: "directoryIds.2.member",
      message:
        "1 validation error detected: Value 'd-xyz' at 'directoryIds.2.member' failed to satisfy constraint: " +
        "Member must satisfy regular expression pattern: ^d-[0-9a-f]{10}$",
    });
  });

  test("a missing required member is reported as null, nested paths in lower camel case", () => {
    const { CustomerUserName: _omitted, ...settings } = connectSettings;
    const problem = validateInput(ds, "ConnectDirectory", { ...connectInput, ConnectSettings: settings });
    expect(problem?.path).toBe("connectSettings.customerUserName");
    expect(problem?.message).toBe(
      "1 validation error detected: Value null at 'connectSettings.customerUserName' failed to satisfy constraint: Member must not be null",
    );
  });

  test("an enum violation lists the allowed values; several violations are counted", () => {
    const problem = validateInput(ds, "ConnectDirectory", { ...connectInput, Size: "Huge", Name: "no_dots" });
    expect(problem?.message).toMatch(/^2 validation errors detected: /);
    expect(problem?.message).toContain("Value 'Huge' at 'size' failed to satisfy constraint: Member must satisfy enum value set: [Small, Large]");
    expect(problem?.message).toContain("Value 'no_dots' at 'name'");
  });

  test("numeric minimum", () => {
    const problem = validateInput(ds, "UpdateNumberOfDomainControllers", { DirectoryId: "d-1234567890", DesiredNumber: 1 });
    expect(problem?.message).toContain("Value '1' at 'desiredNumber' failed to satisfy constraint: Member must have value greater than or equal to 2");
  });

  test("tag keys are checked with the Unicode classes of the model", () => {
    const ok = { ResourceId: "d-1234567890", Tags: [{ Key: "adstack:stack", Value: "prod café" }] };
    expect(validateInput(ds, "AddTagsToResource", ok)).toBeUndefined();
    const bad = { ResourceId: "d-1234567890", Tags: [{ Key: "bad!key", Value: "" }] };
    expect(validateInput(ds, "AddTagsToResource", bad)?.path).toBe("tags.1.member.key");
  });

  test("a sensitive value is never echoed", () => {
    const longPassword = `Pw-${"x".repeat(200)}`;
    const connect = validateInput(ds, "ConnectDirectory", { ...connectInput, Password: longPassword });
    expect(connect?.message).toBe(
      "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must have length less than or equal to 128",
    );
    const weak = "weakpassword";
    const microsoft = validateInput(ds, "CreateMicrosoftAD", {
      Name: "corp.example.com",
      Password: weak,
      VpcSettings: { VpcId: "vpc-0123abcd", SubnetIds: ["subnet-0123abcd", "subnet-4567abcd"] },
    });
    expect(microsoft?.path).toBe("password");
    expect(microsoft?.message).not.toContain(weak);
    const trust = validateInput(ds, "CreateTrust", {
      DirectoryId: "d-1234567890",
      RemoteDomainName: "other.example.com",
      TrustPassword: "tab\there",
      TrustDirection: "One-Way: Outgoing",
    });
    expect(trust?.message).not.toContain("tab");
  });

  test("a value of the wrong JSON type is a serialization problem", () => {
    const problem = validateInput(ds, "DescribeDirectories", { Limit: "ten" });
    expect(problem).toMatchObject({ kind: "serialization", path: "limit" });
  });
});

describe("validateInput against WorkSpaces and PCA shapes", () => {
  test("a list longer than its maximum", () => {
    const ids = Array.from({ length: 26 }, (_, i) => `d-${String(i).padStart(10, "0")}`);
    const problem = validateInput(workspaces, "DescribeWorkspaceDirectories", { DirectoryIds: ids });
    expect(problem?.path).toBe("directoryIds");
    expect(problem?.message).toContain("Member must have length less than or equal to 25");
  });

  test("a union needs exactly one member", () => {
    const arn = "arn:aws:pca-connector-ad:us-east-1:123456789012:connector/11111111-2222-3333-4444-555555555555";
    const problem = validateInput(pca, "CreateTemplate", {
      ConnectorArn: arn,
      Name: "template",
      Definition: { TemplateV2: {}, TemplateV3: {} },
    });
    expect(problem?.message).toContain("Value at 'definition' failed to satisfy constraint: Member must have exactly one member set");
  });
});

describe("model patterns", () => {
  test("every pattern of the three models compiles with Unicode semantics", () => {
    for (const model of [ds, workspaces, pca]) {
      for (const shape of Object.values(model.shapes)) {
        if (shape.pattern) expect(compilePattern(shape.pattern).unicode, shape.pattern).toBe(true);
      }
    }
  });

  test("patterns match whole values, as the services' Java matchers do", () => {
    const alias = compilePattern("^(?!D-|d-)([\\da-zA-Z]+)([-]*[\\da-zA-Z])*");
    expect(alias.test("corp-sso")).toBe(true);
    expect(alias.test("corp_sso")).toBe(false);
    expect(alias.test("d-corp")).toBe(false);
    const printable = compilePattern("^(\\p{LD}|\\p{Punct}| )+$");
    expect(printable.test("Tr0st! me")).toBe(true);
    expect(printable.test("tab\there")).toBe(false);
    expect(compilePattern("^(http|https)\\://\\S+").test("https://example.com")).toBe(true);
  });
});
