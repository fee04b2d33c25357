import type { Change, FieldDiff, PriorState } from "../core/plan.js";
import { OWNER_NAME_TAG, OWNER_STACK_TAG, type Live } from "../core/resource-kind.js";

/**
 * The other stack that owns the live resource a change was matched to, if any. Such a change is
 * always a noop; the CLI uses this to warn that adstack left the resource alone.
 */
export function ownedByOtherStack(change: Pick<Change, "prior">, stack: string): string | undefined {
  const owner = change.prior?.owner;
  return owner !== undefined && owner.stack !== stack ? owner.stack : undefined;
}

/** Display reason on a noop whose live resource carries another stack's ownership tag. */
export function otherStackReason(otherStack: string): string {
  return `owned by stack '${otherStack}' (adstack:stack tag); adstack will not touch it`;
}

/** Display reason on an adoption: what was found, and under which tag if it was this stack's. */
export function adoptionReason(live: Live): string {
  return live.owner?.name === undefined
    ? `adopting untagged ${live.id} found by natural key`
    : `adopting ${live.id} found by natural key (tagged '${live.owner.name}' in this stack)`;
}

/**
 * The ownership tags an adoption writes, as changed fields under `tags`. The applier passes their
 * paths to `kind.update` with the rest, and a kind syncs its tags (the file's plus
 * `ctx.ownershipTags(name)`) whenever a path under `tags` changed.
 */
export function ownershipFields(live: Live, stack: string, name: string): FieldDiff[] {
  const field = (tag: string, before: string | undefined, after: string): FieldDiff =>
    before === undefined ? { path: `tags.${tag}`, after, isChanged: true } : { path: `tags.${tag}`, before, after, isChanged: true };
  const fields: FieldDiff[] = [];
  if (live.owner?.stack !== stack) fields.push(field(OWNER_STACK_TAG, live.owner?.stack, stack));
  if (live.owner?.name !== name) fields.push(field(OWNER_NAME_TAG, live.owner?.name, name));
  return fields;
}

/** The live object as a plan records it: a copy, so later reads cannot change the plan. */
export function priorOf(live: Live): PriorState {
  const prior: PriorState = { id: live.id, properties: structuredClone(live.properties), outputs: structuredClone(live.outputs) };
  if (live.owner) prior.owner = { ...live.owner };
  return prior;
}
