// What `wsmcp status` (and later the app's account page) says about a data directory's sign-in, from the
// vault's record alone: no network, so it answers offline and beside a running server. Secrets appear only
// as masked hints (the last four characters at most).
import type { SecretsRecord } from '../vault/record.js';
import { AccountState, type SignedInUser } from './account-state.js';

export type AccountReport =
  | { state: 'signed_out' }
  | {
      state: 'sign_in_needed';
      reason: string;
      mode?: 'oauth' | 'admin';
      account?: string;
      user?: SignedInUser;
    }
  | {
      state: 'signed_in';
      mode: 'oauth';
      account?: string;
      user?: SignedInUser;
      scopes: string[];
      /** Masked hint of the access token. */
      token: string;
      /** ISO time the access token expires; it is renewed before then while the app runs. */
      expiresAt: string;
      expired: boolean;
      clientId?: string;
    }
  | {
      state: 'signed_in';
      mode: 'admin';
      account?: string;
      user?: SignedInUser;
      meEmail?: string;
      /** Masked hint of the API key. */
      key: string;
    };

const defined = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

export function describeRecord(record: SecretsRecord, now: number): AccountReport {
  const saved = record.account;
  const common = { account: saved?.url ?? record.oauth?.accountUrl, user: saved?.user };
  if (saved?.mode === 'admin' || (!record.oauth && record.apiKey)) {
    if (!record.apiKey) return { state: 'signed_out' };
    return defined({
      state: 'signed_in',
      mode: 'admin',
      ...common,
      meEmail: saved?.meEmail,
      key: AccountState.mask(record.apiKey),
    });
  }
  const tokens = record.oauth;
  if (!tokens) return { state: 'signed_out' };
  const refused = record.signInNeeded;
  if (refused && refused.obtainedAt === tokens.obtainedAt) {
    return defined({ state: 'sign_in_needed', reason: refused.reason, mode: 'oauth', ...common });
  }
  return defined({
    state: 'signed_in',
    mode: 'oauth',
    ...common,
    account: common.account ?? tokens.accountUrl,
    scopes: tokens.scopes,
    token: AccountState.mask(tokens.accessToken),
    expiresAt: new Date(tokens.expiresAt).toISOString(),
    expired: now >= tokens.expiresAt,
    clientId: saved?.clientId,
  });
}
