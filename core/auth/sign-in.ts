// One interactive sign-in: the authorization-code flow with a random state, the browser opened by the
// host (Electron: the system browser; headless: the URL printed), the HTTPS callback, the code exchange,
// and the tokens handed to `accept` (which saves them) before the browser is told it worked. Every way it
// can end closes the callback port and becomes a SignInError with one sentence for the user.
import type { StoredTokens } from '../vault/record.js';
import { startCallbackServer, type CallbackReply } from './callback-server.js';
import type { TlsMaterial } from './certificate.js';
import {
  OAuthRefusedError,
  OAuthUnavailableError,
  oneLine,
  SignInError,
  type SignInFailure,
} from './errors.js';
import { authorizeUrl, exchangeCode, newState, sameState } from './oauth.js';
import type { OAuthSettings } from './settings.js';

/** The host's way to show the user a URL: open the browser, or print it. */
export type OpenUrl = (url: string) => Promise<void> | void;

export const DEFAULT_SIGN_IN_TIMEOUT_MS = 5 * 60_000;

export interface SignInOptions {
  settings: OAuthSettings;
  tls: Pick<TlsMaterial, 'cert' | 'key'>;
  openUrl: OpenUrl;
  /** Saves the tokens; the browser hears "signed in" only after it resolved. */
  accept?: (tokens: StoredTokens) => Promise<void>;
  timeoutMs?: number;
  signal?: AbortSignal;
  now?: () => number;
  requestTimeoutMs?: number;
}

type Reply = CallbackReply<StoredTokens>;

function failed(status: number, reason: SignInFailure, message: string, cause?: unknown): Reply {
  const error = new SignInError(reason, message, cause === undefined ? undefined : { cause });
  return { status, page: { ok: false, title: 'Sign-in failed', message }, outcome: { ok: false, error } };
}

export async function signIn(opts: SignInOptions): Promise<StoredTokens> {
  const state = newState();

  const handle = async (query: URLSearchParams, redirectUri: string): Promise<Reply> => {
    // State first: nothing else in a callback that is not ours is worth believing, its error text included.
    if (!sameState(query.get('state'), state)) {
      return failed(
        400,
        'state_mismatch',
        'The answer that reached the callback does not belong to this sign-in (state mismatch); start the sign-in again.',
      );
    }
    const error = query.get('error');
    if (error !== null) {
      if (error === 'access_denied') {
        return failed(
          403,
          'denied',
          'Access was denied on the Worksection consent page; nothing was shared.',
        );
      }
      const description = query.get('error_description') ?? query.get('errorDescription') ?? '';
      const why = description ? `${oneLine(description)} (${oneLine(error, 60)})` : oneLine(error, 60);
      return failed(400, 'authorization_error', `Worksection could not authorize the app: ${why}.`);
    }
    const code = query.get('code');
    if (!code)
      return failed(
        400,
        'bad_callback',
        'The answer carried no authorization code; start the sign-in again.',
      );
    let tokens: StoredTokens;
    try {
      tokens = await exchangeCode({ ...opts.settings, redirectUri }, code, {
        now: opts.now,
        timeoutMs: opts.requestTimeoutMs,
      });
    } catch (err) {
      if (err instanceof OAuthRefusedError)
        return failed(400, 'exchange_refused', `${err.message} Start the sign-in again.`, err);
      if (err instanceof OAuthUnavailableError) return failed(502, 'unavailable', err.message, err);
      throw err;
    }
    try {
      await opts.accept?.(tokens);
    } catch (err) {
      return failed(
        500,
        'store_failed',
        `Signed in, but the sign-in could not be saved: ${(err as Error).message}`,
        err,
      );
    }
    return {
      status: 200,
      page: {
        ok: true,
        title: 'Signed in',
        message: 'Worksection MCP is now signed in to your Worksection account.',
      },
      outcome: { ok: true, value: tokens },
    };
  };

  const server = await startCallbackServer<StoredTokens>({
    redirectUri: opts.settings.redirectUri,
    tls: opts.tls,
    timeoutMs: opts.timeoutMs ?? DEFAULT_SIGN_IN_TIMEOUT_MS,
    signal: opts.signal,
    handle,
  });
  const url = authorizeUrl({ ...opts.settings, redirectUri: server.redirectUri }, state);
  try {
    await opts.openUrl(url);
  } catch (err) {
    await server.close();
    const why = err instanceof Error ? oneLine(err.message) : 'unknown error';
    throw new SignInError('browser_failed', `Could not open the browser for the sign-in: ${why}.`, {
      cause: err,
    });
  }
  return server.result;
}
