import type { LocalCloudOptions } from "../local-cloud/server.js";

function numberFrom(env: Record<string, string | undefined>, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === "") return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
  return value;
}

/** Local cloud settings from `ADSTACK_LOCAL_*`, so any `--local` run can be slowed down or sped up. */
export function localCloudOptionsFromEnv(env: Record<string, string | undefined>): LocalCloudOptions {
  const createDelayMs = numberFrom(env, "ADSTACK_LOCAL_CREATE_DELAY_MS");
  const deleteDelayMs = numberFrom(env, "ADSTACK_LOCAL_DELETE_DELAY_MS");
  return {
    settings: {
      ...(createDelayMs !== undefined ? { createDelayMs } : {}),
      ...(deleteDelayMs !== undefined ? { deleteDelayMs } : {}),
    },
  };
}
