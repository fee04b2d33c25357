/**
 * Restricted Damerau–Levenshtein distance: a swapped pair of letters counts once, since
 * transpositions are the most common typo in keys.
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * The candidate closest to `word`, if it is close enough to be a plausible typo: a match ignoring
 * case wins outright, otherwise at most a third of the word's length may differ. Ties go to the
 * candidate listed first, so suggestions are deterministic.
 */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const sameIgnoringCase = candidates.find((c) => c.toLowerCase() === lower);
  if (sameIgnoringCase !== undefined) return sameIgnoringCase;
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** `; did you mean "x"?` when a close candidate exists, else `; known X: a, b, c` (or nothing). */
export function suggestionFor(word: string, candidates: readonly string[], knownLabel: string): string {
  const closest = closestMatch(word, candidates);
  if (closest !== undefined) return `; did you mean "${closest}"?`;
  if (candidates.length === 0) return "";
  return `; ${knownLabel}: ${candidates.join(", ")}`;
}
