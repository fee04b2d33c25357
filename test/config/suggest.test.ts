import { describe, expect, it } from "vitest";
import { closestMatch, editDistance, suggestionFor } from "../../src/config/suggest.js";

describe("suggestions", () => {
  it("counts edits, a swapped pair once", () => {
    expect(editDistance("vpcId", "vpcId")).toBe(0);
    expect(editDistance("vpcid", "vpcId")).toBe(1);
    expect(editDistance("shrotName", "shortName")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
  });

  it("picks a close candidate, preferring a match that differs only in case", () => {
    expect(closestMatch("SIZE", ["side", "size"])).toBe("size");
    expect(closestMatch("ds/ad-conector", ["ds/ad-connector", "ds/trust"])).toBe("ds/ad-connector");
    expect(closestMatch("colour", ["name", "size"])).toBeUndefined();
  });

  it("words the hint, or lists the candidates when none is close", () => {
    expect(suggestionFor("resource", ["stack", "resources"], "allowed keys")).toBe('; did you mean "resources"?');
    expect(suggestionFor("foo", ["stack", "region"], "allowed keys")).toBe("; allowed keys: stack, region");
    expect(suggestionFor("foo", [], "allowed keys")).toBe("");
  });
});
