import pc from "picocolors";
import { formatDuration } from "../../applier/duration.js";
import type { ApplyEvent, StepOperation } from "../../core/events.js";

/** Colour functions; identity functions when colour is off. */
export type Palette = ReturnType<typeof pc.createColors>;

/** Colours on or off; every reporter takes this from its caller, never from the environment. */
export function paletteFor(color: boolean): Palette {
  return pc.createColors(color);
}

type StepEvent = Extract<ApplyEvent, { type: "step_started" | "step_progress" | "step_finished" }>;

/** Terraform's words for each operation, so CI logs read the same as theirs. */
const WORDS: Record<StepOperation, { doing: string; done: string }> = {
  create: { doing: "creating", done: "Creation" },
  update: { doing: "modifying", done: "Modifications" },
  delete: { doing: "destroying", done: "Destruction" },
};

/** `creating`, `modifying` or `destroying`. */
export function progressVerb(operation: StepOperation): string {
  return WORDS[operation].doing;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** The appended line for one step event, Terraform-style. */
export function formatStepLine(event: StepEvent, c: Palette): string {
  const prefix = `${c.bold(event.address)}: `;
  const words = WORDS[event.operation];
  switch (event.type) {
    case "step_started": {
      const id = event.operation !== "create" && event.id ? ` [id=${event.id}]` : "";
      return `${prefix}${capitalize(words.doing)}...${id}`;
    }
    case "step_progress": {
      const id = event.id ? `id=${event.id}, ` : "";
      return `${prefix}Still ${words.doing}... [${id}${formatDuration(event.elapsedMs)} elapsed]`;
    }
    case "step_finished": {
      const after = formatDuration(event.elapsedMs);
      if (event.outcome === "done") {
        const id = event.operation !== "delete" && event.id ? ` [id=${event.id}]` : "";
        return `${prefix}${c.green(`${words.done} complete after ${after}`)}${id}`;
      }
      if (event.outcome === "failed") return `${prefix}${c.red(`${words.done} failed after ${after}: ${event.message ?? "unknown error"}`)}`;
      if (event.outcome === "interrupted") {
        // Unlike after a completed delete, the resource may still be there: its id helps find it.
        const id = event.id ? ` [id=${event.id}]` : "";
        return `${prefix}${c.magenta(`${words.done} interrupted after ${after}: ${event.message ?? "the next apply will continue"}`)}${id}`;
      }
      return `${prefix}${c.yellow(`Skipped (${event.message ?? "not run"})`)}`;
    }
  }
}

/**
 * A filter that lets through the first skip per address and reason only: both halves of a
 * replacement are skipped for the same reason, and saying it twice reads like two resources.
 */
export function createRepeatedSkipFilter(): (event: ApplyEvent) => boolean {
  const seen = new Set<string>();
  return (event) => {
    if (event.type !== "step_finished" || event.outcome !== "skipped") return true;
    const key = `${event.address}\n${event.message ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
}
