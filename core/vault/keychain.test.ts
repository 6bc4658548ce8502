// The keychain backend against a real secret service (gnome-keyring in a private D-Bus session), through
// the real keytar addon. keychain-locked.test.ts covers a locked keyring in its own process.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseSecretBackend } from './backend-choice.js';
import { keychainAccount, loadKeytar, openKeychain } from './keychain.js';
import {
  keyringUnavailable,
  skipWithoutKeyring,
  startKeyringSession,
  type KeyringSession,
} from './testing/keyring.js';
import { Vault, VAULT_FILE } from './vault.js';

const unavailable = keyringUnavailable() !== undefined;
let session: KeyringSession | undefined;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wsmcp-keychain-'));
  if (unavailable) return;
  session = await startKeyringSession({ unlock: true });
  process.env.DBUS_SESSION_BUS_ADDRESS = session.address;
});
afterAll(async () => {
  await session?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the OS keychain through keytar', () => {
  it('passes the write-then-read probe and round-trips the vault key', async (ctx) => {
    skipWithoutKeyring(ctx);
    const account = keychainAccount(dir);
    const probe = await openKeychain({ account });
    if (!probe.ok) throw new Error(probe.reason);
    const key = Buffer.alloc(32, 7);
    await probe.backend.set(key);
    expect((await probe.backend.get())?.equals(key)).toBe(true);
    // Stored where another process (the next start) finds it: ask keytar directly.
    const keytar = await loadKeytar();
    expect(await keytar.getPassword('Worksection MCP', account)).toBe(key.toString('base64'));
    expect(await keytar.getPassword('Worksection MCP', `${account} probe`)).toBeNull();
    await probe.backend.delete();
    expect(await probe.backend.get()).toBeNull();
  });

  it('is what the chooser picks, and a vault locked with it opens after a "restart"', async (ctx) => {
    skipWithoutKeyring(ctx);
    const keychain = { account: keychainAccount(dir) };
    const first = await chooseSecretBackend({ dir, keychain });
    expect(first.backend.name).toBe('keychain');
    expect(first.explanation).toBe('Secrets are encrypted (AES-256-GCM) with a key kept in the OS keychain.');
    const file = join(dir, VAULT_FILE);
    await new Vault(file, first.backend).update(() => ({ apiKey: 'keychain-plain-marker' }));
    expect((await readFile(file)).includes(Buffer.from('keychain-plain-marker'))).toBe(false);

    const again = await chooseSecretBackend({ dir, keychain, recorded: 'keychain' });
    expect(await new Vault(file, again.backend).read()).toEqual({ apiKey: 'keychain-plain-marker' });
    await new Vault(file, again.backend).erase();
    expect(await (await loadKeytar()).getPassword('Worksection MCP', keychain.account)).toBeNull();
  });
});
