import { readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../..");

/** Every module `file` loads before it runs: its static imports, followed through the project's own files. */
function staticGraph(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const source = readFileSync(file, "utf8");
  for (const match of source.matchAll(/^import\s+(?!type\b)[^;]*?from\s+"([^"]+)"|^import\s+"([^"]+)"/gm)) {
    const specifier = match[1] ?? match[2];
    if (specifier.startsWith(".")) staticGraph(join(dirname(file), specifier).replace(/\.js$/, ".ts"), seen);
    else seen.add(specifier);
  }
  return seen;
}

/**
 * `adstack --version` and `--help` run only what src/cli/main.ts loads statically; every command
 * imports its own modules when it runs, so the SDKs, the kinds, ajv and the YAML parser stay
 * unloaded until a command needs them.
 */
describe("start-up", () => {
  it("loads neither providers nor config, SDKs, ajv or yaml for --version", () => {
    const loaded = [...staticGraph(join(root, "src/cli/main.ts"))].map((m) => (m.startsWith("/") ? relative(root, m) : m));
    const heavy = loaded.filter((m) => /^src\/(providers|config|planner|applier|local-cloud)\/|^(@aws-sdk|@smithy|ajv|yaml)/.test(m));
    expect(heavy).toEqual([]);
  });

  it("loads no SDK for validate: the kinds import their clients lazily", () => {
    const loaded = [...staticGraph(join(root, "src/cli/commands/validate.ts")), ...staticGraph(join(root, "src/providers/index.ts"))];
    expect(loaded.filter((m) => /^(@aws-sdk|@smithy)\//.test(m))).toEqual([]);
    expect(loaded.filter((m) => m === "ajv")).toEqual([]);
  });

  it("sorts without localeCompare on the validate path: its first call loads ICU's collator, milliseconds of every start", () => {
    const files = [...staticGraph(join(root, "src/cli/commands/validate.ts")), ...staticGraph(join(root, "src/providers/index.ts"))];
    const own = files.filter((m) => m.startsWith("/") && m.endsWith(".ts"));
    expect(own.length).toBeGreaterThan(20);
    expect(own.filter((file) => readFileSync(file, "utf8").includes("localeCompare(")).map((file) => relative(root, file))).toEqual([]);
  });
});
