import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

/**
 * Saved plans that were applied, one marker file each under `.adstack/applied-plans/` in the
 * directory apply runs in, named by the SHA-256 of the plan file's bytes. The plan file itself
 * is never written (CI artifacts are often read-only), and a renamed copy of an applied plan is
 * still recognised. Creating the marker is atomic (`wx`), so of two concurrent applies of one
 * plan only the first proceeds.
 */
export interface AppliedPlans {
  /** Where this plan's marker is, relative to the working directory, for messages. */
  readonly marker: string;
  /** "at 2026-01-01T00:00:00.000Z" (or "" when unreadable) if this plan was applied before; undefined if not. */
  previousApplication(): string | undefined;
  /** Records the plan as applied, right before its first step; false when another run got there first. */
  claim(): boolean;
}

export const APPLIED_PLANS_DIR = join(".adstack", "applied-plans");

export function appliedPlans(planBytes: Uint8Array, planPath: string, cwd: string): AppliedPlans {
  const digest = createHash("sha256").update(planBytes).digest("hex");
  const marker = join(cwd, APPLIED_PLANS_DIR, `${digest}.json`);
  return {
    marker: relative(cwd, marker),
    previousApplication: () => (existsSync(marker) ? appliedAt(marker) : undefined),
    claim() {
      mkdirSync(join(cwd, APPLIED_PLANS_DIR), { recursive: true });
      try {
        writeFileSync(marker, `${JSON.stringify({ plan: planPath, sha256: digest, appliedAt: new Date().toISOString() }, null, 2)}\n`, { flag: "wx" });
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
        throw error;
      }
    },
  };
}

function appliedAt(marker: string): string {
  try {
    const record = JSON.parse(readFileSync(marker, "utf8")) as { appliedAt?: unknown };
    return typeof record.appliedAt === "string" ? `at ${record.appliedAt}` : "";
  } catch {
    return "";
  }
}
