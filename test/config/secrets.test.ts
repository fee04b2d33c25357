import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { checkSecretSource, resolveSecretSource } from "../../src/config/secrets.js";
import { ExitError } from "../../src/core/errors.js";

const baseDir = resolve("test/fixtures/config");

describe("resolveSecretSource", () => {
  it("reads an environment variable from the given environment", () => {
    expect(resolveSecretSource({ env: "ADMIN_PASSWORD" }, { baseDir, env: { ADMIN_PASSWORD: "Pa55-word" } })).toBe("Pa55-word");
  });

  it("reads a file relative to the desired-state file's directory, dropping one trailing line ending", () => {
    expect(resolveSecretSource({ file: "secrets/admin-password.txt" }, { baseDir })).toBe("Fixture-Pa55word");
    expect(resolveSecretSource({ file: "secrets/crlf.txt" }, { baseDir })).toBe("line-one");
    expect(resolveSecretSource({ file: "secrets/two-newlines.txt" }, { baseDir })).toBe("two-newlines\n");
  });

  it("reads an absolute path as it is", () => {
    expect(resolveSecretSource({ file: join(baseDir, "secrets/admin-password.txt") }, { baseDir: "/nowhere" })).toBe("Fixture-Pa55word");
  });

  it("throws an ExitError naming the variable that is missing", () => {
    const attempt = (): string => resolveSecretSource({ env: "UNSET_VARIABLE" }, { baseDir, env: { OTHER: "Other-Secret" } });
    expect(attempt).toThrow(ExitError);
    expect(attempt).toThrow("environment variable UNSET_VARIABLE is not set");
  });
});

describe("checkSecretSource", () => {
  it.each<[string, { env: string } | { file: string }, Record<string, string>, string | undefined]>([
    ["a set variable", { env: "SET" }, { SET: "value" }, undefined],
    ["an unset variable", { env: "UNSET" }, {}, "environment variable UNSET is not set"],
    ["an empty variable", { env: "EMPTY" }, { EMPTY: "" }, "environment variable EMPTY is empty"],
    ["a bad variable name", { env: "1ST" }, {}, 'env: "1ST" is not an environment variable name (letters, digits and "_", not starting with a digit)'],
    ["a readable file", { file: "secrets/admin-password.txt" }, {}, undefined],
    ["a missing file", { file: "secrets/none.txt" }, {}, "cannot read secret file secrets/none.txt: no such file"],
    ["a directory", { file: "secrets" }, {}, "cannot read secret file secrets: it is a directory"],
    ["an empty file", { file: "secrets/empty.txt" }, {}, "secret file secrets/empty.txt is empty"],
    ["an empty path", { file: " " }, {}, "file: needs the path of a file holding the secret"],
  ])("checks %s", (_name, source, env, expected) => {
    expect(checkSecretSource(source, { baseDir, env })).toBe(expected);
  });

  it("refuses a file too large to be a secret without reading it whole", () => {
    const dir = mkdtempSync(join(tmpdir(), "adstack-secret-"));
    writeFileSync(join(dir, "big.txt"), "x".repeat(64 * 1024 + 1));
    expect(checkSecretSource({ file: "big.txt" }, { baseDir: dir })).toBe("secret file big.txt is larger than 64 KiB");
  });

  it("defaults to the process environment", () => {
    expect(checkSecretSource({ env: "PATH" }, { baseDir })).toBeUndefined();
  });
});
