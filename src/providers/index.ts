import { buildRegistry, type Registry } from "../core/registry.js";
import type { ResourceKind } from "../core/resource-kind.js";

/** Every resource kind adstack knows, listed explicitly. */
export const allKinds: readonly ResourceKind[] = [];

export function defaultRegistry(): Registry {
  return buildRegistry(allKinds);
}
