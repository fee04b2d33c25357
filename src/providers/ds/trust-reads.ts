/**
 * Fresh reads of trusts by ID. The trusts of a stack are created and waited on together, so reads
 * asked for in the same turn of the event loop share one DescribeTrusts call (narrowed when a
 * trust in the batch no longer exists), instead of one call per trust per poll.
 */
import type { Trust } from "@aws-sdk/client-directory-service";
import type { KindContext } from "../../core/resource-kind.js";
import { coalesce, describeNarrowing } from "../aws/batch-reads.js";
import { dsCall } from "./client.js";

export function readTrust(ctx: KindContext, trustId: string): Promise<Trust | undefined> {
  return coalesce(ctx, "ds:trust-read-batch", trustId, (ids) => describeTrustsByIds(ctx, ids));
}

async function describeTrustsByIds(ctx: KindContext, ids: readonly string[]): Promise<Map<string, Trust>> {
  const trusts = await describeNarrowing(ids, async (batch) => {
    const found: Trust[] = [];
    let NextToken: string | undefined;
    do {
      const page = await dsCall(ctx, "DescribeTrusts", { TrustIds: batch, NextToken });
      found.push(...(page.Trusts ?? []));
      NextToken = page.NextToken;
    } while (NextToken);
    return found;
  });
  return new Map(trusts.filter((t) => t.TrustId).map((t) => [t.TrustId!, t]));
}
