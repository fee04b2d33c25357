import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const sources = fileURLToPath(new URL("../../../shared/aws-models", import.meta.url));

// The generated models are committed; this fails when they no longer match the botocore sources.
test.skipIf(!existsSync(sources))("src/local-cloud/models is what scripts/extract-models.mjs generates", () => {
  const run = spawnSync(process.execPath, ["scripts/extract-models.mjs", "--check"], { cwd: repo, encoding: "utf8" });
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
});
