// The edit operations the shared writer needs from a config format (JSON, JSONC, TOML).
import type { ConfigFormat, Entry } from './client-spec.js';
import { jsonEditor } from './json-format.js';
import { tomlEditor } from './toml-format.js';

export type Parsed = { ok: true; value: unknown } | { ok: false; problem: string };

export interface FormatEditor {
  parse(text: string): Parsed;
  /** `text` with the value at `path` set to `entry`; everything else as it was. */
  set(text: string, path: string[], entry: Entry): string;
  /** `text` without the value at `path`. */
  remove(text: string, path: string[]): string;
  /** A file holding only the entry: what "Copy config" puts on the clipboard. */
  snippet(path: string[], entry: Entry): string;
}

export function editorFor(format: ConfigFormat): FormatEditor {
  if (format === 'toml') return tomlEditor();
  return jsonEditor(format === 'jsonc');
}
