import { describe, expect, it } from "vitest";
import { pcaService } from "../../../src/local-cloud/services/pca.js";
import type { LocalRequest, LocalService } from "../../../src/local-cloud/types.js";
import { pcaDirectoryRegistration as kind } from "../../../src/providers/pca/directory-registration.js";
import { harnessStarter } from "./pca-harness.js";

/**
 * Answers listings in pages of at most `size`, as the service may whatever MaxResults asks for,
 * and keeps the MaxResults each listing asked for.
 */
function smallPages(size: number, asked: string[]): LocalService {
  return {
    ...pcaService,
    handle: (req: LocalRequest, ctx) => {
      const maxResults = req.query.get("MaxResults");
      if (maxResults !== null) {
        asked.push(maxResults);
        req.query.set("MaxResults", String(Math.min(Number(maxResults), size)));
      }
      return pcaService.handle(req, ctx);
    },
  };
}

const startHarness = harnessStarter();

describe("PCA listings", () => {
  it("ask for the largest pages and follow NextToken to the last one", async () => {
    const asked: string[] = [];
    const harness = await startHarness([smallPages(2, asked)]);
    const ctx = harness.context();
    const directoryIds = ["d-0000000001", "d-0000000002", "d-0000000003", "d-0000000004", "d-0000000005"];
    const created = await Promise.all(
      directoryIds.map((directoryId, i) => kind.create(ctx, { name: `registration-${i}`, properties: { directoryId } })),
    );

    harness.cloud.resetStats();
    asked.length = 0;
    const listed = await kind.list(harness.context());
    expect(listed.map((live) => live.id).sort()).toEqual(created.map((live) => live.id).sort());
    expect(harness.cloud.stats().calls["pca-connector-ad:ListDirectoryRegistrations"]).toBe(3);
    expect(asked).toEqual(["1000", "1000", "1000"]);
  });
});
