// The Worksection account the app serves: the sign-in saved by `wsmcp login` (OAuth tokens through an
// OAuthSession, or the admin API key), read from the encrypted vault. Demo mode starts the built-in sandbox
// in-process and signs in to it through the same OAuth flow (demo.ts).
//
// Never signed in: the start fails with one line. Signed in but unusable (a refused renewal, an unreadable
// vault, signed out by another process): the server runs, the state says "sign-in needed", and every tool
// call fails at once with that hint; nothing here can open a browser.
import { AccountState, type AccountStatus } from '../auth/account-state.js';
import { hasVault, openAccountVault, secretsDir, type AccountVault } from './vault.js';
import { adminStatus } from '../auth/api-key.js';
import { loadOrCreateCertificate } from '../auth/certificate.js';
import { sameAccount } from '../auth/identity.js';
import { OAuthSession, refreshTokenHash } from '../auth/session.js';
import { DEFAULT_OAUTH_URL, DEFAULT_REDIRECT_URI, type Config } from '../config.js';
import { NoSecretBackendError, VaultUnreadableError } from '../vault/errors.js';
import type { SecretsRecord } from '../vault/record.js';
import type { SecretBackend } from '../vault/secret-store.js';
import type { TokenProvider } from '../worksection/auth.js';
import { createWorksectionClient, type WorksectionClient } from '../worksection/client.js';
import { AuthInvalidError, NoSignInError } from '../worksection/errors.js';
import type { RunningSandbox } from '../sandbox/server.js';
import type { SignInKit } from './serving-sign-in.js';
import { UserFacingError } from '../user-facing-error.js';

export class NotSignedInError extends UserFacingError {
  constructor() {
    super(
      'not signed in to a Worksection account; run `wsmcp login` first ' +
        '(or `wsmcp serve --demo` to serve the built-in sandbox account)',
    );
    this.name = 'NotSignedInError';
  }
}

export interface ConnectedAccount {
  client: WorksectionClient;
  /** Admin-key mode: whose "me" the tools use. */
  meEmail: string | undefined;
  sandbox: RunningSandbox | undefined;
  /** Signed in, signed out or "sign-in needed", for status and the UI; never holds a secret. */
  account: AccountState;
  /** Re-checks the saved sign-in (a stat when nothing changed), publishing a change of user on `account`. */
  recheck?: () => Promise<unknown>;
  /** What a new sign-in in this serving process needs (serving-sign-in.ts); absent when none is possible. */
  signIn?: SignInKit;
  /** Never signed in, and started anyway (`startSignedOut`): the app signs in for the first time. */
  firstSignIn?: { oauthAppKnown: boolean };
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** One line for the app's log; never given a secret. */
  log?: (line: string) => void;
  /** The host's key holder (Electron safeStorage). */
  secretBackend?: SecretBackend;
  /** Serve a data dir that was never signed in (the host can restart after the app's first sign-in). */
  startSignedOut?: boolean;
}

// Requests are refused before anything is sent, so no token can reach this (reserved, RFC 2606) host.
const NO_ACCOUNT_URL = 'https://account.invalid';
const ACTION = 'sign-in';

export function connectAccount(config: Config, opts: ConnectOptions = {}): Promise<ConnectedAccount> {
  // The sandbox, its generated data and a certificate for the demo's sign-in load only in demo mode.
  return config.demo
    ? import('./demo.js').then(({ connectDemo }) => connectDemo(config))
    : connectSaved(config, opts);
}

function describe(status: AccountStatus): string {
  switch (status.kind) {
    case 'signed_out':
      return '[warn] Worksection: signed out; tools answer "sign-in needed" until `wsmcp login`';
    case 'sign_in_needed':
      return `[warn] Worksection sign-in needed: ${status.reason}`;
    case 'signed_in': {
      const who = status.user ? ` as ${status.user.email}` : '';
      const where = status.accountUrl ? ` to ${status.accountUrl}` : '';
      return `[info] Worksection: signed in${where}${who} (${status.mode === 'admin' ? 'admin API key' : 'OAuth'})`;
    }
  }
}

async function connectSaved(config: Config, opts: ConnectOptions): Promise<ConnectedAccount> {
  const log = opts.log ?? (() => undefined);
  const neverSignedIn = (record?: SecretsRecord): ConnectedAccount => {
    if (!opts.startSignedOut) throw new NotSignedInError();
    log(
      '[warn] Worksection: not signed in yet; sign in from the app (Account), tools answer "sign-in needed" until then',
    );
    // A sign-out keeps the OAuth app's id and secret, so signing in again needs neither.
    const kept = record?.account?.mode === 'oauth' && record.account.clientId && record.clientSecret;
    return notSignedIn(config, Boolean(kept));
  };
  if (!hasVault(config)) return neverSignedIn();
  const account = new AccountState();
  let last = '';
  account.subscribe((status) => {
    const line = describe(status);
    if (line !== last) log(line);
    last = line;
  });

  let vault: AccountVault;
  try {
    const opened = await openAccountVault(config, { injected: opts.secretBackend });
    vault = opened.vault;
    log(`[info] ${opened.explanation}`);
  } catch (err) {
    if (!(err instanceof VaultUnreadableError || err instanceof NoSecretBackendError)) throw err;
    return unusable(config, account, err.message);
  }
  let record: SecretsRecord | undefined;
  try {
    record = await vault.read();
  } catch (err) {
    if (!(err instanceof VaultUnreadableError)) throw err;
  }
  if (record && !record.oauth && !record.apiKey) return neverSignedIn(record);
  const mode = record?.account?.mode ?? (record?.apiKey ? 'admin' : config.account.authMode);
  return mode === 'admin'
    ? connectAdmin(config, account, vault, record)
    : connectOAuth(config, account, vault, record);
}

/** Never signed in: every call answers "sign-in needed" until the app's first sign-in restarts it. */
function notSignedIn(config: Config, oauthAppKept: boolean): ConnectedAccount {
  const account = new AccountState();
  const reason =
    'this app was never signed in; ask the user to open the Worksection MCP app and sign in (Account)';
  const oauthAppKnown = oauthAppKept || Boolean(config.account.clientId && config.account.clientSecret);
  return { ...offline(config, account, reason), firstSignIn: { oauthAppKnown } };
}

/** The vault cannot be opened at all here: every call answers "sign-in needed" with the reason. */
function unusable(config: Config, account: AccountState, reason: string): ConnectedAccount {
  account.set({ kind: 'sign_in_needed', reason });
  return offline(config, account, reason);
}

function offline(config: Config, account: AccountState, reason: string): ConnectedAccount {
  const tokens: TokenProvider = {
    getAccessToken: () => Promise.reject(new NoSignInError(ACTION, reason)),
    refresh: () => Promise.reject(new NoSignInError(ACTION, reason)),
  };
  const client = createWorksectionClient({
    accountUrl: config.account.url ?? NO_ACCOUNT_URL,
    auth: { kind: 'oauth', tokens },
  });
  return {
    client,
    meEmail: undefined,
    sandbox: undefined,
    account,
    close: () => Promise.resolve(client.close()),
  };
}

async function connectOAuth(
  config: Config,
  account: AccountState,
  vault: AccountVault,
  record: SecretsRecord | undefined,
): Promise<ConnectedAccount> {
  // Tokens renew only with the client that obtained them: the one the sign-in saved, kept current as the
  // vault changes (a `wsmcp login` beside the running server may bring another).
  const client = { oauthUrl: '', clientId: '', clientSecret: '' };
  let tokensAccount: string | undefined;
  const follow = (r: SecretsRecord) => {
    client.oauthUrl = r.account?.oauthUrl ?? config.account.oauthUrl ?? DEFAULT_OAUTH_URL;
    client.clientId = r.account?.clientId ?? config.account.clientId ?? client.clientId;
    client.clientSecret = r.clientSecret ?? config.account.clientSecret ?? client.clientSecret;
    tokensAccount = r.oauth?.accountUrl ?? r.account?.url;
  };
  follow(record ?? {});
  vault.onRecord(follow);
  const apiUrl = tokensAccount ?? config.account.url ?? NO_ACCOUNT_URL;

  const session = new OAuthSession({ client, vault, state: account });
  // The user comes from the vault record with the pair (and follows it when another sign-in replaces it).
  await session.load();
  const refused = record?.signInNeeded;
  const saved = record?.oauth;
  if (
    refused &&
    saved &&
    refused.obtainedAt === saved.obtainedAt &&
    (refused.refreshTokenHash === undefined ||
      refused.refreshTokenHash === refreshTokenHash(saved.refreshToken))
  ) {
    account.set({ kind: 'sign_in_needed', reason: refused.reason });
  }

  // A refused renewal is remembered beside the dead pair, so `wsmcp status` can say so too: only while the
  // refused token is still the vault's (another process may have renewed first; its pair is alive).
  const pending = new Set<Promise<unknown>>();
  account.subscribe((status) => {
    const dead = session.refusedTokenHash;
    if (status.kind !== 'sign_in_needed' || dead === undefined) return;
    const marking = vault
      .update((r) =>
        r.oauth &&
        refreshTokenHash(r.oauth.refreshToken) === dead &&
        r.signInNeeded?.refreshTokenHash !== dead
          ? {
              ...r,
              signInNeeded: { obtainedAt: r.oauth.obtainedAt, reason: status.reason, refreshTokenHash: dead },
            }
          : r,
      )
      .catch(() => undefined)
      .finally(() => pending.delete(marking));
    pending.add(marking);
  });

  const tokens: TokenProvider = {
    async getAccessToken() {
      const token = await session.getAccessToken();
      // Never send a token to another account's address: this server was started for `apiUrl`.
      if (tokensAccount && !sameAccount(tokensAccount, apiUrl)) {
        throw new AuthInvalidError(
          ACTION,
          `the sign-in is now for ${new URL(tokensAccount).host}; restart the server to serve that account`,
        );
      }
      return token;
    },
    refresh: () => session.refresh(),
  };
  const upstream = createWorksectionClient({ accountUrl: apiUrl, auth: { kind: 'oauth', tokens } });
  return {
    client: upstream,
    meEmail: undefined,
    sandbox: undefined,
    account,
    recheck: () => session.load(),
    signIn: {
      vault,
      oauth: {
        session,
        client,
        redirectUri: config.account.redirectUri ?? record?.account?.redirectUri ?? DEFAULT_REDIRECT_URI,
        accountUrl: tokensAccount ?? config.account.url,
        tls: () => loadOrCreateCertificate(secretsDir(config)),
      },
    },
    async close() {
      upstream.close();
      await Promise.all(pending);
    },
  };
}

async function connectAdmin(
  config: Config,
  account: AccountState,
  vault: AccountVault,
  record: SecretsRecord | undefined,
): Promise<ConnectedAccount> {
  const saved = record?.account;
  const accountUrl = saved?.url ?? config.account.url;
  if (!accountUrl) throw new NotSignedInError();
  const settings = { accountUrl, meEmail: saved?.meEmail ?? config.account.meEmail ?? '' };
  // The key is read per request (a stat when nothing changed), so `wsmcp logout` takes effect at once.
  const apiKey = async (): Promise<string> => {
    let current: SecretsRecord;
    try {
      current = await vault.read();
    } catch (err) {
      const reason = (err as Error).message;
      if (account.current.kind !== 'sign_in_needed') account.set({ kind: 'sign_in_needed', reason });
      throw new AuthInvalidError(ACTION, reason, { cause: err });
    }
    if (!current.apiKey) {
      if (account.current.kind !== 'signed_out') account.set({ kind: 'signed_out' });
      throw new AuthInvalidError(ACTION, 'not signed in');
    }
    if (account.current.kind !== 'signed_in') account.set(adminStatus(settings, current.account?.user));
    return current.apiKey;
  };
  if (record?.apiKey) account.set(adminStatus(settings, saved?.user));
  else await apiKey().catch(() => undefined);
  const client = createWorksectionClient({ accountUrl, auth: { kind: 'admin', apiKey } });
  return {
    client,
    meEmail: settings.meEmail || undefined,
    sandbox: undefined,
    account,
    signIn: { vault, admin: settings },
    close: () => Promise.resolve(client.close()),
  };
}
