import type { JsonValue } from "../core/json.js";

/**
 * A field value inside a one-line message: JSON, or `(absent)` when the field is not set.
 * Only ever given values the plan already shows; write-only values never reach here.
 */
export function formatFieldValue(value: JsonValue | undefined): string {
  return value === undefined ? "(absent)" : JSON.stringify(value);
}
