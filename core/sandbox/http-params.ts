// Reading a request's parameters the way Worksection's PHP backend sees them: the query string, a
// urlencoded or multipart form body, or a JSON body (the official SDK's choice), merged in that order with
// later sources winning. PHP's array syntax is honoured: `todo[]=a&todo[]=b` and `attach[0]=…` arrive as
// the array `todo: ['a', 'b']` under the name without brackets.
import type { Params, UploadedFile } from './handler.js';

export type Pair = [string, string];

export interface ParsedRequest {
  params: Params;
  uploads: UploadedFile[];
  /** Decoded query pairs in the order sent: what the admin md5 hash is computed over. */
  queryPairs: Pair[];
  /** The query string exactly as sent, without the leading `?`. */
  rawQuery: string;
  /** Pairs from a urlencoded or multipart body, in order (JSON bodies are flattened into pairs too). */
  bodyPairs: Pair[];
}

const ARRAY_KEY = /^(.+)\[(\d*)\]$/;

export function addPair(params: Params, key: string, value: string): void {
  const m = ARRAY_KEY.exec(key);
  if (!m) {
    params[key] = value;
    return;
  }
  const name = m[1] as string;
  const existing = params[name];
  if (Array.isArray(existing)) existing.push(value);
  else params[name] = [value];
}

/** JSON bodies: nested objects become dotted names (`options.allow_close`), arrays become `name[]`. */
export function flattenJson(value: unknown, prefix = ''): Pair[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) {
    if (!prefix) return [];
    return value.flatMap((item): Pair[] =>
      item !== null && typeof item === 'object'
        ? [[`${prefix}[]`, JSON.stringify(item)]]
        : flattenJson(item, `${prefix}[]`),
    );
  }
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
      flattenJson(v, prefix ? `${prefix}.${k}` : k),
    );
  }
  if (!prefix) return [];
  if (typeof value === 'boolean') return [[prefix, value ? '1' : '0']];
  return [[prefix, String(value as string | number)]];
}

async function readBody(req: Request): Promise<{ pairs: Pair[]; uploads: UploadedFile[] }> {
  const none = { pairs: [], uploads: [] };
  if (req.method === 'GET' || req.method === 'HEAD' || !req.body) return none;
  const type = (req.headers.get('content-type') ?? '').toLowerCase();
  if (type.startsWith('multipart/form-data')) {
    const form = await req.formData();
    const pairs: Pair[] = [];
    const uploads: UploadedFile[] = [];
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') pairs.push([field, value]);
      else uploads.push({ field, name: value.name, bytes: new Uint8Array(await value.arrayBuffer()) });
    }
    return { pairs, uploads };
  }
  const text = await req.text();
  if (!text) return none;
  if (type.includes('json')) {
    try {
      return { pairs: flattenJson(JSON.parse(text)), uploads: [] };
    } catch {
      // PHP's json_decode yields null for a broken body, so the request simply carries no body params.
      return none;
    }
  }
  // Form-encoded is what PHP assumes for a body without a usable content type, too.
  return { pairs: [...new URLSearchParams(text)], uploads: [] };
}

export async function readRequestParams(req: Request): Promise<ParsedRequest> {
  const url = new URL(req.url);
  const queryPairs: Pair[] = [...url.searchParams];
  const { pairs: bodyPairs, uploads } = await readBody(req);
  const params: Params = {};
  for (const [k, v] of queryPairs) addPair(params, k, v);
  // A body value replaces a query value of the same name instead of extending a query array.
  const fromBody: Params = {};
  for (const [k, v] of bodyPairs) addPair(fromBody, k, v);
  Object.assign(params, fromBody);
  return { params, uploads, queryPairs, rawQuery: url.search.slice(1), bodyPairs };
}

/** The single value of a parameter (the last one when an array was sent). */
export function param(params: Params, name: string): string | undefined {
  const v = params[name];
  return Array.isArray(v) ? v[v.length - 1] : v;
}
