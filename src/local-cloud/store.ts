import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { LocalStore } from "./types.js";

/**
 * The local cloud's state. With a file, every save rewrites it atomically and every request
 * starts from what is on disk, so a standalone server and in-process clouds in other
 * processes stay consistent.
 */
export function createStore(file?: string): LocalStore & { reload(): void; snapshot(): Record<string, unknown> } {
  let data: Record<string, unknown> = {};
  const reload = () => {
    if (!file) return;
    try {
      data = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      data = {};
    }
  };
  reload();
  return {
    namespace<T extends object>(service: string, empty: () => T): T {
      if (!(service in data)) data[service] = empty();
      return data[service] as T;
    },
    save() {
      if (!file) return;
      mkdirSync(dirname(file), { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify(data, null, 1));
      renameSync(temp, file);
    },
    reload,
    snapshot: () => structuredClone(data),
  };
}
