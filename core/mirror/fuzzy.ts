// The typo-tolerant fallback: when the exact words find nothing, each word is replaced by the indexed
// terms within a small edit distance of it (one edit for short words, two for longer), most common first.
// The vocabulary is read from the index once and kept in memory, grown by what is indexed later.

/** Optimal string alignment distance (Levenshtein plus adjacent swaps), or max + 1 once past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, (prev2[j - 2] as number) + 1);
      cur.push(v);
      best = Math.min(best, v);
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length] as number;
}

export const allowedEdits = (term: string): number => (term.length <= 3 ? 0 : term.length <= 5 ? 1 : 2);

/** Up to `max` vocabulary terms close to `term`, closest and most common first. */
export function closeTerms(term: string, vocabulary: ReadonlyMap<string, number>, max = 3): string[] {
  const edits = allowedEdits(term);
  if (edits === 0) return [];
  const found: Array<{ term: string; d: number; docs: number }> = [];
  for (const [candidate, docs] of vocabulary) {
    if (candidate === term) continue;
    const d = editDistance(term, candidate, edits);
    if (d <= edits) found.push({ term: candidate, d, docs });
  }
  return found
    .sort((x, y) => x.d - y.d || y.docs - x.docs)
    .slice(0, max)
    .map((f) => f.term);
}
