// Another user signing in beside a running OAuth server (`wsmcp login` in another process): the server
// notices at its next call, "me" becomes the new user and answers cached for the old user are not served.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterEach, describe, expect, it } from 'vitest';
import { openAccountVault } from '../account/vault.js';
import { loadOrCreateCertificate } from '../auth/certificate.js';
import { hiddenFields } from '../auth/demo-sign-in.js';
import { httpsGet } from '../auth/https-get.js';
import { resourceOwner } from '../auth/identity.js';
import { OAuthSession } from '../auth/session.js';
import { defaultScopes, type OAuthSettings } from '../auth/settings.js';
import { signIn } from '../auth/sign-in.js';
import { createApp, type App } from './app.js';
import { loadConfig, type Config } from '../config.js';
import { storeLocation } from '../data-dir/paths.js';
import { createClientTokens } from '../store/client-tokens.js';
import { openDatabase } from '../store/db.js';
import { startSandbox, type RunningSandbox } from '../sandbox/server.js';

const ENV = { WSMCP_PASSPHRASE: 'user change passphrase' };
let sandbox: RunningSandbox | undefined;
const apps: App[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.stop();
  await sandbox?.close();
  sandbox = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** `wsmcp login` as another process does it: its own vault handle, the same three writes as account/login.ts. */
async function loginAs(config: Config, sb: RunningSandbox, userId: string): Promise<void> {
  const { vault } = await openAccountVault(config);
  const settings: OAuthSettings = {
    oauthUrl: sb.url,
    clientId: sb.oauthClient.id,
    clientSecret: sb.oauthClient.secret,
    redirectUri: 'https://localhost:0/callback',
    scopes: defaultScopes(false),
  };
  const tls = await loadOrCreateCertificate(join(config.dataDir, 'secrets', 'callback-tls'));
  const session = new OAuthSession({ client: settings, vault });
  let opened!: (url: string) => void;
  const authorizeUrl = new Promise<string>((resolve) => (opened = resolve));
  const done = signIn({
    settings,
    tls,
    openUrl: (url) => opened(url),
    accept: async (tokens) => {
      await session.adopt(tokens);
      await vault.update((r) => ({
        ...r,
        clientSecret: settings.clientSecret,
        account: {
          mode: 'oauth',
          url: tokens.accountUrl,
          oauthUrl: settings.oauthUrl,
          clientId: settings.clientId,
          redirectUri: settings.redirectUri,
        },
      }));
    },
  });
  const url = await authorizeUrl;
  const page = await fetch(url);
  const decision = await fetch(new URL('/oauth2/authorize', url), {
    method: 'POST',
    body: new URLSearchParams({ ...hiddenFields(await page.text()), user_id: userId, approve: 'yes' }),
    redirect: 'manual',
  });
  await httpsGet(decision.headers.get('location') ?? '', tls.cert);
  await done;
  const owner = await resourceOwner(settings, session);
  const user = { id: owner.id, name: owner.name, email: owner.email };
  await vault.update((r) => (r.account ? { ...r, account: { ...r.account, user } } : r));
}

async function consentUsers(sb: RunningSandbox): Promise<string[]> {
  const url = new URL('/oauth2/authorize', sb.url);
  for (const [k, v] of Object.entries({
    client_id: sb.oauthClient.id,
    redirect_uri: 'https://localhost:0/callback',
    response_type: 'code',
    state: 'x'.repeat(32),
    scope: 'users_read',
  }))
    url.searchParams.set(k, v);
  const html = await (await fetch(url)).text();
  return [...html.matchAll(/<option value="(\d+)"/g)].map((m) => m[1]!);
}

describe('another user signing in beside a running server', () => {
  it('is noticed: "me" is the new user and the old user\'s cached answers are not served', async () => {
    sandbox = await startSandbox({ rateLimit: 0 });
    const sb = sandbox;
    const dataDir = mkdtempSync(join(tmpdir(), 'wsmcp-app-user-'));
    dirs.push(dataDir);
    const config = loadConfig({ flags: { port: '0', dataDir }, env: ENV });
    const [userA, userB] = await consentUsers(sb);
    expect(userA && userB && userA !== userB).toBe(true);
    await loginAs(config, sb, userA!);

    const db = openDatabase(storeLocation(config).dbFile);
    const { token } = createClientTokens(db).create('test', 'write');
    db.close();
    const app = createApp(config, { log: () => undefined });
    apps.push(app);
    const endpoints = await app.start();
    const client = new Client({ name: 'user-change-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(endpoints.mcpUrl), {
        requestInit: { headers: { Authorization: `Bearer ${token}` } },
      }),
    );
    const me = async () => {
      const result = await client.callTool({ name: 'get_me', arguments: {} });
      return (result.structuredContent as { user: { id: string } }).user.id;
    };
    const asked = async () => {
      const result = await client.callTool({ name: 'list_tags', arguments: {} });
      expect(result.isError).toBeFalsy();
      const log = (await (await fetch(`${sb.url}/__sandbox/requests`)).json()) as { action: string }[];
      return log.filter((r) => r.action === 'get_task_tag_groups').length;
    };
    try {
      expect(await me()).toBe(userA);
      expect(await asked()).toBe(1);
      expect(await asked()).toBe(1); // cached

      await loginAs(config, sb, userB!);
      expect(await me()).toBe(userB);
      expect(await asked()).toBe(2); // not user A's cached answer
      expect(app.account()?.current).toMatchObject({ kind: 'signed_in', user: { id: userB } });
    } finally {
      await client.close();
    }
  });
});
