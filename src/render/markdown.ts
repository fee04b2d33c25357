import type { Plan } from "../core/plan.js";
import {
  changesByRisk,
  contextLine,
  detailsBlock,
  diagramBlock,
  notableNoops,
  noteLine,
  tableRow,
  TABLE_HEAD,
  verdictLine,
} from "./markdown-sections.js";

/** GitHub refuses issue and pull-request comments longer than this. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/**
 * Room kept free under the limit: for a footer a workflow may append (a job link) and because
 * GitHub's own counting of emoji and other non-ASCII text is not documented.
 */
const SAFETY_MARGIN = 1_024;

/** Options for `renderPlanMarkdown`. */
export interface MarkdownRenderOptions {
  /** Largest comment to produce, in characters; GitHub's 65,536 by default. */
  limit?: number;
}

/** The hidden first line a workflow searches for to update its own comment instead of adding one. */
export function planCommentMarker(stack: string): string {
  return `<!-- adstack-plan stack=${stack} -->`;
}

/**
 * The plan as a pull-request comment: the verdict first (risk first), a table of addresses by
 * action, a collapsed field diff per changed resource and a Mermaid diagram of the changed
 * resources and their dependencies. When the whole does not fit the limit, the details go first
 * (least risky resources first), then the diagram, then table rows; the verdict always stays and
 * the comment says what was left out.
 */
export function renderPlanMarkdown(plan: Plan, options: MarkdownRenderOptions = {}): string {
  const budget = (options.limit ?? GITHUB_COMMENT_LIMIT) - SAFETY_MARGIN;
  const changes = changesByRisk(plan);
  const notes = notableNoops(plan).map(noteLine);
  const head = [planCommentMarker(plan.stack), verdictLine(plan), contextLine(plan)];
  if (changes.length === 0) return joinSections([...head, notes.join("\n")]);

  const rows = changes.map(tableRow);
  const details = changes.map(detailsBlock);
  const diagram = `#### Dependencies\n\n${diagramBlock(changes)}`;
  const render = (shown: Shown) =>
    joinSections([
      ...head,
      cutNotice(changes.length, shown),
      [TABLE_HEAD, ...rows.slice(0, shown.rows), ...(shown.rows < rows.length ? [omittedRow(rows.length - shown.rows)] : [])].join("\n"),
      notes.join("\n"),
      shown.diagram ? diagram : "",
      shown.details > 0 ? `#### Details\n\n${details.slice(0, shown.details).join("\n\n")}` : "",
    ]);

  // Each stage gives up one kind of content, lowest priority first, and keeps as much of it as fits.
  const all: Shown = { rows: rows.length, diagram: true, details: details.length };
  const fits = (shown: Shown) => sizeOf(render(shown)) <= budget;
  if (fits(all)) return render(all);
  const withoutDetails = { ...all, details: 0 };
  if (fits(withoutDetails)) return render({ ...all, details: largest(details.length, (details) => fits({ ...all, details })) });
  const bare = { ...withoutDetails, diagram: false };
  return render({ ...bare, rows: largest(rows.length, (rows) => fits({ ...bare, rows })) });
}

interface Shown {
  rows: number;
  diagram: boolean;
  details: number;
}

/** What was left out, in words, with where to see everything. */
function cutNotice(total: number, shown: Shown): string {
  const cuts: string[] = [];
  if (shown.details < total) cuts.push(`Details of ${total - shown.details} resource${total - shown.details === 1 ? "" : "s"} omitted`);
  if (!shown.diagram) cuts.push("the dependency diagram omitted");
  if (shown.rows < total) cuts.push(`${total - shown.rows} table row${total - shown.rows === 1 ? "" : "s"} omitted`);
  if (cuts.length === 0) return "";
  const text = cuts.join(", ");
  return `> ✂️ ${text[0]!.toUpperCase()}${text.slice(1)} to fit GitHub's comment limit; run \`adstack plan\` locally or see the job log.`;
}

function omittedRow(count: number): string {
  return `| … | _${count} more resource${count === 1 ? "" : "s"}_ | |`;
}

/** The largest n in [0, max] for which `fits(n)` holds, given that it holds for 0 and is monotone. */
function largest(max: number, fits: (n: number) => boolean): number {
  let low = 0;
  let high = max;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(mid)) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** UTF-8 bytes: never less than the string's length in characters, however GitHub counts them. */
function sizeOf(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

function joinSections(sections: readonly string[]): string {
  return `${sections.filter((section) => section !== "").join("\n\n")}\n`;
}
