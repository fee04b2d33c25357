/** Runs the built CLI as a child process and measures it: wall time, exit code, peak RSS. */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../bin/adstack", import.meta.url));
const rssHook = fileURLToPath(new URL("./rss-hook.mjs", import.meta.url));

/** One run. With `measureRss`, a preloaded hook reports the child's own peak RSS as it exits. */
export async function runCli(args, env, { measureRss = false } = {}) {
  const scratch = measureRss ? mkdtempSync(join(tmpdir(), "adstack-bench-rss-")) : undefined;
  const rssFile = scratch && join(scratch, "rss");
  const nodeArgs = measureRss ? ["--import", rssHook, bin, ...args] : [bin, ...args];
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, nodeArgs, {
    env: rssFile ? { ...env, ADSTACK_BENCH_RSS_FILE: rssFile } : env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const out = [];
  const err = [];
  // When each line arrived, in seconds since the start: apply's NDJSON events carry no clock.
  const arrivals = [];
  let pending = "";
  child.stdout.on("data", (chunk) => {
    out.push(chunk);
    const at = Number(process.hrtime.bigint() - started) / 1e9;
    const lines = (pending + chunk.toString("utf8")).split("\n");
    pending = lines.pop();
    for (const line of lines) arrivals.push({ at, line });
  });
  child.stderr.on("data", (chunk) => err.push(chunk));
  const code = await new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (exitCode) => resolve(exitCode));
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  let rssKb;
  if (scratch) {
    try {
      rssKb = Number(readFileSync(rssFile, "utf8"));
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  return { code, wallMs, rssKb, arrivals, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") };
}

/**
 * Wall time of `runs` runs in milliseconds: median and fastest (the machine's noise shows in the
 * gap), after `warmups` untimed runs that bring the files into the page cache, as a user's
 * second run would find them.
 */
export async function timeRepeatedly(args, env, runs, { warmups = 2 } = {}) {
  const times = [];
  for (let i = 0; i < warmups + runs; i++) {
    const run = await runCli(args, env);
    if (run.code !== 0) throw new Error(`adstack ${args.join(" ")} exited ${run.code}: ${run.stderr}`);
    if (i >= warmups) times.push(run.wallMs);
  }
  times.sort((a, b) => a - b);
  return { median: Math.round(times[Math.floor(times.length / 2)]), fastest: Math.round(times[0]), runs };
}
