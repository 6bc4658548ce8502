// Demo mode's account: the built-in sandbox started in-process and signed in to through the same OAuth
// flow as a real account (or its admin key), its throwaway vault in memory and a temporary folder only.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccountState } from '../auth/account-state.js';
import { adminStatus } from '../auth/api-key.js';
import { createCertificate } from '../auth/certificate.js';
import { demoSignIn } from '../auth/demo-sign-in.js';
import { OAuthSession } from '../auth/session.js';
import type { Config } from '../config.js';
import { startSandbox } from '../sandbox/server.js';
import { chooseSecretBackend } from '../vault/backend-choice.js';
import { Vault, VAULT_FILE } from '../vault/vault.js';
import { createWorksectionClient, type WorksectionClient } from '../worksection/client.js';
import type { ConnectedAccount } from './connect.js';
import type { SignInKit } from './serving-sign-in.js';

// The sandbox accepts any https loopback redirect URI: port 0 takes a free one.
const DEMO_REDIRECT_URI = 'https://127.0.0.1:0/callback';

export async function connectDemo(config: Config): Promise<ConnectedAccount> {
  // Faithful to the real service: the sandbox enforces Worksection's 1 request/second, and the client's
  // scheduler keeps within it, so the demo behaves as a real account would.
  const sandbox = await startSandbox();
  const owner = sandbox.data.users.get(sandbox.data.ownerId);
  const account = new AccountState();
  let closeDemoVault = (): Promise<void> => Promise.resolve();
  const connected = (client: WorksectionClient, signIn?: SignInKit): ConnectedAccount => ({
    client,
    meEmail: owner?.email,
    sandbox,
    account,
    signIn,
    async close() {
      client.close();
      await closeDemoVault();
      await sandbox.close();
    },
  });
  try {
    if (config.account.authMode === 'admin') {
      const client = createWorksectionClient({
        accountUrl: sandbox.url,
        auth: { kind: 'admin', apiKey: sandbox.apiKey },
      });
      account.set(adminStatus({ accountUrl: sandbox.url, meEmail: owner?.email ?? '' }));
      return connected(client);
    }
    // The same sign-in as a real account, through the sandbox's consent form. The vault is this process's
    // own (another demo on the same data dir must not touch it) and goes when the demo stops.
    const dir = await mkdtemp(join(tmpdir(), 'wsmcp-demo-vault-'));
    const { backend } = await chooseSecretBackend({ dir, demo: true, keychain: false });
    const vault = new Vault(join(dir, VAULT_FILE), backend);
    closeDemoVault = async () => {
      await vault.erase();
      await rm(dir, { recursive: true, force: true });
    };
    const oauthClient = {
      oauthUrl: sandbox.url,
      clientId: sandbox.oauthClient.id,
      clientSecret: sandbox.oauthClient.secret,
    };
    const session = new OAuthSession({ client: oauthClient, vault, state: account });
    await demoSignIn({ sandbox, session });
    // The sandbox's owner is who the demo signs in as (the consent page signs in nobody else).
    if (owner) {
      session.setUser({
        id: String(owner.id),
        name: `${owner.firstName} ${owner.lastName}`,
        email: owner.email,
      });
    }
    const client = createWorksectionClient({
      accountUrl: sandbox.url,
      auth: { kind: 'oauth', tokens: session },
    });
    const oauth = {
      session,
      client: oauthClient,
      redirectUri: DEMO_REDIRECT_URI,
      tls: () => createCertificate(),
    };
    return connected(client, { vault, oauth });
  } catch (err) {
    await closeDemoVault();
    await sandbox.close();
    throw err;
  }
}
