import { resolve } from "node:path";
import { defaultBurst } from "../../local-cloud/load.js";
import { defaultFaultSeed, faultKinds } from "../../local-cloud/faults.js";
import { startLocalCloud, type LocalCloudOptions, type LocalCloudStats } from "../../local-cloud/server.js";
import type { Output } from "../output.js";
import { localCloudOptionsFromFlags, type LocalCloudSetting } from "../local-cloud-env.js";
import { defaultLocalStateFile } from "../session.js";

/** The flags of `adstack local-cloud`; the load and fault ones arrive as typed, validated here. */
export type LocalCloudFlags = { port?: number; state?: string } & Partial<Record<LocalCloudSetting, string | number>>;

/** `adstack local-cloud`: the local AWS-compatible cloud as a standalone server, until interrupted. */
export async function runLocalCloud(flags: LocalCloudFlags, output: Output, env: Record<string, string | undefined>): Promise<number> {
  const { port, state, ...settings } = flags;
  const options = localCloudOptionsFromFlags(settings, env);
  const stateFile = resolve(state ?? defaultLocalStateFile);
  const cloud = await startLocalCloud({ ...options, port: port ?? 4566, stateFile });
  output.out(`adstack local cloud listening on ${cloud.url} (state: ${stateFile})\n`);
  output.out(`Point any AWS SDK at it with AWS_ENDPOINT_URL=${cloud.url}\n`);
  for (const line of describeProfile(options)) output.out(`${line}\n`);
  output.out(`Counts: GET ${cloud.url}/__local-cloud/stats, zero them with POST ${cloud.url}/__local-cloud/stats/reset\n`);
  await new Promise<void>((done) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      done();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  output.out(`${summarise(cloud.stats())}\n`);
  await cloud.close();
  return 0;
}

/** The load and fault settings in force, one line each, so a benchmark log says what it ran against. */
export function describeProfile(options: LocalCloudOptions): string[] {
  const lines: string[] = [];
  const { load, faults } = options;
  if (load?.latencyMs) lines.push(`Latency: ${load.latencyMs} ms added to every call`);
  if (load?.rateLimit !== undefined) {
    const burst = load.burst ?? defaultBurst(load.rateLimit);
    lines.push(`Rate limit: ${load.rateLimit} calls/s per service, bursts of ${burst}; excess calls are throttled`);
  }
  if (faults && faults.rate > 0) {
    const kinds = (faults.kinds ?? faultKinds).join(", ");
    lines.push(`Faults: ${Number((faults.rate * 100).toFixed(2))}% of calls (${kinds}), seed ${faults.seed ?? defaultFaultSeed}`);
  }
  return lines;
}

/** One line: what was served, throttled and injected. */
export function summarise(stats: LocalCloudStats): string {
  const served = Object.values(stats.calls).reduce((sum, n) => sum + n, 0);
  const injected = Object.entries(stats.faults).filter(([, n]) => n > 0);
  const faultText = injected.length === 0 ? "none" : injected.map(([kind, n]) => `${kind} ${n}`).join(", ");
  return `Served ${served} calls of ${stats.requests} requests; throttled ${stats.throttled}; faults injected: ${faultText}`;
}
