import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { ExitError, ExitCodes } from "../core/errors.js";
import type { SecretSource } from "../core/values.js";
import { ENV_NAME } from "./names.js";
import { describeFsError } from "./source.js";

/** Where relative `file:` paths start (the desired-state file's directory) and which environment to read. */
export interface SecretSourceOptions {
  baseDir: string;
  /** Defaults to `process.env`. */
  env?: Record<string, string | undefined>;
}

/** No credential is this long; the bound keeps a wrong path (a device, a log) from being read whole. */
const MAX_SECRET_BYTES = 64 * 1024;

/**
 * Reads a secret. The problem text names the variable or path, never the value, so it is safe
 * to print. A secret file loses one trailing line ending, which editors and `echo` add.
 */
export function readSecretSource(source: SecretSource, options: SecretSourceOptions): { value: string } | { problem: string } {
  if ("env" in source) return readEnv(source.env, options.env ?? process.env);
  return readFile(source.file, options.baseDir);
}

/** Why the secret cannot be read, or undefined when it can: the load-time check. */
export function checkSecretSource(source: SecretSource, options: SecretSourceOptions): string | undefined {
  const result = readSecretSource(source, options);
  return "problem" in result ? result.problem : undefined;
}

/** The secret's value, for apply time; throws an ExitError (exit code 1) saying why it cannot be read. */
export function resolveSecretSource(source: SecretSource, options: SecretSourceOptions): string {
  const result = readSecretSource(source, options);
  if ("problem" in result) throw new ExitError(result.problem, ExitCodes.error);
  return result.value;
}

function readEnv(name: string, env: Record<string, string | undefined>): { value: string } | { problem: string } {
  if (!ENV_NAME.test(name)) {
    return { problem: `env: "${name}" is not an environment variable name (letters, digits and "_", not starting with a digit)` };
  }
  const value = env[name];
  if (value === undefined) return { problem: `environment variable ${name} is not set` };
  if (value === "") return { problem: `environment variable ${name} is empty` };
  return { value };
}

function readFile(path: string, baseDir: string): { value: string } | { problem: string } {
  if (path.trim() === "") return { problem: "file: needs the path of a file holding the secret" };
  const absolute = isAbsolute(path) ? path : resolve(baseDir, path);
  let fd: number;
  try {
    fd = openSync(absolute, "r");
  } catch (error) {
    return { problem: `cannot read secret file ${path}: ${describeFsError(error)}` };
  }
  try {
    if (fstatSync(fd).isDirectory()) return { problem: `cannot read secret file ${path}: it is a directory` };
    const buffer = Buffer.alloc(MAX_SECRET_BYTES + 1);
    let length = 0;
    while (length < buffer.length) {
      const bytesRead = readSync(fd, buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > MAX_SECRET_BYTES) return { problem: `secret file ${path} is larger than ${MAX_SECRET_BYTES / 1024} KiB` };
    const value = buffer.subarray(0, length).toString("utf8").replace(/\r?\n$/, "");
    if (value === "") return { problem: `secret file ${path} is empty` };
    return { value };
  } catch (error) {
    return { problem: `cannot read secret file ${path}: ${describeFsError(error)}` };
  } finally {
    closeSync(fd);
  }
}
