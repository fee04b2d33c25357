import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { precompiledValidator } from "../../src/config/validate-properties.js";
import { buildValidatorModule } from "../../src/config/validator-module.js";
import { defaultRegistry } from "../../src/providers/index.js";

/** Start-up depends on these: compiling every kind's schema at run time costs hundreds of milliseconds. */
describe("schemas/validators.mjs", () => {
  it("matches what the registry's kinds generate", () => {
    const expected = buildValidatorModule(defaultRegistry().kinds);
    const stale = readFileSync("schemas/validators.mjs", "utf8") !== expected.module || readFileSync("schemas/validators.d.mts", "utf8") !== expected.declaration;
    expect(stale, "schemas/validators.mjs is out of date: run `npm run schemas`").toBe(false);
  });

  it("serves every kind, so loading a file never compiles a schema", () => {
    const missing = defaultRegistry().kinds.filter((kind) => precompiledValidator(kind) === undefined).map((kind) => kind.type);
    expect(missing).toEqual([]);
  });

  it("is never used for a schema it was not made from", () => {
    const kind = defaultRegistry().kinds[0];
    expect(precompiledValidator({ ...kind, schema: { ...kind.schema, description: "changed" } })).toBeUndefined();
  });
});
