// The account and vault settings of config.ts: where each comes from, one line per mistake, and secrets
// that are never read from the config file nor echoed back.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, type LoadConfigOptions } from './config.js';
import { SCOPES } from './worksection/actions.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function dataDir(file?: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'wsmcp-config-account-'));
  dirs.push(dir);
  if (file !== undefined) writeFileSync(join(dir, 'config.json'), JSON.stringify(file));
  return dir;
}

function problems(opts: LoadConfigOptions): string[] {
  try {
    loadConfig(opts);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('account settings', () => {
  it('come from the file, WSMCP_* and flags, flags winning; secrets only from the environment or flags', () => {
    const dir = dataDir({ account: { clientId: 'from-file', scopes: ['tasks_read'] } });
    const env = {
      WSMCP_CLIENT_ID: 'from-env',
      WSMCP_CLIENT_SECRET: ' env-secret ',
      WSMCP_OAUTH_URL: 'http://127.0.0.1:9/',
      WSMCP_API_KEY: 'abcdef0123456789abcdef',
      WSMCP_PASSPHRASE: 'long enough passphrase',
      WSMCP_SCOPES: 'tasks_read, users_read',
    };
    const config = loadConfig({
      flags: {
        dataDir: dir,
        clientId: 'from-flag',
        accountUrl: 'https://acme.worksection.com/',
        redirectUri: 'https://localhost:9443/cb',
        meEmail: 'me@acme.example',
      },
      env,
    });
    expect(config.account).toEqual({
      url: 'https://acme.worksection.com',
      authMode: 'oauth',
      meEmail: 'me@acme.example',
      oauthUrl: 'http://127.0.0.1:9/',
      clientId: 'from-flag',
      clientSecret: 'env-secret',
      redirectUri: 'https://localhost:9443/cb',
      scopes: ['tasks_read', 'users_read'],
      apiKey: 'abcdef0123456789abcdef',
    });
    expect(config.vault).toEqual({ passphrase: 'long enough passphrase' });
  });

  it('names each mistake once, and never echoes a secret', () => {
    const dir = dataDir({
      account: { redirectUri: 'https://example.com/cb', scopes: ['tasks_read', 'all'] },
    });
    const found = problems({
      flags: { dataDir: dir, oauthUrl: 'ftp://x', accountUrl: 'https://acme.worksection.com/x' },
      env: {
        WSMCP_CLIENT_SECRET: '   ',
        WSMCP_API_KEY: 'has a space 1234567890',
        WSMCP_PASSPHRASE: 'short',
      },
    });
    const file = join(dir, 'config.json');
    expect(found.sort()).toEqual(
      [
        `"account.redirectUri" in ${file} must point at this computer: localhost, 127.0.0.1 or [::1], got "https://example.com/cb"`,
        `"account.scopes" in ${file} must be Worksection scopes: ${SCOPES.join(', ')}, got ["tasks_read","all"]`,
        '--oauth-url must start with https://, got "ftp://x"',
        '--account-url must be just the account address (no path), like https://yourcompany.worksection.com, got "https://acme.worksection.com/x"',
        'WSMCP_CLIENT_SECRET must not be empty',
        'WSMCP_API_KEY must not contain spaces or line breaks',
        'WSMCP_PASSPHRASE must be at least 8 characters long',
      ].sort(),
    );
  });

  it('refuses secrets in the config file, saying where they belong instead', () => {
    const dir = dataDir({
      account: { clientSecret: 'file-secret', apiKey: 'abcdef0123456789abcdef', clientId: 'id' },
      vault: { passphrase: 'a file passphrase' },
    });
    const found = problems({ flags: { dataDir: dir }, env: {} });
    const file = join(dir, 'config.json');
    expect(found).toEqual([
      `${file}: "account.clientSecret" is a secret and is never read from this file; remove it and pass it to \`wsmcp login\` with --client-secret or WSMCP_CLIENT_SECRET`,
      `${file}: "account.apiKey" is a secret and is never read from this file; remove it and pipe it to \`wsmcp login --api-key\` or set WSMCP_API_KEY`,
      `${file}: "vault.passphrase" is a secret and is never read from this file; remove it and set WSMCP_PASSPHRASE`,
    ]);
    expect(found.join('\n')).not.toMatch(/file-secret|abcdef0123456789abcdef|a file passphrase/);
  });
});
