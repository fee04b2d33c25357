import type { Writable } from "node:stream";

/**
 * Every byte adstack prints goes through here, so a secret value that reached a message
 * anyway (an SDK error echoing input, a stack trace) is still replaced before it is shown.
 */
export interface Output {
  out(text: string): void;
  err(text: string): void;
  /** Registers a secret value to scrub from everything printed from now on. */
  addSecret(value: string): void;
  redact(text: string): string;
  /** Colours are on only for a TTY and when NO_COLOR is unset. */
  readonly isColor: boolean;
  readonly isTTY: boolean;
}

export const SENSITIVE = "(sensitive)";

export function createOutput(options: {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable;
  env: Record<string, string | undefined>;
  noColor?: boolean;
}): Output {
  const secrets = new Set<string>();
  const redact = (text: string): string => {
    let result = text;
    // Longest first, so a secret that contains another is replaced whole.
    for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
      result = result.split(secret).join(SENSITIVE);
    }
    return result;
  };
  const isTTY = options.stdout.isTTY === true;
  const hasNoColor = options.noColor === true || (options.env.NO_COLOR ?? "") !== "";
  return {
    out: (text) => void options.stdout.write(redact(text)),
    err: (text) => void options.stderr.write(redact(text)),
    addSecret: (value) => {
      // One- or two-character values would shred ordinary output; the schemas require longer secrets.
      if (value.length >= 3) secrets.add(value);
    },
    redact,
    isColor: isTTY && !hasNoColor && options.env.TERM !== "dumb",
    isTTY,
  };
}
