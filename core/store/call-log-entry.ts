// What one MCP request becomes in the call log, and the shaping that happens off the hot path (at flush):
// arguments with secrets redacted and cut to 4 KB, the bytes a result carried, whether it was truncated.
import { redactText, redactValue } from './redaction.js';

export type CallStatus = 'ok' | 'tool_error' | 'protocol_error';
export const CALL_STATUSES: readonly CallStatus[] = ['ok', 'tool_error', 'protocol_error'];

/** What the server hands over per request: raw, so the caller pays almost nothing. */
export interface CallLogEntry {
  /** When the request arrived (epoch ms). */
  time: number;
  /** The client token's name, or 'stdio'. */
  client: string;
  /** 'tools/call', 'resources/read', 'prompts/get'. */
  method: string;
  /** The tool or prompt name, or the resource URI. */
  target?: string;
  args?: unknown;
  status: CallStatus;
  error?: string;
  durationMs: number;
  upstreamRequests?: number;
  cacheHits?: number;
  /** The answer, measured at flush (bytes, truncated) and then dropped. */
  result?: unknown;
}

/** One logged request as queries, exports and live listeners see it. */
export interface CallLogRow {
  id: number;
  /** ISO time the request arrived. */
  time: string;
  client: string;
  method: string;
  target: string | null;
  /** Redacted JSON of the arguments, at most ARGS_MAX_BYTES (cut ones end with CUT_MARK). */
  args: string | null;
  status: CallStatus;
  error: string | null;
  durationMs: number;
  upstreamRequests: number;
  cacheHits: number;
  bytes: number;
  truncated: boolean;
  /** The beginning of the answer's text, redacted, at most PREVIEW_MAX_BYTES (null: no text). */
  preview: string | null;
}

/** The columns of a row as stored (time as epoch ms, booleans as 0/1). */
export interface StoredCall {
  ts: number;
  client: string;
  method: string;
  target: string | null;
  args: string | null;
  status: CallStatus;
  error: string | null;
  duration_ms: number;
  upstream_requests: number;
  cache_hits: number;
  bytes: number;
  truncated: number;
  preview: string | null;
}

export const ARGS_MAX_BYTES = 4096;
export const PREVIEW_MAX_BYTES = 512;
const ERROR_MAX_BYTES = 2048;
export const CUT_MARK = '…[cut]';
export { REDACTED } from './redaction.js';

/** `text` cut to at most `max` UTF-8 bytes (mark included), never inside a character. */
function cutText(text: string, max: number): string {
  if (Buffer.byteLength(text) <= max) return text;
  const bytes = Buffer.from(text);
  // The first byte left out must not continue a character, or the kept part ends inside one.
  let end = max - Buffer.byteLength(CUT_MARK);
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end -= 1;
  return `${bytes.subarray(0, end).toString('utf8')}${CUT_MARK}`;
}

function argsText(args: unknown): string | null {
  if (args === undefined) return null;
  let json: string | undefined;
  try {
    json = JSON.stringify(redactValue(args));
  } catch {
    json = '"[unserialisable]"';
  }
  return json === undefined ? null : cutText(json, ARGS_MAX_BYTES);
}

// What the answer carried to the client: the text, base64 data and blobs of its content blocks, resource
// contents and prompt messages. structuredContent repeats the text block's JSON, so it is not counted twice.
const PAYLOAD_KEYS = new Set(['text', 'data', 'blob']);
function payloadBytes(value: unknown, depth = 0): number {
  if (typeof value !== 'object' || value === null || depth > 8) return 0;
  let sum = 0;
  if (Array.isArray(value)) {
    for (const v of value) sum += payloadBytes(v, depth + 1);
    return sum;
  }
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'string') sum += PAYLOAD_KEYS.has(key) ? Buffer.byteLength(v) : 0;
    else if (key !== 'structuredContent' && key !== '_meta') sum += payloadBytes(v, depth + 1);
  }
  return sum;
}

/** The answer's text blocks (tool text, resource text, prompt messages) joined, as far as the cut reaches. */
function previewText(result: unknown): string | null {
  const parts: string[] = [];
  let size = 0;
  const walk = (value: unknown, depth: number): void => {
    if (size > PREVIEW_MAX_BYTES || typeof value !== 'object' || value === null || depth > 8) return;
    for (const [key, v] of Object.entries(value)) {
      if (key === 'text' && typeof v === 'string') {
        parts.push(v);
        size += v.length;
      } else if (key !== 'structuredContent' && key !== '_meta') walk(v, depth + 1);
    }
  };
  walk(result, 0);
  if (parts.length === 0) return null;
  return cutText(redactText(parts.join('\n')), PREVIEW_MAX_BYTES);
}

/** Paged answers say `truncated: true` at the top of their structured content (paging.ts). */
function wasTruncated(result: unknown): boolean {
  const structured = (result as { structuredContent?: { truncated?: unknown } } | undefined)
    ?.structuredContent;
  return structured?.truncated === true;
}

export function toStored(entry: CallLogEntry): StoredCall {
  return {
    ts: Math.round(entry.time),
    client: entry.client,
    method: entry.method,
    target: entry.target ?? null,
    args: argsText(entry.args),
    status: entry.status,
    error: entry.error === undefined ? null : cutText(redactText(entry.error), ERROR_MAX_BYTES),
    duration_ms: Math.round(entry.durationMs * 1000) / 1000,
    upstream_requests: entry.upstreamRequests ?? 0,
    cache_hits: entry.cacheHits ?? 0,
    bytes: payloadBytes(entry.result),
    truncated: wasTruncated(entry.result) ? 1 : 0,
    preview: previewText(entry.result),
  };
}

export function toRow(id: number, s: StoredCall): CallLogRow {
  return {
    id,
    time: new Date(s.ts).toISOString(),
    client: s.client,
    method: s.method,
    target: s.target,
    args: s.args,
    status: s.status,
    error: s.error,
    durationMs: s.duration_ms,
    upstreamRequests: s.upstream_requests,
    cacheHits: s.cache_hits,
    bytes: s.bytes,
    truncated: s.truncated === 1,
    preview: s.preview,
  };
}
