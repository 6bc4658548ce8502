// The two ways to call an account's API: a user's OAuth access token against
// <account>/api/oauth2, or the owner's admin API key against <account>/api/admin/v2/ with the documented
// md5 signature over the query string.
import { md5QueryHash } from './admin-auth.js';
import type { Pairs, PreparedRequest } from './transport.js';

/** Supplies the current access token and renews it; owned by the sign-in layer. */
export interface TokenProvider {
  getAccessToken(): Promise<string>;
  /** Exchanges the refresh token for a new pair; throws when that is impossible (sign-in needed). */
  refresh(): Promise<void>;
}

/**
 * The admin key itself, or a function that answers it per request (the app reads it from the vault, so a
 * `wsmcp logout` beside a running server takes effect at once); it throws AuthInvalidError when gone.
 */
type AdminKeySource = string | (() => Promise<string>);

export type ClientAuth = { kind: 'oauth'; tokens: TokenProvider } | { kind: 'admin'; apiKey: AdminKeySource };

export interface Signer {
  readonly mode: 'oauth' | 'admin';
  prepare(action: string, pairs: Pairs, effect: 'read' | 'write'): Promise<PreparedRequest>;
  /** Present in OAuth mode only: an admin key does not expire. */
  readonly refresh?: () => Promise<void>;
}

export function createSigner(accountUrl: string, auth: ClientAuth): Signer {
  const base = accountUrl.replace(/\/+$/, '');
  return auth.kind === 'oauth' ? oauthSigner(base, auth.tokens) : adminSigner(base, auth.apiKey);
}

function oauthSigner(base: string, tokens: TokenProvider): Signer {
  const endpoint = `${base}/api/oauth2`;
  return {
    mode: 'oauth',
    refresh: () => tokens.refresh(),
    async prepare(action, pairs, effect) {
      const headers: Record<string, string> = { authorization: `Bearer ${await tokens.getAccessToken()}` };
      if (effect === 'read') {
        return {
          url: `${endpoint}?${query([['action', action], ...pairs])}`,
          init: { method: 'GET', headers },
        };
      }
      // Writes carry text (comments, descriptions) that can outgrow a URL: params go in a form body.
      headers['content-type'] = 'application/x-www-form-urlencoded';
      return {
        url: `${endpoint}?${query([['action', action]])}`,
        init: { method: 'POST', headers, body: query(pairs) },
      };
    },
  };
}

function adminSigner(base: string, apiKey: AdminKeySource): Signer {
  const endpoint = `${base}/api/admin/v2/`;
  return {
    mode: 'admin',
    // The documented scheme signs the query string, so every param travels in it; the hash goes last.
    async prepare(action, pairs, effect) {
      const signed: Pairs = [['action', action], ...pairs];
      const hash = md5QueryHash(signed, typeof apiKey === 'string' ? apiKey : await apiKey());
      return {
        url: `${endpoint}?${query([...signed, ['hash', hash]])}`,
        init: { method: effect === 'read' ? 'GET' : 'POST' },
      };
    },
  };
}

function query(pairs: Pairs): string {
  return new URLSearchParams(pairs).toString();
}
