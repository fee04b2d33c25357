import { formatAddress } from "../../core/address.js";
import { findReferences } from "../../core/values.js";
import { ExitError } from "../../core/errors.js";
import { loadDesiredState } from "../../config/load.js";
import { renderGraph } from "../../render/mermaid.js";
import type { Output } from "../output.js";
import { loadRegistry, regionFromEnv } from "../session.js";

/** `adstack graph FILE --format mermaid|dot`: the dependency graph of the file, no AWS calls. */
export async function runGraph(
  file: string,
  flags: { format?: string },
  output: Output,
  env: Record<string, string | undefined>,
): Promise<number> {
  const format = flags.format ?? "mermaid";
  if (format !== "mermaid" && format !== "dot") {
    throw new ExitError(`--format must be mermaid or dot, not "${format}"`, 1);
  }
  const registry = await loadRegistry();
  const desired = await loadDesiredState(file, { registry, env, defaultRegion: regionFromEnv(env), readSecrets: false });
  const typeOf = new Map(desired.resources.map((r) => [r.name, r.type]));
  const nodes = desired.resources.map((resource) => {
    const names = new Set([...resource.dependsOn, ...findReferences(resource.properties).map((r) => r.resource)]);
    return {
      address: formatAddress(resource.type, resource.name),
      dependsOn: [...names].sort().map((name) => formatAddress(typeOf.get(name)!, name)),
    };
  });
  output.out(renderGraph(nodes, format));
  return 0;
}
