import { expect } from "vitest";
import { testSecrets, type CliResult } from "./cli.js";

/** Checks that a CLI run wrote nothing to stderr (checked first, so a failure shows it) and exited with `code`. */
export function expectCleanExit(result: CliResult, code: number): void {
  expect(result.stderr).toBe("");
  expect(result.code).toBe(code);
}

/** Fails when any of the e2e test secrets appears in a text or in a CLI run's stdout or stderr. */
export function expectNoSecrets(...outputs: Array<string | CliResult>): void {
  for (const output of outputs) {
    const text = typeof output === "string" ? output : output.stdout + output.stderr;
    for (const secret of Object.values(testSecrets)) expect(text).not.toContain(secret);
  }
}
