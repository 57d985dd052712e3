/**
 * "Did you mean …?": the candidate nearest to a word (edit distance), if near enough.
 * Bottom layer and import-free, so the CLI can suggest names without loading the schemas.
 */
export function closest(word: string, candidates: string[], maxDistance = Math.max(2, Math.floor(word.length / 3))): string | undefined {
  if (word.length > 200) return undefined; // not a typo; and keeps the distance computation small
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= maxDistance && bestD < best.length ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
