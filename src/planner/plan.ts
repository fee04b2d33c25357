import type { DesiredState } from "../core/desired.js";
import type { Plan } from "../core/plan.js";
import type { Registry } from "../core/registry.js";
import type { KindContext } from "../core/resource-kind.js";
import { assemblePlan } from "./assemble.js";
import { refreshLive } from "./refresh.js";

export { assemblePlan } from "./assemble.js";
export type { LiveMatch, MatchedBy, RefreshResult } from "./refresh.js";

/** What `planChanges` needs: the loaded file, the kinds, and one run's context. */
export interface PlanInput {
  desired: DesiredState;
  registry: Registry;
  ctx: KindContext;
  /** `destroy` deletes everything the stack owns, whatever the file says. Default `apply`. */
  mode?: "apply" | "destroy";
}

/**
 * Plans the changes that make live match the file: refresh (the only I/O), then the pure diff
 * and assembly. Secrets are never resolved here; the plan holds the file's secret sources only.
 */
export async function planChanges(input: PlanInput): Promise<Plan> {
  const mode = input.mode ?? "apply";
  const live = await refreshLive(input.desired, input.registry, input.ctx, { find: mode === "apply" });
  return assemblePlan(input.desired, input.registry, live, mode);
}
