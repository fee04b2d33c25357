#!/usr/bin/env node
/**
 * `npm run bench`: plans and applies generated stacks of 100 and 1,000 resources against the local
 * cloud slowed to AWS-like pacing (50 ms per call, 10 calls per second per service, burst 20), and
 * prints JSON figures with their ratios to lower bounds computed from the same settings. Also
 * times `--version` and `validate`. Writes the figures to bench/results.json as well.
 *
 *   node bench/run.mjs [--sizes 100,1000] [--parallelism 200] [--create-delay-ms 4000]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import {
  byService,
  CREATION_CHAIN_DEPTH,
  minimumApplyWrites,
  minimumEmptyRefreshCalls,
  minimumRefreshCalls,
  rateLimitSeconds,
  sum,
} from "./bounds.mjs";
import { runCli, timeRepeatedly } from "./cli.mjs";
import { benchSecrets, composition, stackYaml } from "./stack.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const { values: flags } = parseArgs({
  options: {
    sizes: { type: "string", default: "100,1000" },
    parallelism: { type: "string", default: "200" },
    "create-delay-ms": { type: "string", default: "4000" },
    out: { type: "string", default: join(root, "bench", "results.json") },
  },
});

const settings = {
  latencyMs: 50,
  serverRatePerSecond: 10,
  serverBurst: 20,
  createDelayMs: Number(flags["create-delay-ms"]),
  deleteDelayMs: 500,
  // The client keeps to the server's rate with half its burst, so jitter never finds the bucket empty.
  clientRatePerSecond: 10,
  clientBurst: 10,
  parallelism: Number(flags.parallelism),
};

const { startLocalCloud } = await import(join(root, "dist/local-cloud/server.js"));
const { localCloudOptionsFromEnv } = await import(join(root, "dist/cli/local-cloud-env.js"));

function cloudOptions() {
  return localCloudOptionsFromEnv({
    ADSTACK_LOCAL_LATENCY_MS: String(settings.latencyMs),
    ADSTACK_LOCAL_RATE_LIMIT: String(settings.serverRatePerSecond),
    ADSTACK_LOCAL_BURST: String(settings.serverBurst),
    ADSTACK_LOCAL_CREATE_DELAY_MS: String(settings.createDelayMs),
    ADSTACK_LOCAL_DELETE_DELAY_MS: String(settings.deleteDelayMs),
    ADSTACK_LOCAL_DIRECTORY_LIMIT: "1000",
  });
}

/** What the CLI sees: the cloud as its AWS endpoint, and the client limits matching the cloud's. */
function cliEnv(url) {
  const env = {
    ...process.env,
    ...benchSecrets,
    AWS_ENDPOINT_URL: url,
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "AKIDBENCHMARK",
    AWS_SECRET_ACCESS_KEY: "benchmark-secret",
    AWS_PROFILE: "",
    NO_COLOR: "1",
  };
  for (const service of ["DS", "PCA_CONNECTOR_AD", "WORKSPACES"]) {
    env[`ADSTACK_RATE_LIMIT_${service}`] = String(settings.clientRatePerSecond);
    env[`ADSTACK_RATE_BURST_${service}`] = String(settings.clientBurst);
  }
  return env;
}

const round = (n, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

async function phase(cloud, args, env, name) {
  cloud.resetStats();
  process.stderr.write(`  ${name} …`);
  const run = await runCli(args, env, { measureRss: true });
  const stats = cloud.stats();
  process.stderr.write(` ${round(run.wallMs / 1000)} s, exit ${run.code}\n`);
  const calls = Object.fromEntries(Object.entries(stats.calls).sort(([a], [b]) => a.localeCompare(b)));
  return {
    exitCode: run.code,
    wallSeconds: round(run.wallMs / 1000),
    peakRssMb: round(run.rssKb / 1024, 1),
    calls,
    callsTotal: sum(calls),
    callsByService: byService(calls),
    throttled: stats.throttled,
    stdout: run.stdout,
    stderr: run.stderr,
    arrivals: run.arrivals,
  };
}

function ratioOfCalls(result, minimum) {
  const made = result.callsTotal;
  const least = sum(minimum);
  const extra = Object.fromEntries(
    Object.keys({ ...result.calls, ...minimum })
      .map((key) => [key, (result.calls[key] ?? 0) - (minimum[key] ?? 0)])
      .filter(([, n]) => n !== 0),
  );
  return { minimumCalls: minimum, minimumTotal: least, callsOverMinimum: round(made / least, 3), differenceByOperation: extra };
}

/**
 * A plan first does everything `validate` does (start, load the modules, read and check the
 * file) and only then calls AWS, so `validate` of the same file, timed in the same run, is a floor
 * under every plan as real as the rate limit: where the calls are few, it is most of the wall time.
 */
function planFigures(result, minimum, startUpSeconds) {
  const bound = rateLimitSeconds(result.calls, settings.serverRatePerSecond, settings.latencyMs);
  const { stdout, stderr, arrivals, ...rest } = result;
  return {
    ...rest,
    ...ratioOfCalls(result, minimum),
    rateLimitBoundSeconds: round(bound),
    wallOverRateLimitBound: round(result.wallSeconds / bound, 3),
    validateSeconds: round(startUpSeconds),
    wallOverValidatePlusRateLimitBound: round(result.wallSeconds / (startUpSeconds + bound), 3),
  };
}

/** When the steps of each kind started and finished, in seconds since the apply command started. */
function stepTimeline(arrivals) {
  const kinds = {};
  for (const { at, line } of arrivals) {
    if (!line.startsWith("{")) continue;
    const event = JSON.parse(line);
    if (event.type !== "step_started" && event.type !== "step_finished") continue;
    const kind = (kinds[event.address.slice(0, event.address.lastIndexOf("."))] ??= { firstStart: at, lastFinish: 0 });
    if (event.type === "step_started") kind.firstStart = Math.min(kind.firstStart, round(at));
    else kind.lastFinish = Math.max(kind.lastFinish, round(at));
  }
  return kinds;
}

function applyFigures(result, counts, refreshMinimum) {
  const events = result.stdout.split("\n").filter((line) => line.startsWith("{")).map((line) => JSON.parse(line));
  const summary = events.findLast((e) => e.type === "summary") ?? {};
  const writes = minimumApplyWrites(counts);
  const least = Object.fromEntries(
    Object.keys({ ...writes, ...refreshMinimum }).map((key) => [key, (writes[key] ?? 0) + (refreshMinimum[key] ?? 0)]),
  );
  const floor = rateLimitSeconds(least, settings.serverRatePerSecond, settings.latencyMs);
  const chain = (settings.createDelayMs / 1000) * CREATION_CHAIN_DEPTH;
  const { stdout, stderr, arrivals, ...rest } = result;
  return {
    ...rest,
    steps: { done: summary.done, failed: summary.failed, skipped: summary.skipped },
    secondsByKind: stepTimeline(arrivals),
    ...ratioOfCalls(result, least),
    criticalPathSeconds: round(chain + floor),
    criticalPath: `${settings.createDelayMs / 1000} s creation × ${CREATION_CHAIN_DEPTH} chained + ${round(floor)} s rate-limit floor`,
    makespanOverCriticalPath: round(result.wallSeconds / (chain + floor), 3),
  };
}

async function scenario(size) {
  const counts = composition(size);
  const dir = mkdtempSync(join(tmpdir(), `adstack-bench-${size}-`));
  const file = join(dir, "stack.yaml");
  writeFileSync(file, stackYaml(size));
  const cloud = await startLocalCloud({ ...cloudOptions(), port: 0 });
  const env = cliEnv(cloud.url);
  process.stderr.write(`${size} resources (${JSON.stringify(counts)})\n`);
  try {
    const validate = await timeRepeatedly(["validate", file], env, 5);
    const empty = await phase(cloud, ["plan", file, "--json"], env, "plan, nothing deployed");
    const apply = await phase(cloud, ["apply", file, "--auto-approve", "--json", "--parallelism", String(settings.parallelism)], env, "apply");
    const again = await phase(cloud, ["plan", file, "--json", "--detailed-exitcode"], env, "plan, deployed and unchanged");
    if (apply.exitCode !== 0) process.stderr.write(apply.stderr.slice(-4000));
    return {
      resources: size,
      composition: counts,
      planNothingDeployed: planFigures(empty, minimumEmptyRefreshCalls(), validate.median / 1000),
      apply: applyFigures(apply, counts, minimumEmptyRefreshCalls()),
      planUnchanged: { ...planFigures(again, minimumRefreshCalls(counts), validate.median / 1000), noChanges: again.exitCode === 0 },
    };
  } finally {
    await cloud.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function startup() {
  const dir = mkdtempSync(join(tmpdir(), "adstack-bench-validate-"));
  const file = join(dir, "stack.yaml");
  writeFileSync(file, stackYaml(100));
  const env = { ...process.env, ...benchSecrets };
  try {
    process.stderr.write("start-up\n");
    const version = await timeRepeatedly(["--version"], env, 21);
    const validate = await timeRepeatedly(["validate", file], env, 21);
    return { versionMs: version, validate100Ms: validate };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function machine() {
  const cpuInfo = readFileSync("/proc/cpuinfo", "utf8").match(/^model name\s*:\s*(.*)$/m);
  return { nproc: cpus().length, node: process.version, cpu: cpuInfo ? cpuInfo[1] : cpus()[0]?.model };
}

const started = Date.now();
const report = { machine: machine(), settings, startup: await startup(), sizes: [] };
for (const size of flags.sizes.split(",").map(Number)) report.sizes.push(await scenario(size));
report.benchSeconds = round((Date.now() - started) / 1000, 1);
const json = JSON.stringify(report, null, 2);
writeFileSync(flags.out, `${json}\n`);
process.stdout.write(`${json}\n`);
