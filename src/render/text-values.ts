import { diffArrays, diffLines } from "diff";
import { isDeepStrictEqual } from "node:util";
import { isJsonObject, type JsonValue } from "../core/json.js";
import type { FieldDiff } from "../core/plan.js";

/** Markers shown instead of values. */
export const KNOWN_AFTER_APPLY = "(known after apply)";
export const SENSITIVE_VALUE = "(sensitive)";

/** The note after a field that forces its resource's replacement, with the kind's reason when it gave one. */
export function replacementNote(field: FieldDiff): string | undefined {
  if (!field.forcesReplacement) return undefined;
  return `# forces replacement${field.replaceReason ? `: ${field.replaceReason}` : ""}`;
}

/** One line of a multi-line value: a marker (`+`, `-` or blank for context) and its text. */
export interface ValueLine {
  mark: "+" | "-" | " ";
  text: string;
}

/** A value in Terraform's inline notation: strings quoted, lists `[...]`, maps `{ k = v }`. */
export function formatInline(value: JsonValue): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(formatInline).join(", ")}]`;
  if (isJsonObject(value)) {
    const entries = Object.entries(value).map(([k, v]) => `${/^[A-Za-z_][A-Za-z0-9_-]*$/.test(k) ? k : JSON.stringify(k)} = ${formatInline(v)}`);
    return entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
  }
  return String(value);
}

/** Whether a value is text spread over several lines (shown as a heredoc). */
export function isMultiLineString(value: JsonValue | undefined): value is string {
  return typeof value === "string" && value.includes("\n");
}

/** Element-by-element changes between two lists, unchanged elements kept for context. */
export function diffListLines(before: JsonValue[], after: JsonValue[]): ValueLine[] {
  return diffArrays(before, after, { comparator: isDeepStrictEqual }).flatMap((part) =>
    part.value.map((element) => ({ mark: part.added ? "+" : part.removed ? "-" : " ", text: `${formatInline(element)},` }) as ValueLine),
  );
}

/** Line-by-line changes between two multi-line strings. */
export function diffTextLines(before: string, after: string): ValueLine[] {
  return diffLines(before, after).flatMap((part) =>
    splitLines(part.value).map((text) => ({ mark: part.added ? "+" : part.removed ? "-" : " ", text }) as ValueLine),
  );
}

/** Every line of one list or text, all with the same marker (a created or destroyed value). */
export function wholeValueLines(value: JsonValue[] | string, mark: ValueLine["mark"]): ValueLine[] {
  const texts = typeof value === "string" ? splitLines(value) : value.map((element) => `${formatInline(element)},`);
  return texts.map((text) => ({ mark, text }));
}

function splitLines(text: string): string[] {
  const lines = text.split("\n");
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}
