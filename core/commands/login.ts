// `wsmcp login`: signs in headless and keeps the sign-in in the data dir's encrypted vault, where a running
// server picks it up from its next call. OAuth prints the address to open (the browser may be on another
// machine) and waits for Worksection's answer at the redirect URI; `--api-key` signs in with an account
// owner's admin key instead, checked with one real call before it is kept.
import type { SignInResult } from '../account/login.js';
import type { Config } from '../config.js';
import { UserFacingError, UserSettingsError } from '../user-facing-error.js';
import { isWorksectionError } from '../worksection/errors.js';
import { ACCOUNT_OPTIONS, accountFlags, readSecretFromStdin } from './account-support.js';
import { configOrExit, EXIT_FAILURE, EXIT_USAGE, fail, readCommandLine } from './command-support.js';

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
export function loginFailure(err: unknown): number {
  const message = (err as Error).message;
  if (err instanceof UserSettingsError) return fail(COMMAND, message, EXIT_USAGE);
  if (err instanceof UserFacingError || isWorksectionError(err)) return fail(COMMAND, message);
  return fail(COMMAND, `cannot sign in: ${message}`, EXIT_FAILURE);
}

async function apiKeyOf(config: Config): Promise<string> {
  if (config.account.apiKey !== undefined) return config.account.apiKey;
  const typed = await readSecretFromStdin('Admin API key (Account → Security → Admin API): ');
  const { adminKeySettingsSchema } = await import('../auth/api-key.js');
  const parsed = adminKeySettingsSchema.shape.apiKey.safeParse(typed);
  if (parsed.success) return parsed.data;
  // The message names the mistake, never the key.
  throw new UserSettingsError(
    `the API key read from stdin ${parsed.error.issues[0]?.message ?? 'is not valid'}`,
  );
}

function announce(url: string, redirectUri: string, minutes: number, json: boolean): void {
  if (json) {
    console.log(JSON.stringify({ event: 'authorize', url }));
    return;
  }
  console.log(`Open this address in a browser and approve the access:

  ${url}

Waiting for Worksection's answer at ${redirectUri} (up to ${minutes} minutes; Ctrl+C cancels).`);
}

const host = (url: string): string => new URL(url).host;

function printSignedIn(r: SignInResult, json: boolean): void {
  if (json) {
    const event =
      r.mode === 'admin'
        ? { event: 'signed_in', mode: 'admin', account: r.account, user: r.user }
        : {
            event: 'signed_in',
            mode: 'oauth',
            account: r.account,
            user: r.user,
            scopes: r.scopes,
            expiresAt: r.expiresAt,
          };
    console.log(JSON.stringify(event));
  } else if (r.mode === 'admin') {
    console.log(`Signed in to ${r.account ? host(r.account) : 'Worksection'} with the admin API key ${r.credential}.
  "me"          ${r.user ? `${r.user.name} <${r.user.email}>` : ''}
  vault         ${r.vault}`);
  } else {
    const who = r.user ? ` as ${r.user.name} <${r.user.email}>` : '';
    console.log(`Signed in to ${r.account ? host(r.account) : 'Worksection'}${who}.
  scopes        ${(r.scopes ?? []).join(', ')}
  access token  ${r.credential}, renewed automatically
  vault         ${r.vault}`);
  }
}

async function signInOAuthHere(config: Config, json: boolean): Promise<SignInResult> {
  const [{ signInOAuth }, { DEFAULT_SIGN_IN_TIMEOUT_MS }] = await Promise.all([
    import('../account/login.js'),
    import('../auth/sign-in.js'),
  ]);
  const minutes = DEFAULT_SIGN_IN_TIMEOUT_MS / 60_000;
  // Ctrl+C while waiting closes the callback port and says so.
  const abort = new AbortController();
  const stop = (): void => abort.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    return await signInOAuth(config, {
      openUrl: (url, redirectUri) => announce(url, redirectUri, minutes, json),
      signal: abort.signal,
    });
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
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
    let result: SignInResult;
    if (values['api-key'] || config.account.authMode === 'admin') {
      const { signInAdmin } = await import('../account/login.js');
      result = await signInAdmin(config, () => apiKeyOf(config));
    } else {
      result = await signInOAuthHere(config, json);
    }
    if (result.replaced) console.error(`wsmcp ${COMMAND}: note: ${result.replaced}`);
    printSignedIn(result, json);
    if (result.warning) console.error(`wsmcp ${COMMAND}: ${result.warning}`);
    return 0;
  } catch (err) {
    return loginFailure(err);
  }
}
