// Signing the data dir in to a Worksection account, for the CLI (`wsmcp login`) and the app alike: OAuth
// (the authorization-code flow with the HTTPS callback, tokens and client secret into the vault, then who
// signed in) or an account owner's admin API key (proved with one real call before it replaces whatever
// sign-in the vault held). Settings not given reuse the last sign-in's, so "sign in again" needs nothing.
import type { SignedInUser } from '../auth/account-state.js';
import { AccountState } from '../auth/account-state.js';
import { verifyAdminAccount } from '../auth/api-key.js';
import { loadOrCreateCertificate } from '../auth/certificate.js';
import { resourceOwner, sameAccount } from '../auth/identity.js';
import { OAuthSession } from '../auth/session.js';
import { defaultScopes, type OAuthSettings } from '../auth/settings.js';
import { signIn } from '../auth/sign-in.js';
import { DEFAULT_OAUTH_URL, DEFAULT_REDIRECT_URI, type Config } from '../config.js';
import { storeLocation } from '../data-dir/paths.js';
import {
  effectiveToolSettings,
  parseSavedToolSettings,
  TOOL_SETTINGS_KEY,
} from '../mcp/inventory/tool-settings.js';
import { readSavedSetting } from '../store/settings.js';
import { UserSettingsError } from '../user-facing-error.js';
import { VaultUnreadableError } from '../vault/errors.js';
import type { SecretsRecord, StoredTokens } from '../vault/record.js';
import type { SecretBackend } from '../vault/secret-store.js';
import type { Vault } from '../vault/vault.js';
import { createWorksectionClient } from '../worksection/client.js';
import { openAccountVault, secretsDir } from './vault.js';

export interface SignInResult {
  mode: 'oauth' | 'admin';
  /** The account's address, when known. */
  account?: string;
  user?: SignedInUser;
  /** OAuth: the granted scopes and when the access token expires (ISO). */
  scopes?: string[];
  expiresAt?: string;
  /** The credential as a masked hint (never the secret). */
  credential: string;
  /** Where the vault's key lives and why. */
  vault: string;
  /** An existing vault that could not be unlocked here was replaced: why. */
  replaced?: string;
  /** Signed in, but something around it failed (who signed in could not be looked up). */
  warning?: string;
}

export interface OAuthSignInOptions {
  /** Shows the user the address to open (a browser, or a line to copy on a headless machine). */
  openUrl(url: string, redirectUri: string): void | Promise<void>;
  /** Cancels the wait for Worksection's answer (Ctrl+C, a closed window). */
  signal?: AbortSignal;
  /** The host's key holder (Electron safeStorage), as the serving app opens the vault with. */
  secretBackend?: SecretBackend;
}

const host = (url: string): string => new URL(url).host;

/** The saved record, or an empty one and why when the vault cannot be read (a new sign-in replaces it). */
async function readSavedRecord(vault: Vault): Promise<{ record: SecretsRecord; unreadable?: string }> {
  try {
    return { record: await vault.read() };
  } catch (err) {
    if (err instanceof VaultUnreadableError) return { record: {}, unreadable: err.message };
    throw err;
  }
}

/** Read-only as it applies: what the user saved in the app plus what the config locks. */
function readOnlyNow(config: Config): boolean {
  const saved = parseSavedToolSettings(readSavedSetting(storeLocation(config).dbFile, TOOL_SETTINGS_KEY));
  return effectiveToolSettings(saved, config.toolSettings).readOnly;
}

function oauthSettings(config: Config, record: SecretsRecord): OAuthSettings {
  const saved = record.account?.mode === 'oauth' ? record.account : undefined;
  const clientId = config.account.clientId ?? saved?.clientId;
  if (!clientId) {
    throw new UserSettingsError(
      'no OAuth client id: register an app in Worksection and pass --client-id ID (or set WSMCP_CLIENT_ID); see "Signing in" in the README',
    );
  }
  // A kept secret belongs to the client it was given for.
  const clientSecret =
    config.account.clientSecret ?? (clientId === saved?.clientId ? record.clientSecret : undefined);
  if (!clientSecret) {
    throw new UserSettingsError(
      `no client secret for the OAuth app ${clientId}: set WSMCP_CLIENT_SECRET (or pass --client-secret) once; it is then kept in the encrypted vault`,
    );
  }
  return {
    oauthUrl: config.account.oauthUrl ?? saved?.oauthUrl ?? DEFAULT_OAUTH_URL,
    clientId,
    clientSecret,
    redirectUri: config.account.redirectUri ?? saved?.redirectUri ?? DEFAULT_REDIRECT_URI,
    scopes: config.account.scopes ?? defaultScopes(!readOnlyNow(config)),
  };
}

export async function signInOAuth(config: Config, opts: OAuthSignInOptions): Promise<SignInResult> {
  const opened = await openAccountVault(config, { replaceUnreadable: true, injected: opts.secretBackend });
  const { vault } = opened;
  const { record, unreadable } = await readSavedRecord(vault);
  const settings = oauthSettings(config, record);

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
  const tokens = await signIn({
    settings,
    tls,
    openUrl: (url) => opts.openUrl(url, settings.redirectUri),
    accept,
    signal: opts.signal,
  });

  const result: SignInResult = {
    mode: 'oauth',
    account: tokens.accountUrl ?? wanted,
    scopes: tokens.scopes,
    expiresAt: new Date(tokens.expiresAt).toISOString(),
    credential: AccountState.mask(tokens.accessToken),
    vault: opened.explanation,
    replaced: opened.replacing ?? unreadable,
  };
  try {
    const owner = await resourceOwner(settings, session);
    const user = { id: owner.id, name: owner.name, email: owner.email };
    await vault.update((r) => (r.account ? { ...r, account: { ...r.account, user } } : r));
    result.user = user;
  } catch (err) {
    result.warning = `signed in, but who signed in could not be looked up: ${(err as Error).message}`;
  }
  return result;
}

/**
 * Admin-key sign-in. The key is asked for only once the other settings are known to be there (the CLI
 * reads it from stdin; a malformed key is a UserSettingsError it throws).
 */
export async function signInAdmin(
  config: Config,
  apiKeyOf: () => Promise<string>,
  opts: Pick<OAuthSignInOptions, 'secretBackend'> = {},
): Promise<SignInResult> {
  const opened = await openAccountVault(config, { replaceUnreadable: true, injected: opts.secretBackend });
  const { vault } = opened;
  const { record, unreadable } = await readSavedRecord(vault);
  const saved = record.account?.mode === 'admin' ? record.account : undefined;
  const accountUrl = config.account.url ?? saved?.url;
  const meEmail = config.account.meEmail ?? saved?.meEmail;
  if (!accountUrl) {
    throw new UserSettingsError(
      'admin API key sign-in needs the account: pass --account-url https://yourcompany.worksection.com (or set WSMCP_ACCOUNT_URL)',
    );
  }
  if (!meEmail) {
    throw new UserSettingsError(
      'admin API key sign-in needs --me-email EMAIL (or WSMCP_ME_EMAIL): the account user "me" stands for, as an admin key belongs to no user',
    );
  }
  const apiKey = await apiKeyOf();
  const client = createWorksectionClient({ accountUrl, auth: { kind: 'admin', apiKey } });
  let user;
  try {
    user = await verifyAdminAccount(client, { accountUrl, meEmail });
  } finally {
    client.close();
  }
  // The key replaces whatever sign-in was kept (OAuth tokens and their client's secret included).
  await vault.update(() => ({ apiKey, account: { mode: 'admin', url: accountUrl, meEmail, user } }), {
    overwriteUnreadable: true,
  });
  return {
    mode: 'admin',
    account: accountUrl,
    user,
    credential: AccountState.mask(apiKey),
    vault: opened.explanation,
    replaced: opened.replacing ?? unreadable,
  };
}
