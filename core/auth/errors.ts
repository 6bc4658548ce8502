// Failures of the OAuth2 server and of an interactive sign-in. Messages are one sentence a user can act
// on; they quote Worksection's own errorDescription (server text, never a token) but no code, state,
// token or secret.
import { UserFacingError } from '../user-facing-error.js';

/** Worksection's OAuth2 endpoints, by what the user would call them. */
export type OAuthEndpoint = 'token' | 'refresh' | 'resource';

const WHAT: Record<OAuthEndpoint, string> = {
  token: 'the authorization code',
  refresh: 'the saved sign-in',
  resource: 'the access token',
};

/** Server text is shown as-is but kept to one short line. */
export function oneLine(text: string, max = 200): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** The OAuth server understood the request and said no: the grant is gone, or the client is wrong. */
export class OAuthRefusedError extends UserFacingError {
  constructor(
    readonly endpoint: OAuthEndpoint,
    /** Worksection's `error`, e.g. invalid_request, invalid_client. */
    readonly error: string,
    /** Worksection's camelCase `errorDescription` (or the standard error_description). */
    readonly description: string,
  ) {
    const why = description ? `${oneLine(description)} (${oneLine(error, 60)})` : oneLine(error, 60);
    super(`Worksection refused ${WHAT[endpoint]}: ${why}.`);
    this.name = 'OAuthRefusedError';
  }

  /** The client id or secret is wrong: signing in again will not help, the settings must change. */
  get clientRejected(): boolean {
    return this.error === 'invalid_client' || this.error === 'unauthorized_client';
  }
}

export type OAuthUnavailableReason =
  'network' | 'timeout' | 'server_error' | 'unexpected_status' | 'malformed';

/** No usable answer: worth trying again later; says nothing about the grant. */
export class OAuthUnavailableError extends UserFacingError {
  constructor(
    readonly endpoint: OAuthEndpoint,
    readonly reason: OAuthUnavailableReason,
    readonly httpStatus?: number,
    options?: ErrorOptions,
  ) {
    const what = {
      network: 'could not be reached',
      timeout: 'did not answer in time',
      server_error: `had a server error (HTTP ${httpStatus ?? '5xx'})`,
      unexpected_status: `answered HTTP ${httpStatus ?? '?'}; check the OAuth URL`,
      malformed: 'sent an answer that is not a token response',
    }[reason];
    super(`The Worksection sign-in server ${what}.`, options);
    this.name = 'OAuthUnavailableError';
  }
}

export type SignInFailure =
  | 'state_mismatch'
  | 'denied'
  | 'authorization_error'
  | 'bad_callback'
  | 'exchange_refused'
  | 'unavailable'
  | 'timeout'
  | 'cancelled'
  | 'port_in_use'
  | 'port_forbidden'
  | 'browser_failed'
  | 'store_failed';

/** An interactive sign-in that did not end signed in. The callback server is closed by then. */
export class SignInError extends UserFacingError {
  constructor(
    readonly reason: SignInFailure,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'SignInError';
  }
}
