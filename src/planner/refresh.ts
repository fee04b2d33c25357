import type { DesiredResourceSpec, DesiredState } from "../core/desired.js";
import { InternalError } from "../core/errors.js";
import type { JsonObject, JsonValue } from "../core/json.js";
import type { Registry } from "../core/registry.js";
import type { KindContext, Live, ResourceKind } from "../core/resource-kind.js";
import { containsUnknown, resolveReferences, UNKNOWN, type Reference, type Unknown } from "../core/values.js";
import { dependencyWaves } from "./dependencies.js";
import { withoutPaths } from "../core/paths.js";

/** How a desired resource was paired with a live one. */
export type MatchedBy =
  /** Its `adstack:stack`/`adstack:name` tags name it. */
  | "owner"
  /** An untaggable child listed under an owned parent with the same natural key. */
  | "naturalKey"
  /** `kind.find` looked it up: untagged (adoption), or tagged by another stack. */
  | "find";

/** A desired resource's live counterpart and how it was found. */
export interface LiveMatch {
  live: Live;
  matchedBy: MatchedBy;
}

/** Everything planning learns from AWS: the only input to the pure part that is not the file. */
export interface RefreshResult {
  /** What each registered kind listed as belonging to the stack, by type. */
  listed: Record<string, Live[]>;
  /** The live counterpart of each desired resource that has one, by logical name. */
  matches: Record<string, LiveMatch>;
}

/** Knobs for `refreshLive`. */
export interface RefreshOptions {
  /**
   * Call `kind.find` for desired resources nothing listed matches (default true). A destroy only
   * needs what the stack owns, so it skips these reads.
   */
  find?: boolean;
}

/**
 * Reads what the stack owns and pairs it with the file. Every registered kind is listed once (in
 * parallel), so resources removed from the file are still found for deletion. A desired resource
 * is matched by its ownership tags, else by natural key among listed untaggable children, else by
 * `kind.find` — the last two only when its properties resolve without unknowns, using the
 * outputs of resources matched earlier (dependencies are looked up first). Secret sources are
 * never resolved here: write-only paths are stripped before any lookup.
 */
export async function refreshLive(
  desired: DesiredState,
  registry: Registry,
  ctx: KindContext,
  options: RefreshOptions = {},
): Promise<RefreshResult> {
  const listedPairs = await Promise.all(registry.kinds.map(async (kind) => [kind.type, await kind.list(ctx)] as const));
  const listed: Record<string, Live[]> = Object.fromEntries(listedPairs);
  const matches: Record<string, LiveMatch> = {};
  const claimed = new Set<string>();
  const claim = (spec: DesiredResourceSpec, match: LiveMatch): void => {
    matches[spec.name] = match;
    claimed.add(liveKey(spec.type, match.live.id));
  };

  for (const spec of desired.resources) {
    const owned = (listed[spec.type] ?? []).find((live) => live.owner?.stack === ctx.stack && live.owner.name === spec.name);
    if (owned) claim(spec, { live: owned, matchedBy: "owner" });
  }

  const outputOf = (ref: Reference): JsonValue | Unknown => matches[ref.resource]?.live.outputs[ref.attribute] ?? UNKNOWN;
  for (const wave of dependencyWaves(desired)) {
    const pending = wave.filter((spec) => matches[spec.name] === undefined);
    await Promise.all(
      pending.map(async (spec) => {
        const kind = kindOf(registry, spec.type);
        const properties = resolveForLookup(spec, kind, outputOf);
        if (properties === undefined) return;
        const key = kind.naturalKey?.(properties);
        const child =
          key === undefined
            ? undefined
            : (listed[spec.type] ?? []).find(
                (live) => live.owner?.name === undefined && !claimed.has(liveKey(spec.type, live.id)) && kind.naturalKey?.(live.properties) === key,
              );
        if (child) return claim(spec, { live: child, matchedBy: "naturalKey" });
        if (options.find === false) return;
        const found = await kind.find(ctx, { name: spec.name, properties });
        // Checked after the await: a resource found for two names goes to the first to ask.
        if (found && !claimed.has(liveKey(spec.type, found.id))) claim(spec, { live: found, matchedBy: "find" });
      }),
    );
  }
  await listUnderAdopted(desired, registry, ctx, matches, listed);
  return { listed, matches };
}

/**
 * An untagged parent the plan adopts is the stack's once applied, and so are its untaggable
 * children: they are listed now, so that this plan (not the one after it) shows what becomes of
 * the ones the file does not name.
 */
async function listUnderAdopted(
  desired: DesiredState,
  registry: Registry,
  ctx: KindContext,
  matches: Record<string, LiveMatch>,
  listed: Record<string, Live[]>,
): Promise<void> {
  const adopted = desired.resources
    .filter((spec) => matches[spec.name]?.matchedBy === "find" && matches[spec.name].live.owner === undefined)
    .map((spec) => ({ type: spec.type, id: matches[spec.name].live.id }));
  if (adopted.length === 0) return;
  await Promise.all(
    registry.kinds.map(async (kind) => {
      if (!kind.listUnder) return;
      const known = new Set((listed[kind.type] ?? []).map((live) => live.id));
      const children = (await kind.listUnder(ctx, adopted)).filter((live) => !known.has(live.id));
      listed[kind.type] = [...(listed[kind.type] ?? []), ...children];
    }),
  );
}

/** Properties fit for a lookup: references resolved, write-only paths removed; undefined while anything is unknown. */
function resolveForLookup(
  spec: DesiredResourceSpec,
  kind: ResourceKind,
  outputOf: (ref: Reference) => JsonValue | Unknown,
): JsonObject | undefined {
  const resolved = resolveReferences(withoutPaths(spec.properties, kind.writeOnly), outputOf);
  return containsUnknown(resolved) ? undefined : (resolved as JsonObject);
}

/** The registered kind for a type; the file was validated, so a miss is a bug. */
export function kindOf(registry: Registry, type: string): ResourceKind {
  const kind = registry.get(type);
  if (!kind) throw new InternalError(`no kind registered for ${type}, yet the file passed validation; please report this`);
  return kind;
}

/** Identifies a live resource across kinds (ids are only unique within a kind). */
export function liveKey(type: string, id: string): string {
  return `${type}\u0000${id}`;
}
