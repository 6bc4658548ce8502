// JSON and JSON-with-comments files edited in place with jsonc-parser: only our entry's text changes, the
// user's comments, key order and indentation stay. Strict JSON clients (Claude Desktop, Claude Code, Cline)
// get a file without comments or trailing commas, or they fail to read it.
import { applyEdits, modify, parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { Entry } from './client-spec.js';
import type { FormatEditor, Parsed } from './format-editor.js';

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}

/** The file's own indentation (first indented line), two spaces when it has none. */
function indentOf(text: string): { insertSpaces: boolean; tabSize: number } {
  const m = /^([ \t]+)\S/m.exec(text);
  if (m?.[1]?.startsWith('\t')) return { insertSpaces: false, tabSize: 1 };
  return { insertSpaces: true, tabSize: m?.[1]?.length ?? 2 };
}

const eolOf = (text: string): string => (text.includes('\r\n') ? '\r\n' : '\n');

function edit(text: string, path: string[], value: unknown): string {
  const base = text.trim() === '' ? '{}' : text;
  const eol = eolOf(base);
  const out = applyEdits(base, modify(base, path, value, { formattingOptions: { ...indentOf(base), eol } }));
  return out.endsWith(eol) ? out : out + eol;
}

export function jsonEditor(comments: boolean): FormatEditor {
  return {
    parse(text): Parsed {
      if (text.trim() === '') return { ok: true, value: {} };
      const errors: ParseError[] = [];
      const value: unknown = parse(text, errors, {
        disallowComments: !comments,
        allowTrailingComma: comments,
        allowEmptyContent: true,
      });
      const first = errors[0];
      if (first) {
        const what = printParseErrorCode(first.error);
        return {
          ok: false,
          problem: `it is not valid JSON (${what} at ${lineAndColumn(text, first.offset)})`,
        };
      }
      return { ok: true, value };
    },
    set: (text, path, entry: Entry) => edit(text, path, entry),
    remove: (text, path) => edit(text, path, undefined),
    snippet: (path, entry) => edit('{}', path, entry),
  };
}
