// TOML (Codex) edited with toml-patch, which changes only the values that differ and keeps comments and
// layout. A new entry is appended as its own [table] (what Codex's own `codex mcp add` writes) rather than
// the dotted inline key toml-patch would insert; the result is parsed back and compared, and when that
// cannot work (the servers map is an inline table) toml-patch places it.
import { parse, patch } from '@decimalturn/toml-patch';
import type { Entry } from './client-spec.js';
import { sameValue } from './same-value.js';
import type { FormatEditor, Parsed } from './format-editor.js';

const BARE_KEY = /^[A-Za-z0-9_-]+$/;
const key = (k: string): string => (BARE_KEY.test(k) ? k : JSON.stringify(k));

// Our entries hold strings, string arrays and string maps; JSON string escapes are valid TOML basic strings.
function value(v: unknown): string {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(value).join(', ')}]`;
  if (v && typeof v === 'object') {
    const pairs = Object.entries(v).map(([k, x]) => `${key(k)} = ${value(x)}`);
    return pairs.length ? `{ ${pairs.join(', ')} }` : '{}';
  }
  throw new Error(`cannot write ${typeof v} to TOML`);
}

const tableText = (path: string[], entry: Entry): string =>
  [`[${path.map(key).join('.')}]`, ...Object.entries(entry).map(([k, v]) => `${key(k)} = ${value(v)}`)].join(
    '\n',
  ) + '\n';

function getPath(root: unknown, path: string[]): unknown {
  return path.reduce<unknown>(
    (node, k) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[k] : undefined),
    root,
  );
}

function withPath(
  root: Record<string, unknown>,
  path: string[],
  entry: Entry | undefined,
): Record<string, unknown> {
  const copy = structuredClone(root);
  let node = copy;
  for (const k of path.slice(0, -1)) {
    const next = node[k];
    node = (next && typeof next === 'object' ? next : (node[k] = {})) as Record<string, unknown>;
  }
  const last = path.at(-1)!;
  if (entry === undefined) delete node[last];
  else node[last] = entry;
  return copy;
}

function appendTable(text: string, path: string[], entry: Entry): string | undefined {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const trimmed = text.replace(/\s+$/, '');
  const out = (trimmed ? `${trimmed}${eol}${eol}` : '') + tableText(path, entry).replace(/\n/g, eol);
  try {
    return sameValue(getPath(parse(out), path), entry) ? out : undefined;
  } catch {
    return undefined;
  }
}

export function tomlEditor(): FormatEditor {
  return {
    parse(text): Parsed {
      try {
        return { ok: true, value: parse(text) };
      } catch (err) {
        const first = (err as Error).message.split('\n')[0];
        return { ok: false, problem: `it is not valid TOML (${first})` };
      }
    },
    set(text, path, entry) {
      const current = parse(text) as Record<string, unknown>;
      if (getPath(current, path) === undefined) {
        const appended = appendTable(text, path, entry);
        if (appended !== undefined) return appended;
      }
      return patch(text, withPath(current, path, entry));
    },
    remove: (text, path) => patch(text, withPath(parse(text) as Record<string, unknown>, path, undefined)),
    snippet: (path, entry) => tableText(path, entry),
  };
}
