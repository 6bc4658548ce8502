// The desktop app's first run: a data dir that was never signed in. A host that can restart the server (the
// desktop app) serves it signed out, every tool answering "sign-in needed"; the Account panel signs in
// (an admin key, or OAuth with the OAuth app given in the form) and the host restarts onto the sign-in.
// A real app on 127.0.0.1, its Worksection the sandbox, its control API over HTTP, a real MCP client.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterEach, describe, expect, it } from 'vitest';
import { accountViewSchema, type AccountView } from '../../shared/api/account.js';
import { openAccountVault } from '../account/vault.js';
import { createApp, NotSignedInError, type App } from '../app/app.js';
import { consentRedirect, harness, PASSPHRASE, visit, type Harness } from '../auth/testing/sign-in.js';
import { loadConfig, type Config } from '../config.js';
import { call, sessionCookie } from './testing/control-client.js';

let h: Harness | undefined;
let app: App | undefined;
let made = 0;
afterEach(async () => {
  await app?.stop();
  await h?.close();
  app = h = undefined;
});

/** A host that can restart: `restarts` counts the requests, `restarted` settles on the first. */
function restartingHost() {
  let restarts = 0;
  let settle: () => void = () => undefined;
  const restarted = new Promise<void>((resolve) => (settle = resolve));
  const log: string[] = [];
  return {
    host: { log: (line: string) => log.push(line), control: { restart: () => (restarts++, settle()) } },
    restarted,
    restarts: () => restarts,
    log,
  };
}

async function serve(config: Config, host: Parameters<typeof createApp>[1]) {
  app = createApp(config, host);
  const endpoints = await app.start();
  const origin = new URL(endpoints.mcpUrl).origin;
  const cookie = await sessionCookie(endpoints.uiUrl);
  const account = async (path = '/account', method = 'GET', body?: unknown): Promise<AccountView> => {
    const answer = await call(origin, method, path, { cookie, body });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return accountViewSchema.parse(answer.body);
  };
  const { token } = app.services()!.tokens.create(`first-run test ${++made}`, 'write');
  const client = new Client({ name: 'first-run-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(endpoints.mcpUrl), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
    }),
  );
  const getMe = async () => {
    const r = await client.callTool({ name: 'get_me', arguments: {} });
    const text = (r.content as Array<{ text?: string }>).map((c) => c.text ?? '').join('\n');
    return { isError: r.isError === true, text };
  };
  return { origin, cookie, account, getMe, client };
}

describe('the first sign-in from the app', () => {
  it('a host that cannot restart is told to sign in first, as before', async () => {
    h = await harness({ now: Date.now });
    const config = loadConfig({
      flags: { port: '0', dataDir: h.dataDir },
      env: { WSMCP_PASSPHRASE: PASSPHRASE },
    });
    app = createApp(config, { log: () => undefined });
    await expect(app.start()).rejects.toBeInstanceOf(NotSignedInError);
  });

  it('serves signed out, signs in with an admin key, and restarts onto it', async () => {
    h = await harness({ now: Date.now });
    const owner = h.sandbox.data.users.get(h.sandbox.data.ownerId)!;
    const config = loadConfig({
      flags: { port: '0', dataDir: h.dataDir },
      env: { WSMCP_PASSPHRASE: PASSPHRASE },
    });
    const r = restartingHost();
    const first = await serve(config, r.host);
    expect(await first.account()).toMatchObject({
      state: 'signed_out',
      methods: ['oauth', 'admin'],
      oauthAppNeeded: true,
    });
    const before = await first.getMe();
    expect(before.isError).toBe(true);
    expect(before.text).toMatch(
      /Sign-in needed: this app was never signed in; ask the user to open the Worksection MCP app and sign in/,
    );

    const input = { accountUrl: h.sandbox.url, meEmail: owner.email, apiKey: 'f'.repeat(32) };
    const { origin, cookie } = first;
    const wrong = await call(origin, 'POST', '/account/sign-in/admin', { cookie, body: input });
    expect(wrong.status).toBe(400);
    expect((wrong.body as { message: string }).message).toMatch(/refused the admin API key/);
    const right = await first.account('/account/sign-in/admin', 'POST', {
      ...input,
      apiKey: h.sandbox.apiKey,
    });
    expect(right.signIn).toMatchObject({ state: 'succeeded', message: expect.stringMatching(/restarts/) });
    await r.restarted;
    expect(r.restarts()).toBe(1);
    await first.client.close();

    // What the desktop host does on restart: a new app on the same data dir.
    await app!.stop();
    const second = await serve(config, r.host);
    expect(await second.account()).toMatchObject({ state: 'signed_in', mode: 'admin', meEmail: owner.email });
    const after = await second.getMe();
    expect(after.isError, after.text).toBe(false);
    expect(after.text).toContain(owner.email);
    await second.client.close();
  });

  it('OAuth asks for the OAuth app first, then signs in through the consent page and restarts', async () => {
    h = await harness({ now: Date.now });
    const hh = h;
    const config = loadConfig({
      flags: {
        port: '0',
        dataDir: hh.dataDir,
        oauthUrl: hh.sandbox.url,
        redirectUri: hh.settings.redirectUri,
      },
      env: { WSMCP_PASSPHRASE: PASSPHRASE },
    });
    const r = restartingHost();
    const first = await serve(config, r.host);
    const { origin, cookie } = first;
    const bare = await call(origin, 'POST', '/account/sign-in/oauth', { cookie, body: {} });
    expect(bare.status).toBe(400);
    expect((bare.body as { message: string }).message).toMatch(/client ID and secret/);
    const half = await call(origin, 'POST', '/account/sign-in/oauth', { cookie, body: { clientId: 'x' } });
    expect(half.status).toBe(400);

    const waiting = await first.account('/account/sign-in/oauth', 'POST', {
      clientId: hh.sandbox.oauthClient.id,
      clientSecret: hh.sandbox.oauthClient.secret,
    });
    expect(waiting.signIn.state).toBe('waiting');
    await visit(await consentRedirect(waiting.signIn.authorizeUrl!), hh.tls);
    await r.restarted;
    const done = await first.account();
    expect(done.signIn).toMatchObject({ state: 'succeeded', message: expect.stringMatching(/restarts/) });
    await first.client.close();

    // The OAuth app and the tokens are in the vault, encrypted: the restarted server signs in with them.
    const { vault } = await openAccountVault(config);
    const record = await vault.read();
    expect(record.account).toMatchObject({ mode: 'oauth', clientId: hh.sandbox.oauthClient.id });
    expect(record.clientSecret).toBe(hh.sandbox.oauthClient.secret);
    await app!.stop();
    const second = await serve(config, r.host);
    expect(await second.account()).toMatchObject({ state: 'signed_in', mode: 'oauth', methods: ['oauth'] });
    const after = await second.getMe();
    expect(after.isError, after.text).toBe(false);
    await second.client.close();
  });
});
