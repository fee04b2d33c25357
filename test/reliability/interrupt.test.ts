/**
 * SIGKILL at random moments of an apply, and SIGINT or SIGTERM in the middle of one. Nothing is
 * kept on the client, so the next apply must converge from whatever the kill left, without a
 * duplicate; SIGINT and SIGTERM must stop new steps, let the ones in flight reach a safe point, say
 * what was done, and exit 130.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../src/local-cloud/faults.js";
import { runCli, scratchDir } from "../support/cli.js";
import { findDuplicates, liveResources, readCloudState, resourcesOf } from "./support/cloud-state.js";
import { fastCloudEnv } from "./support/converge.js";
import { crashSeeds, eachLimited, firstSeed, isDeep, record } from "./support/depth.js";
import { spawnCli } from "./support/spawn.js";
import { stressResourceCount, stressStackYaml, type StressShape } from "./support/stress-stack.js";
import { compressedTimeEnv } from "./support/time.js";

const local = ["--local", "--local-state", "cloud.json"];
const shape: StressShape = isDeep ? { cells: 2, forests: 1 } : { cells: 1, forests: 1 };
const resources = stressResourceCount(shape);

function workspace(stack: string) {
  const dir = scratchDir();
  const file = join(dir, "stack.yaml");
  writeFileSync(file, stressStackYaml(stack, shape));
  return { dir, file, state: join(dir, "cloud.json") };
}

/** Applies until a plan is empty; the number of applies it took, or undefined after `max`. */
async function converge(ws: { dir: string; file: string }, env: Record<string, string>, max = 3): Promise<number | undefined> {
  for (let applies = 1; applies <= max; applies++) {
    await runCli(["apply", ws.file, ...local, "--auto-approve"], { cwd: ws.dir, env });
    const plan = await runCli(["plan", ws.file, ...local, "--detailed-exitcode"], { cwd: ws.dir, env });
    if (plan.code === 0) return applies;
  }
  return undefined;
}

describe("an apply killed with SIGKILL", () => {
  const seeds = Array.from({ length: crashSeeds }, (_, i) => firstSeed + i);
  it(`is carried on by the next apply without duplicates (kill points of seeds ${seeds.join(", ")})`, { timeout: 30_000 + crashSeeds * 20_000 }, async () => {
    const env = { ...fastCloudEnv, ...compressedTimeEnv(0.1) };
    let killedMidApply = 0;
    await eachLimited(seeds, 2, async (seed) => {
      const ws = workspace(`crash-${seed}`);
      const random = mulberry32(seed);
      const run = spawnCli(["apply", ws.file, ...local, "--auto-approve"], { cwd: ws.dir, env });
      // Somewhere between two progress lines of the apply: after the n-th start or finish of a step, and a little more.
      const progressLines = Math.floor(random() * (2 * resources - 1)) + 1;
      const extraMs = Math.floor(random() * 150);
      await run.waitForLine(/^\S+: (Creating\.\.\.|Creation complete)/, progressLines).catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, extraMs));
      run.child.kill("SIGKILL");
      const killed = (await run.exit).signal === "SIGKILL";
      if (killed) killedMidApply += 1;

      const applies = await converge(ws, env);
      const live = liveResources(readCloudState(ws.state));
      const duplicates = findDuplicates(live);
      record({ test: "crash", seed, progressLines, killed, applies, duplicates: duplicates.length });
      const why = `seed ${seed}, killed ${extraMs} ms after progress line ${progressLines}`;
      expect(applies, why).toBeDefined();
      expect(duplicates, why).toEqual([]);
      expect(resourcesOf(live, `crash-${seed}`), why).toHaveLength(resources);
    });
    // An apply that finished before its kill point proves nothing; on a slow machine a late kill point
    // may come after the end, but not every one of them.
    expect(killedMidApply).toBeGreaterThan(0);
  });
});

describe.concurrent("an apply sent SIGINT or SIGTERM", () => {
  it.each(["SIGINT", "SIGTERM"] as const)("%s: finishes what is in flight, reports it, exits 130, and the next apply converges", { timeout: 60_000 }, async (signal) => {
    const ws = workspace(`interrupted-${signal.toLowerCase()}`);
    // Directories take a while, so the signal arrives while the applier waits for them to become Active.
    const env = { ...fastCloudEnv, ...compressedTimeEnv(0.1), ADSTACK_LOCAL_CREATE_DELAY_MS: "600" };
    const run = spawnCli(["apply", ws.file, ...local, "--auto-approve"], { cwd: ws.dir, env });
    await run.waitForLine(/Creating\.\.\./);
    run.child.kill(signal);
    const { code } = await run.exit;

    expect(code).toBe(130);
    expect(run.stderr()).toContain(`${signal} received. Waiting for in-flight steps to reach a safe point; no new steps will start...`);
    const stdout = run.stdout();
    expect(stdout).toMatch(/^Apply interrupted after \d+s: \d+ done \([^)]*\), \d+ interrupted \(will continue on the next apply\), \d+ not started\.$/m);
    // Interrupted in the applier's wait, or inside a kind's own call that stopped at a safe point.
    const interrupted = "(the resource exists and the next apply will continue|stopped at a safe point; the next apply will continue from there)";
    expect(stdout).toMatch(new RegExp(`: Creation interrupted after \\d+s: ${interrupted}`, "m"));
    expect(stdout).toMatch(new RegExp(`^ {2}interrupted {2}\\S+ \\(create\\): ${interrupted}`, "m"));
    expect(stdout).toMatch(/^ {2}skipped {6}\S+ \(create\): not started: the apply was interrupted$/m);
    // Stopping at a safe point is not a failure.
    expect(stdout).not.toMatch(/ failed after |^ {2}failed /m);
    // In-flight calls were answered, not cancelled: nothing reads as a network failure.
    expect(stdout).not.toMatch(/AbortError|no answer from the service/);

    const applies = await converge(ws, env);
    const duplicates = findDuplicates(liveResources(readCloudState(ws.state)));
    record({ test: "interrupt", signal, exitCode: code, duplicates: duplicates.length });
    expect(applies).toBe(1);
    expect(duplicates).toEqual([]);
  });
});
