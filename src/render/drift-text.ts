import pc from "picocolors";
import type { JsonValue } from "../core/json.js";
import { DRIFT_STATES, type DriftReport, type DriftResource, type DriftState, type DriftedField } from "../planner/drift.js";

/** Options for `renderDriftText`. */
export interface DriftTextOptions {
  color: boolean;
  /** The desired-state file as the user named it, for the remedies. */
  file: string;
}

const HEADLINES: Record<DriftState, string> = {
  "in-sync": "is not ready",
  changed: "differs from the file",
  missing: "is missing",
  orphaned: "is no longer in the file",
  unadopted: "exists without this stack's ownership tags",
  "other-stack": "is owned by another stack",
  unwanted: "exists, but the file says ensure: absent",
};

/**
 * The drift report as a person reads it: one block per drifted resource (desired and live value
 * of each drifted field), the fields `ignoreChanges` hid and the ones no API can check, a count
 * per state, and the two remedies. Write-only values never reach a report.
 */
export function renderDriftText(report: DriftReport, options: DriftTextOptions): string {
  const c = pc.createColors(options.color);
  const drifted = report.resources.filter((resource) => resource.isDrifted);
  const sections: string[] = [];
  if (drifted.length === 0) {
    sections.push(c.bold(`No drift. Live resources match ${options.file} (${countOf(report.resources.length, "resource")} checked).`));
  } else {
    sections.push(`Drift in stack ${report.stack} (${report.region}), compared with ${options.file}:`);
    sections.push(...drifted.map((resource) => renderResource(resource, c).join("\n")));
    sections.push(c.bold(`Drift: ${summaryOf(report)}.`));
  }

  const ignored = report.resources.flatMap((resource) =>
    resource.ignored.map((entry) => {
      const differences = entry.fields.length > 0 ? `; live differs (${entry.fields.map(fieldText).join(", ")})` : "";
      return `  ${resource.address} ${entry.path}: ${entry.reason}${differences}`;
    }),
  );
  if (ignored.length > 0) sections.push(["Not counted:", ...ignored].join("\n"));
  const unchecked = report.resources.flatMap((resource) => resource.unchecked.map((field) => `  ${resource.address} ${field.path}: ${field.reason}`));
  if (unchecked.length > 0) sections.push(["Not checked:", ...unchecked].join("\n"));

  if (drifted.length > 0) {
    sections.push(
      [
        `To revert the drift, apply the file: adstack apply ${options.file} (review adstack plan ${options.file} first).`,
        `To accept it instead, edit ${options.file} to match the live values.`,
      ].join("\n"),
    );
  }
  return sections.join("\n\n") + "\n";
}

function renderResource(resource: DriftResource, c: ReturnType<typeof pc.createColors>): string[] {
  const headline = HEADLINES[resource.state];
  const lines = [`  ${c.bold(`# ${resource.address} ${headline}`)}${resource.id ? c.dim(` [${resource.id}]`) : ""}`];
  for (const reason of resource.reasons) lines.push(`  # (${reason})`);
  if (resource.status) {
    const paint = resource.status.state === "failed" ? c.red : c.yellow;
    lines.push(`  ${paint(`# (live status: ${resource.status.state}${resource.status.reason ? `: ${resource.status.reason}` : ""})`)}`);
  }
  for (const field of resource.fields) {
    const forces = field.forcesReplacement ? ` ${c.red("# applying the file replaces the resource")}` : "";
    lines.push(`      ${c.yellow("~")} ${fieldText(field)}${forces}`);
  }
  return lines;
}

function fieldText(field: DriftedField): string {
  return `${field.path}: desired ${valueText(field.desired)}, live ${valueText(field.live)}`;
}

function valueText(value: JsonValue): string {
  return value === null ? "(not set)" : JSON.stringify(value);
}

function summaryOf(report: DriftReport): string {
  const notReady = report.resources.filter((r) => r.state === "in-sync" && r.status !== null).length;
  const parts = DRIFT_STATES.filter((state) => state !== "in-sync" && report.summary[state] > 0).map((state) => `${report.summary[state]} ${state}`);
  if (notReady > 0) parts.push(`${notReady} not ready`);
  return `${parts.join(", ")}; ${report.summary["in-sync"] - notReady} in sync`;
}

function countOf(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
