#!/usr/bin/env node
// The README's demo: plan, apply with progress, then plan again, all against the embedded local
// cloud, with throwaway demo secrets. Nothing here touches AWS.
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const example = process.argv[2] ?? "examples/corporate-identity.yaml";
const state = ".adstack/demo-cloud.json";
rmSync(join(root, state), { force: true });

const env = {
  ...process.env,
  CORP_CONNECTOR_PASSWORD: process.env.CORP_CONNECTOR_PASSWORD ?? "Demo-Connector-Passw0rd!",
  AWS_AD_ADMIN_PASSWORD: process.env.AWS_AD_ADMIN_PASSWORD ?? "Demo-Admin-Passw0rd!",
  TRUST_PASSWORD: process.env.TRUST_PASSWORD ?? "Demo-Trust-Passw0rd!",
  ADSTACK_LOCAL_CREATE_DELAY_MS: process.env.ADSTACK_LOCAL_CREATE_DELAY_MS ?? "4000",
};

function step(title, args) {
  console.log(`\n$ adstack ${args.join(" ")}    # ${title}\n`);
  const result = spawnSync(process.execPath, [join(root, "bin/adstack"), ...args, "--local", "--local-state", state], {
    cwd: root,
    env,
    stdio: "inherit",
  });
  return result.status ?? 1;
}

const planned = step("what would change (exit 2: changes present)", ["plan", example, "--detailed-exitcode"]);
if (planned !== 2) process.exit(planned === 0 ? 1 : planned);
const applied = step("create everything, with progress", ["apply", example, "--auto-approve"]);
if (applied !== 0) process.exit(applied);
const replanned = step("live now matches the file (exit 0)", ["plan", example, "--detailed-exitcode"]);
process.exit(replanned);
