/**
 * The small set of outcomes a provider call can have, whatever the service spelled them as.
 * Each service's client maps its own exception names onto these once; the planner and applier
 * only ever look at `code`.
 */
export type ProviderErrorCode =
  | "NotFound" // absent: read → undefined, delete → success, terminal elsewhere
  | "Throttled" // retry with backoff
  | "Unavailable" // 5xx, reset, timeout, lost response: retry; a non-idempotent create looks itself up first
  | "Conflict" // concurrent modification or a not-yet-valid state: bounded retry
  | "AlreadyExists" // the natural key is taken: terminal, or adopt when the caller can
  | "Invalid" // validation, unsupported operation, quota: terminal
  | "AccessDenied"; // permissions: terminal

export class ProviderError extends Error {
  override readonly name = "ProviderError";
  constructor(
    readonly code: ProviderErrorCode,
    /** The service's message, shown to the user. Must never contain request input such as passwords. */
    message: string,
    /** The service's own exception name, for display only. */
    readonly awsName: string,
    /** A retry hint from the service (e.g. PCA `Retry-After`), in milliseconds. */
    readonly retryAfterMs?: number,
    /** Which call failed (`ds DescribeDirectories`) and how often it was sent, for messages that have no step to name. */
    readonly context: { operation?: string; attempts?: number } = {},
  ) {
    super(message);
  }

  withContext(context: { operation?: string; attempts?: number }): ProviderError {
    return new ProviderError(this.code, this.message, this.awsName, this.retryAfterMs, { ...this.context, ...context });
  }

  /** `ds DescribeDirectories failed after 5 attempts: ServiceException: …` */
  get description(): string {
    const { operation, attempts } = this.context;
    const where = operation ? `${operation} failed${attempts ? ` after ${attempts} attempts` : ""}: ` : "";
    return `${where}${this.awsName}: ${this.message}`;
  }

  get isRetryable(): boolean {
    return this.code === "Throttled" || this.code === "Unavailable" || this.code === "Conflict";
  }
}

/** A problem in the desired-state file or the command line, with the place it was found. */
export interface Diagnostic {
  file: string;
  /** 1-based; 0 when the problem has no position (e.g. the file could not be read). */
  line: number;
  col: number;
  message: string;
}

/** One line per problem: `FILE:LINE:COL: message`, or `FILE: message` for the file as a whole. */
export function formatDiagnostic(d: Diagnostic): string {
  return showInvisible(d.line > 0 ? `${d.file}:${d.line}:${d.col}: ${d.message}` : `${d.file}: ${d.message}`);
}

/**
 * Control, format and separator characters (line breaks, zero-width spaces, direction overrides,
 * terminal escapes) echoed from the file are spelled as `\uXXXX`: a name that looks right but is
 * not shows why, and no message can span lines, reorder or recolour the terminal.
 */
function showInvisible(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, (c) => {
    const code = c.codePointAt(0)!;
    return code > 0xffff ? `\\u{${code.toString(16).toUpperCase()}}` : `\\u${code.toString(16).toUpperCase().padStart(4, "0")}`;
  });
}

/** Every problem found in the input, reported together before any AWS call. Exit code 1. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join("\n"));
  }
}

/** A user-facing failure with its own exit code (stale plan, refused apply, ...). */
export class ExitError extends Error {
  override readonly name = "ExitError";
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** A state adstack's own code should never reach: the message asks the user to report it. */
export class InternalError extends Error {
  override readonly name = "InternalError";
}

/** Documented exit codes, in one place. */
export const ExitCodes = {
  ok: 0,
  error: 1,
  /** `--detailed-exitcode` and `drift`: changes or drift present. */
  changes: 2,
  /** A saved plan whose inputs moved since it was made. */
  stalePlan: 3,
  /** Interrupted by SIGINT/SIGTERM. */
  interrupted: 130,
} as const;
