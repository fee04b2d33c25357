#!/usr/bin/env node
/**
 * `npm run reliability`: the reliability tests (test/reliability) at depth, then one summary.
 * The same tests run in `npm test` with small counts; here they run many seeds of the stress test
 * under faults, many SIGKILL points, every corpus file through the CLI and more property runs.
 *
 *   npm run reliability -- [--seeds N] [--crashes N] [--property-runs N] [--first-seed N]
 *
 * Each test appends what it saw to a report file (one JSON object per line); the summary is
 * built from it. Exit code: the tests' own, or 1 if anything was found twice or left behind.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const flags = { "--seeds": "ADSTACK_RELIABILITY_SEEDS", "--crashes": "ADSTACK_RELIABILITY_CRASHES", "--property-runs": "ADSTACK_RELIABILITY_PROPERTY_RUNS", "--first-seed": "ADSTACK_RELIABILITY_FIRST_SEED" };

const env = { ...process.env, ADSTACK_RELIABILITY_DEPTH: process.env.ADSTACK_RELIABILITY_DEPTH ?? "deep" };
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const [flag, inline] = args[i].split("=", 2);
  const variable = flags[flag];
  const value = inline ?? args[++i];
  if (!variable || !/^\d+$/.test(value ?? "")) {
    console.error(`usage: npm run reliability -- [--seeds N] [--crashes N] [--property-runs N] [--first-seed N] (got ${args.join(" ")})`);
    process.exit(1);
  }
  env[variable] = value;
}

const workDir = mkdtempSync(join(tmpdir(), "adstack-reliability-"));
const reportFile = join(workDir, "report.ndjson");
env.ADSTACK_RELIABILITY_REPORT = reportFile;

const started = Date.now();
const vitest = spawnSync(process.execPath, [join(repoRoot, "node_modules/vitest/vitest.mjs"), "run", "test/reliability"], {
  cwd: repoRoot,
  env,
  stdio: "inherit",
});

let records = [];
try {
  records = readFileSync(reportFile, "utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line));
} catch (error) {
  if (error.code !== "ENOENT") throw error;
} finally {
  rmSync(workDir, { recursive: true, force: true });
}

const of = (test) => records.filter((r) => r.test === test);
const sum = (items, pick) => items.reduce((total, item) => total + (pick(item) ?? 0), 0);
const stress = of("stress");
const crashes = of("crash");
const interrupts = of("interrupt");
const corpus = of("corpus");
const secrets = of("secrets");
const properties = of("property");

const faultKinds = ["throttle", "5xx", "reset", "slow", "lost"];
const faultsBy = Object.fromEntries(faultKinds.map((kind) => [kind, sum(stress, (r) => r.faults?.[kind])]));
const faultsTotal = sum(faultKinds, (kind) => faultsBy[kind]);
const converged = stress.filter((r) => r.applies !== undefined && r.destroys !== undefined);
const appliesHistogram = Object.entries(
  converged.reduce((counts, r) => ({ ...counts, [r.applies]: (counts[r.applies] ?? 0) + 1 }), {}),
)
  .map(([applies, count]) => `${count}× ${applies} apply${applies === "1" ? "" : "s"}`)
  .join(", ");
const duplicates = sum(stress, (r) => r.duplicates) + sum(crashes, (r) => r.duplicates) + sum(interrupts, (r) => r.duplicates);
const leaks = sum(stress, (r) => r.leaks) + sum(secrets, (r) => r.leaks);

const lines = [
  "",
  "Reliability summary",
  `  stress runs        ${stress.length} (${stress[0]?.resources ?? 0} resources each, 20% faults): ${converged.length} converged${appliesHistogram ? ` (${appliesHistogram})` : ""}, ${sum(stress, (r) => r.failedPlans)} plans failed along the way`,
  `  faults injected    ${faultsTotal} (${faultKinds.map((kind) => `${kind} ${faultsBy[kind]}`).join(", ")}) in ${sum(stress, (r) => r.calls)} calls served`,
  `  crash runs         ${crashes.length} SIGKILLs (${crashes.filter((r) => r.killed).length} mid-apply): ${crashes.filter((r) => r.applies !== undefined).length} converged`,
  `  SIGINT/SIGTERM     ${interrupts.length} runs (${["SIGINT", "SIGTERM"].map((s) => `${interrupts.filter((r) => r.signal === s).length} ${s}`).join(", ")}): exit ${[...new Set(interrupts.map((r) => r.exitCode))].join(", ") || "-"}`,
  `  duplicates found   ${duplicates}`,
  `  leaks found        ${leaks} (resources left after destroy, secrets in ${sum(secrets, (r) => r.outputs)} outputs checked)`,
  `  corpus cases       ${sum(corpus, (r) => r.cases)} (${sum(corpus, (r) => r.failures)} not as expected)`,
  `  property runs      ${sum(properties, (r) => r.runs)} (apply, then plan again is empty)`,
  `  time               ${Math.round((Date.now() - started) / 1000)} s`,
];
console.log(lines.join("\n"));

const status = vitest.status ?? 1;
process.exit(status !== 0 ? status : duplicates > 0 || leaks > 0 || converged.length < stress.length ? 1 : 0);
