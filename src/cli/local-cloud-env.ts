import { ExitCodes, ExitError } from "../core/errors.js";
import { faultKinds, isFaultKind, type FaultKind } from "../local-cloud/faults.js";
import type { LocalCloudOptions } from "../local-cloud/server.js";

/** The local cloud's tunable settings, each settable by an `ADSTACK_LOCAL_*` variable. */
export const localCloudVariables = {
  latencyMs: "ADSTACK_LOCAL_LATENCY_MS",
  rateLimit: "ADSTACK_LOCAL_RATE_LIMIT",
  burst: "ADSTACK_LOCAL_BURST",
  createDelayMs: "ADSTACK_LOCAL_CREATE_DELAY_MS",
  deleteDelayMs: "ADSTACK_LOCAL_DELETE_DELAY_MS",
  directoryLimit: "ADSTACK_LOCAL_DIRECTORY_LIMIT",
  faultRate: "ADSTACK_LOCAL_FAULT_RATE",
  faultSeed: "ADSTACK_LOCAL_FAULT_SEED",
  faultKinds: "ADSTACK_LOCAL_FAULT_KINDS",
} as const;

export type LocalCloudSetting = keyof typeof localCloudVariables;

/** The same settings as flags of `adstack local-cloud`, which win over the variables. */
export const localCloudFlags: Readonly<Record<LocalCloudSetting, string>> = {
  latencyMs: "--latency-ms",
  rateLimit: "--rate-limit",
  burst: "--burst",
  createDelayMs: "--create-delay-ms",
  deleteDelayMs: "--delete-delay-ms",
  directoryLimit: "--directory-limit",
  faultRate: "--fault-rate",
  faultSeed: "--fault-seed",
  faultKinds: "--fault-kinds",
};

/** A raw value and where it came from, so an error names the flag or variable to fix. */
type RawSettings = Partial<Record<LocalCloudSetting, { text: string; source: string }>>;

/** Local cloud options from `ADSTACK_LOCAL_*`, so any `--local` run can be slowed, limited or faulted. Throws ExitError on a bad value. */
export function localCloudOptionsFromEnv(env: Record<string, string | undefined>): LocalCloudOptions {
  return optionsFrom(rawFromEnv(env));
}

/** Options for `adstack local-cloud`: its flags, and for each flag not given, the variable. Throws ExitError on a bad value. */
export function localCloudOptionsFromFlags(
  flags: Partial<Record<LocalCloudSetting, string | number>>,
  env: Record<string, string | undefined>,
): LocalCloudOptions {
  const raw = rawFromEnv(env);
  for (const setting of Object.keys(localCloudFlags) as LocalCloudSetting[]) {
    const value = flags[setting];
    if (value !== undefined) raw[setting] = { text: String(value), source: localCloudFlags[setting] };
  }
  return optionsFrom(raw);
}

function rawFromEnv(env: Record<string, string | undefined>): RawSettings {
  const raw: RawSettings = {};
  for (const [setting, variable] of Object.entries(localCloudVariables) as [LocalCloudSetting, string][]) {
    const text = env[variable];
    if (text !== undefined && text.trim() !== "") raw[setting] = { text, source: variable };
  }
  return raw;
}

function optionsFrom(raw: RawSettings): LocalCloudOptions {
  const number = (setting: LocalCloudSetting, valid: (n: number) => boolean, expected: string): number | undefined => {
    const given = raw[setting];
    if (!given) return undefined;
    const value = Number(given.text.trim());
    if (!Number.isFinite(value) || !valid(value)) throw invalid(`${given.source} must be ${expected}, got "${given.text}"`);
    return value;
  };
  const whole = (min: number) => (n: number) => Number.isInteger(n) && n >= min;
  const latencyMs = number("latencyMs", (n) => n >= 0, "a number of milliseconds, 0 or more (e.g. 50)");
  const rateLimit = number("rateLimit", (n) => n > 0, "a positive number of calls per second per service (e.g. 5)");
  const burst = number("burst", whole(1), "a whole number of calls, at least 1 (e.g. 10)");
  const createDelayMs = number("createDelayMs", (n) => n >= 0, "a number of milliseconds, 0 or more");
  const deleteDelayMs = number("deleteDelayMs", (n) => n >= 0, "a number of milliseconds, 0 or more");
  const directoryLimit = number("directoryLimit", whole(1), "a whole number of directories, at least 1 (e.g. 500)");
  const faultRate = number("faultRate", (n) => n >= 0 && n <= 1, "a number from 0 to 1, the fraction of calls that fail (e.g. 0.1)");
  const faultSeed = number("faultSeed", Number.isSafeInteger, "a whole number (e.g. 42)");
  const kinds = raw.faultKinds && parseFaultKinds(raw.faultKinds.text, raw.faultKinds.source);

  requireCompanion(raw, "burst", "rateLimit", "5");
  requireCompanion(raw, "faultSeed", "faultRate", "0.1");
  requireCompanion(raw, "faultKinds", "faultRate", "0.1");

  return {
    settings: {
      ...(createDelayMs !== undefined ? { createDelayMs } : {}),
      ...(deleteDelayMs !== undefined ? { deleteDelayMs } : {}),
      ...(directoryLimit !== undefined ? { limits: everyDirectoryLimit(directoryLimit) } : {}),
    },
    ...(latencyMs !== undefined || rateLimit !== undefined ? { load: { latencyMs, rateLimit, burst } } : {}),
    ...(faultRate !== undefined ? { faults: { rate: faultRate, seed: faultSeed, kinds } } : {}),
  };
}

/** `--directory-limit` sets every per-region limit at once: AD Connectors, Managed AD, WorkSpaces registrations. */
function everyDirectoryLimit(limit: number) {
  return { connectedDirectories: limit, cloudOnlyMicrosoftAD: limit, workspacesDirectories: limit };
}

function parseFaultKinds(text: string, source: string): FaultKind[] {
  const names = text.split(",").map((name) => name.trim()).filter((name) => name !== "");
  const advice = `use a comma-separated list of ${faultKinds.join(", ")}`;
  if (names.length === 0) throw invalid(`${source} names no fault kind; ${advice}`);
  const unknown = names.find((name) => !isFaultKind(name));
  if (unknown !== undefined) throw invalid(`${source}: unknown fault kind "${unknown}"; ${advice}`);
  return [...new Set(names)] as FaultKind[];
}

/** A setting that means nothing alone: name the one to add, spelled the way the user spells settings. */
function requireCompanion(raw: RawSettings, setting: LocalCloudSetting, needs: LocalCloudSetting, example: string): void {
  const given = raw[setting];
  if (!given || raw[needs]) return;
  const names = given.source.startsWith("--") ? localCloudFlags : localCloudVariables;
  throw invalid(`${given.source} has no effect without ${names[needs]}; set ${names[needs]} too (e.g. ${example})`);
}

function invalid(message: string): ExitError {
  return new ExitError(message, ExitCodes.error);
}
