import { resolve } from "node:path";
import { startLocalCloud } from "../../local-cloud/server.js";
import type { Output } from "../output.js";
import { localCloudOptionsFromEnv } from "../local-cloud-env.js";
import { defaultLocalStateFile } from "../session.js";

/** `adstack local-cloud`: the local AWS-compatible cloud as a standalone server, until interrupted. */
export async function runLocalCloud(
  flags: { port?: number; state?: string; createDelayMs?: number; deleteDelayMs?: number },
  output: Output,
  env: Record<string, string | undefined>,
): Promise<number> {
  const fromEnv = localCloudOptionsFromEnv(env);
  const stateFile = resolve(flags.state ?? defaultLocalStateFile);
  const cloud = await startLocalCloud({
    ...fromEnv,
    port: flags.port ?? 4566,
    stateFile,
    settings: {
      ...fromEnv.settings,
      ...(flags.createDelayMs !== undefined ? { createDelayMs: flags.createDelayMs } : {}),
      ...(flags.deleteDelayMs !== undefined ? { deleteDelayMs: flags.deleteDelayMs } : {}),
    },
  });
  output.out(`adstack local cloud listening on ${cloud.url} (state: ${stateFile})\n`);
  output.out(`Point any AWS SDK at it with AWS_ENDPOINT_URL=${cloud.url}\n`);
  await new Promise<void>((done) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      done();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  await cloud.close();
  return 0;
}
