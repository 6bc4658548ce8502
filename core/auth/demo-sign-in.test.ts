// Demo mode signs in through the same flow as a real account, answering the sandbox's consent form
// itself, with its key in memory only.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { chooseSecretBackend } from '../vault/backend-choice.js';
import { VaultUnreadableError } from '../vault/errors.js';
import { memoryBackend } from '../vault/secret-store.js';
import { Vault, VAULT_FILE } from '../vault/vault.js';
import { WorksectionClient } from '../worksection/client.js';
import { startSandbox, type RunningSandbox } from '../sandbox/server.js';
import { demoSignIn, hiddenFields } from './demo-sign-in.js';
import { meIdentity } from './identity.js';
import { OAuthSession } from './session.js';

let sandbox: RunningSandbox | undefined;
let client: WorksectionClient | undefined;
let dir: string | undefined;
afterEach(async () => {
  client?.close();
  await sandbox?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('signs in to the sandbox through the real OAuth flow with a key that lives only in memory', async () => {
  sandbox = await startSandbox({ rateLimit: 0 });
  dir = await mkdtemp(join(tmpdir(), 'wsmcp-demo-'));
  const { backend, explanation } = await chooseSecretBackend({ dir, demo: true, keychain: false });
  expect(explanation).toContain('Demo mode');
  const vault = new Vault(join(dir, VAULT_FILE), backend);
  const client_ = {
    oauthUrl: sandbox.url,
    clientId: sandbox.oauthClient.id,
    clientSecret: sandbox.oauthClient.secret,
  };
  const session = new OAuthSession({ client: client_, vault });

  const tokens = await demoSignIn({ sandbox, session });
  expect(tokens.accountUrl).toBe(sandbox.url);
  expect(session.state.current).toMatchObject({ kind: 'signed_in', mode: 'oauth' });
  const paths = sandbox.requests().map((r) => r.path);
  expect(paths).toEqual(['/oauth2/authorize', '/oauth2/authorize', '/oauth2/token']);

  client = new WorksectionClient({
    accountUrl: sandbox.url,
    auth: { kind: 'oauth', tokens: session },
    scheduler: { ratePerSecond: 0 },
  });
  const me = await meIdentity(client);
  expect(me.id).toBe(String(sandbox.data.ownerId));

  // After a "restart" the throwaway key is gone, so the old demo vault cannot be opened.
  await expect(new Vault(join(dir, VAULT_FILE), memoryBackend()).read()).rejects.toBeInstanceOf(
    VaultUnreadableError,
  );
});

it('reads the consent form the way a browser posts it back', () => {
  const html =
    '<form><input type="hidden" name="state" value="a&#38;b&#34;c"><input type="text" name="q" value="x">' +
    '<INPUT TYPE="hidden" NAME="scope" VALUE="tasks_read,users_read"></form>';
  expect(hiddenFields(html)).toEqual({ state: 'a&b"c', scope: 'tasks_read,users_read' });
});
