/**
 * A CLI run that the test can interrupt: the child, its output so far, and a way to wait for a
 * line, so a signal can be sent at a chosen moment of an apply.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { adstackBin, testSecrets } from "../../support/cli.js";

export interface RunningCli {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves when stdout has `count` (1 unless given) lines matching `pattern`; rejects if the run ends first. */
  waitForLine(pattern: RegExp, count?: number): Promise<void>;
  /** Resolves with the exit code, or the signal's name when a signal ended it. */
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function spawnCli(args: string[], options: { cwd: string; env?: Record<string, string> }): RunningCli {
  const child = spawn(process.execPath, [adstackBin, ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? "", HOME: options.cwd, AWS_REGION: "us-east-1", ...testSecrets, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  const watchers: { pattern: RegExp; count: number; resolve(): void }[] = [];
  const seen = (pattern: RegExp, count: number) => (stdout.match(pattern) ?? []).length >= count;
  child.stdout!.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const watcher of [...watchers]) {
      if (seen(watcher.pattern, watcher.count)) {
        watchers.splice(watchers.indexOf(watcher), 1);
        watcher.resolve();
      }
    }
  });
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exit,
    waitForLine(pattern, count = 1) {
      const every = new RegExp(pattern.source, [...new Set(`${pattern.flags}gm`)].join(""));
      if (seen(every, count)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        watchers.push({ pattern: every, count, resolve });
        void exit.then(() => reject(new Error(`the run ended before a line matched ${pattern}:\n${stdout}\n${stderr}`)));
      });
    },
  };
}
