import type { ResourceKind } from "./resource-kind.js";
import { compareText } from "./text.js";

/** The kinds a run knows, listed explicitly by the caller (nothing registers itself on import). */
export interface Registry {
  get(type: string): ResourceKind | undefined;
  readonly kinds: readonly ResourceKind[];
}

export function buildRegistry(kinds: readonly ResourceKind[]): Registry {
  const byType = new Map<string, ResourceKind>();
  for (const kind of kinds) {
    if (byType.has(kind.type)) throw new Error(`kind ${kind.type} is registered twice`);
    byType.set(kind.type, kind);
  }
  const sorted = [...byType.values()].sort((a, b) => compareText(a.type, b.type));
  return { get: (type) => byType.get(type), kinds: sorted };
}
