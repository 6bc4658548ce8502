// The OAuth half of `wsmcp login`: the authorization-code flow with the HTTPS callback (core/auth), the
// tokens and the client secret into the vault, then who signed in from the OAuth server's resource
// endpoint. Settings not given on this run reuse the last sign-in's, so "sign in again" is just
// `wsmcp login`.
import { AccountState, type SignedInUser } from '../auth/account-state.js';
import { openAccountVault, secretsDir } from '../account/vault.js';
import { loadOrCreateCertificate } from '../auth/certificate.js';
import { resourceOwner, sameAccount } from '../auth/identity.js';
import { OAuthSession } from '../auth/session.js';
import { defaultScopes, type OAuthSettings } from '../auth/settings.js';
import { DEFAULT_SIGN_IN_TIMEOUT_MS, signIn } from '../auth/sign-in.js';
import { DEFAULT_OAUTH_URL, DEFAULT_REDIRECT_URI, storeLocation, type Config } from '../config.js';
import type { SecretsRecord, StoredTokens } from '../vault/record.js';
import { readSavedRecord, savedReadOnly } from './account-support.js';
import { EXIT_USAGE, fail } from './command-support.js';

const COMMAND = 'login';

const host = (url: string): string => new URL(url).host;

function announce(url: string, redirectUri: string, json: boolean): void {
  if (json) {
    console.log(JSON.stringify({ event: 'authorize', url }));
    return;
  }
  const minutes = DEFAULT_SIGN_IN_TIMEOUT_MS / 60_000;
  console.log(`Open this address in a browser and approve the access:

  ${url}

Waiting for Worksection's answer at ${redirectUri} (up to ${minutes} minutes; Ctrl+C cancels).`);
}

function settingsFor(config: Config, record: SecretsRecord, readOnly: boolean): OAuthSettings | string {
  const saved = record.account?.mode === 'oauth' ? record.account : undefined;
  const clientId = config.account.clientId ?? saved?.clientId;
  if (!clientId) {
    return 'no OAuth client id: register an app in Worksection and pass --client-id ID (or set WSMCP_CLIENT_ID); see "Signing in" in the README';
  }
  // A kept secret belongs to the client it was given for.
  const clientSecret =
    config.account.clientSecret ?? (clientId === saved?.clientId ? record.clientSecret : undefined);
  if (!clientSecret) {
    return `no client secret for the OAuth app ${clientId}: set WSMCP_CLIENT_SECRET (or pass --client-secret) once; it is then kept in the encrypted vault`;
  }
  return {
    oauthUrl: config.account.oauthUrl ?? saved?.oauthUrl ?? DEFAULT_OAUTH_URL,
    clientId,
    clientSecret,
    redirectUri: config.account.redirectUri ?? saved?.redirectUri ?? DEFAULT_REDIRECT_URI,
    scopes: config.account.scopes ?? defaultScopes(!readOnly),
  };
}

export async function loginOAuth(config: Config, json: boolean): Promise<number> {
  const opened = await openAccountVault(config, { replaceUnreadable: true });
  const { vault } = opened;
  const { record, unreadable } = await readSavedRecord(vault);
  const replacing = opened.replacing ?? unreadable;
  if (replacing) console.error(`wsmcp ${COMMAND}: note: ${replacing}`);
  const readOnly = config.governance.readOnly || (await savedReadOnly(storeLocation(config).dbFile));
  const settings = settingsFor(config, record, readOnly);
  if (typeof settings === 'string') return fail(COMMAND, settings, EXIT_USAGE);

  const tls = await loadOrCreateCertificate(secretsDir(config));
  const session = new OAuthSession({ client: settings, vault });
  const wanted = config.account.url;
  const accept = async (tokens: StoredTokens): Promise<void> => {
    if (wanted && tokens.accountUrl && !sameAccount(wanted, tokens.accountUrl)) {
      throw new Error(
        `it is for ${host(tokens.accountUrl)}, not ${host(wanted)} (--account-url); choose that account on the consent page`,
      );
    }
    await session.adopt(tokens);
    await vault.update((r) => {
      const { apiKey: _key, signInNeeded: _refused, ...rest } = r;
      return {
        ...rest,
        clientSecret: settings.clientSecret,
        account: {
          mode: 'oauth',
          url: tokens.accountUrl ?? wanted,
          oauthUrl: settings.oauthUrl,
          clientId: settings.clientId,
          redirectUri: settings.redirectUri,
        },
      };
    });
  };

  // Ctrl+C while waiting closes the callback port and says so.
  const abort = new AbortController();
  const stop = (): void => abort.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  let tokens: StoredTokens;
  try {
    tokens = await signIn({
      settings,
      tls,
      openUrl: (url) => announce(url, settings.redirectUri, json),
      accept,
      signal: abort.signal,
    });
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }

  let user: SignedInUser | undefined;
  let warning: string | undefined;
  try {
    const owner = await resourceOwner(settings, session);
    user = { id: owner.id, name: owner.name, email: owner.email };
    const known = user;
    await vault.update((r) => (r.account ? { ...r, account: { ...r.account, user: known } } : r));
  } catch (err) {
    warning = `signed in, but who signed in could not be looked up: ${(err as Error).message}`;
  }
  const account = tokens.accountUrl ?? wanted;
  if (json) {
    const event = {
      event: 'signed_in',
      mode: 'oauth',
      account,
      user,
      scopes: tokens.scopes,
      expiresAt: new Date(tokens.expiresAt).toISOString(),
    };
    console.log(JSON.stringify(event));
  } else {
    const who = user ? ` as ${user.name} <${user.email}>` : '';
    console.log(`Signed in to ${account ? host(account) : 'Worksection'}${who}.
  scopes        ${tokens.scopes.join(', ')}
  access token  ${AccountState.mask(tokens.accessToken)}, renewed automatically
  vault         ${opened.explanation}`);
  }
  if (warning) console.error(`wsmcp ${COMMAND}: ${warning}`);
  return 0;
}
