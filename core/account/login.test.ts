// The sign-in services in-process against the sandbox (OAuth with the test as the browser, the admin key),
// then status and sign-out on the same data dir. The CLI's own tests (commands/login.test.ts) run the same
// services through the compiled `wsmcp login`.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentRedirect, visit } from '../auth/testing/sign-in.js';
import { defaultScopes } from '../auth/settings.js';
import { loadConfig, type Config, type ConfigFlags } from '../config.js';
import { storeLocation } from '../data-dir/paths.js';
import { createToolSettings } from '../mcp/inventory/tool-settings.js';
import { startSandbox, type RunningSandbox } from '../sandbox/server.js';
import { openDatabase } from '../store/db.js';
import { createSettingsStore } from '../store/settings.js';
import { UserFacingError, UserSettingsError } from '../user-facing-error.js';
import { signInAdmin, signInOAuth, type SignInResult } from './login.js';
import { signOut } from './logout.js';
import { accountSection } from './status.js';
import { openAccountVault } from './vault.js';

const PASSPHRASE = 'a passphrase for the account tests';

let sandbox: RunningSandbox;
let owner: { email: string; name: string };
const dirs: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ rateLimit: 0 });
  const o = sandbox.data.users.get(sandbox.data.ownerId);
  if (!o) throw new Error('the sandbox has no owner');
  owner = { email: o.email, name: `${o.firstName} ${o.lastName}` };
});
afterAll(async () => {
  await sandbox.close();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function configFor(flags: ConfigFlags, env: Record<string, string> = {}): Promise<Config> {
  const dataDir = await mkdtemp(join(tmpdir(), 'wsmcp-account-'));
  dirs.push(dataDir);
  return loadConfig({ flags: { dataDir, ...flags }, env: { WSMCP_PASSPHRASE: PASSPHRASE, ...env } });
}

const oauthFlags = (): ConfigFlags => ({
  oauthUrl: sandbox.url,
  clientId: sandbox.oauthClient.id,
  clientSecret: sandbox.oauthClient.secret,
  redirectUri: 'https://localhost:0/callback',
});

/** signInOAuth with the test as the browser: consent given, the redirect followed to the callback. */
async function oauthSignIn(config: Config): Promise<{ result: SignInResult; authorizeUrl: string }> {
  let authorizeUrl = '';
  const result = await signInOAuth(config, {
    async openUrl(url) {
      authorizeUrl = url;
      const callback = await consentRedirect(url);
      const cert = await readFile(join(config.dataDir, 'secrets', 'callback-cert.pem'), 'utf8');
      // Not awaited by signIn: the browser runs beside the callback server that answers it.
      void visit(callback, { cert });
    },
  });
  return { result, authorizeUrl };
}

describe('OAuth sign-in', () => {
  it('signs in, keeps the sign-in in the vault, and says who signed in', async () => {
    const config = await configFor(oauthFlags());
    const { result, authorizeUrl } = await oauthSignIn(config);
    expect(result).toMatchObject({ mode: 'oauth', user: { email: owner.email, name: owner.name } });
    expect(new URL(authorizeUrl).searchParams.get('scope')).toBe(defaultScopes(true).join(','));
    expect(result.scopes?.length).toBeGreaterThan(0);
    expect(result.credential).toMatch(/^•+.{4}$/);
    const record = await (await openAccountVault(config)).vault.read();
    expect(record.account).toMatchObject({ mode: 'oauth', clientId: sandbox.oauthClient.id });
    expect(record.clientSecret).toBe(sandbox.oauthClient.secret);
    expect(result.credential).not.toContain(record.oauth?.accessToken ?? 'no token');

    const status = await accountSection(config);
    expect(status.report).toMatchObject({ state: 'signed_in', mode: 'oauth' });

    expect(await signOut(config)).toMatchObject({ erased: true });
    expect((await accountSection(config)).report).toEqual({ state: 'signed_out' });
    expect(await signOut(config)).toEqual({ erased: false, account: undefined, note: undefined });
  });

  it('asks for read scopes only when the saved tool settings are read-only', async () => {
    const config = await configFor(oauthFlags());
    const db = openDatabase(storeLocation(config).dbFile);
    createToolSettings(createSettingsStore(db)).update({ readOnly: true });
    db.close();
    const { authorizeUrl } = await oauthSignIn(config);
    expect(new URL(authorizeUrl).searchParams.get('scope')).toBe(defaultScopes(false).join(','));
  });

  it('asks for read scopes only when the config locks read-only', async () => {
    const config = await configFor(oauthFlags(), { WSMCP_READ_ONLY: '1' });
    const { authorizeUrl } = await oauthSignIn(config);
    expect(new URL(authorizeUrl).searchParams.get('scope')).toBe(defaultScopes(false).join(','));
  });

  it('names the missing client id as a settings mistake, before any browser', async () => {
    const config = await configFor({ oauthUrl: sandbox.url });
    let opened = false;
    const err = await signInOAuth(config, { openUrl: () => void (opened = true) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserSettingsError);
    expect((err as Error).message).toMatch(/--client-id/);
    expect(opened).toBe(false);
  });
});

describe('admin API key sign-in', () => {
  it('proves the key with one call, keeps it, and finds "me"', async () => {
    const config = await configFor({ accountUrl: sandbox.url, meEmail: owner.email });
    const result = await signInAdmin(config, () => Promise.resolve(sandbox.apiKey));
    expect(result).toMatchObject({ mode: 'admin', account: sandbox.url, user: { email: owner.email } });
    expect(result.credential).not.toContain(sandbox.apiKey);
    const record = await (await openAccountVault(config)).vault.read();
    expect(record).toMatchObject({
      apiKey: sandbox.apiKey,
      account: { mode: 'admin', meEmail: owner.email },
    });
    expect((await accountSection(config)).report).toMatchObject({ state: 'signed_in', mode: 'admin' });
  });

  it('refuses a wrong key with advice and keeps nothing', async () => {
    const config = await configFor({ accountUrl: sandbox.url, meEmail: owner.email });
    const err = await signInAdmin(config, () => Promise.resolve('0'.repeat(32))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserFacingError);
    expect((await accountSection(config)).report).toEqual({ state: 'signed_out' });
  });

  it('asks for the key only once the account and "me" are known', async () => {
    const config = await configFor({ accountUrl: sandbox.url });
    let asked = false;
    const err = await signInAdmin(config, () => {
      asked = true;
      return Promise.resolve(sandbox.apiKey);
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserSettingsError);
    expect((err as Error).message).toMatch(/--me-email/);
    expect(asked).toBe(false);
  });
});
