import { loadDesiredState } from "../../config/load.js";
import { actionsFor, buildPolicyDocument, type PolicyPurpose } from "../../providers/iam-policy.js";
import type { Output } from "../output.js";
import { loadRegistry, regionFromEnv } from "../session.js";

/**
 * `adstack iam-policy FILE --for plan|apply`: the least-privilege IAM policy for running that
 * command on that stack, as JSON. Derived from the kinds the file uses; no AWS call.
 */
export async function runIamPolicy(
  file: string,
  flags: { for: PolicyPurpose },
  output: Output,
  env: Record<string, string | undefined>,
): Promise<number> {
  const registry = await loadRegistry();
  const desired = await loadDesiredState(file, { registry, env, defaultRegion: regionFromEnv(env), readSecrets: false });
  const fileKinds = [...new Set(desired.resources.map((resource) => resource.type))];
  const actions = actionsFor(fileKinds, registry.kinds.map((kind) => kind.type), flags.for);
  output.out(`${JSON.stringify(buildPolicyDocument(actions, desired.region), null, 2)}\n`);
  return 0;
}
