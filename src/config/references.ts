import type { SourcePosition } from "../core/desired.js";
import { isJsonObject, type JsonValue } from "../core/json.js";
import { joinPath, referencesInString } from "../core/values.js";
import { Graph } from "../graph/graph.js";
import { isAtOrBelow } from "../core/paths.js";
import type { Report, ResourceEntry } from "./resource-entry.js";
import { closestMatch, suggestionFor } from "./suggest.js";
import type { YamlSource } from "./yaml-source.js";

const KNOWN = "resources in this file";

/** `${` not starting a well-formed `${name.attribute}` and not escaped as `$${`. */
const MALFORMED = /(?<!\$)\$\{(?![A-Za-z0-9_-]+\.[A-Za-z][A-Za-z0-9_]*\})[^}\s]{0,60}\}?/g;

/** Every string in a value with its dotted path, skipping write-only paths (their text may be a secret). */
function stringsIn(value: JsonValue, skip: readonly string[], path = ""): Array<{ path: string; text: string }> {
  if (skip.some((s) => isAtOrBelow(path, s))) return [];
  if (typeof value === "string") return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringsIn(v, skip, joinPath(path, String(i))));
  if (isJsonObject(value)) return Object.entries(value).flatMap(([k, v]) => stringsIn(v, skip, joinPath(path, k)));
  return [];
}

/**
 * Checks every `${name.attribute}` reference and `dependsOn` entry, then reports each
 * dependency cycle spelled out (`a → b → a`) at the place that makes its first edge.
 */
export function checkDependencies(source: YamlSource, entries: readonly ResourceEntry[], report: Report): void {
  const byName = new Map(entries.map((e) => [e.name, e]));
  const names = entries.map((e) => e.name);
  const graph = new Graph();
  const edgeSites = new Map<string, SourcePosition>();
  const addEdge = (from: string, to: string, at: SourcePosition): void => {
    graph.addEdge(from, to);
    if (!edgeSites.has(`${from}\n${to}`)) edgeSites.set(`${from}\n${to}`, at);
  };

  for (const entry of entries) {
    graph.addNode(entry.name);
    // Without a kind the write-only paths are unknown, so any string could be a secret: not scanned.
    const strings = entry.kind ? stringsIn(entry.properties, entry.kind.writeOnly) : [];
    for (const { path, text } of strings) {
      const node = source.nodeAt(entry.propertiesNode, path);
      const at = (needle: string): SourcePosition => (node ? source.positionWithin(node, needle) : entry.propertiesPosition);
      for (const match of text.matchAll(MALFORMED)) {
        report(at(match[0]), `malformed reference "${match[0]}": write \${name.attribute}, or $\${ for a literal \${`);
      }
      for (const ref of referencesInString(text)) {
        const written = `\${${ref.resource}.${ref.attribute}}`;
        const problem = referenceProblem(entry, ref.resource, ref.attribute, byName.get(ref.resource), names);
        if (problem) report(at(written), `${written}: ${problem}`);
        else addEdge(entry.name, ref.resource, at(written));
      }
    }
    for (const { value: target, position } of entry.dependsOn) {
      if (target === entry.name) report(position, `dependsOn: "${target}" is this resource itself`);
      else if (!byName.has(target)) report(position, `dependsOn: no resource named "${target}"${suggestionFor(target, names, KNOWN)}`);
      else addEdge(entry.name, target, position);
    }
  }

  for (const cycle of graph.findCycles()) {
    const message = `dependency cycle: ${cycle.join(" → ")}; break it by removing a reference or dependsOn entry`;
    report(edgeSites.get(`${cycle[0]}\n${cycle[1]}`)!, message);
  }
}

function referenceProblem(
  entry: ResourceEntry,
  resource: string,
  attribute: string,
  target: ResourceEntry | undefined,
  names: readonly string[],
): string | undefined {
  if (resource === entry.name) return "a resource cannot refer to its own outputs";
  if (!target) return `no resource named "${resource}"${suggestionFor(resource, names, KNOWN)}`;
  if (target.ensure === "absent") return `"${resource}" is marked ensure: absent, so it has no outputs to refer to`;
  if (!target.kind) return undefined;
  const outputs = target.kind.outputs;
  if (outputs.includes(attribute)) return undefined;
  if (outputs.length === 0) return `${target.kind.type} has no outputs to refer to`;
  const closest = closestMatch(attribute, outputs);
  return `${target.kind.type} has no output "${attribute}"${closest ? `; did you mean "${closest}"?` : ""} (its outputs: ${outputs.join(", ")})`;
}
