// The host's secret backend: Electron safeStorage (faked by real AES, with its async API's shape) behind
// core's own backend choice, which must still try the OS keychain (keytar) first.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chooseSecretBackend } from '../core/vault/backend-choice.js';
import { hostSecretBackend, SEALED_KEY_FILE, type SafeStorageLike } from './secret-backend.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'wsmcp-host-secret-'));
  dirs.push(d);
  return d;
};

function fakeSafeStorage(opts: { backend?: string; available?: boolean } = {}): SafeStorageLike & {
  rotate(): void;
} {
  let key = randomBytes(32);
  let old: Buffer | undefined;
  const seal = (k: Buffer, text: string) => {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', k, iv);
    const body = Buffer.concat([c.update(text, 'utf8'), c.final()]);
    return Buffer.concat([iv, c.getAuthTag(), body]);
  };
  const open = (k: Buffer, sealed: Buffer) => {
    const d = createDecipheriv('aes-256-gcm', k, sealed.subarray(0, 12));
    d.setAuthTag(sealed.subarray(12, 28));
    return Buffer.concat([d.update(sealed.subarray(28)), d.final()]).toString('utf8');
  };
  return {
    isAsyncEncryptionAvailable: () => Promise.resolve(opts.available ?? true),
    encryptStringAsync: (plain) => Promise.resolve(seal(key, plain)),
    decryptStringAsync(sealed) {
      try {
        return Promise.resolve({ result: open(key, sealed), shouldReEncrypt: false });
      } catch (err) {
        if (!old) return Promise.reject(err as Error);
        return Promise.resolve({ result: open(old, sealed), shouldReEncrypt: true });
      }
    },
    getSelectedStorageBackend: () => opts.backend ?? 'gnome_libsecret',
    rotate() {
      old = key;
      key = randomBytes(32);
    },
  };
}

const noKeytar = () => Promise.reject(Object.assign(new Error('nope'), { code: 'ERR_MODULE_NOT_FOUND' }));

describe('host secret backend', () => {
  it('seals the vault key with safeStorage in a file and opens it again; the key never sits in clear', async () => {
    const dir = tempDir();
    const safeStorage = fakeSafeStorage();
    const { backend, warning } = await hostSecretBackend({ safeStorage, platform: 'darwin', dir });
    expect(warning).toBeUndefined();
    expect(backend?.name).toBe('safe-storage');
    expect(backend?.description).toMatch(/macOS Keychain/);
    const key = randomBytes(32);
    await backend!.set(key);
    const onDisk = readFileSync(join(dir, SEALED_KEY_FILE));
    expect(onDisk.includes(key)).toBe(false);
    expect(onDisk.includes(Buffer.from(key.toString('base64')))).toBe(false);
    expect(await backend!.get()).toEqual(key);
  });

  it('re-seals the key when safeStorage rotated its own', async () => {
    const dir = tempDir();
    const safeStorage = fakeSafeStorage();
    const { backend } = await hostSecretBackend({ safeStorage, platform: 'win32', dir });
    const key = randomBytes(32);
    await backend!.set(key);
    const before = readFileSync(join(dir, SEALED_KEY_FILE));
    safeStorage.rotate();
    expect(await backend!.get()).toEqual(key);
    expect(readFileSync(join(dir, SEALED_KEY_FILE)).equals(before)).toBe(false);
  });

  it('Linux with only basic_text: no backend, and a warning that says what to do', async () => {
    const choice = await hostSecretBackend({
      safeStorage: fakeSafeStorage({ backend: 'basic_text' }),
      platform: 'linux',
      dir: tempDir(),
    });
    expect(choice.backend).toBeUndefined();
    expect(choice.warning).toMatch(/No desktop keyring was found .* Install and unlock one/);
  });

  it('no async encryption: no backend, with a warning', async () => {
    const choice = await hostSecretBackend({
      safeStorage: fakeSafeStorage({ available: false }),
      platform: 'win32',
      dir: tempDir(),
    });
    expect(choice).toEqual({ warning: expect.stringMatching(/safeStorage is unavailable/) as unknown });
  });

  it('core tries keytar first and takes safeStorage only when the keychain is unusable', async () => {
    const dir = tempDir();
    const { backend: injected } = await hostSecretBackend({
      safeStorage: fakeSafeStorage(),
      platform: 'linux',
      dir,
    });
    const store = new Map<string, string>();
    const keytar = {
      getPassword: (_s: string, a: string) => Promise.resolve(store.get(a) ?? null),
      setPassword: (_s: string, a: string, p: string) => Promise.resolve(void store.set(a, p)),
      deletePassword: (_s: string, a: string) => Promise.resolve(store.delete(a)),
    };
    const withKeychain = await chooseSecretBackend({
      dir,
      injected,
      keychain: { account: 'test', load: () => Promise.resolve(keytar) },
    });
    expect(withKeychain.backend.name).toBe('keychain');

    const without = await chooseSecretBackend({
      dir,
      injected,
      keychain: { account: 'test', load: noKeytar },
    });
    expect(without.backend.name).toBe('safe-storage');
    expect(without.explanation).toMatch(/keytar is not installed/);
  });
});
