import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConnectDirectoryCommand, DescribeDirectoriesCommand } from "@aws-sdk/client-directory-service";
import { afterEach, describe, expect, it } from "vitest";
import { createFaultDraw, faultKinds, mulberry32, type FaultKind, type FaultProfile } from "../../src/local-cloud/faults.js";
import { startLocalCloud } from "../../src/local-cloud/server.js";
import { directoryService } from "../../src/local-cloud/services/ds.js";
import { connectorInput, startDs, type DsHarness } from "./ds-harness.js";

let open: DsHarness[] = [];
let dirs: string[] = [];
afterEach(async () => {
  await Promise.all(open.map((h) => h.close()));
  open = [];
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

async function ds(faults?: FaultProfile, stateFile?: string): Promise<DsHarness> {
  const h = await startDs({ ...(faults ? { faults } : {}), ...(stateFile ? { stateFile } : {}) });
  open.push(h);
  return h;
}

function stateFile(): string {
  const dir = mkdtempSync(join(tmpdir(), "adstack-faults-"));
  dirs.push(dir);
  return join(dir, "state.json");
}

/** What the client saw: the AWS error name and status, or the network error code. */
async function outcomeOf(call: Promise<unknown>): Promise<{ name: string; message: string; status?: number; code?: string }> {
  try {
    await call;
    return { name: "ok", message: "" };
  } catch (error) {
    const e = error as { name: string; message: string; code?: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode, code: e.code };
  }
}

const describeDirectories = (h: DsHarness) => h.client.send(new DescribeDirectoriesCommand({}));

describe("the fault draw", () => {
  it("mulberry32 repeats its sequence for a seed and differs between seeds", () => {
    const take = (seed: number) => Array.from({ length: 50 }, mulberry32(seed));
    expect(take(7)).toEqual(take(7));
    expect(take(7)).not.toEqual(take(8));
    expect(take(7).every((n) => n >= 0 && n < 1)).toBe(true);
  });

  it("gives the same faults for the same seed, about `rate` of them, only of the kinds asked for", () => {
    const sequence = (profile: FaultProfile) => Array.from({ length: 2000 }, createFaultDraw(profile));
    const profile: FaultProfile = { rate: 0.3, seed: 42, kinds: ["reset", "lost"] };
    const faults = sequence(profile);
    expect(faults).toEqual(sequence(profile));
    expect(faults).not.toEqual(sequence({ ...profile, seed: 43 }));
    const faulted = faults.filter((f) => f !== undefined);
    expect(faulted.length / faults.length).toBeGreaterThan(0.25);
    expect(faulted.length / faults.length).toBeLessThan(0.35);
    expect(new Set(faulted)).toEqual(new Set(["reset", "lost"]));
    expect(new Set(sequence({ rate: 1 }))).toEqual(new Set(faultKinds));
    expect(sequence({ rate: 0 }).every((f) => f === undefined)).toBe(true);
  });
});

describe("faults over the wire", () => {
  it("faults the same calls the same way for the same seed, in arrival order", async () => {
    const profile: FaultProfile = { rate: 0.5, seed: 2024, kinds: ["throttle", "5xx", "reset"] };
    const run = async (faults: FaultProfile) => {
      const h = await ds(faults);
      const seen: string[] = [];
      for (let i = 0; i < 40; i += 1) {
        const { name, code } = await outcomeOf(describeDirectories(h));
        seen.push(code ?? name);
      }
      return { seen, stats: h.cloud.stats() };
    };
    const first = await run(profile);
    const second = await run(profile);
    expect(second.seen).toEqual(first.seen);
    expect(second.stats).toEqual(first.stats);

    const predicted = Array.from({ length: 40 }, createFaultDraw(profile));
    const expected = { throttle: "ClientException", "5xx": "ServiceException", reset: "ECONNRESET" } as Record<FaultKind, string>;
    expect(first.seen).toEqual(predicted.map((fault) => (fault ? expected[fault] : "ok")));
    expect(new Set(first.seen).size).toBe(4);
    expect(first.stats.calls["ds:DescribeDirectories"]).toBe(predicted.filter((f) => f === undefined).length);

    expect((await run({ ...profile, seed: 2025 })).seen).not.toEqual(first.seen);
  });

  it("throttle: the client gets the DS throttling error, and the service never sees the call", async () => {
    const h = await ds({ rate: 1, kinds: ["throttle"] });
    const seen = await outcomeOf(describeDirectories(h));
    const shape = JSON.parse(directoryService.throttlingResponse().body!) as { __type: string; Message: string };
    expect(seen).toMatchObject({ name: shape.__type, message: shape.Message, status: 400 });
    expect(h.cloud.stats()).toMatchObject({ calls: {}, throttled: 0, faults: { throttle: 1 }, requests: 1 });
  });

  it("5xx: the client gets DS's ServiceException with status 500", async () => {
    const h = await ds({ rate: 1, kinds: ["5xx"] });
    expect(await outcomeOf(describeDirectories(h))).toMatchObject({ name: "ServiceException", status: 500 });
    expect(h.cloud.stats()).toMatchObject({ calls: {}, faults: { "5xx": 1 } });
  });

  it("reset: the client gets a network error and the create never happened", async () => {
    const file = stateFile();
    const faulty = await ds({ rate: 1, kinds: ["reset"] }, file);
    const seen = await outcomeOf(faulty.client.send(new ConnectDirectoryCommand(connectorInput())));
    expect(seen.status).toBeUndefined();
    expect(seen.code).toBe("ECONNRESET");
    expect(faulty.cloud.stats()).toMatchObject({ calls: {}, faults: { reset: 1 } });
    const clean = await ds(undefined, file);
    expect((await describeDirectories(clean)).DirectoryDescriptions).toEqual([]);
  });

  it("lost: the client gets a network error although the directory was created", async () => {
    const file = stateFile();
    const faulty = await ds({ rate: 1, kinds: ["lost"] }, file);
    const seen = await outcomeOf(faulty.client.send(new ConnectDirectoryCommand(connectorInput())));
    expect(seen.status).toBeUndefined();
    expect(seen.code).toBe("ECONNRESET");
    expect(faulty.cloud.stats()).toMatchObject({ calls: { "ds:ConnectDirectory": 1 }, faults: { lost: 1 } });
    const clean = await ds(undefined, file);
    const { DirectoryDescriptions } = await describeDirectories(clean);
    expect(DirectoryDescriptions?.map((d) => d.Name)).toEqual([connectorInput().Name]);
  });

  it("slow: the answer arrives, late", async () => {
    const h = await ds({ rate: 1, kinds: ["slow"], slowMs: 300 });
    const started = performance.now();
    expect((await describeDirectories(h)).DirectoryDescriptions).toEqual([]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(h.cloud.stats()).toMatchObject({ calls: { "ds:DescribeDirectories": 1 }, faults: { slow: 1 } });
  });

  it("rate 0: no faults at all", async () => {
    const h = await ds({ rate: 0, seed: 5 });
    for (let i = 0; i < 30; i += 1) await describeDirectories(h);
    expect(h.cloud.stats()).toMatchObject({ calls: { "ds:DescribeDirectories": 30 }, faults: { throttle: 0, "5xx": 0, reset: 0, slow: 0, lost: 0 } });
  });

  it("never faults the /__local-cloud/ endpoints, nor counts them", async () => {
    const h = await ds({ rate: 1, kinds: ["reset"] });
    for (let i = 0; i < 5; i += 1) expect((await fetch(`${h.cloud.url}/__local-cloud/stats`)).status).toBe(200);
    expect((await fetch(`${h.cloud.url}/__local-cloud/stats/reset`, { method: "POST" })).status).toBe(200);
    expect(h.cloud.stats()).toMatchObject({ requests: 0, faults: { reset: 0 } });
  });

  it("refuses a profile with a bad rate or an unknown kind", async () => {
    await expect(startLocalCloud({ faults: { rate: 1.2 } })).rejects.toThrow(/rate must be a number from 0 to 1/);
    await expect(startLocalCloud({ faults: { rate: 0.5, kinds: ["boom" as FaultKind] } })).rejects.toThrow(/unknown fault kind "boom"/);
    await expect(startLocalCloud({ faults: { rate: 0.5, slowMs: 600_000 } })).rejects.toThrow(/slowMs must be from 0 to 60000/);
  });
});
