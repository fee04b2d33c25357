/**
 * A local cloud that records every request it serves, and the in-process plan and apply the
 * call-count tests run against it (no latency, no limits: the counts, not the timing, are tested).
 */
import { applyPlan } from "../../src/applier/apply.js";
import { loadDesiredStateFromText } from "../../src/config/load.js";
import { createKindContext } from "../../src/core/context.js";
import { hasChanges, type Plan } from "../../src/core/plan.js";
import type { KindContext } from "../../src/core/resource-kind.js";
import { startLocalCloud, type LocalCloud } from "../../src/local-cloud/server.js";
import { localServices } from "../../src/local-cloud/services/index.js";
import type { LocalService } from "../../src/local-cloud/types.js";
import { planChanges } from "../../src/planner/plan.js";
import { defaultRegistry } from "../../src/providers/index.js";

export interface CountingCloud {
  cloud: LocalCloud;
  /** Every request served since the last reset: `<service>:<Operation> <query> <body>`. */
  requests: string[];
  /** Calls by `<service>:<Operation>` since the last reset. */
  calls(): Record<string, number>;
  reset(): void;
  close(): Promise<void>;
}

export async function startCountingCloud(): Promise<CountingCloud> {
  const requests: string[] = [];
  const recording = localServices.map(
    (service): LocalService => ({
      ...service,
      handle(req, ctx) {
        requests.push(`${service.name}:${service.operationOf(req)} ${req.path}?${req.query.toString()} ${req.body}`);
        return service.handle(req, ctx);
      },
    }),
  );
  const cloud = await startLocalCloud({
    services: recording,
    settings: { createDelayMs: 0, deleteDelayMs: 0, limits: { connectedDirectories: 500, cloudOnlyMicrosoftAD: 500, workspacesDirectories: 500 } },
  });
  return {
    cloud,
    requests,
    calls: () => cloud.stats().calls,
    reset() {
      requests.length = 0;
      cloud.resetStats();
    },
    close: () => cloud.close(),
  };
}

/** A fresh context, as one command run gets. */
export function contextFor(cloud: LocalCloud, stack: string): KindContext {
  return createKindContext({
    stack,
    aws: { region: "us-east-1", endpoint: cloud.url, credentials: { accessKeyId: "AKIDPERF", secretAccessKey: "perf" } },
  });
}

export async function planFor(cloud: LocalCloud, yaml: string, env: Record<string, string>): Promise<Plan> {
  const registry = defaultRegistry();
  const desired = loadDesiredStateFromText(yaml, "stack.yaml", { registry, env });
  return planChanges({ desired, registry, ctx: contextFor(cloud, desired.stack) });
}

/** Plans and applies the file, as `adstack apply --auto-approve` does; throws unless every step is done. */
export async function deploy(cloud: LocalCloud, yaml: string, env: Record<string, string>): Promise<void> {
  const registry = defaultRegistry();
  const desired = loadDesiredStateFromText(yaml, "stack.yaml", { registry, env });
  const ctx = contextFor(cloud, desired.stack);
  const plan = await planChanges({ desired, registry, ctx });
  if (!hasChanges(plan)) return;
  const result = await applyPlan(plan, { registry, ctx, parallelism: 100, reporter: () => {}, resolveSecret: (s) => ("env" in s ? env[s.env] : "") ?? "" });
  if (result.failed > 0 || result.skipped > 0) throw new Error(`apply failed: ${JSON.stringify(result.failures)}`);
}

/** Requests made more than once, with their counts. */
export function repeated(requests: readonly string[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const request of requests) counts.set(request, (counts.get(request) ?? 0) + 1);
  return Object.fromEntries([...counts].filter(([, n]) => n > 1));
}
