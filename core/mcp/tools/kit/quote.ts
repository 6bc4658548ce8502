// Input quoted back in an error message, cut to a readable length: a 900 KB argument echoed whole would
// cost the model its context and say nothing more than its first words do.
const QUOTE_CHARS = 60;

/** `"value"`, or its first characters and how long it was: `"abc…" (900000 characters)`. */
export function quoted(value: unknown, mark = '"'): string {
  const text = String(value);
  if (text.length <= QUOTE_CHARS) return `${mark}${text}${mark}`;
  return `${mark}${text.slice(0, QUOTE_CHARS)}…${mark} (${text.length} characters)`;
}
