// JSON and JSON-with-comments files edited in place with jsonc-parser: only our entry's text changes, the
// user's comments, key order and indentation stay. Strict JSON clients (Claude Desktop, Claude Code, Cline)
// get a file without comments or trailing commas, or they fail to read it.
import {
  applyEdits,
  createScanner,
  findNodeAtLocation,
  modify,
  parse,
  parseTree,
  printParseErrorCode,
  type ParseError,
} from 'jsonc-parser';
import type { Entry } from './client-spec.js';
import type { FormatEditor, Parsed } from './format-editor.js';
import { sameValue } from './same-value.js';

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

const leadingSpace = (text: string, offset: number): string => {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))![0];
};

/** Whether the next token after `offset` (comments skipped) is a comma. */
function commaFollows(text: string, offset: number): boolean {
  const scanner = createScanner(text, true);
  scanner.setPosition(offset);
  scanner.scan();
  const start = scanner.getTokenOffset();
  return text.slice(start, start + scanner.getTokenLength()) === ',';
}

/**
 * Adds a new property as its own lines just above the object's closing brace, indented like its siblings.
 * jsonc-parser's own insert re-formats the whole line before it (collapsing a sibling's one-line layout or
 * moving its comment), so the user's lines stay byte for byte here. Undefined when the layout is unusual
 * (a one-line object); the caller then lets jsonc-parser format.
 */
function insertLines(text: string, path: string[], value: unknown): string | undefined {
  const root = parseTree(text, [], { allowTrailingComma: true });
  if (root?.type !== 'object') return undefined;
  let node = root;
  let depth = 0;
  for (; depth < path.length - 1; depth++) {
    const next = findNodeAtLocation(node, [path[depth]!]);
    if (!next) break;
    if (next.type !== 'object') return undefined;
    node = next;
  }
  if (findNodeAtLocation(node, [path[depth]!])) return undefined;
  const nested = path.slice(depth + 1).reduceRight<unknown>((v, k) => ({ [k]: v }), value);
  const close = node.offset + node.length - 1;
  const lineStart = text.lastIndexOf('\n', close - 1) + 1;
  if (text.slice(lineStart, close).trim() !== '' || node.offset >= lineStart) return undefined;
  const { insertSpaces, tabSize } = indentOf(text);
  const unit = insertSpaces ? ' '.repeat(tabSize) : '\t';
  const eol = eolOf(text);
  const last = node.children?.at(-1);
  const indent = last ? leadingSpace(text, last.offset) : text.slice(lineStart, close) + unit;
  const trailing = last !== undefined && commaFollows(text, last.offset + last.length);
  const body = JSON.stringify(nested, null, unit)
    .split('\n')
    .join(eol + indent);
  const property = `${indent}${JSON.stringify(path[depth])}: ${body}${trailing ? ',' : ''}${eol}`;
  const comma = last && !trailing ? last.offset + last.length : undefined;
  const withComma = comma === undefined ? text : `${text.slice(0, comma)},${text.slice(comma)}`;
  const at = lineStart + (comma === undefined ? 0 : 1);
  return withComma.slice(0, at) + property + withComma.slice(at);
}

function edit(text: string, path: string[], value: unknown): string {
  if (value !== undefined && text.trim() !== '') {
    const inserted = insertLines(text, path, value);
    const errors: ParseError[] = [];
    const check = inserted === undefined ? undefined : parse(inserted, errors, { allowTrailingComma: true });
    const got = path.reduce<unknown>((n, k) => (n as Record<string, unknown> | undefined)?.[k], check);
    if (inserted !== undefined && errors.length === 0 && sameValue(got, value)) return inserted;
  }
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
