/**
 * A local cloud in its own process, started the way a user would (`adstack local-cloud`), so that
 * its faults come from the ADSTACK_LOCAL_FAULT_* variables, it outlives every CLI run against it
 * (one fault sequence across applies), and its counts can be read at the end.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { adstackBin } from "../../support/cli.js";

export interface FaultCounts {
  throttle: number;
  "5xx": number;
  reset: number;
  slow: number;
  lost: number;
}

export interface StandaloneStats {
  calls: Record<string, number>;
  throttled: number;
  faults: FaultCounts;
  requests: number;
}

export interface StandaloneCloud {
  url: string;
  stateFile: string;
  /** What a CLI run needs to talk to this cloud instead of AWS. */
  env: Record<string, string>;
  stats(): Promise<StandaloneStats>;
  stop(): Promise<void>;
}

export async function startStandaloneCloud(dir: string, cloudEnv: Record<string, string> = {}): Promise<StandaloneCloud> {
  const stateFile = join(dir, "cloud.json");
  const child = spawn(process.execPath, [adstackBin, "local-cloud", "--port", "0", "--state", stateFile], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? "", HOME: dir, ...cloudEnv },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const url = await listeningUrl(child);
  return {
    url,
    stateFile,
    env: { AWS_ENDPOINT_URL: url, AWS_ACCESS_KEY_ID: "AKIDRELIABILITY", AWS_SECRET_ACCESS_KEY: "reliability-not-a-secret" },
    async stats() {
      const response = await fetch(`${url}/__local-cloud/stats`);
      return (await response.json()) as StandaloneStats;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      await exited;
    },
  };
}

function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("exit", (code) => reject(new Error(`adstack local-cloud exited with ${code}: ${err || out}`)));
  });
}
