// Preloaded into a measured CLI run (`node --import`): records the process's peak resident set
// size, in kilobytes, to the file the benchmark names, when the process exits.
import { writeFileSync } from "node:fs";

const target = process.env.ADSTACK_BENCH_RSS_FILE;
if (target) process.on("exit", () => writeFileSync(target, String(process.resourceUsage().maxRSS)));
