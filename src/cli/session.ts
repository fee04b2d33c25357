import { resolve } from "node:path";
import { createKindContext } from "../core/context.js";
import type { AwsSettings, KindContext, Logger } from "../core/resource-kind.js";
import type { Registry } from "../core/registry.js";
import type { Output } from "./output.js";
import { localCloudOptionsFromEnv } from "./local-cloud-env.js";

/** Flags every command that talks to AWS accepts. */
export interface ConnectionFlags {
  local?: boolean;
  localState?: string;
  debug?: boolean;
}

/** What one command run talks to: a context for the kinds, and the local cloud it started, if any. */
export interface Session {
  ctx: KindContext;
  abort: AbortController;
  close(): Promise<void>;
}

export const defaultLocalStateFile = ".adstack/local-cloud.json";

/** The registry is imported only by commands that need kinds, so `--version` stays fast. */
export async function loadRegistry(): Promise<Registry> {
  const { defaultRegistry } = await import("../providers/index.js");
  return defaultRegistry();
}

export function regionFromEnv(env: Record<string, string | undefined>): string | undefined {
  return env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined;
}

export async function openSession(
  stack: string,
  region: string,
  flags: ConnectionFlags,
  output: Output,
  env: Record<string, string | undefined>,
): Promise<Session> {
  const abort = new AbortController();
  const log: Logger = {
    debug: (message) => {
      if (flags.debug || env.ADSTACK_LOG === "debug") output.err(`[debug] ${message}\n`);
    },
    warn: (message) => output.err(`Warning: ${message}\n`),
  };
  let aws: AwsSettings = { region };
  let close = async () => {};
  if (flags.local) {
    const { startLocalCloud } = await import("../local-cloud/server.js");
    const stateFile = resolve(flags.localState ?? env.ADSTACK_LOCAL_STATE ?? defaultLocalStateFile);
    const cloud = await startLocalCloud({ ...localCloudOptionsFromEnv(env), stateFile, region });
    log.debug(`local cloud on ${cloud.url}, state in ${stateFile}`);
    // The local cloud checks that requests are signed, not who signed them.
    aws = { region, endpoint: cloud.url, credentials: { accessKeyId: "AKIDLOCALCLOUD", secretAccessKey: "local-cloud" } };
    close = () => cloud.close();
  }
  const ctx = createKindContext({ stack, aws, signal: abort.signal, log });
  return { ctx, abort, close };
}
