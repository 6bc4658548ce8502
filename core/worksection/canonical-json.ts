// JSON text that is the same for the same value whatever order its object keys were written in: for
// telling two calls or two records apart by content.

const sorted = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(sorted)
    : v !== null && typeof v === 'object'
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([k, x]) => [k, sorted(x)]),
        )
      : v;

/** JSON.stringify with every object's keys in code-point order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sorted(value));
}
