import { readdirSync, readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildSchemaFiles, buildStackSchema } from "../../src/config/schema.js";
import { defaultRegistry } from "../../src/providers/index.js";

describe("schemas/", () => {
  it("matches what the registry's kinds generate", () => {
    const expected = buildSchemaFiles(defaultRegistry());
    const committed = readdirSync("schemas").filter((name) => name.endsWith(".schema.json"));
    const names = [...new Set([...Object.keys(expected), ...committed])].sort();
    const stale = names.filter((name) => !committed.includes(name) || expected[name] !== readFileSync(`schemas/${name}`, "utf8"));
    expect(stale, `schemas/ is out of date (${stale.join(", ")}): run \`npm run schemas\``).toEqual([]);
  });

  it("accepts every example, so editors do not flag what adstack loads", () => {
    const validate = new Ajv({ allErrors: true, strict: true }).compile(buildStackSchema(defaultRegistry()));
    for (const name of readdirSync("examples").filter((n) => n.endsWith(".yaml"))) {
      const isValid = validate(parse(readFileSync(`examples/${name}`, "utf8")));
      expect(isValid, `examples/${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });
});
