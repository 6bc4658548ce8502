// A failure the user can act on, with the HTTP status the control API answers. Anything else thrown in a
// route is a bug: the log gets it, the UI gets a generic 500 (never a stack trace or a path).
import type { ClientsErrorCode } from '../../shared/api/clients.js';
import type { ApiError } from '../../shared/api/errors.js';

export type ErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'misdirected'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'unavailable'
  | 'internal'
  | ClientsErrorCode;

const STATUS: Record<ErrorCode, 400 | 401 | 403 | 404 | 409 | 413 | 421 | 423 | 503 | 500> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  misdirected: 421,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unavailable: 503,
  internal: 500,
  'unknown-client': 404,
  'not-available': 404,
  blocked: 409,
  changed: 409,
  locked: 423,
};

export class ControlError extends Error {
  override name = 'ControlError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }

  get status(): number {
    return STATUS[this.code];
  }
}

export function errorResponse(
  code: ErrorCode,
  message: string,
  headers: Record<string, string> = {},
): Response {
  const body: ApiError = { code, message };
  return new Response(JSON.stringify(body), {
    status: STATUS[code],
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}
