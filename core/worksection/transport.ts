// One HTTP exchange with Worksection and the reading of its answer: what counts as retryable (429, 5xx,
// network, broken JSON on a read), what is an auth problem (401), and what is a business error
// ({"status":"error"}, which is never passed on as data).
import { parseRetryAfter } from './scheduler/backoff.js';
import { fetchNotingSend } from './sent-at.js';
import {
  AuthExpiredError,
  AuthInvalidError,
  BadResponseError,
  RequestTooLongError,
  TransientFailure,
  WorksectionApiError,
  type WorksectionError,
} from './errors.js';

export type ParamValue =
  string | number | boolean | null | undefined | readonly (string | number | boolean)[];
export type WsParams = Readonly<Record<string, ParamValue>>;
export type Pairs = Array<[string, string]>;

/** A request ready for fetch. The URL may carry a signature: never log it or put it in an error. */
export interface PreparedRequest {
  url: string;
  init: RequestInit;
}

export interface ExchangeContext {
  action: string;
  effect: 'read' | 'write';
  /** In admin mode a status_code 2 answer means the API key signature was refused. */
  mode: 'oauth' | 'admin';
  signal: AbortSignal;
}

/**
 * Params in the order given: arrays as repeated `key[]` pairs (todo[]=a&todo[]=b), booleans as Worksection's
 * 1/0 flags, numbers in decimal, undefined and null dropped.
 */
export function encodeParams(params: WsParams): Pairs {
  const pairs: Pairs = [];
  for (const [key, value] of Object.entries(params)) {
    if (value == null) continue;
    if (Array.isArray(value)) {
      const name = key.endsWith('[]') ? key : `${key}[]`;
      for (const item of value as readonly (string | number | boolean)[])
        pairs.push([name, scalar(key, item)]);
    } else {
      pairs.push([key, scalar(key, value as string | number | boolean)]);
    }
  }
  return pairs;
}

function scalar(key: string, value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new TypeError(`param ${key} must be a finite number, got ${value}`);
  }
  return String(value);
}

/** Identity of a read for coalescing: the action plus its params sorted by name (array order kept). */
export function readKey(action: string, pairs: Pairs): string {
  const sorted = pairs
    .map((pair, i) => ({ pair, i }))
    .sort((a, b) => (a.pair[0] < b.pair[0] ? -1 : a.pair[0] > b.pair[0] ? 1 : a.i - b.i))
    .map(({ pair }) => pair);
  return JSON.stringify([action, sorted]);
}

/**
 * Sends the request; turns 429, 5xx and network failures into TransientFailure. `onSent` hears the moment
 * the request actually leaves (sent-at.ts), which is when the rate window starts counting it.
 */
export async function send(
  prepared: PreparedRequest,
  signal: AbortSignal,
  onSent?: () => void,
): Promise<Response> {
  let res: Response;
  try {
    res = await fetchNotingSend(prepared.url, { ...prepared.init, signal, redirect: 'manual' }, onSent);
  } catch (e) {
    if (signal.aborted) throw signal.reason ?? e;
    throw networkFailure(e);
  }
  if (res.status === 429) {
    await discard(res);
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
    throw new TransientFailure('rate_limited', { httpStatus: 429, retryAfterMs, notDelivered: true });
  }
  if (res.status >= 500) {
    await discard(res);
    throw new TransientFailure('server_error', { httpStatus: res.status });
  }
  return res;
}

// Content Too Large, URI Too Long, Request Header Fields Too Large: a long filter or text travels in the URL.
const TOO_LONG = new Set([413, 414, 431]);

/** Reads a JSON answer into its success envelope, or throws the matching typed error. */
export async function readEnvelope(res: Response, ctx: ExchangeContext): Promise<Record<string, unknown>> {
  if (TOO_LONG.has(res.status)) {
    await res.body?.cancel().catch(() => undefined);
    throw new RequestTooLongError(ctx.action, res.status);
  }
  const text = await readBody(res, ctx.signal, () => res.text());
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    if (res.status === 401) throw new AuthInvalidError(ctx.action, 'HTTP 401');
    if (res.status !== 200) {
      throw new BadResponseError(ctx.action, { reason: 'unexpected_status', httpStatus: res.status });
    }
    const bad = new BadResponseError(ctx.action, { reason: 'malformed_json', httpStatus: 200 }, { cause: e });
    // A read can be repeated safely; a write that answered at all was processed, so its answer is final.
    if (ctx.effect === 'read') throw new TransientFailure('malformed', { terminal: bad });
    throw bad;
  }
  const envelope = isRecord(body) ? body : undefined;
  if (res.status === 401) throw authError(ctx.action, envelope);
  if (envelope?.status === 'error') throw apiError(ctx.action, envelope, ctx.mode);
  if (res.status !== 200 || !envelope) {
    throw new BadResponseError(ctx.action, {
      reason: res.status === 200 ? 'schema_mismatch' : 'unexpected_status',
      httpStatus: res.status,
    });
  }
  return envelope;
}

/** Reads a body; a connection lost midway is a network failure, an abort keeps its own reason. */
export async function readBody<T>(res: Response, signal: AbortSignal, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    if (signal.aborted) throw signal.reason ?? e;
    throw networkFailure(e);
  }
}

function authError(action: string, body: Record<string, unknown> | undefined): WorksectionError {
  const text = [body?.message, body?.errorDescription, body?.error_description]
    .filter((t) => typeof t === 'string')
    .join(' ');
  // Both official SDKs recognise expiry by this phrase.
  if (/token is expired/i.test(text)) return new AuthExpiredError(action);
  // Worksection's own wording ("Access token has been revoked") says why; it never holds the token.
  return new AuthInvalidError(action, text && text.length <= 200 ? text : 'HTTP 401');
}

function apiError(action: string, body: Record<string, unknown>, mode: 'oauth' | 'admin'): WorksectionError {
  const code = typeof body.status_code === 'number' ? body.status_code : undefined;
  if (mode === 'admin' && code === 2)
    return new AuthInvalidError(action, 'the API key signature was refused');
  const message = typeof body.message === 'string' ? body.message : 'unspecified error';
  const details = body.message_details;
  return new WorksectionApiError(
    action,
    message,
    code,
    details == null ? undefined : typeof details === 'string' ? details : JSON.stringify(details),
  );
}

// Codes meaning the connection was never made, so not a byte of the request reached the server.
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

function networkFailure(e: unknown): TransientFailure {
  return new TransientFailure(
    'network',
    { notDelivered: errorCodes(e).some((c) => NOT_SENT.has(c)) },
    { cause: e },
  );
}

// undici wraps socket errors as TypeError('fetch failed') with the system error (or an AggregateError of
// them, when several addresses were tried) as `cause`.
function errorCodes(e: unknown, depth = 0): string[] {
  if (!isRecord(e) || depth > 4) return [];
  const own = typeof e.code === 'string' ? [e.code] : [];
  const nested = Array.isArray(e.errors) ? e.errors.flatMap((x: unknown) => errorCodes(x, depth + 1)) : [];
  return [...own, ...nested, ...errorCodes(e.cause, depth + 1)];
}

async function discard(res: Response): Promise<void> {
  // Reading the (small) body lets the keep-alive connection be reused.
  await res.arrayBuffer().catch(() => undefined);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
