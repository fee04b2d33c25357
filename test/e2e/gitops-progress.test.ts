import { describe, expect, it } from "vitest";
import { expectCleanExit, expectNoSecrets } from "../support/cli-expectations.js";
import { directoryServiceWorkspace, expectNoChanges } from "./stack-fixtures.js";

interface Event {
  type: string;
  address?: string;
  operation?: string;
  outcome?: string;
}

const ADDRESSES = ["ds/ad-connector.corp", "ds/microsoft-ad.aws-ad", "ds/trust.forest-trust"];

/** Every stdout line as an event; fails on a line that is not one JSON object. */
function eventsOf(stdout: string): Event[] {
  const lines = stdout.trimEnd().split("\n");
  for (const line of lines) expect(line, "every stdout line is a JSON object").toMatch(/^\{.*\}$/);
  return lines.map((line) => JSON.parse(line) as Event);
}

describe("apply progress from the CLI", () => {
  it("with --json is nothing but NDJSON events: plan, each step started and finished, then summary", async () => {
    const ws = directoryServiceWorkspace();
    const applied = await ws.cli("apply", ws.file, "--auto-approve", "--json");
    expectCleanExit(applied, 0);
    const events = eventsOf(applied.stdout);
    expect(events[0]).toMatchObject({ type: "plan", summary: { create: 3 } });
    expect(events.at(-1)).toEqual({ type: "summary", done: 3, failed: 0, interruptedSteps: 0, skipped: 0, notStarted: 0, interrupted: false });
    for (const address of ADDRESSES) {
      const own = events.filter((event) => event.address === address && event.type !== "step_progress");
      expect(own.map((event) => [event.type, event.operation, event.outcome])).toEqual([
        ["step_started", "create", undefined],
        ["step_finished", "create", "done"],
      ]);
    }
    // The trust references the managed AD, so it starts only after the AD finished.
    const index = (type: string, address: string) => events.findIndex((event) => event.type === type && event.address === address);
    expect(index("step_started", "ds/trust.forest-trust")).toBeGreaterThan(index("step_finished", "ds/microsoft-ad.aws-ad"));
    expectNoSecrets(applied);
    await expectNoChanges(ws);
  });

  it("with --json streams a saved plan's apply the same way", async () => {
    const ws = directoryServiceWorkspace();
    expect((await ws.cli("plan", ws.file, "--out", "saved.plan")).code).toBe(0);
    const applied = await ws.cli("apply", "saved.plan", "--json");
    expectCleanExit(applied, 0);
    const events = eventsOf(applied.stdout);
    expect(events[0]?.type).toBe("plan");
    expect(events.at(-1)).toMatchObject({ type: "summary", done: 3, interrupted: false });
    const finished = events.filter((event) => event.type === "step_finished");
    expect(finished.map((event) => event.address).sort()).toEqual(ADDRESSES);
    expect(finished.every((event) => event.outcome === "done")).toBe(true);
    expect(events.filter((event) => event.type === "step_started")).toHaveLength(3);
  });

  it("without a terminal prints one plain line per start and completion, no cursor codes", async () => {
    const ws = directoryServiceWorkspace();
    const applied = await ws.cli("apply", ws.file, "--auto-approve");
    expectCleanExit(applied, 0);
    expect(applied.stdout).not.toContain("\u001b");
    expect(applied.stdout).not.toContain("In progress");
    for (const address of ADDRESSES) {
      expect(applied.stdout).toContain(`${address}: Creating...\n`);
      expect(applied.stdout).toMatch(new RegExp(`^${address.replace(".", "\\.")}: Creation complete after \\d+s \\[id=[a-z]-[0-9a-f]{10}\\]$`, "m"));
    }
    expect(applied.stdout).toContain("Apply complete! Resources: 3 added, 0 changed, 0 destroyed.");
  });
});
