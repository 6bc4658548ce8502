// `wsmcp login`, `status`, `logout` and a non-demo `serve` as a user runs them: compiled CLI processes
// against an in-process sandbox, the test playing the browser. Lifetimes are seconds.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SavedAccount } from '../vault/record.js';
import { startSandbox, type RunningSandbox } from '../sandbox/server.js';
import { buildCli, tempDir, cleanUp } from './testing/cli.js';
import {
  cli,
  cliRun,
  exited,
  filesContaining,
  killAll,
  mcpClient,
  nextJson,
  PASSPHRASE,
  playBrowser,
  readVault,
  textOf,
  type Proc,
} from './testing/login.js';

const ENV = { WSMCP_PASSPHRASE: PASSPHRASE };

let sandbox: RunningSandbox | undefined;
beforeAll(buildCli);
afterEach(async () => {
  killAll();
  cleanUp();
  await sandbox?.close();
  sandbox = undefined;
});

interface SignedIn {
  event: 'signed_in';
  mode: string;
  account: string;
  user: { id: string; name: string; email: string };
  scopes: string[];
  expiresAt: string;
}

function ownerOf(sb: RunningSandbox) {
  const owner = sb.data.users.get(sb.data.ownerId);
  if (!owner) throw new Error('the sandbox has no owner');
  return owner;
}

/** `wsmcp login --json` with the test as the browser; answers the signed_in event and the process. */
async function oauthLogin(sb: RunningSandbox, dataDir: string): Promise<{ event: SignedIn; login: Proc }> {
  const login = cli(
    [
      'login',
      '--json',
      '--data-dir',
      dataDir,
      '--oauth-url',
      sb.url,
      '--client-id',
      sb.oauthClient.id,
      '--redirect-uri',
      'https://localhost:0/callback',
    ],
    { ...ENV, WSMCP_CLIENT_SECRET: sb.oauthClient.secret },
  );
  const authorize = await nextJson<{ event: string; url: string }>(login, 0);
  expect(authorize.event).toBe('authorize');
  expect(await playBrowser(authorize.url, join(dataDir, 'secrets', 'callback-cert.pem'))).toBe(200);
  const event = await nextJson<SignedIn>(login, 1);
  expect(await exited(login)).toBe(0);
  return { event, login };
}

async function serve(dataDir: string, env: Record<string, string> = ENV) {
  const server = cli(['serve', '--json', '--port', '0', '--data-dir', dataDir], env);
  const ready = await nextJson<{ mcpUrl: string }>(server, 0);
  const made = await cliRun(['token', 'create', '--name', 'test', '--json', '--data-dir', dataDir]);
  expect(made.code).toBe(0);
  const { token } = JSON.parse(made.out[0]!) as { token: string };
  return { server, client: await mcpClient(ready.mcpUrl, token) };
}

async function status(dataDir: string, env: Record<string, string> = ENV) {
  const res = await cliRun(['status', '--json', '--data-dir', dataDir], env);
  expect(res.code, res.err).toBe(0);
  return (JSON.parse(res.out[0]!) as { account: Record<string, unknown> }).account;
}

const count = (sb: RunningSandbox, path: string) => sb.requests().filter((r) => r.path === path).length;

describe('wsmcp login (OAuth)', () => {
  it('signs in through the HTTPS callback; status, serve and logout follow; nothing secret is readable', async () => {
    sandbox = await startSandbox({ rateLimit: 0 });
    const sb = sandbox;
    const dataDir = tempDir();
    const { event, login } = await oauthLogin(sb, dataDir);
    const owner = ownerOf(sb);
    expect(event).toMatchObject({ mode: 'oauth', account: sb.url, user: { email: owner.email } });
    expect(event.scopes).toContain('tasks_write'); // writing is on unless read-only

    expect(await status(dataDir)).toMatchObject({
      state: 'signed_in',
      mode: 'oauth',
      account: sb.url,
      user: { email: owner.email },
      token: expect.stringMatching(/^••••.{4}$/),
      expired: false,
    });

    const { server, client } = await serve(dataDir);
    const projects = await client.callTool({ name: 'list_projects', arguments: {} });
    expect(projects.isError, textOf(projects)).toBeFalsy();
    expect(sb.requests().some((r) => r.path.startsWith('/api/oauth2') && r.status === 200)).toBe(true);

    // The secrets, learned in-process, appear nowhere readable: not in the data dir, not in any output.
    const saved = await readVault(join(dataDir, 'secrets'));
    const secrets = [saved.oauth!.accessToken, saved.oauth!.refreshToken, sb.oauthClient.secret, PASSPHRASE];
    expect(saved.clientSecret).toBe(sb.oauthClient.secret);
    expect(await filesContaining(dataDir, secrets)).toEqual([]);
    const said = [login.err, ...login.out, server.err, ...server.out].join('\n');
    for (const s of secrets) expect(said.includes(s)).toBe(false);

    const out = await cliRun(['logout', '--data-dir', dataDir], ENV);
    expect(out.code).toBe(0);
    expect(out.out.join('\n')).toContain('Signed out');
    expect(existsSync(join(dataDir, 'secrets', 'vault.bin'))).toBe(false);
    expect(await status(dataDir)).toEqual({ state: 'signed_out' });
    // The running server notices at its next call, and never opens a browser for it.
    const after = await client.callTool({ name: 'list_users', arguments: {} });
    expect(after.isError).toBe(true);
    expect(textOf(after)).toMatch(/sign-in needed/i);
    await client.close();
    server.kill('SIGTERM');
    expect(await exited(server)).toBe(0);
    expect(count(sb, '/oauth2/authorize')).toBe(2); // the test's own GET and POST, nothing later

    const again = await cliRun(['serve', '--port', '0', '--data-dir', dataDir], ENV);
    expect(again.code).toBe(1);
    expect(again.err.trim()).toBe(
      'wsmcp serve: not signed in to a Worksection account; run `wsmcp login` first (or `wsmcp serve --demo` to serve the built-in sandbox account)',
    );
  });

  it('a refused renewal while serving answers "sign-in needed" without a browser; a new login heals it', async () => {
    sandbox = await startSandbox({ rateLimit: 0 });
    const sb = sandbox;
    const dataDir = tempDir();
    await oauthLogin(sb, dataDir);
    const { server, client } = await serve(dataDir);
    expect((await client.callTool({ name: 'list_projects', arguments: {} })).isError).toBeFalsy();

    // The user withdrew the app: the refresh token is dead and the access token expires.
    const saved = await readVault(join(dataDir, 'secrets'));
    sb.faults.revokeRefreshToken(saved.oauth!.refreshToken);
    sb.faults.expireAccessTokens();
    for (const name of ['list_users', 'list_tags']) {
      const result = await client.callTool({ name, arguments: {} });
      expect(result.isError, name).toBe(true);
      expect(textOf(result)).toMatch(/sign-in needed/i);
    }
    expect(count(sb, '/oauth2/refresh')).toBe(1);
    expect(count(sb, '/oauth2/authorize')).toBe(2);
    expect(server.out).toHaveLength(1); // the ready line only: no address to open was printed
    expect(server.err).toMatch(/sign-in needed/i);

    // status says so too (the server marks the dead pair in the vault; give its write a moment).
    let account = await status(dataDir);
    for (let i = 0; i < 20 && account.state !== 'sign_in_needed'; i++) account = await status(dataDir);
    expect(account).toMatchObject({ state: 'sign_in_needed', mode: 'oauth' });

    // Signing in again beside the running server: its next call works.
    await oauthLogin(sb, dataDir);
    const healed = await client.callTool({ name: 'list_tags', arguments: {} });
    expect(healed.isError, textOf(healed)).toBeFalsy();
    await client.close();
  });

  it('answers each mistake in one line, never echoing a secret', async () => {
    const dataDir = tempDir();
    const cases: [string[], Record<string, string>, string][] = [
      [
        ['--redirect-uri', 'http://localhost:8443/cb', '--client-id', 'x'],
        ENV,
        'wsmcp login: --redirect-uri must start with https:// (Worksection accepts only HTTPS redirect URIs), got "http://localhost:8443/cb"',
      ],
      [
        [],
        ENV,
        'wsmcp login: no OAuth client id: register an app in Worksection and pass --client-id ID (or set WSMCP_CLIENT_ID); see "Signing in" in the README',
      ],
      [
        ['--client-id', 'abc'],
        ENV,
        'wsmcp login: no client secret for the OAuth app abc: set WSMCP_CLIENT_SECRET (or pass --client-secret) once; it is then kept in the encrypted vault',
      ],
      [
        ['--api-key'],
        { ...ENV, WSMCP_API_KEY: 'secret key 1234567890' },
        'wsmcp login: WSMCP_API_KEY must not contain spaces or line breaks',
      ],
      [
        ['--client-id', 'abc'],
        { WSMCP_PASSPHRASE: 'short' },
        'wsmcp login: WSMCP_PASSPHRASE must be at least 8 characters long',
      ],
      [
        ['--client-id', 'abc', '--client-secret', 's3cr3t-value'],
        {},
        'wsmcp login: Cannot keep secrets safe: no OS keychain is usable',
      ],
    ];
    for (const [args, env, line] of cases) {
      const res = await cliRun(['login', '--data-dir', dataDir, ...args], env);
      expect(res.code, args.join(' ')).not.toBe(0);
      expect(res.err.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(res.err.trim(), args.join(' ')).toContain(line);
    }

    writeFileSync(
      join(dataDir, 'config.json'),
      JSON.stringify({ account: { clientSecret: 'file-secret-value', apiKey: 'filekey1234567890' } }),
    );
    const res = await cliRun(['status', '--data-dir', dataDir], ENV);
    expect(res.code).toBe(2);
    expect(res.err).toContain('"account.clientSecret" is a secret and is never read from this file');
    expect(res.err).toContain('"account.apiKey" is a secret and is never read from this file');
    expect(res.err).not.toContain('file-secret-value');
    expect(res.err).not.toContain('filekey1234567890');
  });
});

describe('wsmcp login --api-key', () => {
  it('checks the admin key with a real call, keeps it in the vault, and serves with it', async () => {
    sandbox = await startSandbox({ rateLimit: 0 });
    const sb = sandbox;
    const dataDir = tempDir();
    const owner = ownerOf(sb);
    const args = ['login', '--api-key', '--json', '--data-dir', dataDir, '--account-url', sb.url];

    const wrong = await cliRun(
      [...args, '--me-email', owner.email],
      ENV,
      'ffffffffffffffffffffffffffffffff\n',
    );
    expect(wrong.code).toBe(1);
    expect(wrong.err.trim()).toMatch(
      /^wsmcp login: 127\.0\.0\.1:\d+ refused the admin API key; copy it again/,
    );
    expect(existsSync(join(dataDir, 'secrets', 'vault.bin'))).toBe(false);

    const stranger = await cliRun([...args, '--me-email', 'nobody@example.com'], ENV, `${sb.apiKey}\n`);
    expect(stranger.code).toBe(1);
    expect(stranger.err).toContain('nobody@example.com is not a user of this Worksection account');

    const ok = await cliRun([...args, '--me-email', owner.email], ENV, `${sb.apiKey}\n`);
    expect(ok.code, ok.err).toBe(0);
    expect(JSON.parse(ok.out[0]!)).toMatchObject({
      event: 'signed_in',
      mode: 'admin',
      account: sb.url,
      user: { email: owner.email },
    });
    expect(await status(dataDir)).toMatchObject({
      state: 'signed_in',
      mode: 'admin',
      meEmail: owner.email,
      key: `••••${sb.apiKey.slice(-4)}`,
    });
    const saved = await readVault(join(dataDir, 'secrets'));
    expect(saved.account).toMatchObject({ mode: 'admin', url: sb.url } satisfies Partial<SavedAccount>);

    const { server, client } = await serve(dataDir);
    const me = await client.callTool({ name: 'get_me', arguments: {} });
    expect(me.isError, textOf(me)).toBeFalsy();
    expect(textOf(me)).toContain(owner.email);
    expect(sb.requests().some((r) => r.path.startsWith('/api/admin') && r.token === 'admin')).toBe(true);
    expect(await filesContaining(dataDir, [sb.apiKey, PASSPHRASE])).toEqual([]);
    expect(server.err.includes(sb.apiKey)).toBe(false);

    // Signed out beside the server: the key is gone from its next call.
    expect((await cliRun(['logout', '--data-dir', dataDir], ENV)).code).toBe(0);
    const after = await client.callTool({ name: 'list_projects', arguments: {} });
    expect(after.isError).toBe(true);
    expect(textOf(after)).toMatch(/sign-in needed/i);
    await client.close();
  });
});

describe('wsmcp serve', () => {
  it('--demo signs in to its sandbox through the real OAuth flow', async () => {
    const dataDir = tempDir();
    const server = cli(['serve', '--demo', '--json', '--port', '0', '--data-dir', dataDir]);
    const ready = await nextJson<{ mcpUrl: string; token: string; sandboxUrl: string }>(server, 0);
    const client = await mcpClient(ready.mcpUrl, ready.token);
    const result = await client.callTool({ name: 'list_projects', arguments: {} });
    expect(result.isError, textOf(result)).toBeFalsy();
    await client.close();
    const log = (await (await fetch(`${ready.sandboxUrl}/__sandbox/requests`)).json()) as { path: string }[];
    const paths = log.map((r) => r.path);
    expect(paths.slice(0, 3)).toEqual(['/oauth2/authorize', '/oauth2/authorize', '/oauth2/token']);
    expect(paths).toContain('/api/oauth2');
    // Nothing of the demo's sign-in is kept in the data dir.
    expect(existsSync(join(dataDir, 'demo', 'secrets'))).toBe(false);
    server.kill('SIGTERM');
    expect(await exited(server)).toBe(0);
  });

  it('runs on a vault it cannot unlock, answering "sign-in needed" and saying why in one log line', async () => {
    sandbox = await startSandbox({ rateLimit: 0 });
    const dataDir = tempDir();
    await oauthLogin(sandbox, dataDir);
    const { server, client } = await serve(dataDir, {}); // no WSMCP_PASSPHRASE this time
    const result = await client.callTool({ name: 'list_projects', arguments: {} });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/sign-in needed/i);
    expect(server.err).toContain('set WSMCP_PASSPHRASE');
    expect(await status(dataDir, {})).toMatchObject({ state: 'sign_in_needed' });
    await client.close();
  });
});
