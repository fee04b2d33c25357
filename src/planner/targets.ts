import { formatAddress, type Address } from "../core/address.js";
import type { DesiredState } from "../core/desired.js";
import { ExitCodes, ExitError } from "../core/errors.js";
import { summarize, type Change, type Plan } from "../core/plan.js";
import { referencedNames, specsByName } from "./dependencies.js";
import { compareText } from "../core/text.js";

/**
 * Narrows a plan to the targeted resources and everything they depend on, transitively, as
 * Terraform's `-target` does. A target is a logical name or address from the file, or the name
 * or address of a delete the plan holds; a delete of something no longer in the file is kept only
 * when a target names it (and then so are the deletes of what hangs off it, which must go first).
 *
 * Narrowing the finished plan gives the same changes as planning only the kept resources: a
 * change is decided from its own resource and its dependencies, which are all kept.
 * Throws an ExitError (exit 1) naming every target that matches nothing.
 */
export function restrictToTargets(plan: Plan, desired: DesiredState, targets: readonly string[]): Plan {
  const byName = specsByName(desired);
  const nameOfAddress = new Map(desired.resources.map((spec) => [formatAddress(spec.type, spec.name), spec.name]));
  const desiredAddresses = new Set(nameOfAddress.keys());
  const orphanDeletes = plan.changes.filter((change) => change.action === "delete" && !desiredAddresses.has(change.address));

  const names = new Set<string>();
  const deletes = new Set<Address>();
  const unknown: string[] = [];
  for (const target of targets) {
    const name = byName.has(target) ? target : nameOfAddress.get(target);
    // A name in the file means that resource, never a same-named orphan of another kind.
    const orphans = orphanDeletes.filter((change) => change.address === target || (name === undefined && change.name === target));
    if (name !== undefined) names.add(name);
    for (const orphan of orphans) deletes.add(orphan.address);
    if (name === undefined && orphans.length === 0) unknown.push(target);
  }
  if (unknown.length > 0) throw unknownTargets(unknown, desired, orphanDeletes);

  const kept = new Set<Address>();
  for (const name of withDependencies(names, desired)) {
    const spec = byName.get(name)!;
    kept.add(formatAddress(spec.type, spec.name));
  }
  for (const address of withDependentDeletes(deletes, orphanDeletes)) kept.add(address);

  const changes: Change[] = plan.changes
    .filter((change) => kept.has(change.address))
    .map((change) => ({ ...change, dependsOn: change.dependsOn.filter((address) => kept.has(address)) }));
  return { ...plan, changes, summary: summarize(changes), targets: [...targets] };
}

/** The names plus every name they reference or list in `dependsOn`, transitively. */
function withDependencies(names: ReadonlySet<string>, desired: DesiredState): Set<string> {
  const byName = specsByName(desired);
  const result = new Set<string>();
  const pending = [...names];
  while (pending.length > 0) {
    const name = pending.pop()!;
    const spec = byName.get(name);
    if (spec === undefined || result.has(name)) continue;
    result.add(name);
    pending.push(...referencedNames(spec));
  }
  return result;
}

/** The targeted deletes plus every delete that depends on one of them, transitively. */
function withDependentDeletes(targeted: ReadonlySet<Address>, deletes: readonly Change[]): Set<Address> {
  const result = new Set(targeted);
  let isGrowing = true;
  while (isGrowing) {
    isGrowing = false;
    for (const change of deletes) {
      if (!result.has(change.address) && change.dependsOn.some((address) => result.has(address))) {
        result.add(change.address);
        isGrowing = true;
      }
    }
  }
  return result;
}

function unknownTargets(unknown: readonly string[], desired: DesiredState, orphanDeletes: readonly Change[]): ExitError {
  const known = [...desired.resources.map((spec) => spec.name), ...orphanDeletes.map((change) => change.address)].sort(compareText);
  const listed = unknown.map((target) => `"${target}"`).join(", ");
  const choices = known.length > 0 ? ` Targets can be: ${known.join(", ")}.` : "";
  return new ExitError(
    `--target ${listed} ${unknown.length === 1 ? "names" : "name"} no resource in ${desired.file} and no resource this plan deletes.${choices}`,
    ExitCodes.error,
  );
}
