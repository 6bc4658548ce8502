// Typed failures of upstream Worksection calls. Every error carries a stable `kind` that later layers map
// to a tool result or a UI state ("sign-in needed", "Worksection is down"), and a one-sentence message that
// is safe to show: it never contains tokens, API keys, hashes or full URLs. Diagnostics that are not safe
// or not useful to a reader (zod issues, low-level causes) ride along as properties or `cause`.

export type WorksectionErrorKind =
  | 'api_error'
  | 'auth_expired'
  | 'auth_invalid'
  | 'rate_limited'
  | 'upstream_unavailable'
  | 'bad_response'
  | 'cancelled';

export abstract class WorksectionError extends Error {
  abstract readonly kind: WorksectionErrorKind;
  /** The Worksection action the request was for (or 'oauth2/refresh' and the like). */
  readonly action: string;

  protected constructor(action: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.action = action;
    this.name = new.target.name;
  }
}

export function isWorksectionError(e: unknown): e is WorksectionError {
  return e instanceof WorksectionError;
}

/** A `{"status":"error"}` answer: a business error Worksection reports about the request itself. */
export class WorksectionApiError extends WorksectionError {
  readonly kind = 'api_error' as const;
  /** Worksection's `status_code`; absent on some answers (e.g. "Too many tasks (10000 max)"). */
  readonly statusCode: number | undefined;
  /** Worksection's own `message` and `message_details`, verbatim. */
  readonly apiMessage: string;
  readonly details: string | undefined;

  constructor(action: string, apiMessage: string, statusCode?: number, details?: string) {
    const code = statusCode === undefined ? '' : ` (code ${statusCode})`;
    const more = details ? `: ${details}` : '';
    super(action, `Worksection rejected ${action}${code}: ${apiMessage}${more}.`);
    this.statusCode = statusCode;
    this.apiMessage = apiMessage;
    this.details = details;
  }
}

/** Worksection refused the request for its size (HTTP 413, 414 or 431): one of its values is too long. */
export class RequestTooLongError extends WorksectionError {
  readonly kind = 'api_error' as const;
  readonly httpStatus: number;

  constructor(action: string, httpStatus: number) {
    super(action, `Worksection refused ${action}: a value in the request is too long (HTTP ${httpStatus}).`);
    this.httpStatus = httpStatus;
  }
}

/** The access token expired and could not be renewed: the user must sign in again. */
export class AuthExpiredError extends WorksectionError {
  readonly kind = 'auth_expired' as const;

  constructor(action: string, options?: ErrorOptions) {
    super(action, `The Worksection sign-in has expired and could not be renewed; sign in again.`, options);
  }
}

/** The credentials were refused outright (revoked token, wrong API key, bad signature). */
export class AuthInvalidError extends WorksectionError {
  readonly kind = 'auth_invalid' as const;

  constructor(action: string, reason = 'the credentials were refused', options?: ErrorOptions) {
    super(
      action,
      `Worksection did not accept the credentials for ${action} (${reason}); sign in again.`,
      options,
    );
  }
}

/** Nothing was sent: this app holds no usable sign-in (never signed in, or its vault cannot be opened). */
export class NoSignInError extends AuthInvalidError {
  constructor(
    action: string,
    readonly reason: string,
  ) {
    super(action, reason);
    this.name = 'NoSignInError';
  }
}

/** Still answered 429 after every attempt the retry policy allows. */
export class RateLimitedError extends WorksectionError {
  readonly kind = 'rate_limited' as const;
  readonly attempts: number;
  /** The last Retry-After Worksection sent, in ms, if any. */
  readonly retryAfterMs: number | undefined;

  constructor(action: string, attempts: number, retryAfterMs?: number) {
    const wait = retryAfterMs === undefined ? '' : `; it asked to wait ${Math.ceil(retryAfterMs / 1000)} s`;
    super(action, `Worksection kept rate-limiting ${action} after ${plural(attempts, 'attempt')}${wait}.`);
    this.attempts = attempts;
    this.retryAfterMs = retryAfterMs;
  }
}

export type UnavailableReason = 'server_error' | 'timeout' | 'network';

/** 5xx, timeouts or network failures that outlasted the retries (or could not be retried: writes). */
export class UpstreamUnavailableError extends WorksectionError {
  readonly kind = 'upstream_unavailable' as const;
  readonly attempts: number;
  readonly reason: UnavailableReason;
  readonly httpStatus: number | undefined;
  /** A write that failed this way may still have been applied upstream: check before repeating it. */
  readonly mayHaveApplied: boolean;

  constructor(
    action: string,
    init: { attempts: number; reason: UnavailableReason; httpStatus?: number; mayHaveApplied?: boolean },
    options?: ErrorOptions,
  ) {
    const what =
      init.reason === 'server_error'
        ? `a server error${init.httpStatus === undefined ? '' : ` (HTTP ${init.httpStatus})`}`
        : init.reason === 'timeout'
          ? 'no answer in time'
          : 'a network failure';
    const applied = init.mayHaveApplied
      ? '; the change may have been applied, check before repeating it'
      : '';
    super(
      action,
      `Worksection was unavailable for ${action}: ${what} after ${plural(init.attempts, 'attempt')}${applied}.`,
      options,
    );
    this.attempts = init.attempts;
    this.reason = init.reason;
    this.httpStatus = init.httpStatus;
    this.mayHaveApplied = init.mayHaveApplied ?? false;
  }
}

export type BadResponseReason = 'malformed_json' | 'schema_mismatch' | 'unexpected_status';

/** An answer we cannot use: broken JSON, an unexpected HTTP status, or a shape the schemas reject. */
export class BadResponseError extends WorksectionError {
  readonly kind = 'bad_response' as const;
  readonly reason: BadResponseReason;
  readonly httpStatus: number | undefined;
  /** zod issues of a schema mismatch, for the log only (they may quote response data). */
  readonly issues: readonly unknown[];

  constructor(
    action: string,
    init: { reason: BadResponseReason; httpStatus?: number; issues?: readonly unknown[] },
    options?: ErrorOptions,
  ) {
    const what =
      init.reason === 'malformed_json'
        ? 'an answer that is not valid JSON'
        : init.reason === 'schema_mismatch'
          ? 'an answer whose shape does not match the expected one'
          : `an unexpected HTTP status${init.httpStatus === undefined ? '' : ` ${init.httpStatus}`}`;
    super(action, `Worksection sent ${what} for ${action}.`, options);
    this.reason = init.reason;
    this.httpStatus = init.httpStatus;
    this.issues = init.issues ?? [];
  }
}

/** The caller's AbortSignal fired. A request cancelled before it started never reached Worksection. */
export class CancelledError extends WorksectionError {
  readonly kind = 'cancelled' as const;
  readonly started: boolean;

  constructor(action: string, started: boolean, options?: ErrorOptions) {
    super(action, `The ${action} request was cancelled${started ? ' while in progress' : ''}.`, options);
    this.started = started;
  }
}

export type RetryReason =
  'rate_limited' | 'server_error' | 'timeout' | 'network' | 'malformed' | 'auth_refresh';

/**
 * A failed attempt that may be worth repeating. It never leaves the scheduler: the scheduler either retries
 * or converts it into one of the errors above once the policy says stop.
 */
export class TransientFailure extends Error {
  readonly reason: Exclude<RetryReason, 'auth_refresh'>;
  readonly retryAfterMs: number | undefined;
  readonly httpStatus: number | undefined;
  /** True when the request surely never reached the server (429, connection refused): safe even for writes. */
  readonly notDelivered: boolean;
  /** The error to surface if retries end on this failure, when the generic mapping does not fit. */
  readonly terminal: WorksectionError | undefined;

  constructor(
    reason: Exclude<RetryReason, 'auth_refresh'>,
    init: {
      retryAfterMs?: number;
      httpStatus?: number;
      notDelivered?: boolean;
      terminal?: WorksectionError;
    } = {},
    options?: ErrorOptions,
  ) {
    super(`transient upstream failure: ${reason}`, options);
    this.name = 'TransientFailure';
    this.reason = reason;
    this.retryAfterMs = init.retryAfterMs;
    this.httpStatus = init.httpStatus;
    this.notDelivered = init.notDelivered ?? reason === 'rate_limited';
    this.terminal = init.terminal;
  }
}

/**
 * The error to surface when retries end on `failure` (attempts used up, or a write that may not be
 * repeated). `write` marks requests that may have been applied unless the failure proves non-delivery.
 */
export function exhaustedError(
  action: string,
  attempts: number,
  failure: TransientFailure,
  write: boolean,
): WorksectionError {
  if (failure.terminal) return failure.terminal;
  if (failure.reason === 'rate_limited') return new RateLimitedError(action, attempts, failure.retryAfterMs);
  if (failure.reason === 'malformed') return new BadResponseError(action, { reason: 'malformed_json' });
  return new UpstreamUnavailableError(
    action,
    {
      attempts,
      reason: failure.reason,
      httpStatus: failure.httpStatus,
      mayHaveApplied: write && !failure.notDelivered,
    },
    { cause: failure },
  );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
