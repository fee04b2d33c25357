import { describe, expect, it } from "vitest";
import { createJsonLinesReporter } from "../../src/cli/reporters/json-lines.js";
import { failedApply, interruptedApply } from "./events.js";

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

  it("streams an interrupted step with its own outcome and counts it apart in the summary", () => {
    const lines: string[] = [];
    const report = createJsonLinesReporter((line) => lines.push(line));
    for (const event of interruptedApply) report(event);
    expect(lines[5]).toBe(
      '{"type":"step_finished","address":"ds/microsoft-ad.forest","operation":"create","outcome":"interrupted","elapsedMs":12000,"id":"d-0123456789","message":"the resource exists and the next apply will continue"}',
    );
    expect(lines.at(-1)).toBe('{"type":"summary","done":1,"failed":0,"interruptedSteps":1,"skipped":2,"notStarted":2,"interrupted":true}');
  });
});
