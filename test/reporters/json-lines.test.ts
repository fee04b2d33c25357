import { describe, expect, it } from "vitest";
import { createJsonLinesReporter } from "../../src/cli/reporters/json-lines.js";
import { failedApply } from "./events.js";

describe("createJsonLinesReporter", () => {
  it("writes one JSON object per event and line", () => {
    const lines: string[] = [];
    const report = createJsonLinesReporter((line) => lines.push(line));
    for (const event of failedApply) report(event);
    expect(lines).toHaveLength(failedApply.length);
    expect(lines.every((line) => !line.includes("\n"))).toBe(true);
    expect(lines.map((line) => JSON.parse(line))).toEqual(failedApply);
    expect(lines[3]).toBe(
      '{"type":"step_finished","address":"ds/trust.x","operation":"create","outcome":"failed","elapsedMs":3200,"message":"stage Failed: Connectivity issues detected"}',
    );
  });
});
