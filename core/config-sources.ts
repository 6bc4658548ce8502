// How the config layers are read (the config.json file, environment variables, flags): a table maps each environment variable or flag to a settings path and a
// kind; raw strings are coerced by kind (zod then validates the merged result in config.ts), and layers
// merge deeply, later over earlier.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

type Kind = 'string' | 'path' | 'int' | 'bool' | 'list';
export interface Source {
  path: string[];
  kind: Kind;
}

function coerce(kind: Kind, raw: string | boolean): unknown {
  if (typeof raw === 'boolean') return raw;
  switch (kind) {
    case 'int':
      return /^\d+$/.test(raw.trim()) ? Number(raw) : raw;
    case 'bool':
      if (/^(1|true|yes|on)$/i.test(raw)) return true;
      if (/^(0|false|no|off|)$/i.test(raw)) return false;
      return raw;
    case 'list':
      return raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    case 'path':
      return raw === '' ? raw : resolve(raw);
    case 'string':
      return raw;
  }
}

export function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  node[path.at(-1)!] = value;
}

export function getPath(source: unknown, path: readonly PropertyKey[]): unknown {
  let node = source;
  for (const key of path) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function merge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const prev = out[key];
    out[key] = isPlainObject(prev) && isPlainObject(value) ? merge(prev, value) : value;
  }
  return out;
}

export function fromSources<K extends string>(
  table: Record<K, Source>,
  raw: Partial<Record<K, string | boolean | undefined>>,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const key of Object.keys(table) as K[]) {
    const value = raw[key];
    if (value !== undefined) setPath(values, table[key].path, coerce(table[key].kind, value));
  }
  return values;
}

export function readFileLayer(file: string, problems: string[]): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    problems.push(`cannot read ${file}: ${(err as Error).message}`);
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    problems.push(`${file} is not valid JSON (${(err as Error).message}); fix or delete it`);
    return {};
  }
  if (!isPlainObject(parsed)) {
    problems.push(`${file} must hold a JSON object of settings`);
    return {};
  }
  if ('dataDir' in parsed) {
    // The file lives in the data dir, so it cannot move it; only --data-dir or WSMCP_DATA_DIR can.
    problems.push(`${file}: "dataDir" cannot be set here; use --data-dir or WSMCP_DATA_DIR`);
    const { dataDir: _ignored, ...rest } = parsed;
    return rest;
  }
  return parsed;
}

// A secret in config.json would sit there readable: it is refused, with where it belongs instead.
export function withoutSecrets(
  /** Settings path ('account.clientSecret') → where that secret belongs instead. */
  secrets: Record<string, string>,
  values: Record<string, unknown>,
  file: string,
  problems: string[],
): Record<string, unknown> {
  let out = values;
  for (const [path, instead] of Object.entries(secrets)) {
    const [group, key] = path.split('.') as [string, string];
    const section = out[group];
    if (!isPlainObject(section) || !Object.hasOwn(section, key)) continue;
    problems.push(
      `${file}: "${path}" is a secret and is never read from this file; remove it and ${instead}`,
    );
    const { [key]: _secret, ...rest } = section;
    out = { ...out, [group]: rest };
  }
  return out;
}
