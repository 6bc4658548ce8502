// Signing in and out from the UI on a real (non-demo) server, its Worksection being the sandbox: the OAuth
// path (consent page, HTTPS callback, who signed in) and the admin-key path (checked before it is kept).
import { afterEach, describe, expect, it } from 'vitest';
import { accountViewSchema, type AccountView } from '../../shared/api/account.js';
import { createApp, type App } from '../app/app.js';
import { signInOAuth } from '../account/login.js';
import { openAccountVault } from '../account/vault.js';
import { consentRedirect, harness, PASSPHRASE, visit, type Harness } from '../auth/testing/sign-in.js';
import { loadConfig, type Config } from '../config.js';
import { call, sessionCookie } from './testing/control-client.js';

let h: Harness | undefined;
let app: App | undefined;
afterEach(async () => {
  await app?.stop();
  await h?.close();
  app = h = undefined;
});

async function serve(config: Config): Promise<{ origin: string; cookie: string }> {
  app = createApp(config, { log: () => undefined });
  const endpoints = await app.start();
  return { origin: new URL(endpoints.mcpUrl).origin, cookie: await sessionCookie(endpoints.uiUrl) };
}

async function account(origin: string, cookie: string, path = '/account', method = 'GET', body?: unknown) {
  const answer = await call(origin, method, path, { cookie, body });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return accountViewSchema.parse(answer.body);
}

async function until(
  read: () => Promise<AccountView>,
  done: (v: AccountView) => boolean,
): Promise<AccountView> {
  for (let i = 0; i < 100; i += 1) {
    const v = await read();
    if (done(v)) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the account did not reach the expected state');
}

describe('the Account panel on a real server', () => {
  it('signs out and in again with OAuth through the consent page', async () => {
    h = await harness({ now: Date.now });
    const hh = h;
    const config = loadConfig({
      flags: {
        port: '0',
        dataDir: hh.dataDir,
        oauthUrl: hh.sandbox.url,
        clientId: hh.sandbox.oauthClient.id,
        clientSecret: hh.sandbox.oauthClient.secret,
        redirectUri: hh.settings.redirectUri,
      },
      env: { WSMCP_PASSPHRASE: PASSPHRASE },
    });
    // `wsmcp login` first: the server serves only a data dir someone signed in to.
    await signInOAuth(config, {
      // Not awaited by the sign-in: the browser runs beside the callback server that answers it.
      openUrl: async (url) => void visit(await consentRedirect(url), hh.tls),
    });
    const { origin, cookie } = await serve(config);
    expect(await account(origin, cookie)).toMatchObject({
      state: 'signed_in',
      mode: 'oauth',
      methods: ['oauth'],
    });

    expect((await account(origin, cookie, '/account/sign-out', 'POST')).state).toBe('signed_out');
    const waiting = await account(origin, cookie, '/account/sign-in/oauth', 'POST');
    expect(waiting.signIn).toMatchObject({ state: 'waiting' });
    const authorize = new URL(waiting.signIn.authorizeUrl!);
    expect(authorize.origin).toBe(hh.sandbox.url);
    expect(authorize.searchParams.get('redirect_uri')).toMatch(/^https:\/\/localhost:\d+\/callback$/);
    await visit(await consentRedirect(authorize.toString()), hh.tls);
    const after = await until(
      () => account(origin, cookie),
      (v) => v.signIn.state === 'succeeded' && v.user !== null,
    );
    expect(after).toMatchObject({ state: 'signed_in', mode: 'oauth', accountUrl: hh.sandbox.url });
    expect(after.scopes.length).toBeGreaterThan(0);
  });

  it('replaces the admin key only after it works, and refuses another account', async () => {
    h = await harness({ now: Date.now });
    const owner = h.sandbox.data.users.get(h.sandbox.data.ownerId)!;
    const config = loadConfig({
      flags: { port: '0', dataDir: h.dataDir },
      env: { WSMCP_PASSPHRASE: PASSPHRASE },
    });
    const { vault } = await openAccountVault(config);
    await vault.update(() => ({
      apiKey: h!.sandbox.apiKey,
      account: { mode: 'admin', url: h!.sandbox.url, meEmail: owner.email },
    }));
    const { origin, cookie } = await serve(config);
    expect(await account(origin, cookie)).toMatchObject({
      state: 'signed_in',
      mode: 'admin',
      methods: ['admin'],
    });

    expect((await account(origin, cookie, '/account/sign-out', 'POST')).state).toBe('signed_out');
    const input = { accountUrl: h.sandbox.url, meEmail: owner.email, apiKey: 'f'.repeat(32) };
    const wrong = await call(origin, 'POST', '/account/sign-in/admin', { cookie, body: input });
    expect(wrong.status).toBe(400);
    expect((wrong.body as { message: string }).message).toMatch(/refused the admin API key/);
    const elsewhere = await call(origin, 'POST', '/account/sign-in/admin', {
      cookie,
      body: { ...input, accountUrl: 'https://other.worksection.com', apiKey: h.sandbox.apiKey },
    });
    expect(elsewhere.status).toBe(409);
    const right = await account(origin, cookie, '/account/sign-in/admin', 'POST', {
      ...input,
      apiKey: h.sandbox.apiKey,
    });
    expect(right).toMatchObject({ state: 'signed_in', mode: 'admin', meEmail: owner.email });
    expect((await vault.read()).apiKey).toBe(h.sandbox.apiKey);
  });
});
