import { describe, expect, it } from "vitest";
import { buildRegistry } from "../../src/core/registry.js";
import { diagnosticLines, HEADER, yaml } from "./support.js";

const TRUST = ["    type: ds/trust", "    properties: { directoryId: d-0123456789, remoteDomainName: corp.example.com, trustPassword: { env: TRUST_PASSWORD } }"];

describe("loading a desired-state file: the file and its shape", () => {
  it.each<[string, string | Uint8Array, string[]]>([
    ["an empty file", "", ["stack.yaml: the file is empty: it needs `stack`, `region` and `resources`"]],
    ["a file of blank lines", "\n  \n", ["stack.yaml: the file is empty: it needs `stack`, `region` and `resources`"]],
    ["a file of comments", yaml("# nothing yet"), ["stack.yaml: the file is empty (only comments): it needs `stack`, `region` and `resources`"]],
    ["a binary file", new Uint8Array([0x73, 0x74, 0x0a, 0x61, 0x00, 0x01]), ["stack.yaml:2:2: the file is binary (it contains a NUL byte); expected YAML text"]],
    ["a Latin-1 file", new Uint8Array([...Buffer.from("stack: caf"), 0xe9, 0x0a]), ["stack.yaml:1:11: the file is not UTF-8 text; save it as UTF-8"]],
    [
      "every YAML syntax error",
      yaml("stack: s", "region: [us-east-1", "resources:", "  a: {type: x"),
      [
        "stack.yaml:3:1: Flow sequence in block collection must be sufficiently indented and end with a ]",
        "stack.yaml:5:1: Flow map in block collection must be sufficiently indented and end with a }",
      ],
    ],
    ["a tab used as indentation", yaml("stack: s", "\tregion: x"), ["stack.yaml:2:1: Tabs are not allowed as indentation"]],
    ["two documents", yaml("stack: s", "---", "region: x"), ["stack.yaml:2:1: the file holds more than one YAML document (a `---` line); a desired-state file is a single document"]],
    ["a custom tag", yaml("stack: !Ref s"), ["stack.yaml:1:8: Unresolved tag: !Ref; adstack files use plain YAML without custom tags"]],
    ["a value JSON cannot hold", yaml("stack: s", "region: .inf"), ["stack.yaml:2:9: .inf is not a plain string, number, boolean or null; quote it to make it a string"]],
    ["a list as a key", yaml("? [a, b]", ": 1"), ["stack.yaml:1:3: keys must be plain names, not lists or mappings"]],
    ["an alias inside its own anchor", yaml("stack: &a [*a]"), ["stack.yaml:1:12: this alias refers to a value that contains it"]],
    [
      "an alias bomb",
      yaml(
        "a: &a [x, x, x, x, x, x, x, x, x, x]",
        "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]",
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]",
        "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]",
        "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]",
        "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]",
      ),
      ["stack.yaml:6:36: the file holds more than 1000000 values once aliases are expanded"],
    ],
    ["a list at the top", yaml("- stack: s"), ["stack.yaml:1:1: the top level must be a mapping with `stack`, `region` and `resources`, not a list"]],
    ["a single value at the top", yaml("corp-identity"), ["stack.yaml:1:1: the top level must be a mapping with `stack`, `region` and `resources`, not a single value"]],
    [
      "missing keys and an unknown one",
      yaml("foo: 1"),
      [
        "stack.yaml:1:1: missing `region`: add e.g. `region: us-east-1`, or set AWS_REGION",
        "stack.yaml:1:1: missing `resources`: a mapping from logical name to resource (`resources: {}` for a stack that owns nothing)",
        "stack.yaml:1:1: missing `stack`: name the stack, e.g. `stack: corp-identity` (its name tags every resource it owns)",
        'stack.yaml:1:1: unknown top-level key "foo"; allowed keys: stack, region, resources',
      ],
    ],
    [
      "a misspelt top-level key",
      yaml("stack: s", "region: us-east-1", "resource: {}"),
      [
        "stack.yaml:1:1: missing `resources`: a mapping from logical name to resource (`resources: {}` for a stack that owns nothing)",
        'stack.yaml:3:1: unknown top-level key "resource"; did you mean "resources"?',
      ],
    ],
    [
      "a stack name and region AWS cannot take",
      yaml("stack: corp identity", "region: US-East", "resources: {}"),
      [
        'stack.yaml:1:8: stack name "corp identity" is not allowed: use 1-63 letters, digits, "-" or "_", starting with a letter or digit, because it becomes the adstack:stack tag value on every resource and AWS tag values allow only a few characters',
        'stack.yaml:2:9: region "US-East" does not look like an AWS region such as us-east-1',
      ],
    ],
    ["a stack name that is not a string", yaml("stack: [a]", "region: us-east-1", "resources: {}"), ["stack.yaml:1:8: stack must be a non-empty string"]],
    ["empty resources", yaml("stack: s", "region: us-east-1", "resources:"), ["stack.yaml:3:1: resources must be a mapping from logical name to resource (`resources: {}` for a stack that owns nothing)"]],
    ["resources as a list", yaml("stack: s", "region: us-east-1", "resources: [a]"), ["stack.yaml:3:12: resources must be a mapping from logical name to resource (`resources: {}` for a stack that owns nothing)"]],
    [
      "duplicate keys and resource names, each pointing at the first",
      yaml(...HEADER, "  a:", ...TRUST, "  a:", "    type: ds/trust", "stack: other", "region: us-east-1"),
      ['stack.yaml:7:3: resource name "a" is defined twice (first at 4:3)', 'stack.yaml:9:1: key "stack" is defined twice (first at 1:1)', 'stack.yaml:10:1: key "region" is defined twice (first at 2:1)'],
    ],
    [
      "a duplicate property",
      yaml(...HEADER, "  a:", "    type: ds/trust", "    properties:", "      directoryId: d-0123456789", "      directoryId: d-0123456788"),
      [
        "stack.yaml:6:5: missing required property \"remoteDomainName\"",
        "stack.yaml:6:5: missing required property \"trustPassword\"",
        'stack.yaml:8:7: key "directoryId" is defined twice (first at 7:7)',
      ],
    ],
  ])("reports %s", (_name, content, expected) => {
    expect(diagnosticLines(content)).toEqual(expected);
  });

  it("refuses a file over 5 MB without parsing it", () => {
    const big = `stack: s\n# ${"x".repeat(5 * 1024 * 1024)}\n`;
    expect(diagnosticLines(big)).toEqual(["stack.yaml: the file is larger than 5 MB; a desired-state file is YAML text well below that"]);
  });

  it("refuses deep nesting, whether the parser or the loader notices it first", () => {
    expect(diagnosticLines(`stack: ${"[".repeat(70)}${"]".repeat(70)}\n`)).toEqual(["stack.yaml:1:72: values are nested more than 64 levels deep"]);
    const lines = diagnosticLines(`stack: ${"[".repeat(20000)}${"]".repeat(20000)}\n`);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((line) => line.endsWith("values are nested too deeply to parse (more than 64 levels is refused)"))).toBe(true);
  });

  it("takes the region from the caller's default, and checks it", () => {
    const file = yaml("stack: s", "resources: {}");
    expect(diagnosticLines(file, { defaultRegion: "eu-west-1" })).toEqual([]);
    expect(diagnosticLines(file, { defaultRegion: "Europe" })).toEqual(['stack.yaml: the default region (AWS_REGION): region "Europe" does not look like an AWS region such as us-east-1']);
    expect(diagnosticLines(file, { defaultRegion: "" })).toEqual(["stack.yaml:1:1: missing `region`: add e.g. `region: us-east-1`, or set AWS_REGION"]);
  });
});

describe("loading a desired-state file: resource entries", () => {
  it.each<[string, string[], string[]]>([
    [
      "a name that cannot be a tag value",
      ["  corp.main:", ...TRUST],
      ['stack.yaml:4:3: resource name "corp.main" is not allowed: use 1-63 letters, digits, "-" or "_", starting with a letter or digit, because it becomes the adstack:name tag value on AWS and is written as ${name.attribute} in references'],
    ],
    ["an entry that is not a mapping", ["  a: 5"], ['stack.yaml:4:6: resource "a" must be a mapping with `type` and `properties`']],
    ["a missing type", ["  a:", "    properties: {}"], ['stack.yaml:4:3: resource "a" has no `type` (known types: ds/ad-connector, ds/microsoft-ad, ds/trust)']],
    [
      "a misspelt type",
      ["  a:", "    type: ds/ad-conector"],
      ['stack.yaml:5:11: unknown type "ds/ad-conector"; did you mean "ds/ad-connector"? (known types: ds/ad-connector, ds/microsoft-ad, ds/trust)'],
    ],
    ["an unknown type", ["  a:", "    type: s3/bucket"], ['stack.yaml:5:11: unknown type "s3/bucket" (known types: ds/ad-connector, ds/microsoft-ad, ds/trust)']],
    ["a type that is not a string", ["  a:", "    type: [ds/trust]"], ["stack.yaml:5:11: type must be a string such as ds/ad-connector (known types: ds/ad-connector, ds/microsoft-ad, ds/trust)"]],
    [
      "unknown and misspelt entry keys",
      ["  a:", ...TRUST, "    dependson: []", "    color: blue"],
      ['stack.yaml:7:5: unknown key "dependson" in resource "a"; did you mean "dependsOn"?', 'stack.yaml:8:5: unknown key "color" in resource "a"; allowed keys: type, properties, dependsOn, ensure, protect, ignoreChanges'],
    ],
    [
      "bad ensure, protect, dependsOn and ignoreChanges values",
      ["  a:", ...TRUST, "    ensure: gone", "    protect: maybe", "    dependsOn: b", "    ignoreChanges: [1, '']"],
      [
        "stack.yaml:7:13: ensure must be one of present, absent",
        "stack.yaml:8:14: protect must be true or false",
        "stack.yaml:9:16: dependsOn must be a list of resource names",
        "stack.yaml:10:21: ignoreChanges must be a list of property paths; this item is not a non-empty string",
        "stack.yaml:10:24: ignoreChanges must be a list of property paths; this item is not a non-empty string",
      ],
    ],
    ["properties that are not a mapping", ["  a:", "    type: ds/trust", "    properties: [1]"], ["stack.yaml:6:17: properties must be a mapping of property names to values"]],
  ])("reports %s", (_name, resources, expected) => {
    expect(diagnosticLines(yaml(...HEADER, ...resources))).toEqual(expected);
  });

  it("says so when no kinds are registered at all", () => {
    const file = yaml(...HEADER, "  a:", "    type: ds/trust");
    expect(diagnosticLines(file, { registry: buildRegistry([]) })).toEqual(['stack.yaml:5:11: unknown type "ds/trust" (no resource types are registered)']);
  });
});
