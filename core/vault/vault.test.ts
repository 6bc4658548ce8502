import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VaultUnreadableError } from './errors.js';
import { memoryBackend, type SecretBackend } from './secret-store.js';
import { readVaultHeader, Vault, VAULT_FILE } from './vault.js';

const ACCESS = 'eyJhbGciOiJSUzI1NiJ9.access-token-plain-marker';
const REFRESH = 'def50200refresh-token-plain-marker';

let root: string;
let dir: string;
let file: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'wsmcp-vault-'));
  dir = join(root, 'secrets');
  file = join(dir, VAULT_FILE);
});
afterEach(() => rm(root, { recursive: true, force: true }));

const tokens = {
  accessToken: ACCESS,
  refreshToken: REFRESH,
  expiresAt: 2,
  obtainedAt: 1,
  scopes: ['tasks_read'],
};

async function filled(backend: SecretBackend = memoryBackend()): Promise<Vault> {
  const vault = new Vault(file, backend);
  await vault.update((r) => ({ ...r, oauth: tokens, apiKey: 'api-key-plain-marker' }));
  return vault;
}

async function unreadable(p: Promise<unknown>): Promise<VaultUnreadableError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(VaultUnreadableError);
  return err as VaultUnreadableError;
}

describe('Vault', () => {
  it('reads back what it stored, from a fresh instance with the same key holder', async () => {
    const backend = memoryBackend();
    await filled(backend);
    const again = new Vault(file, backend);
    expect(await again.read()).toEqual({ oauth: tokens, apiKey: 'api-key-plain-marker' });
    expect(await readVaultHeader(file)).toEqual({ backend: 'memory' });
  });

  it('is an empty record before anything was stored, and creates no file for reading', async () => {
    expect(await new Vault(file, memoryBackend()).read()).toEqual({});
    await expect(stat(file)).rejects.toThrow();
  });

  it('keeps no secret in plain text and leaves no temporary files behind', async () => {
    await filled();
    const bytes = await readFile(file);
    for (const secret of [ACCESS, REFRESH, 'api-key-plain-marker', 'tasks_read']) {
      expect(bytes.includes(Buffer.from(secret))).toBe(false);
    }
    expect(await readdir(dir)).toEqual([VAULT_FILE]);
  });

  it.skipIf(process.platform === 'win32')(
    'creates the file 0600 in a 0700 directory, tightening one that exists',
    async () => {
      await mkdir(dir, { mode: 0o755 });
      await chmod(dir, 0o755);
      await filled();
      expect((await stat(dir)).mode & 0o777).toBe(0o700);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
    },
  );

  it('detects one flipped byte anywhere in the file, and never rewrites the file for it', async () => {
    const backend = memoryBackend();
    await filled(backend);
    const original = await readFile(file);
    // Header, backend name, iv, tag, first and last ciphertext byte.
    for (const at of [0, 4, 6, 12, 25, 40, original.length - 1]) {
      const flipped = Buffer.from(original);
      flipped[at] = (flipped[at] ?? 0) ^ 0x01;
      await writeFile(file, flipped);
      const err = await unreadable(new Vault(file, backend).read());
      expect(['tampered', 'corrupt', 'key_unavailable']).toContain(err.reason);
      expect(err.message).not.toContain('\n');
      expect(err.message).toMatch(/sign in again/);
      expect((await readFile(file)).equals(flipped)).toBe(true);
    }
  });

  it("refuses to update an unreadable vault without the user's word, and keeps it aside with it", async () => {
    const backend = memoryBackend();
    await filled(backend);
    const bytes = await readFile(file);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    await writeFile(file, bytes);
    const vault = new Vault(file, backend);
    await unreadable(vault.update((r) => ({ ...r, apiKey: 'new' })));
    expect((await readFile(file)).equals(bytes)).toBe(true);

    await vault.update(() => ({ apiKey: 'new' }), { overwriteUnreadable: true });
    expect(await new Vault(file, backend).read()).toEqual({ apiKey: 'new' });
    const aside = (await readdir(dir)).filter((f) => f.startsWith(`${VAULT_FILE}.unreadable-`));
    expect(aside).toHaveLength(1);
    expect((await readFile(join(dir, aside[0] ?? ''))).equals(bytes)).toBe(true);
  });

  it('says the key is missing when the key holder lost it', async () => {
    await filled(memoryBackend());
    // A new memory backend: as after a restart in demo mode.
    const err = await unreadable(new Vault(file, memoryBackend()).read());
    expect(err.reason).toBe('key_missing');
  });

  it('names the key holder a vault was locked with when another one tries to open it', async () => {
    const safeStorage: SecretBackend = {
      ...memoryBackend(),
      name: 'safe-storage',
      description: 'Electron safeStorage',
    };
    await filled(safeStorage);
    const err = await unreadable(new Vault(file, memoryBackend()).read());
    expect(err.reason).toBe('key_unavailable');
    expect(err.message).toContain('"safe-storage"');
  });

  it('serialises concurrent updates: none is lost', async () => {
    const vault = new Vault(file, memoryBackend());
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => vault.update((r) => ({ ...r, [`k${i}`]: String(i) }))),
    );
    expect(Object.keys(await vault.read())).toHaveLength(20);
  });

  it('sees a change another process wrote', async () => {
    const backend = memoryBackend();
    const a = await filled(backend);
    const b = new Vault(file, backend);
    await b.update((r) => ({ ...r, apiKey: 'rotated' }));
    expect((await a.read()).apiKey).toBe('rotated');
  });

  it('follows another process that erased the vault and locked a new one with a new key', async () => {
    const backend = memoryBackend();
    const server = await filled(backend);
    expect((await server.read()).apiKey).toBe('api-key-plain-marker');
    const cli = new Vault(file, backend);
    await cli.erase();
    expect(await server.read()).toEqual({});
    await cli.update(() => ({ apiKey: 'after a new sign-in' }));
    expect((await server.read()).apiKey).toBe('after a new sign-in');
    // And the other way round: a write by the process that kept an old key is readable by the other.
    await cli.erase();
    await cli.update(() => ({ apiKey: 'second' }));
    await server.update((r) => ({ ...r, clientSecret: 'x' }));
    expect(await cli.read()).toEqual({ apiKey: 'second', clientSecret: 'x' });
  });

  it('erases the file and the key on request', async () => {
    const backend = memoryBackend();
    const vault = await filled(backend);
    await vault.erase();
    expect(await backend.get()).toBeNull();
    expect(await readdir(dir)).toEqual([]);
    expect(await vault.read()).toEqual({});
  });
});
