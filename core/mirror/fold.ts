// Text folded as the index folds it (unicode61, remove_diacritics 2): lower case, marks removed, so
// snippets can find where a query word matches in the original text, and query words can be compared
// with indexed terms.
export const fold = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** The words of a text (letters and digits), with where each starts in it. */
export function wordsOf(text: string): Array<{ word: string; at: number }> {
  return [...text.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({ word: m[0], at: m.index }));
}

/** ~`width` characters of `text` around the first word that matches a term (prefix), with ellipses. */
export function snippetOf(text: string, terms: readonly string[], width = 140): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const hit = wordsOf(flat).find(({ word }) => {
    const w = fold(word);
    return terms.some((t) => w.startsWith(t));
  });
  const center = hit?.at ?? 0;
  const start = Math.max(0, Math.min(center - Math.floor(width / 3), flat.length - width));
  const end = Math.min(flat.length, start + width);
  return `${start > 0 ? '…' : ''}${flat.slice(start, end)}${end < flat.length ? '…' : ''}`;
}
