import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const providerRoot = join(import.meta.dirname, "../../../src/providers");
const files = ["aws", "ds"].flatMap((dir) =>
  readdirSync(join(providerRoot, dir))
    .filter((name) => name.endsWith(".ts"))
    .map((name) => join(dir, name)),
);

/**
 * `adstack --version` and `validate` import every kind; they must not pay for loading the SDK or
 * the HTTP stack. Only type imports of them may be static; the client loads them on first call.
 */
describe("SDK loading", () => {
  it.each(files)("%s imports the SDK and the HTTP handler only as types", (file) => {
    if (file === join("aws", "client-config.ts")) return;
    const source = readFileSync(join(providerRoot, file), "utf8");
    const valueImports = [...source.matchAll(/^import\s+(?!type\b)[^;]*?from\s+"(@aws-sdk\/[^"]+|@smithy\/[^"]+)"/gm)].map((m) => m[1]);
    expect(valueImports).toEqual([]);
    expect(source).not.toMatch(/^import\s+(?!type\b)[^;]*?from\s+"\.\.\/aws\/client-config\.js"/m);
  });
});
