import { loadDesiredState } from "../../config/load.js";
import type { Output } from "../output.js";
import { loadRegistry, regionFromEnv } from "../session.js";

/** `adstack validate FILE`: every check that needs no AWS call. */
export async function runValidate(file: string, output: Output, env: Record<string, string | undefined>): Promise<number> {
  const registry = await loadRegistry();
  const desired = await loadDesiredState(file, { registry, env, defaultRegion: regionFromEnv(env) });
  const count = desired.resources.length;
  output.out(`${file}: valid (${count} resource${count === 1 ? "" : "s"} in stack ${desired.stack}).\n`);
  return 0;
}
