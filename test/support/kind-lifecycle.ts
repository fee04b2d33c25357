/** Driving one kind against a local cloud the way the applier does, for the kinds' own tests. */
import type { DesiredResource, KindContext, Live, ResourceKind } from "../../src/core/resource-kind.js";

/** Polls `read` until readiness leaves pending, as the applier does. */
export async function waitUntilSettled(kind: ResourceKind, ctx: KindContext, id: string, timeoutMs = 10_000): Promise<Live> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const live = await kind.read(ctx, id);
    if (!live) throw new Error(`${id} disappeared`);
    if (kind.readiness(live).state !== "pending" || Date.now() > deadline) return live;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Creates, waits until settled and completes the create as the applier does (`completeWhenReady`); the resource as read afterwards. */
export async function createReady(kind: ResourceKind, ctx: KindContext, want: DesiredResource): Promise<Live> {
  const created = await kind.create(ctx, want);
  await waitUntilSettled(kind, ctx, created.id);
  await kind.completeWhenReady?.(ctx, created.id, want);
  const live = await kind.read(ctx, created.id);
  if (!live) throw new Error(`${created.id} disappeared`);
  return live;
}
