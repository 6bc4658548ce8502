// `wsmcp login`: signs in headless and keeps the sign-in in the data dir's encrypted vault, where a running
// server picks it up from its next call. OAuth prints the address to open (the browser may be on another
// machine) and waits for Worksection's answer at the redirect URI; `--api-key` signs in with an account
// owner's admin key instead, checked with one real call before it is kept.
import type { Config } from '../config.js';
import { ACCOUNT_OPTIONS, accountFlags } from './account-support.js';
import { configOrExit, EXIT_FAILURE, fail, readCommandLine } from './command-support.js';

export const USAGE = `Usage: wsmcp login [options]

Signs in to a Worksection account. The sign-in is kept encrypted in the data dir; a running server uses it
from its next call.

OAuth (default): prints the address to open in a browser, waits up to 5 minutes for Worksection's answer
at the redirect URI, and prints who signed in.
  --client-id ID        the OAuth app's client id (or WSMCP_CLIENT_ID)
  --client-secret S     the app's secret (WSMCP_CLIENT_SECRET keeps it out of the process list); it is
                        kept in the encrypted vault, never in config.json
  --redirect-uri URI    as registered with the app: https://localhost:PORT/PATH
                        (default: the last sign-in's, else https://localhost:8443/callback)
  --scopes LIST         comma-separated (default: the read scopes, plus the write scopes unless read-only)
  --oauth-url URL       the OAuth server (default https://worksection.com)
  --account-url URL     accept a sign-in to this account only

Admin API key (account owners):
  --api-key             sign in with the admin API key, read from stdin (or WSMCP_API_KEY)
  --account-url URL     the account, like https://yourcompany.worksection.com
  --me-email EMAIL      the account user "me" stands for (an admin key belongs to no user)

  --data-dir D          the data dir to sign in (default: the OS's app data folder)
  --json                one JSON line per event: {"event":"authorize","url":…}, then {"event":"signed_in",…}
  -h, --help            show this help

Settings not given reuse the last sign-in's. Passphrase-locked vaults need WSMCP_PASSPHRASE.`;

export const COMMAND = 'login';

/** Failures the user can act on carry their own one-line message; anything else is unexpected. */
const KNOWN = new Set([
  'SignInError',
  'NoSecretBackendError',
  'VaultUnreadableError',
  'AdminKeyRefusedError',
  'UnknownMeEmailError',
  'OAuthRefusedError',
  'OAuthUnavailableError',
]);

export function loginFailure(err: unknown): number {
  const error = err as Error;
  if (KNOWN.has(error.name) || (err as { kind?: unknown }).kind !== undefined) {
    return fail(COMMAND, error.message);
  }
  return fail(COMMAND, `cannot sign in: ${error.message}`, EXIT_FAILURE);
}

export async function main(argv: string[]): Promise<number> {
  const cli = readCommandLine(COMMAND, USAGE, argv, {
    ...ACCOUNT_OPTIONS,
    'api-key': { type: 'boolean' },
    'data-dir': { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (typeof cli === 'number') return cli;
  const { values } = cli;
  const config: Config | number = configOrExit(COMMAND, accountFlags(values));
  if (typeof config === 'number') return config;
  const json = values.json ?? false;
  try {
    if (values['api-key'] || config.account.authMode === 'admin') {
      const { loginAdmin } = await import('./login-admin.js');
      return await loginAdmin(config, json);
    }
    const { loginOAuth } = await import('./login-oauth.js');
    return await loginOAuth(config, json);
  } catch (err) {
    return loginFailure(err);
  }
}
