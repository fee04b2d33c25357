import { randomUUID } from "node:crypto";
import type { LocalResponse, LocalService } from "./types.js";

/**
 * What can go wrong with one call: `throttle` (the service's throttling error), `5xx` (its
 * internal error), `reset` (the connection drops before the service sees the call), `slow`
 * (answered after `slowMs`), `lost` (the call takes effect but the connection drops before the
 * answer, the case that makes a blind retry of a create unsafe).
 */
export const faultKinds = ["throttle", "5xx", "reset", "slow", "lost"] as const;

export type FaultKind = (typeof faultKinds)[number];

export function isFaultKind(value: string): value is FaultKind {
  return (faultKinds as readonly string[]).includes(value);
}

/** Slow answers take this long unless the profile says otherwise: "a few seconds". */
export const defaultSlowMs = 2000;

/** The longest a slow answer may take, so a fault run stays bounded in time. */
export const maxSlowMs = 60_000;

/** The seed when a profile names none, so an unseeded run is still reproducible. */
export const defaultFaultSeed = 1;

/** Which calls fail and how. The same profile injects the same faults into the same call sequence. */
export interface FaultProfile {
  /** The fraction of service calls, from 0 to 1, that get a fault. */
  rate: number;
  /** `defaultFaultSeed` when absent. */
  seed?: number;
  /** Every kind when absent; a faulted call gets one of these, uniformly. */
  kinds?: readonly FaultKind[];
  /** How long a `slow` answer is held back; `defaultSlowMs` when absent. */
  slowMs?: number;
}

/** The problem with a fault profile, in words a flag or variable name can precede, or undefined. */
export function faultProfileProblem(profile: FaultProfile): string | undefined {
  const { rate, seed, kinds, slowMs } = profile;
  if (!(Number.isFinite(rate) && rate >= 0 && rate <= 1)) return `rate must be a number from 0 to 1, got ${rate}`;
  if (seed !== undefined && !Number.isSafeInteger(seed)) return `seed must be a whole number, got ${seed}`;
  if (kinds !== undefined && kinds.length === 0) return "kinds must name at least one kind";
  const unknown = kinds?.find((kind) => !isFaultKind(kind));
  if (unknown !== undefined) return `unknown fault kind "${unknown}"; the kinds are ${faultKinds.join(", ")}`;
  if (slowMs !== undefined && !(Number.isFinite(slowMs) && slowMs >= 0 && slowMs <= maxSlowMs)) {
    return `slowMs must be from 0 to ${maxSlowMs} milliseconds, got ${slowMs}`;
  }
  return undefined;
}

/** mulberry32 (public domain, Tommy Ettinger): a tiny seeded PRNG; good enough to pick faults. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The fault for each call in arrival order, or undefined for a clean call. Every call draws
 * twice (whether, then which) whatever the outcome, so the n-th call's fate depends only on
 * the seed and n.
 */
export function createFaultDraw(profile: FaultProfile): () => FaultKind | undefined {
  const random = mulberry32(profile.seed ?? defaultFaultSeed);
  const kinds = profile.kinds ?? faultKinds;
  return () => {
    const chance = random();
    const pick = random();
    return chance < profile.rate ? kinds[Math.floor(pick * kinds.length)] : undefined;
  };
}

/** A count for every kind, all zero. */
export function zeroFaultCounts(): Record<FaultKind, number> {
  return Object.fromEntries(faultKinds.map((kind) => [kind, 0])) as Record<FaultKind, number>;
}

/**
 * The internal error each real service answers with: DS models `ServiceException` and PCA
 * Connector for AD `InternalServerException` as their faults; services that model none (WorkSpaces)
 * get the front door's `InternalFailure`.
 */
const internalErrorNames: Readonly<Record<string, string>> = {
  ds: "ServiceException",
  "pca-connector-ad": "InternalServerException",
};

/**
 * A 500 in the service's own wire shape, for services that do not provide
 * `internalErrorResponse`: the shape is borrowed from its throttling answer (awsJson `__type`,
 * the spelling of the message member, a `RequestId` member) so no protocol knowledge is needed here.
 */
export function defaultInternalErrorResponse(service: LocalService): LocalResponse {
  const template = service.throttlingResponse();
  const templateBody = parseObject(template.body);
  const errorName = internalErrorNames[service.name] ?? "InternalFailure";
  const requestId = randomUUID();
  const body: Record<string, unknown> = {};
  if ("__type" in templateBody) body.__type = errorName;
  body["message" in templateBody ? "message" : "Message"] = "An internal error occurred.";
  if ("RequestId" in templateBody) body.RequestId = requestId;
  return {
    status: 500,
    headers: {
      "content-type": template.headers?.["content-type"] ?? "application/json",
      "x-amzn-requestid": requestId,
      "x-amzn-errortype": errorName,
    },
    body: JSON.stringify(body),
  };
}

function parseObject(text: string | undefined): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text ?? "");
    return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
