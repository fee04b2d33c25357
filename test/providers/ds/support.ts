import { createKindContext } from "../../../src/core/context.js";
import type { JsonObject } from "../../../src/core/json.js";
import type { DesiredResource, KindContext, Live, ResourceKind } from "../../../src/core/resource-kind.js";
import { startLocalCloud, type LocalCloud } from "../../../src/local-cloud/server.js";
import type { LocalService } from "../../../src/local-cloud/types.js";
export { createReady, waitUntilSettled } from "../../support/kind-lifecycle.js";

export const SUBNETS = ["subnet-0a000000", "subnet-0b000000"];
export const VPC = "vpc-0123456789abcdef0";

export async function startCloud(services?: readonly LocalService[]): Promise<LocalCloud> {
  return startLocalCloud({ settings: { createDelayMs: 50, deleteDelayMs: 20 }, ...(services ? { services } : {}) });
}

/** A fresh context, as one command run gets: its own client and memoised reads. */
export function contextFor(cloud: LocalCloud, stack = "test"): KindContext {
  return createKindContext({
    stack,
    aws: { region: "us-east-1", endpoint: cloud.url, credentials: { accessKeyId: "AKIDLOCAL", secretAccessKey: "local" } },
  });
}

export function desired(name: string, properties: JsonObject): DesiredResource {
  return { name, properties };
}

/** The desired properties the way live can show them: write-only and input-only paths removed, then normalised. */
export function readable(kind: ResourceKind, properties: JsonObject): JsonObject {
  const copy = structuredClone(properties);
  for (const path of [...kind.writeOnly, ...(kind.inputOnly ?? [])]) {
    const keys = path.split(".");
    let node: JsonObject | undefined = copy;
    for (const key of keys.slice(0, -1)) node = node?.[key] as JsonObject | undefined;
    if (node) delete node[keys[keys.length - 1]];
  }
  return kind.normalize ? kind.normalize(copy) : copy;
}


export function callsOf(cloud: LocalCloud, operation: string): number {
  return cloud.stats().calls[`ds:${operation}`] ?? 0;
}

/** A DS service that answers the first `count` calls of `operation` with its throttling error. */
export function throttling(service: LocalService, operation: string, count: number): LocalService & { throttled: number } {
  const wrapper = {
    ...service,
    throttled: 0,
    handle(req: Parameters<LocalService["handle"]>[0], ctx: Parameters<LocalService["handle"]>[1]) {
      if (service.operationOf(req) === operation && wrapper.throttled < count) {
        wrapper.throttled += 1;
        return service.throttlingResponse();
      }
      return service.handle(req, ctx);
    },
  };
  return wrapper;
}
