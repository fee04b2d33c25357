import { describe, expect, it } from "vitest";
import { checkProperties } from "../../../src/config/validate-properties.js";
import type { JsonObject } from "../../../src/core/json.js";
import type { ResourceKind } from "../../../src/core/resource-kind.js";
import { allKinds } from "../../../src/providers/index.js";
import { pcaConnector } from "../../../src/providers/pca/connector.js";
import { pcaDirectoryRegistration } from "../../../src/providers/pca/directory-registration.js";
import { pcaServicePrincipalName } from "../../../src/providers/pca/service-principal-name.js";
import { pcaTemplateAccessControlEntry } from "../../../src/providers/pca/template-access-control-entry.js";
import { pcaTemplate } from "../../../src/providers/pca/template.js";
import { computerTemplateDefinition, connectorProperties } from "./pca-harness.js";

const CONNECTOR_ARN = "arn:aws:pca-connector-ad:us-east-1:123456789012:connector/11111111-2222-3333-4444-555555555555";
const TEMPLATE_ARN = `${CONNECTOR_ARN}/template/66666666-7777-8888-9999-000000000000`;
const REGISTRATION_ARN = "arn:aws:pca-connector-ad:us-east-1:123456789012:directory-registration/d-1234567890";

const problems = (kind: ResourceKind, properties: JsonObject) =>
  checkProperties(kind, properties, { baseDir: ".", env: {} }).map((p) => `${p.path}: ${p.message}`);

const entry = (enroll: string, autoEnroll: string): JsonObject => ({
  templateArn: TEMPLATE_ARN,
  groupSecurityIdentifier: "S-1-5-21-1-2-3-515",
  groupDisplayName: "Domain Computers",
  accessRights: { enroll, autoEnroll },
});

describe("PCA kind schemas, as the config loader checks them", () => {
  it("are registered and accept realistic properties", () => {
    for (const type of ["pca/connector", "pca/directory-registration", "pca/service-principal-name", "pca/template", "pca/template-access-control-entry"]) {
      expect(allKinds.map((kind) => kind.type)).toContain(type);
    }
    expect(problems(pcaConnector, connectorProperties())).toEqual([]);
    expect(problems(pcaDirectoryRegistration, { directoryId: "d-1234567890", tags: { stage: "prod" } })).toEqual([]);
    expect(problems(pcaServicePrincipalName, { directoryRegistrationArn: REGISTRATION_ARN, connectorArn: CONNECTOR_ARN })).toEqual([]);
    expect(problems(pcaTemplate, { connectorArn: CONNECTOR_ARN, name: "Computer", definition: computerTemplateDefinition(), reenrollAllCertificateHolders: true })).toEqual([]);
    expect(problems(pcaTemplateAccessControlEntry, entry("ALLOW", "ALLOW"))).toEqual([]);
    expect(problems(pcaTemplateAccessControlEntry, entry("ALLOW", "DENY"))).toEqual([]);
  });

  it("refuse autoenrollment without enrollment before any call", () => {
    expect(problems(pcaTemplateAccessControlEntry, entry("DENY", "ALLOW"))).toEqual(["accessRights.enroll: accessRights.enroll: must be ALLOW"]);
  });

  it("take exactly one template version, with its own required members", () => {
    const definition = computerTemplateDefinition();
    const both = { ...definition, templateV4: definition.templateV2 };
    expect(problems(pcaTemplate, { connectorArn: CONNECTOR_ARN, name: "Computer", definition: both })).not.toEqual([]);
    expect(problems(pcaTemplate, { connectorArn: CONNECTOR_ARN, name: "Computer", definition: {} })).not.toEqual([]);
    // V3 needs a hash algorithm and a key algorithm that V2 does not have.
    const v3 = { templateV3: definition.templateV2 };
    expect(problems(pcaTemplate, { connectorArn: CONNECTOR_ARN, name: "Computer", definition: v3 }).join("\n")).toMatch(/hashAlgorithm/);
  });

  it("carry the model's constraints", () => {
    const fiveGroups = { ...connectorProperties(), vpcInformation: { securityGroupIds: ["sg-00000001", "sg-00000002", "sg-00000003", "sg-00000004", "sg-00000005"] } };
    expect(problems(pcaConnector, fiveGroups)).not.toEqual([]);
    expect(problems(pcaConnector, { ...connectorProperties(), tags: { "adstack:stack": "x" } })).not.toEqual([]);
    expect(problems(pcaTemplate, { connectorArn: CONNECTOR_ARN, name: "Bad;Name", definition: computerTemplateDefinition() })).not.toEqual([]);
    expect(problems(pcaTemplateAccessControlEntry, { ...entry("ALLOW", "ALLOW"), groupSecurityIdentifier: "not-a-sid" })).not.toEqual([]);
  });

  it("let references stand in for identifiers until they resolve", () => {
    expect(problems(pcaServicePrincipalName, { directoryRegistrationArn: "${registration.arn}", connectorArn: "${connector.arn}" })).toEqual([]);
  });
});
