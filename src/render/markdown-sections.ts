/**
 * The pieces of a pull-request comment, each a pure function of plan data: the verdict, the
 * table of addresses by action, the per-resource field diffs and the dependency diagram.
 * `markdown.ts` decides which of them fit.
 */
import type { Address } from "../core/address.js";
import type { JsonValue } from "../core/json.js";
import { assertNever, type Action, type Change, type FieldDiff, type Plan } from "../core/plan.js";
import { diffListLines, diffTextLines, formatInline, isMultiLineString, KNOWN_AFTER_APPLY, replacementNote, SENSITIVE_VALUE, wholeValueLines } from "./text-values.js";

/** Most destructive first: the order of the table, the details and what survives a cut. */
const ACTION_ORDER: readonly Action[] = ["delete", "replace", "create", "update", "noop"];

/** The changes a reviewer must see, riskiest first, then in plan order. */
export function changesByRisk(plan: Plan): Change[] {
  const active = plan.changes.filter((change) => change.action !== "noop");
  return ACTION_ORDER.flatMap((action) => active.filter((change) => change.action === action));
}

/** Unchanged resources that still deserve a word: another stack's, adopted, or not ready. */
export function notableNoops(plan: Plan): Change[] {
  return plan.changes.filter((change) => change.action === "noop" && (change.reasons.length > 0 || change.status !== undefined || change.isAdoption));
}

/** The one-line verdict, risk first: destroys and replacements counted apart and in bold. */
export function verdictLine(plan: Plan): string {
  const { create, update, replace, delete: destroy } = plan.summary;
  if (create + update + replace + destroy === 0) {
    return plan.mode === "destroy" ? "✅ **No changes.** The stack owns nothing to destroy." : "✅ **No changes.** The live resources match the file.";
  }
  const risky = [destroy > 0 ? `${destroy} to destroy` : "", replace > 0 ? `${replace} to replace` : ""].filter(Boolean);
  const safe = `${create} to add, ${update} to change`;
  if (risky.length === 0) return `✏️ ${safe}; nothing to destroy or replace`;
  return `⚠️ **${risky.join(", ")}**, ${safe}`;
}

/** What was planned, for whom: the line under the verdict. */
export function contextLine(plan: Plan): string {
  const mode = plan.mode === "destroy" ? " (destroy)" : "";
  return `<sub>adstack plan${mode} · stack \`${codeSafe(plan.stack)}\` · region \`${codeSafe(plan.region)}\`</sub>`;
}

/** The table header; rows come from `tableRow`, so the table can be trimmed row by row. */
export const TABLE_HEAD = "| Action | Resource | Why |\n| --- | --- | --- |";

export function tableRow(change: Change): string {
  return `| ${actionLabel(change)} | \`${codeSafe(change.address).replaceAll("|", "\\|")}\` | ${cellSafe(why(change))} |`;
}

/** A bullet for an unchanged resource worth mentioning. */
export function noteLine(change: Change): string {
  const status = change.status ? [`live status: ${change.status.state}${change.status.reason ? `: ${change.status.reason}` : ""}`] : [];
  return `- \`${codeSafe(change.address)}\` is unchanged: ${cellSafe([...change.reasons, ...status].join("; "))}`;
}

/** One collapsed block with the resource's changed fields as a `diff`. */
export function detailsBlock(change: Change): string {
  const lines = change.attributes.filter((field) => field.isChanged).flatMap((field) => fieldLines(field, change.action));
  const hidden = change.attributes.length - change.attributes.filter((field) => field.isChanged).length;
  if (hidden > 0) lines.push(`  # (${hidden} unchanged attribute${hidden === 1 ? "" : "s"} hidden)`);
  if (lines.length === 0) lines.push("  # (no attribute changes)");
  const body = lines.join("\n");
  const fence = fenceFor(body);
  const reasons = change.reasons.map((reason) => `\n\n_${escapeHtml(reason)}_`).join("");
  const summary = `<code>${symbolOf(change)}</code> <b>${escapeHtml(change.address)}</b> ${headline(change)}`;
  return `<details><summary>${summary}</summary>${reasons}\n\n${fence}diff\n${body}\n${fence}\n\n</details>`;
}

/**
 * Mermaid's `maxEdges` and `maxTextSize` defaults: past either, GitHub shows an error box where
 * the diagram should be, so a note takes its place.
 */
const MERMAID_MAX_EDGES = 500;
const MERMAID_MAX_TEXT = 50_000;

/**
 * A Mermaid flowchart of the changed resources and what they depend on (A --> B: A needs B), or
 * a note saying why there is none when Mermaid would refuse to draw it.
 */
export function diagramBlock(changes: readonly Change[]): string {
  const byAddress = new Map(changes.map((change) => [change.address, change]));
  const edges = changes.flatMap((change) => [...new Set(change.dependsOn)].map((dep) => [change.address, dep] as const));
  const addresses = [...new Set([...changes.map((change) => change.address), ...edges.map(([, dep]) => dep)])].sort();
  const id = new Map(addresses.map((address, index) => [address, `n${index}`]));
  const nodeLine = (address: Address) => {
    const change = byAddress.get(address);
    const label = change ? `${symbolOf(change)} ${address}` : address;
    return `  ${id.get(address)}["${label.replaceAll('"', "#quot;")}"]:::${change ? change.action : "unchanged"}`;
  };
  const lines = [
    "flowchart LR",
    ...addresses.map(nodeLine),
    ...edges.map(([from, to]) => `  ${id.get(from)} --> ${id.get(to)}`).sort(),
    "  classDef create fill:#dafbe1,stroke:#1a7f37",
    "  classDef update fill:#fff8c5,stroke:#9a6700",
    "  classDef replace fill:#ffe2cc,stroke:#bc4c00",
    "  classDef delete fill:#ffebe9,stroke:#cf222e",
    "  classDef unchanged fill:#f6f8fa,stroke:#8c959f,stroke-dasharray:3",
  ];
  const source = lines.join("\n");
  if (edges.length > MERMAID_MAX_EDGES || source.length > MERMAID_MAX_TEXT) {
    return `_No diagram: ${addresses.length} resources with ${edges.length} dependencies are more than Mermaid draws; \`adstack graph\` prints the whole graph._`;
  }
  return `\`\`\`mermaid\n${source}\n\`\`\``;
}

function fieldLines(field: FieldDiff, action: Action): string[] {
  const note = replacementNote(field);
  const forces = note ? `  ${note}` : "";
  const { path, before, after } = field;
  if (field.isSensitive) return [`${action === "create" ? "+" : " "} ${path} = ${SENSITIVE_VALUE}${forces}`];
  if (action === "delete" || (after === undefined && !field.isUnknown)) return whole("-", path, before, forces);
  if (field.isUnknown) return [...(before === undefined ? [] : whole("-", path, before, "")), `+ ${path} = ${KNOWN_AFTER_APPLY}${forces}`];
  if (before === undefined) return whole("+", path, after, forces);
  if (Array.isArray(before) && Array.isArray(after)) {
    return [`  ${path} = [${forces}`, ...diffListLines(before, after).map((line) => `${line.mark}     ${line.text}`), "  ]"];
  }
  if (isMultiLineString(before) || isMultiLineString(after)) {
    const lines = diffTextLines(String(before), String(after));
    return [`  ${path} = <<-EOT${forces}`, ...lines.map((line) => `${line.mark}     ${line.text}`), "  EOT"];
  }
  return [...whole("-", path, before, ""), ...whole("+", path, after, forces)];
}

/** A value added or removed whole: one line, or one line per element or text line. */
function whole(mark: "+" | "-", path: string, value: JsonValue | undefined, forces: string): string[] {
  const shown = value === undefined ? null : value;
  if (isMultiLineString(shown) || (Array.isArray(shown) && formatInline(shown).length > 60)) {
    const [open, close] = Array.isArray(shown) ? ["[", "]"] : ["<<-EOT", "EOT"];
    return [`${mark} ${path} = ${open}${forces}`, ...wholeValueLines(shown as JsonValue[] | string, " ").map((line) => `${mark}     ${line.text}`), `${mark} ${close}`];
  }
  return [`${mark} ${path} = ${formatInline(shown)}${forces}`];
}

function why(change: Change): string {
  if (change.action === "replace" && change.replacePaths.length > 0) return `forced by ${change.replacePaths.join(", ")}`;
  return change.reasons.join("; ");
}

function actionLabel(change: Change): string {
  const action: Action = change.action;
  switch (action) {
    case "create":
      return "🟢 create";
    case "update":
      return change.isAdoption ? "🔵 adopt" : "🟡 update";
    case "replace":
      return `🟠 replace (${change.replaceOrder === "create-first" ? "create first" : "destroy first"})`;
    case "delete":
      return "🔴 destroy";
    case "noop":
      return "⚪ no change";
    default:
      return assertNever(action);
  }
}

function headline(change: Change): string {
  const action: Action = change.action;
  switch (action) {
    case "create":
      return "will be created";
    case "update":
      return change.isAdoption ? "will be adopted" : "will be updated in place";
    case "replace":
      return change.replacePaths.length > 0 ? `must be replaced (forced by ${escapeHtml(change.replacePaths.join(", "))})` : "must be replaced";
    case "delete":
      return "will be destroyed";
    case "noop":
      return "is unchanged";
    default:
      return assertNever(action);
  }
}

function symbolOf(change: Change): string {
  if (change.action === "replace") return change.replaceOrder === "create-first" ? "+/-" : "-/+";
  return change.action === "create" ? "+" : change.action === "delete" ? "-" : "~";
}

/** A fence longer than any run of backticks in the body, so no value can close it early. */
function fenceFor(body: string): string {
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  return "`".repeat(Math.max(3, longest + 1));
}

function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/** Table cells: no HTML, no column breaks, no line breaks. */
function cellSafe(text: string): string {
  return escapeHtml(text).replaceAll("|", "\\|").replaceAll(/\r?\n/g, " ");
}

/** Inside single backticks a backtick would end the span; names never contain one, but be sure. */
function codeSafe(text: string): string {
  return text.replaceAll("`", "'");
}
