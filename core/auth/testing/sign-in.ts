// Shared set-up of the sign-in tests: a sandbox on a hand-driven clock, a data directory with a vault,
// the callback certificate, a session, and the steps of a browser that the test performs itself.
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { passphraseBackend } from '../../vault/passphrase.js';
import { Vault, VAULT_FILE } from '../../vault/vault.js';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../sandbox/server.js';
import { loadOrCreateCertificate, type TlsMaterial } from '../certificate.js';
import { hiddenFields } from '../demo-sign-in.js';
import { httpsGet, type HttpsAnswer } from '../https-get.js';
import { OAuthSession } from '../session.js';
import type { OAuthSettings } from '../settings.js';
import type { OpenUrl } from '../sign-in.js';

export const PASSPHRASE = 'test passphrase, long enough';
export const FAST_SCRYPT = { logN: 10, r: 8, p: 1 };

export interface Harness {
  clock: { t: number };
  sandbox: RunningSandbox;
  dataDir: string;
  secretsDir: string;
  vault: Vault;
  tls: TlsMaterial;
  session: OAuthSession;
  settings: OAuthSettings;
  close(): Promise<void>;
}

export async function harness(sandboxOptions: SandboxOptions = {}): Promise<Harness> {
  const clock = { t: Date.UTC(2026, 0, 5, 9) };
  const sandbox = await startSandbox({ rateLimit: 0, now: () => clock.t, ...sandboxOptions });
  const dataDir = await mkdtemp(join(tmpdir(), 'wsmcp-auth-'));
  const secretsDir = join(dataDir, 'secrets');
  const vault = new Vault(
    join(secretsDir, VAULT_FILE),
    passphraseBackend(PASSPHRASE, secretsDir, FAST_SCRYPT),
  );
  const tls = await loadOrCreateCertificate(secretsDir);
  const settings: OAuthSettings = {
    oauthUrl: sandbox.url,
    clientId: sandbox.oauthClient.id,
    clientSecret: sandbox.oauthClient.secret,
    redirectUri: 'https://localhost:0/callback',
    scopes: ['projects_read', 'tasks_read', 'users_read'],
  };
  const session = new OAuthSession({ client: settings, vault, now: () => clock.t });
  return {
    clock,
    sandbox,
    dataDir,
    secretsDir,
    vault,
    tls,
    session,
    settings,
    async close() {
      await sandbox.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** An openUrl that records the URL and lets the test act as the browser. */
export function browserSpy(): { openUrl: OpenUrl; calls: string[]; opened: Promise<string> } {
  const calls: string[] = [];
  let resolve!: (url: string) => void;
  const opened = new Promise<string>((r) => (resolve = r));
  return {
    calls,
    opened,
    openUrl(url) {
      calls.push(url);
      resolve(url);
    },
  };
}

/** The consent page, answered: the callback URL the sandbox redirects the browser to. */
export async function consentRedirect(authorizeUrl: string, approve = true): Promise<URL> {
  const page = await fetch(authorizeUrl);
  expect(page.status).toBe(200);
  const decision = await fetch(new URL('/oauth2/authorize', authorizeUrl), {
    method: 'POST',
    body: new URLSearchParams({ ...hiddenFields(await page.text()), approve: approve ? 'yes' : 'no' }),
    redirect: 'manual',
  });
  expect(decision.status).toBe(302);
  return new URL(decision.headers.get('location') ?? '');
}

/** The browser following the redirect to the callback, trusting its self-signed certificate. */
export function visit(url: URL | string, tls: Pick<TlsMaterial, 'cert'>): Promise<HttpsAnswer> {
  return httpsGet(url.toString(), tls.cert);
}

/** The callback port refuses connections: nothing listens once a sign-in is over. */
export async function expectClosed(port: number): Promise<void> {
  const outcome = await new Promise<string>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
  });
  expect(outcome).toBe('ECONNREFUSED');
}

export function portOf(url: string | URL): number {
  return Number(new URL(url).port);
}
