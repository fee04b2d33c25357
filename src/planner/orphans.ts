import { formatAddress, type Address } from "../core/address.js";
import type { Change } from "../core/plan.js";
import type { DesiredState } from "../core/desired.js";
import type { Registry } from "../core/registry.js";
import type { Live, ResourceKind } from "../core/resource-kind.js";
import { removalAttributes } from "./diff.js";
import { priorOf } from "./ownership.js";
import { getAtPath } from "../core/paths.js";
import { kindOf, liveKey, type RefreshResult } from "./refresh.js";
import { compareText } from "../core/text.js";

/** Display reason on a delete of an owned resource the file no longer lists. */
export const NOT_IN_FILE_REASON = "because it is not in the file";

/** A live resource the plan deletes, with the logical name it is known by (if any). */
interface Doomed {
  kind: ResourceKind;
  live: Live;
  /** Desired name when the file still lists it (destroy mode), else its ownership tag. */
  name?: string;
  /** Whether `name` is a resource in the file, whose declared dependencies then apply. */
  isInFile: boolean;
  reasons: string[];
}

/**
 * Delete changes for what the stack owns but the file no longer lists (or, in destroy mode, for
 * everything it owns). Untaggable children count as owned when their kind listed them with
 * `owner.stack` set, which kinds do only under parents the stack owns. `taken` holds addresses
 * already used by the file's resources; `dependsOnOf` gives the file's dependencies for a name.
 */
export function planOrphanDeletes(input: {
  desired: DesiredState;
  registry: Registry;
  live: RefreshResult;
  mode: "apply" | "destroy";
  taken: ReadonlySet<Address>;
  dependsOnOf: (name: string) => Address[];
}): Change[] {
  const { desired, live, mode } = input;
  const addressOfLive = new Map<string, Address>();
  const nameOfMatched = new Map<string, string>();
  const knownLives: Array<{ type: string; live: Live }> = [];
  for (const spec of desired.resources) {
    const match = live.matches[spec.name];
    if (!match) continue;
    nameOfMatched.set(liveKey(spec.type, match.live.id), spec.name);
    addressOfLive.set(liveKey(spec.type, match.live.id), formatAddress(spec.type, spec.name));
    knownLives.push({ type: spec.type, live: match.live });
  }

  const doomed: Doomed[] = [];
  for (const type of Object.keys(live.listed).sort(compareText)) {
    const kind = kindOf(input.registry, type);
    for (const item of live.listed[type]) {
      knownLives.push({ type, live: item });
      const matchedName = nameOfMatched.get(liveKey(type, item.id));
      if (item.owner?.stack !== desired.stack || (mode === "apply" && matchedName !== undefined)) continue;
      doomed.push({ kind, live: item, name: matchedName ?? item.owner.name, isInFile: matchedName !== undefined, reasons: mode === "apply" ? [NOT_IN_FILE_REASON] : [] });
    }
  }

  const taken = new Set(input.taken);
  const addressed = doomed.map((entry) => {
    const address = uniqueAddress(entry, taken);
    taken.add(address);
    addressOfLive.set(liveKey(entry.kind.type, entry.live.id), address);
    return { entry, address };
  });

  return addressed.map(({ entry, address }) => {
    const inferred = inferParents(entry, knownLives, addressOfLive);
    const declared = entry.isInFile && entry.name !== undefined ? input.dependsOnOf(entry.name) : [];
    return {
      address,
      type: entry.kind.type,
      name: address.slice(entry.kind.type.length + 1),
      action: "delete",
      attributes: removalAttributes(entry.live.properties),
      replacePaths: [],
      reasons: entry.reasons,
      dependsOn: [...new Set([...declared, ...inferred])].filter((a) => a !== address).sort(compareText),
      prior: priorOf(entry.live),
    } satisfies Change;
  });
}

/**
 * Addresses of the live resources this one hangs off: those whose id or an output equals the
 * value at one of the kind's `parentPaths`, among everything the refresh saw.
 */
function inferParents(entry: Doomed, knownLives: ReadonlyArray<{ type: string; live: Live }>, addressOfLive: ReadonlyMap<string, Address>): Address[] {
  const values = (entry.kind.parentPaths ?? []).flatMap((path) => {
    const value = getAtPath(entry.live.properties, path);
    return Array.isArray(value) ? value.filter((v) => typeof v === "string") : typeof value === "string" ? [value] : [];
  });
  if (values.length === 0) return [];
  return knownLives
    .filter(({ live }) => live.id !== entry.live.id && values.some((v) => v === live.id || Object.values(live.outputs).includes(v)))
    .map(({ type, live }) => addressOfLive.get(liveKey(type, live.id)))
    .filter((address): address is Address => address !== undefined);
}

/** The logical name, else the id made address-safe; a clash gets the id appended. */
function uniqueAddress(entry: Doomed, taken: ReadonlySet<Address>): Address {
  const safeId = entry.live.id.replace(/[^A-Za-z0-9_-]+/g, "_");
  const preferred = formatAddress(entry.kind.type, entry.name ?? safeId);
  return taken.has(preferred) ? formatAddress(entry.kind.type, `${entry.name ?? "orphan"}~${safeId}`) : preferred;
}
