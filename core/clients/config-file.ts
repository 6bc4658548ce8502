// Reading a client's config file and deciding what writing our entry would do, without touching anything:
// the plan the preview shows as a diff and the write carries out. A file we cannot parse, an unexpected
// shape, a read-only file or someone else's entry under our name blocks the write with a message that
// says what to do; nothing is changed then.
import { createHash } from 'node:crypto';
import { SERVER_NAME, tokenInEntry, type ClientSpec, type Entry } from './client-spec.js';
import { editorFor } from './format-editor.js';
import { isReadOnly, readIfExists, realTarget } from './file-ops.js';
import { sameValue } from './same-value.js';
import type { HostOs } from './host-os.js';

export type Blocked = { reason: 'unparsable' | 'unexpected' | 'read-only' | 'user-entry'; message: string };

export type Existing =
  | { kind: 'absent' }
  /** Holds one of our tokens: written for this product, ours to update. */
  | { kind: 'ours'; entry: Entry; token: string }
  /** Something else under our name: replaced only when the user says so. */
  | { kind: 'foreign'; entry: unknown };

export interface ConfigRead {
  spec: ClientSpec;
  /** The path the client reads (shown to the user). */
  path: string;
  /** Where the bytes really are (through a symlink). */
  target: string;
  text: string | undefined;
  existing: Existing;
  /** Why the file cannot be edited at all, whatever we would write. */
  problem?: Blocked;
  readOnly: boolean;
}

export type Change = 'create' | 'update' | 'remove' | 'none';

export type Plan =
  | { ok: true; change: Change; before: string | undefined; after: string | undefined }
  | { ok: false; blocked: Blocked };

export const hashText = (text: string | undefined): string =>
  createHash('sha256')
    .update(text ?? '')
    .digest('hex');

const entryPath = (spec: ClientSpec): string[] => [...spec.serversKey, SERVER_NAME];

function child(node: unknown, key: string): unknown {
  return node && typeof node === 'object' && !Array.isArray(node)
    ? (node as Record<string, unknown>)[key]
    : undefined;
}

const isMap = (v: unknown): boolean => !!v && typeof v === 'object' && !Array.isArray(v);

export function readConfig(spec: ClientSpec, os: HostOs): ConfigRead {
  const path = spec.configPath(os);
  const target = realTarget(path);
  const text = readIfExists(target);
  const base = { spec, path, target, text, readOnly: text !== undefined && isReadOnly(target) };
  if (text === undefined) return { ...base, existing: { kind: 'absent' } };

  const parsed = editorFor(spec.format).parse(text);
  if (!parsed.ok) {
    const message = `${path} was left untouched: ${parsed.problem}. Fix or delete it (${spec.label} cannot read it either), then connect again.`;
    return { ...base, existing: { kind: 'absent' }, problem: { reason: 'unparsable', message } };
  }
  // Walk down the servers key: every level must be a map (or missing) for us to add our entry.
  let node: unknown = parsed.value;
  const where: string[] = [];
  for (const key of ['', ...spec.serversKey]) {
    if (key) {
      node = child(node, key);
      where.push(key);
      if (node === undefined) return { ...base, existing: { kind: 'absent' } };
    }
    if (!isMap(node)) {
      const what = where.length ? `"${where.join('.')}"` : 'the file';
      const message = `${path} was left untouched: ${what} is not the object ${spec.label} expects. Check the file by hand.`;
      return { ...base, existing: { kind: 'absent' }, problem: { reason: 'unexpected', message } };
    }
  }
  const entry = child(node, SERVER_NAME);
  if (entry === undefined) return { ...base, existing: { kind: 'absent' } };
  const token = tokenInEntry(entry);
  const existing: Existing =
    token?.startsWith('wsmcp_') && isMap(entry)
      ? { kind: 'ours', entry: entry as Entry, token }
      : { kind: 'foreign', entry };
  return { ...base, existing };
}

// Names what the entry does without echoing its values: its env or headers may hold the user's secrets.
function describe(entry: unknown): string {
  const e = isMap(entry) ? (entry as Record<string, unknown>) : {};
  const url = [e.url, e.serverUrl, e.httpUrl].find((v) => typeof v === 'string');
  if (typeof url === 'string') return `it points at ${url.split('?')[0]}`;
  if (typeof e.command === 'string') return `it runs "${e.command}"`;
  return 'an entry of another shape';
}

function readOnlyBlock(read: ConfigRead): Blocked {
  return {
    reason: 'read-only',
    message: `${read.path} is read-only, so it was left untouched. Make it writable (e.g. chmod u+w) and connect again, or add the entry by hand ("Copy config").`,
  };
}

/** What writing `desired` as our entry would change. `force` replaces someone else's entry under our name. */
export function planWrite(read: ConfigRead, desired: Entry, force = false): Plan {
  if (read.problem) return { ok: false, blocked: read.problem };
  const { existing, spec } = read;
  if (existing.kind === 'ours' && sameValue(existing.entry, desired)) {
    return { ok: true, change: 'none', before: read.text, after: read.text };
  }
  if (existing.kind === 'foreign' && !force) {
    const message = `${read.path} already has a "${SERVER_NAME}" server that this app did not write (${describe(existing.entry)}). It was left untouched; replace it with --force (or confirm in the app), a backup is kept.`;
    return { ok: false, blocked: { reason: 'user-entry', message } };
  }
  if (read.readOnly) return { ok: false, blocked: readOnlyBlock(read) };
  const after = editorFor(spec.format).set(read.text ?? '', entryPath(spec), desired);
  return { ok: true, change: read.text === undefined ? 'create' : 'update', before: read.text, after };
}

/** What removing our entry would change. Someone else's entry under our name is left alone. */
export function planRemove(read: ConfigRead): Plan {
  if (read.problem) return { ok: false, blocked: read.problem };
  if (read.existing.kind !== 'ours') return { ok: true, change: 'none', before: read.text, after: read.text };
  if (read.readOnly) return { ok: false, blocked: readOnlyBlock(read) };
  const after = editorFor(read.spec.format).remove(read.text ?? '', entryPath(read.spec));
  return { ok: true, change: 'remove', before: read.text, after };
}

export function snippet(spec: ClientSpec, entry: Entry): string {
  return editorFor(spec.format).snippet(entryPath(spec), entry);
}
