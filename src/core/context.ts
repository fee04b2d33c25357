import { setMaxListeners } from "node:events";
import type { AwsSettings, KindContext, Logger } from "./resource-kind.js";
import { OWNER_NAME_TAG, OWNER_STACK_TAG } from "./resource-kind.js";

export interface ContextOptions {
  stack: string;
  aws: AwsSettings;
  signal?: AbortSignal;
  log?: Logger;
}

export const silentLogger: Logger = { debug: () => {}, warn: () => {} };

/** A fresh context for one command run: its clients and memoised reads live as long as it does. */
export function createKindContext(options: ContextOptions): KindContext {
  const signal = options.signal ?? new AbortController().signal;
  // Every in-flight AWS call listens on this one signal; dozens at once are normal, not a leak.
  setMaxListeners(0, signal);
  const clients = new Map<string, unknown>();
  const memos = new Map<string, Promise<unknown>>();
  return {
    stack: options.stack,
    region: options.aws.region,
    aws: options.aws,
    signal,
    log: options.log ?? silentLogger,
    ownershipTags: (name) => ({ [OWNER_STACK_TAG]: options.stack, [OWNER_NAME_TAG]: name }),
    client<T>(service: string, create: (aws: AwsSettings) => T): T {
      if (!clients.has(service)) clients.set(service, create(options.aws));
      return clients.get(service) as T;
    },
    memo<T>(key: string, load: () => Promise<T>): Promise<T> {
      let pending = memos.get(key);
      if (!pending) {
        pending = load();
        memos.set(key, pending);
        // A failed read is not remembered, so a retry reads again.
        pending.catch(() => memos.delete(key));
      }
      return pending as Promise<T>;
    },
    forget(keyPrefix: string) {
      for (const key of [...memos.keys()]) if (key.startsWith(keyPrefix)) memos.delete(key);
    },
  };
}
