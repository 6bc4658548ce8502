// The sign-in commands with the OS keychain (no passphrase): a real secret service (gnome-keyring in a
// private D-Bus session) that the CLI processes reach through DBUS_SESSION_BUS_ADDRESS.
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  keyringUnavailable,
  skipWithoutKeyring,
  startKeyringSession,
  type KeyringSession,
} from '../vault/testing/keyring.js';
import { startSandbox, type RunningSandbox } from '../sandbox/server.js';
import { buildCli, cleanUp, tempDir } from './testing/cli.js';
import { cliRun, filesContaining, killAll, mcpClient, nextJson, cli, textOf } from './testing/login.js';

let session: KeyringSession | undefined;
let sandbox: RunningSandbox | undefined;
beforeAll(async () => {
  buildCli();
  if (keyringUnavailable() === undefined) session = await startKeyringSession({ unlock: true });
});
afterAll(async () => {
  killAll();
  cleanUp();
  await sandbox?.close();
  await session?.close();
});

it('keeps the vault key in the keychain: login, serve and logout without a passphrase', async (ctx) => {
  skipWithoutKeyring(ctx);
  const env = { DBUS_SESSION_BUS_ADDRESS: session!.address };
  sandbox = await startSandbox({ rateLimit: 0 });
  const owner = sandbox.data.users.get(sandbox.data.ownerId)!;
  const dataDir = tempDir();
  const login = await cliRun(
    ['login', '--api-key', '--data-dir', dataDir, '--account-url', sandbox.url, '--me-email', owner.email],
    env,
    sandbox.apiKey,
  );
  expect(login.code, login.err).toBe(0);
  expect(login.out.join('\n')).toContain('a key kept in the OS keychain');

  const status = await cliRun(['status', '--json', '--data-dir', dataDir], env);
  expect(JSON.parse(status.out[0]!)).toMatchObject({
    account: { state: 'signed_in', mode: 'admin', vault: expect.stringContaining('OS keychain') },
  });
  // Without the keychain (another session), the vault says why it cannot be opened.
  const elsewhere = await cliRun(['status', '--json', '--data-dir', dataDir]);
  expect(JSON.parse(elsewhere.out[0]!)).toMatchObject({
    account: { state: 'sign_in_needed', reason: expect.stringContaining('OS keychain') },
  });

  const server = cli(['serve', '--json', '--port', '0', '--data-dir', dataDir], env);
  const ready = await nextJson<{ mcpUrl: string }>(server, 0);
  const made = await cliRun(['token', 'create', '--name', 't', '--json', '--data-dir', dataDir]);
  const client = await mcpClient(ready.mcpUrl, (JSON.parse(made.out[0]!) as { token: string }).token);
  const result = await client.callTool({ name: 'list_projects', arguments: {} });
  expect(result.isError, textOf(result)).toBeFalsy();
  await client.close();
  expect(await filesContaining(dataDir, [sandbox.apiKey])).toEqual([]);

  expect((await cliRun(['logout', '--data-dir', dataDir], env)).code).toBe(0);
  const after = await cliRun(['status', '--json', '--data-dir', dataDir], env);
  expect(JSON.parse(after.out[0]!)).toMatchObject({ account: { state: 'signed_out' } });
});
