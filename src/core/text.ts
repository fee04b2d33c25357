/**
 * Code-unit order: the same on every machine, unlike locale-aware comparison, and free, where
 * the first localeCompare of a process spends milliseconds loading ICU's collator.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
