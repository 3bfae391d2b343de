/**
 * Near-miss suggestions for misspelt names ("radiusm" -> "radiusM").
 *
 * Reference: [1] Damerau, "A technique for computer detection and correction of spelling errors",
 * CACM 7(3), 1964 (edit distance with transpositions).
 */

/** Longest name for which a near miss is looked for, characters (known keys are far shorter). */
export const MAX_SUGGESTED_KEY_CHARS = 64;

/** Optimal-string-alignment edit distance, case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const rows = s.length + 1;
  const cols = t.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min(
        d[(i - 1) * cols + j]! + 1,
        d[i * cols + j - 1]! + 1,
        d[(i - 1) * cols + j - 1]! + cost,
      );
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
        best = Math.min(best, d[(i - 2) * cols + j - 2]! + 1);
      }
      d[i * cols + j] = best;
    }
  }
  return d[rows * cols - 1]!;
}

/**
 * The known name closest to `name`, or null when none is close enough to be a likely typo
 * (distance at most 2, and at most a third of the name's length).
 */
export function closestName(name: string, known: readonly string[]): string | null {
  // a key this long is no typo of a known one, and its distance would cost length^2
  if (name.length > MAX_SUGGESTED_KEY_CHARS) return null;
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of known) {
    if (Math.abs(candidate.length - name.length) > 2) continue;
    const dist = editDistance(name, candidate);
    if (dist < bestDistance) {
      bestDistance = dist;
      best = candidate;
    }
  }
  const limit = Math.min(2, Math.max(1, Math.floor(name.length / 3)));
  return bestDistance <= limit ? best : null;
}
