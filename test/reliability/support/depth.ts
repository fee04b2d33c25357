/**
 * How hard the reliability tests push: small counts in `npm test`, larger ones under
 * `npm run reliability` (which sets ADSTACK_RELIABILITY_DEPTH=deep), or any count by variable.
 * Every run records what it saw in ADSTACK_RELIABILITY_REPORT (one JSON object per line) when set,
 * for the summary the reliability script prints.
 */
import { appendFileSync } from "node:fs";

const env = process.env;
export const isDeep = env.ADSTACK_RELIABILITY_DEPTH === "deep";

function count(name: string, quick: number, deep: number): number {
  const raw = env[name];
  const value = raw === undefined || raw === "" ? Number.NaN : Number(raw);
  return Number.isInteger(value) && value > 0 ? value : isDeep ? deep : quick;
}

/** Seeds of the stress test under faults. */
export const stressSeeds = count("ADSTACK_RELIABILITY_SEEDS", 2, 24);
/** Kill points of the crash test. */
export const crashSeeds = count("ADSTACK_RELIABILITY_CRASHES", 2, 16);
/** fast-check runs of the apply-then-plan property. */
export const propertyRuns = count("ADSTACK_RELIABILITY_PROPERTY_RUNS", 4, 40);
/** The first seed, so a failure found at seed n can be run again alone. */
export const firstSeed = count("ADSTACK_RELIABILITY_FIRST_SEED", 1, 1);

export type ReliabilityRecord =
  | { test: "stress"; seed: number; resources: number; applies?: number; destroys?: number; failedPlans: number; duplicates: number; leaks: number; faults: Record<string, number>; calls: number; elapsedMs: number }
  | { test: "crash"; seed: number; progressLines: number; killed: boolean; applies?: number; duplicates: number }
  | { test: "interrupt"; signal: "SIGINT" | "SIGTERM"; exitCode: number | null; duplicates: number }
  | { test: "corpus"; cases: number; failures: number }
  | { test: "secrets"; outputs: number; leaks: number }
  | { test: "property"; runs: number };

export function record(entry: ReliabilityRecord): void {
  const file = env.ADSTACK_RELIABILITY_REPORT;
  if (file) appendFileSync(file, `${JSON.stringify(entry)}\n`);
}

/** Runs `work` on every item with at most `limit` at once. */
export async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const worker = async (): Promise<void> => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  };
  await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, worker));
}
