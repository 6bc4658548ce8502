import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chooseSecretBackend } from './backend-choice.js';
import { NoSecretBackendError, VaultUnreadableError } from './errors.js';
import type { KeytarLike } from './keychain.js';
import { PASSPHRASE_KEY_FILE, passphraseBackend, type ScryptParams } from './passphrase.js';
import { wrappedKeyBackend, type SecretBackend, type SecretCipher } from './secret-store.js';
import { Vault, VAULT_FILE } from './vault.js';

// Cheap parameters keep the tests fast; the defaults are exercised once below.
const FAST: ScryptParams = { logN: 10, r: 8, p: 1 };
const PASS = 'correct horse battery staple';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wsmcp-backend-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** Stands in for Electron safeStorage: encrypt/decrypt only, with a key the "OS" holds. */
function fakeSafeStorage(osKey = randomBytes(32)): SecretCipher & { calls: string[]; rotate(): void } {
  let generation = 1;
  const calls: string[] = [];
  return {
    calls,
    rotate: () => void generation++,
    encrypt(plain) {
      calls.push('encrypt');
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', osKey, iv);
      const body = Buffer.concat([c.update(plain), c.final()]);
      return Promise.resolve(Buffer.concat([Buffer.from([generation]), iv, c.getAuthTag(), body]));
    },
    decrypt(sealed) {
      calls.push('decrypt');
      const d = createDecipheriv('aes-256-gcm', osKey, sealed.subarray(1, 13));
      d.setAuthTag(sealed.subarray(13, 29));
      const plain = Buffer.concat([d.update(sealed.subarray(29)), d.final()]);
      return Promise.resolve({ plain, rewrap: sealed[0] !== generation });
    },
  };
}

function injected(cipher: SecretCipher): SecretBackend {
  return wrappedKeyBackend({
    name: 'safe-storage',
    description: 'Electron safeStorage',
    file: join(dir, 'vault-key.safe-storage'),
    cipher,
  });
}

const noKeychain = {
  account: 'test',
  load: () => Promise.reject(new Error('libsecret-1.so.0: cannot open')),
};

function fakeKeytar(mode: 'works' | 'locked'): KeytarLike & { store: Map<string, string> } {
  const store = new Map<string, string>();
  return {
    store,
    getPassword: (s, a) => Promise.resolve(mode === 'locked' ? null : (store.get(`${s}/${a}`) ?? null)),
    setPassword: (s, a, p) => Promise.resolve(void store.set(`${s}/${a}`, p)),
    deletePassword: (s, a) => Promise.resolve(store.delete(`${s}/${a}`)),
  };
}

async function failure(p: Promise<unknown>): Promise<Error> {
  return p.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e as Error,
  );
}

describe('the passphrase backend', () => {
  it('seals a vault key that only the same passphrase opens, never storing either in the clear', async () => {
    const vault = new Vault(join(dir, VAULT_FILE), passphraseBackend(PASS, dir, FAST));
    await vault.update(() => ({ apiKey: 'k-plain' }));
    const reopened = new Vault(join(dir, VAULT_FILE), passphraseBackend(PASS, dir, FAST));
    expect(await reopened.read()).toEqual({ apiKey: 'k-plain' });

    const key = await passphraseBackend(PASS, dir, FAST).get();
    const sealed = await readFile(join(dir, PASSPHRASE_KEY_FILE));
    expect(key).toHaveLength(32);
    expect(sealed.includes(key ?? Buffer.alloc(0))).toBe(false);
    expect(sealed.includes(Buffer.from(PASS))).toBe(false);
  });

  it('reports a wrong passphrase as such, in one line, without touching the vault', async () => {
    await new Vault(join(dir, VAULT_FILE), passphraseBackend(PASS, dir, FAST)).update(() => ({
      apiKey: 'k',
    }));
    const before = await readFile(join(dir, VAULT_FILE));
    const err = await failure(
      new Vault(join(dir, VAULT_FILE), passphraseBackend('wrong passphrase', dir, FAST)).read(),
    );
    expect(err).toBeInstanceOf(VaultUnreadableError);
    expect((err as VaultUnreadableError).reason).toBe('wrong_passphrase');
    expect(err.message).toMatch(
      /^The passphrase \(WSMCP_PASSPHRASE\) does not unlock the secrets vault; [^\n]+\.$/,
    );
    expect((await readFile(join(dir, VAULT_FILE))).equals(before)).toBe(true);
  });

  it('refuses a short passphrase with a message that says how long it must be', () => {
    expect(() => passphraseBackend('short', dir, FAST)).toThrow('at least 8 characters');
  });

  it('bounds the cost parameters read from the file', async () => {
    const backend = passphraseBackend(PASS, dir, FAST);
    await backend.set(randomBytes(32));
    const sealed = await readFile(join(dir, PASSPHRASE_KEY_FILE));
    sealed[5] = 40; // logN = 40 would ask for terabytes
    await writeFile(join(dir, PASSPHRASE_KEY_FILE), sealed);
    await expect(backend.get()).rejects.toBeInstanceOf(VaultUnreadableError);
  });

  it('works with the default (OWASP) scrypt cost', async () => {
    const backend = passphraseBackend(PASS, dir);
    const key = randomBytes(32);
    await backend.set(key);
    expect((await backend.get())?.equals(key)).toBe(true);
  });
});

describe('an injected backend (as Electron safeStorage will be)', () => {
  it('keeps only the sealed key on disk and reseals it when the OS asks', async () => {
    const cipher = fakeSafeStorage();
    const vault = new Vault(join(dir, VAULT_FILE), injected(cipher));
    await vault.update(() => ({ clientSecret: 'client-secret-plain' }));
    const key = await injected(cipher).get();
    const sealedBefore = await readFile(join(dir, 'vault-key.safe-storage'));
    expect(sealedBefore.includes(key ?? Buffer.alloc(0))).toBe(false);

    cipher.rotate();
    expect(await new Vault(join(dir, VAULT_FILE), injected(cipher)).read()).toEqual({
      clientSecret: 'client-secret-plain',
    });
    const sealedAfter = await readFile(join(dir, 'vault-key.safe-storage'));
    expect(sealedAfter[0]).toBe(2);
  });

  it('says the key is gone when the OS can no longer open it', async () => {
    await new Vault(join(dir, VAULT_FILE), injected(fakeSafeStorage())).update(() => ({ apiKey: 'k' }));
    const err = await failure(new Vault(join(dir, VAULT_FILE), injected(fakeSafeStorage())).read());
    expect((err as VaultUnreadableError).reason).toBe('key_missing');
  });
});

describe('chooseSecretBackend', () => {
  it('keeps the demo key in memory only', async () => {
    const choice = await chooseSecretBackend({ dir, demo: true, keychain: noKeychain });
    expect(choice.backend.name).toBe('memory');
    expect(choice.explanation).toMatch(/^Demo mode: .*memory only/);
  });

  it('prefers a usable keychain, and proves it with a probe it cleans up', async () => {
    const keytar = fakeKeytar('works');
    const choice = await chooseSecretBackend({
      dir,
      keychain: { account: 'acct', load: () => Promise.resolve(keytar) },
      injected: injected(fakeSafeStorage()),
    });
    expect(choice.backend.name).toBe('keychain');
    expect(choice.explanation).toContain('the OS keychain');
    expect(keytar.store.size).toBe(0);
    await choice.backend.set(Buffer.from('k'));
    expect([...keytar.store.keys()]).toEqual(['Worksection MCP/acct']);
  });

  it('treats a keychain that reads back nothing (a locked keyring) as unusable and says so', async () => {
    const keytar = fakeKeytar('locked');
    const choice = await chooseSecretBackend({
      dir,
      keychain: { account: 'acct', load: () => Promise.resolve(keytar) },
      injected: injected(fakeSafeStorage()),
    });
    expect(choice.backend.name).toBe('safe-storage');
    expect(choice.explanation).toContain('the keychain is locked');
  });

  it('uses an explicit passphrase even where a keychain works', async () => {
    const choice = await chooseSecretBackend({
      dir,
      passphrase: PASS,
      scrypt: FAST,
      keychain: { account: 'acct', load: () => Promise.resolve(fakeKeytar('works')) },
    });
    expect(choice.backend.name).toBe('passphrase');
    expect(choice.explanation).toContain('WSMCP_PASSPHRASE');
  });

  it('refuses to keep secrets readable when nothing can hold the key', async () => {
    const err = await failure(chooseSecretBackend({ dir, keychain: noKeychain }));
    expect(err).toBeInstanceOf(NoSecretBackendError);
    expect(err.message).toBe(
      'Cannot keep secrets safe: no OS keychain is usable (keytar failed to load: libsecret-1.so.0: cannot open). ' +
        'Set WSMCP_PASSPHRASE to encrypt them with a passphrase instead.',
    );
    expect(await readdir(dir)).toEqual([]);
  });

  it('reopens an existing vault only with what locked it, and explains what is missing', async () => {
    const locked = await failure(chooseSecretBackend({ dir, keychain: noKeychain, recorded: 'passphrase' }));
    expect(locked).toBeInstanceOf(VaultUnreadableError);
    expect(locked.message).toContain('it is locked with a passphrase: set WSMCP_PASSPHRASE');

    const gone = await failure(
      chooseSecretBackend({ dir, keychain: noKeychain, passphrase: PASS, recorded: 'keychain' }),
    );
    expect(gone.message).toContain(
      'its key is in the OS keychain, which is not usable here: keytar failed to load',
    );

    const choice = await chooseSecretBackend({
      dir,
      keychain: noKeychain,
      passphrase: PASS,
      injected: injected(fakeSafeStorage()),
      recorded: 'safe-storage',
    });
    expect(choice.backend.name).toBe('safe-storage');
    expect(choice.explanation).toContain('WSMCP_PASSPHRASE is not used');
  });
});
