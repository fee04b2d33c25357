import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadDesiredState, loadDesiredStateFromText } from "../../src/config/load.js";
import { ConfigError } from "../../src/core/errors.js";
import { fakeEnv, fakeRegistry } from "./fake-kinds.js";
import { HEADER, MANAGED_AD_PROPERTIES, managedAdEntry, yaml } from "./support.js";

const EXAMPLE = "examples/directory-service.yaml";
const FIXTURES = "test/fixtures/config";

describe("loadDesiredStateFromText", () => {
  const text = readFileSync(EXAMPLE, "utf8");
  const state = loadDesiredStateFromText(text, EXAMPLE, { registry: fakeRegistry(), env: fakeEnv });

  it("reads the stack, the region and the resources in file order", () => {
    expect(state.file).toBe(EXAMPLE);
    expect(state.stack).toBe("corp-identity");
    expect(state.region).toBe("us-east-1");
    expect(state.resources.map((r) => `${r.type}.${r.name}`)).toEqual(["ds/ad-connector.corp", "ds/microsoft-ad.aws-ad", "ds/trust.forest-trust"]);
  });

  it("hashes the exact bytes", () => {
    expect(state.sourceHash).toBe(createHash("sha256").update(Buffer.from(text, "utf8")).digest("hex"));
  });

  it("keeps references and secret sources unresolved, and fills in no defaults", () => {
    const [corp, awsAd, trust] = state.resources;
    expect(corp.properties.password).toEqual({ env: "CORP_CONNECTOR_PASSWORD" });
    expect(trust.properties.directoryId).toBe("${aws-ad.directoryId}");
    expect(trust.properties.trustPassword).toEqual({ env: "TRUST_PASSWORD" });
    expect(awsAd.properties).not.toHaveProperty("desiredNumberOfDomainControllers");
    expect(corp.properties.sso).toEqual({ enabled: true });
    expect(JSON.stringify(state)).not.toContain(fakeEnv.CORP_CONNECTOR_PASSWORD);
  });

  it("gives entry defaults and positions of resources and properties", () => {
    const corp = state.resources[0];
    expect(corp).toMatchObject({ dependsOn: [], ensure: "present", protect: false, ignoreChanges: [] });
    expect(corp.position).toEqual({ file: EXAMPLE, line: 9, col: 3 });
    expect(corp.propertyPositions["connectSettings.vpcId"]).toEqual({ file: EXAMPLE, line: 19, col: 9 });
    expect(corp.propertyPositions["connectSettings.subnetIds.1"]).toEqual({ file: EXAMPLE, line: 20, col: 38 });
    expect(corp.propertyPositions["password"]).toEqual({ file: EXAMPLE, line: 15, col: 7 });
  });

  it("reads dependsOn, ensure, protect and ignoreChanges", () => {
    const file = yaml(
      ...HEADER,
      ...managedAdEntry("aws-ad", "    protect: true", "    ignoreChanges: [tags, vpcSettings.subnetIds]"),
      "  old:",
      "    type: ds/trust",
      "    ensure: absent",
      "    dependsOn: [aws-ad, aws-ad]",
    );
    const [awsAd, old] = loadDesiredStateFromText(file, "s.yaml", { registry: fakeRegistry(), env: fakeEnv }).resources;
    expect(awsAd).toMatchObject({ protect: true, ignoreChanges: ["tags", "vpcSettings.subnetIds"], ensure: "present" });
    expect(old).toMatchObject({ ensure: "absent", dependsOn: ["aws-ad"], properties: {} });
  });

  it("lets a resource being deleted leave out required properties and unreadable secrets, but not plaintext ones", () => {
    const absent = (passwordLine: string): string =>
      yaml(...HEADER, "  aws-ad:", "    type: ds/microsoft-ad", "    ensure: absent", "    properties:", "      name: a.example.com", passwordLine);
    const options = { registry: fakeRegistry(), env: {} };
    expect(loadDesiredStateFromText(absent("      password: { env: UNSET }"), "s.yaml", options).resources[0].properties).toEqual({ name: "a.example.com", password: { env: "UNSET" } });
    expect(() => loadDesiredStateFromText(absent("      password: Plain-Text-1"), "s.yaml", options)).toThrow(/s\.yaml:9:17: password is write-only/);
  });

  it("uses the default region only when the file has none", () => {
    const options = { registry: fakeRegistry(), env: fakeEnv, defaultRegion: "eu-west-1" };
    expect(loadDesiredStateFromText(yaml("stack: s", "resources: {}"), "s.yaml", options).region).toBe("eu-west-1");
    expect(loadDesiredStateFromText(yaml("stack: s", "region: ap-southeast-2", "resources: {}"), "s.yaml", options).region).toBe("ap-southeast-2");
  });

  it("gives every resource its own copy of values shared through YAML aliases", () => {
    const file = yaml(...HEADER, "  a:", "    type: ds/microsoft-ad", `    properties: &ad ${MANAGED_AD_PROPERTIES}`, "  b:", "    type: ds/microsoft-ad", "    properties: *ad");
    const [a, b] = loadDesiredStateFromText(file, "s.yaml", { registry: fakeRegistry(), env: fakeEnv }).resources;
    expect(b.properties).toEqual(a.properties);
    expect(b.properties.vpcSettings).not.toBe(a.properties.vpcSettings);
  });

  it("accepts an empty stack", () => {
    const state = loadDesiredStateFromText(yaml("stack: s", "region: us-east-1", "resources: {}"), "s.yaml", { registry: fakeRegistry() });
    expect(state.resources).toEqual([]);
  });

  it("throws one ConfigError carrying every diagnostic with its position", () => {
    const file = yaml("stack: s", "region: us-east-1", "resources:", "  a:", "    type: nope", "  b:", "    type: ds/trust", "    protect: 1");
    const error = (() => {
      try {
        loadDesiredStateFromText(file, "s.yaml", { registry: fakeRegistry() });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    const diagnostics = (error as ConfigError).diagnostics;
    expect(diagnostics.map((d) => [d.line, d.col])).toEqual([[5, 11], [6, 3], [6, 3], [6, 3], [8, 14]]);
    expect(diagnostics.every((d) => d.file === "s.yaml")).toBe(true);
  });
});

describe("loadDesiredState", () => {
  it("reads the file and resolves file: secrets next to it, wherever the process runs", async () => {
    const state = await loadDesiredState(join(FIXTURES, "stack.yaml"), { registry: fakeRegistry(), env: {}, defaultRegion: "us-west-2" });
    expect(state.region).toBe("us-west-2");
    expect(state.resources[0].properties.password).toEqual({ file: "secrets/admin-password.txt" });
  });

  it("checks a file: secret against the schema without echoing it", async () => {
    await expect(loadDesiredState(join(FIXTURES, "short-secret.yaml"), { registry: fakeRegistry() })).rejects.toThrow(
      `${join(FIXTURES, "short-secret.yaml")}:8:17: password (from file:secrets/short-password.txt): must be at least 8 characters long`,
    );
  });

  it("reports a file it cannot read", async () => {
    const missing = join(FIXTURES, "missing.yaml");
    await expect(loadDesiredState(missing, { registry: fakeRegistry() })).rejects.toThrow(`${missing}: cannot read the file: no such file`);
    await expect(loadDesiredState(FIXTURES, { registry: fakeRegistry() })).rejects.toThrow(`${FIXTURES}: cannot read the file: it is a directory`);
  });
});

describe("values from YAML", () => {
  it("keeps a __proto__ key as a plain property", () => {
    const file = yaml(...HEADER, "  a:", "    type: ds/microsoft-ad", "    properties:", "      __proto__: { polluted: true }");
    expect(() => loadDesiredStateFromText(file, "s.yaml", { registry: fakeRegistry(), env: fakeEnv })).toThrow('s.yaml:7:7: unknown property "__proto__"');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
