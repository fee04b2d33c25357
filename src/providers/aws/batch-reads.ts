/**
 * Batch reads by ID, shared by the services whose describe calls take a list of IDs: reads asked
 * for in the same turn of the event loop go out together, and a batch that fails as a whole
 * because one ID no longer exists is narrowed instead of split into one call per ID.
 */
import { ProviderError } from "../../core/errors.js";
import type { KindContext } from "../../core/resource-kind.js";

interface PendingBatch<V> {
  ids: Set<string>;
  result: Promise<Map<string, V>>;
}

/**
 * Collects the IDs asked for until the event loop turns, then loads them together. Nothing is
 * cached: a wait polling `read` must see fresh state. The pending batch lives in the run's
 * context (through `ctx.client`), never in a module global.
 */
export async function coalesce<V>(
  ctx: KindContext,
  batchName: string,
  id: string,
  loadMany: (ids: string[]) => Promise<Map<string, V>>,
): Promise<V | undefined> {
  const batcher = ctx.client(batchName, () => ({ pending: undefined as PendingBatch<V> | undefined }));
  if (!batcher.pending) {
    const ids = new Set<string>();
    const result = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      batcher.pending = undefined;
      return loadMany([...ids]);
    });
    batcher.pending = { ids, result };
  }
  batcher.pending.ids.add(id);
  return (await batcher.pending.result).get(id);
}

/**
 * Describes `ids` with calls that fail as a whole when any ID is unknown (NotFound): the ID the
 * message names is dropped, or else the batch is halved, so k missing IDs among n cost about
 * k·log2(n) extra calls rather than n. Missing IDs are simply absent from the result.
 */
export async function describeNarrowing<T>(ids: readonly string[], describe: (ids: string[]) => Promise<T[]>): Promise<T[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  try {
    return await describe(unique);
  } catch (error) {
    if (!(error instanceof ProviderError) || error.code !== "NotFound") throw error;
    if (unique.length === 1) return [];
    const named = unique.filter((id) => error.message.includes(id));
    if (named.length > 0) return describeNarrowing(unique.filter((id) => !named.includes(id)), describe);
    const half = Math.ceil(unique.length / 2);
    const [left, right] = await Promise.all([
      describeNarrowing(unique.slice(0, half), describe),
      describeNarrowing(unique.slice(half), describe),
    ]);
    return [...left, ...right];
  }
}
