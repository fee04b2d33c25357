import pc from "picocolors";
import type { JsonValue } from "../core/json.js";
import { assertNever, type Action, type Change, type FieldDiff, type Plan } from "../core/plan.js";
import {
  diffListLines,
  diffTextLines,
  formatInline,
  isMultiLineString,
  KNOWN_AFTER_APPLY,
  replacementNote,
  SENSITIVE_VALUE,
  wholeValueLines,
  type ValueLine,
} from "./text-values.js";

/** Options for `renderPlanText`. */
export interface TextRenderOptions {
  /** ANSI colours on or off; the caller decides (TTY, NO_COLOR, flags), never the renderer. */
  color: boolean;
}

type Colors = ReturnType<typeof pc.createColors>;
type Mark = "+" | "~" | "-";
type ActionSymbol = Mark | "-/+" | "+/-";

const LEGEND: ReadonlyArray<[ActionSymbol, string]> = [
  ["+", "create"],
  ["~", "update in-place"],
  ["-", "destroy"],
  ["-/+", "destroy and then create replacement"],
  ["+/-", "create replacement and then destroy"],
];

/** Inline values longer than this are spread over lines, one element each. */
const INLINE_LIMIT = 60;

/**
 * The plan as a person reads it, Terraform-style: summary and destructive changes first, a
 * legend of the symbols used, one block per resource with only changed attributes (the rest
 * counted), and the summary again. Noops are left out unless there is something to warn about:
 * a resource another stack owns, an adoption, or a live resource that is not ready.
 * Write-only values never reach a plan, so they can only ever print as `(sensitive)`.
 */
export function renderPlanText(plan: Plan, options: TextRenderOptions): string {
  const c = pc.createColors(options.color);
  const shown = plan.changes.filter(isShown);
  const active = plan.changes.filter((change) => change.action !== "noop");
  const blocks = shown.map((change) => renderBlock(change, plan.stack, c).join("\n"));
  if (active.length === 0) {
    const noChanges =
      plan.mode === "destroy" ? "No changes. No objects need to be destroyed." : "No changes. Your infrastructure matches the configuration.";
    return [...blocks, c.bold(noChanges)].join("\n\n") + "\n";
  }

  const sections = [summaryLine(plan, c)];
  const destructive = active.filter((change) => change.action === "replace" || change.action === "delete");
  if (destructive.length > 0) sections.push(["Destructive changes:", ...destructive.map((change) => destructiveLine(change, c))].join("\n"));
  const used = new Set(active.map(symbolOf));
  const legend = LEGEND.filter(([symbol]) => used.has(symbol)).map(([symbol, text]) => `${" ".repeat(3 - symbol.length)}${colorSymbol(symbol, c)} ${text}`);
  sections.push(["Resource actions are indicated with the following symbols:", ...legend].join("\n"));
  sections.push("adstack will perform the following actions:", ...blocks, summaryLine(plan, c));
  return sections.join("\n\n") + "\n";
}

function isShown(change: Change): boolean {
  return change.action !== "noop" || change.isAdoption === true || change.status !== undefined || change.reasons.length > 0;
}

function summaryLine(plan: Plan, c: Colors): string {
  const { create, update, replace, delete: destroy } = plan.summary;
  return c.bold(`Plan: ${create} to add, ${update} to change, ${replace} to replace, ${destroy} to destroy.`);
}

function destructiveLine(change: Change, c: Colors): string {
  const symbol = symbolOf(change);
  return `  ${colorSymbol(symbol, c)}${" ".repeat(4 - symbol.length)}${change.address}${destructiveDetail(change)}`;
}

function destructiveDetail(change: Change): string {
  if (change.action === "replace") return change.replacePaths.length > 0 ? ` (forced by ${change.replacePaths.join(", ")})` : "";
  return change.reasons.length > 0 ? ` (${change.reasons[0]})` : "";
}

function headline(change: Change, stack: string): string {
  const action: Action = change.action;
  switch (action) {
    case "create":
      return "will be created";
    case "update":
      return change.isAdoption ? "will be adopted" : "will be updated in-place";
    case "replace":
      return "must be replaced";
    case "delete":
      return "will be destroyed";
    case "noop": {
      const owner = change.prior?.owner?.stack;
      if (owner !== undefined && owner !== stack) return "will not be touched";
      return change.isAdoption ? "will be adopted" : "is unchanged";
    }
    default:
      return assertNever(action);
  }
}

function renderBlock(change: Change, stack: string, c: Colors): string[] {
  const lines = [`  ${c.bold(`# ${change.address} ${headline(change, stack)}`)}`];
  for (const reason of change.reasons) lines.push(`  # (${reason})`);
  // A failed resource is replaced, and its reason already says so with the service's words.
  if (change.status && !(change.status.state === "failed" && change.action === "replace")) {
    const paint = change.status.state === "failed" ? c.red : c.yellow;
    lines.push(`  ${paint(`# (live status: ${change.status.state}${change.status.reason ? `: ${change.status.reason}` : ""})`)}`);
  }
  if (change.action === "noop") return lines;

  const symbol = symbolOf(change);
  const painted = colorSymbol(symbol, c);
  lines.push(`${" ".repeat(3 - symbol.length)}${painted} resource ${JSON.stringify(change.type)} ${JSON.stringify(change.name)} {`);
  const visible = change.attributes.filter((field) => field.isChanged);
  const width = Math.max(0, ...visible.map((field) => field.path.length));
  for (const field of visible) lines.push(...renderAttribute(field, change.action, width, c));
  const hidden = change.attributes.length - visible.length;
  if (hidden > 0) lines.push(`        ${c.dim(`# (${hidden} unchanged attribute${hidden === 1 ? "" : "s"} hidden)`)}`);
  lines.push("    }");
  return lines;
}

interface AttributeView {
  mark: Mark;
  inline?: string;
  block?: { opener: string; lines: ValueLine[]; closer: string };
}

function renderAttribute(field: FieldDiff, action: Action, width: number, c: Colors): string[] {
  const view = viewOf(field, action);
  const note = replacementNote(field);
  const forces = note ? ` ${c.red(note)}` : "";
  const head = `      ${colorMark(view.mark, c)} ${field.path.padEnd(width)} = `;
  if (!view.block) return [`${head}${view.inline}${forces}`];
  const body = view.block.lines.map((line) => (line.mark === " " ? `            ${line.text}` : `          ${colorMark(line.mark, c)} ${line.text}`));
  return [`${head}${view.block.opener}${forces}`, ...body, `        ${view.block.closer}`];
}

function viewOf(field: FieldDiff, action: Action): AttributeView {
  if (field.isSensitive) return { mark: action === "create" ? "+" : "~", inline: SENSITIVE_VALUE };
  const { before, after } = field;
  if (action === "delete" || (after === undefined && !field.isUnknown)) return spread("-", before, " -> null");
  if (field.isUnknown) return before === undefined ? { mark: "+", inline: KNOWN_AFTER_APPLY } : { mark: "~", inline: `${formatInline(before)} -> ${KNOWN_AFTER_APPLY}` };
  if (before === undefined) return spread("+", after, "");
  if (Array.isArray(before) && Array.isArray(after)) return { mark: "~", block: { opener: "[", lines: diffListLines(before, after), closer: "]" } };
  if (typeof before === "string" && typeof after === "string" && (isMultiLineString(before) || isMultiLineString(after))) {
    return { mark: "~", block: { opener: "<<-EOT", lines: diffTextLines(before, after), closer: "EOT" } };
  }
  return { mark: "~", inline: `${formatInline(before)} -> ${formatInline(after!)}` };
}

/** A whole value added or removed: inline when short, else one line per element or text line. */
function spread(mark: "+" | "-", value: JsonValue | undefined, suffix: string): AttributeView {
  const shown = value === undefined ? null : value;
  if (isMultiLineString(shown)) return { mark, block: { opener: "<<-EOT", lines: wholeValueLines(shown, " "), closer: `EOT${suffix}` } };
  const inline = formatInline(shown);
  if (Array.isArray(shown) && inline.length > INLINE_LIMIT) return { mark, block: { opener: "[", lines: wholeValueLines(shown, mark), closer: `]${suffix}` } };
  return { mark, inline: `${inline}${suffix}` };
}

function symbolOf(change: Change): ActionSymbol {
  const action: Action = change.action;
  switch (action) {
    case "create":
      return "+";
    case "update":
    case "noop":
      return "~";
    case "delete":
      return "-";
    case "replace":
      return change.replaceOrder === "create-first" ? "+/-" : "-/+";
    default:
      return assertNever(action);
  }
}

function colorMark(mark: Mark, c: Colors): string {
  return mark === "+" ? c.green(mark) : mark === "-" ? c.red(mark) : c.yellow(mark);
}

function colorSymbol(symbol: ActionSymbol, c: Colors): string {
  if (symbol === "-/+") return `${c.red("-")}/${c.green("+")}`;
  if (symbol === "+/-") return `${c.green("+")}/${c.red("-")}`;
  return colorMark(symbol, c);
}
