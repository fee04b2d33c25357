import { formatAddress, type Address } from "../core/address.js";
import type { DesiredResourceSpec, DesiredState } from "../core/desired.js";
import { findReferences } from "../core/values.js";
import { Graph } from "../graph/graph.js";

/** Specs are never changed once loaded, and ordering, waves and every change ask for their names again. */
const namesOfSpec = new WeakMap<DesiredResourceSpec, readonly string[]>();

/** Names a desired resource needs first: those its properties reference, then its explicit `dependsOn`. */
export function referencedNames(spec: DesiredResourceSpec): readonly string[] {
  let sorted = namesOfSpec.get(spec);
  if (sorted === undefined) {
    const names = new Set([...findReferences(spec.properties).map((r) => r.resource), ...spec.dependsOn]);
    names.delete(spec.name);
    sorted = [...names].sort();
    namesOfSpec.set(spec, sorted);
  }
  return sorted;
}

/** Addresses a desired resource depends on (names that are not in the file are left out). */
export function dependencyAddresses(spec: DesiredResourceSpec, byName: ReadonlyMap<string, DesiredResourceSpec>): Address[] {
  return referencedNames(spec)
    .map((name) => byName.get(name))
    .filter((dep): dep is DesiredResourceSpec => dep !== undefined)
    .map((dep) => formatAddress(dep.type, dep.name))
    .sort();
}

/** The file's resources by logical name (names are unique in a file). */
export function specsByName(desired: DesiredState): Map<string, DesiredResourceSpec> {
  return new Map(desired.resources.map((spec) => [spec.name, spec]));
}

/** The file's resources, every one after those it depends on (ties by name). The loader has rejected cycles. */
export function dependencyOrder(desired: DesiredState): DesiredResourceSpec[] {
  const byName = specsByName(desired);
  const graph = new Graph();
  for (const spec of desired.resources) {
    graph.addNode(spec.name);
    for (const name of referencedNames(spec)) if (byName.has(name)) graph.addEdge(spec.name, name);
  }
  return graph.topologicalOrder().map((name) => byName.get(name)!);
}

/** The file's resources in waves: each wave depends only on earlier waves, so a wave can run in parallel. */
export function dependencyWaves(desired: DesiredState): DesiredResourceSpec[][] {
  const waveOf = new Map<string, number>();
  const waves: DesiredResourceSpec[][] = [];
  for (const spec of dependencyOrder(desired)) {
    const wave = Math.max(-1, ...referencedNames(spec).map((name) => waveOf.get(name) ?? -1)) + 1;
    waveOf.set(spec.name, wave);
    (waves[wave] ??= []).push(spec);
  }
  return waves;
}
