import { describe, expect, it } from "vitest";
import { resolveDesired, type OutputBook } from "../../src/applier/resolve.js";

const book: OutputBook = {
  outputs: new Map([["ds/microsoft-ad.aws-ad", { directoryId: "d-0123456789" }]]),
  addressOf: new Map([["aws-ad", "ds/microsoft-ad.aws-ad"]]),
};

describe("resolveDesired", () => {
  it("reveals secrets only at write-only paths and resolves references", () => {
    const revealed: string[] = [];
    const properties = resolveDesired(
      { directoryId: "${aws-ad.directoryId}", trustPassword: { env: "TRUST" }, tags: { env: "prod" } },
      book,
      (source) => {
        revealed.push(JSON.stringify(source));
        return "s3cret-value";
      },
      ["trustPassword"],
    );
    expect(properties).toEqual({ directoryId: "d-0123456789", trustPassword: "s3cret-value", tags: { env: "prod" } });
    expect(revealed).toEqual(['{"env":"TRUST"}']);
  });
});
