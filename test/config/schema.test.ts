import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildKindSchema, buildSchemaFiles, buildStackSchema, renderSchemaFile } from "../../src/config/schema.js";
import { buildRegistry } from "../../src/core/registry.js";
import type { JsonSchema } from "../../src/core/resource-kind.js";
import { adConnector, fakeKind, fakeRegistry } from "./fake-kinds.js";

function validatorOf(schema: JsonSchema): (data: unknown) => boolean {
  const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
  return (data) => validate(data) as boolean;
}

const example = parse(readFileSync("examples/directory-service.yaml", "utf8")) as Record<string, unknown>;

function withResource(name: string, resource: unknown): unknown {
  return { ...example, resources: { ...(example.resources as object), [name]: resource } };
}

describe("buildKindSchema", () => {
  const schema = buildKindSchema(adConnector) as any;
  const properties = schema.properties.properties;

  it("describes the resource entry, fixing its type", () => {
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    expect(schema.title).toBe("ds/ad-connector");
    expect(schema.properties.type).toEqual({ const: "ds/ad-connector", description: "The resource type." });
    expect(Object.keys(schema.properties)).toEqual(["type", "properties", "dependsOn", "ensure", "protect", "ignoreChanges"]);
    expect(schema.properties.ignoreChanges.items.examples).toContain("connectSettings.vpcId");
  });

  it("takes a secret source, never a value, at every write-only path", () => {
    for (const secret of [properties.properties.password, properties.properties.sso.properties.password]) {
      expect(secret.description).toBe("The password. Given as { env: VARIABLE } or { file: PATH }, never as the secret itself.");
      expect(secret.oneOf.map((s: any) => s.required)).toEqual([["env"], ["file"]]);
      expect(secret.type).toBeUndefined();
    }
  });

  it("lets constrained strings hold a reference, keeping the description outside", () => {
    const vpcId = properties.properties.connectSettings.properties.vpcId;
    expect(vpcId.description).toBe("The VPC.");
    expect(vpcId.anyOf[0]).toEqual({ type: "string", pattern: "^(vpc-[0-9a-f]{8}|vpc-[0-9a-f]{17})$" });
    expect(vpcId.anyOf[1].pattern).toBe("\\$\\{[A-Za-z0-9_-]+\\.[A-Za-z][A-Za-z0-9_]*\\}");
    expect(properties.properties.size).toEqual({ enum: ["Small", "Large"], description: "Directory size." });
  });

  it("gives every property a one-line description", () => {
    expect(properties.properties.sso.properties.userName.description).toBe("sso.userName of ds/ad-connector.");
    const multiLine = fakeKind("x/y", { type: "object", properties: { a: { type: "string", description: "First line.\n  Second line." } } });
    expect((buildKindSchema(multiLine) as any).properties.properties.properties.a.description).toBe("First line. Second line.");
  });

  it("inlines the kind's local $refs so the schema stands alone", () => {
    const kind = fakeKind("x/refs", {
      type: "object",
      $defs: { id: { type: "string", pattern: "^d-[0-9a-f]{10}$", description: "A directory." } },
      properties: { directoryId: { $ref: "#/$defs/id" } },
    });
    const fileSchema = (buildKindSchema(kind) as any).properties.properties;
    expect(fileSchema.$defs).toBeUndefined();
    expect(fileSchema.properties.directoryId.anyOf[0]).toEqual({ type: "string", pattern: "^d-[0-9a-f]{10}$" });
  });
});

describe("buildStackSchema", () => {
  const isValid = validatorOf(buildStackSchema(fakeRegistry()));

  it("compiles under ajv's strict mode and accepts the example file", () => {
    expect(isValid(example)).toBe(true);
  });

  it.each<[string, unknown]>([
    ["a plaintext password", withResource("bad", { type: "ds/trust", properties: { directoryId: "d-0123456789", remoteDomainName: "a.b", trustPassword: "plain" } })],
    ["an unknown type", withResource("bad", { type: "ds/nope" })],
    ["an unknown entry key", withResource("bad", { type: "ds/trust", colour: "blue" })],
    ["an unknown property", withResource("bad", { type: "ds/trust", properties: { directoryid: "d-0123456789" } })],
    ["a name that cannot be a tag", withResource("bad.name", { type: "ds/trust" })],
    ["a bad region", { ...example, region: "Mars" }],
    ["an unknown top-level key", { ...example, extra: 1 }],
  ])("rejects %s", (_name, file) => {
    expect(isValid(file)).toBe(false);
  });

  it("accepts references in patterned strings and file: secrets", () => {
    const trust = { type: "ds/trust", properties: { directoryId: "${aws-ad.directoryId}", remoteDomainName: "a.b", trustPassword: { file: "trust.txt" } } };
    expect(isValid(withResource("t2", trust))).toBe(true);
  });

  it("works with an empty registry", () => {
    const isEmptyValid = validatorOf(buildStackSchema(buildRegistry([])));
    expect(isEmptyValid({ stack: "s", resources: {} })).toBe(true);
    expect(isEmptyValid({ stack: "s", resources: { a: {} } })).toBe(false);
  });
});

describe("schema files", () => {
  it("renders sorted keys, two-space indentation and a final newline", () => {
    expect(renderSchemaFile({ b: 1, a: { d: [{ z: 1, y: 2 }], c: true } })).toBe(
      '{\n  "a": {\n    "c": true,\n    "d": [\n      {\n        "y": 2,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n',
    );
  });

  it("names one file for the stack and one per kind", () => {
    const files = buildSchemaFiles(fakeRegistry());
    expect(Object.keys(files)).toEqual(["adstack.schema.json", "ds-ad-connector.schema.json", "ds-microsoft-ad.schema.json", "ds-trust.schema.json"]);
    expect(buildSchemaFiles(fakeRegistry())).toEqual(files);
  });
});
