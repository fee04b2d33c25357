import type { Plan } from "../core/plan.js";
import { renderPlanJson, type JsonRenderOptions, type PlanJson } from "../render/json.js";

/** The plan JSON as the CLI prints and saves it: `targets` is added when `--target` narrowed the plan. */
export type CliPlanJson = PlanJson & { targets?: string[] };

export function planToJson(plan: Plan, options: JsonRenderOptions = {}): CliPlanJson {
  const json: CliPlanJson = renderPlanJson(plan, options);
  if (plan.targets !== undefined) json.targets = [...plan.targets];
  return json;
}

/** The note a partial plan carries in text output, Terraform-style. */
export function targetNote(plan: Plan): string {
  if (plan.targets === undefined) return "";
  return (
    `Note: this plan is limited to --target ${plan.targets.join(", ")} and what ${plan.targets.length === 1 ? "it depends" : "they depend"} on; ` +
    `other resources in the file were not planned.\nRun plan without --target to see every change.\n\n`
  );
}
