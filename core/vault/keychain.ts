// The OS keychain through keytar (macOS Keychain, Windows Credential Manager, libsecret on Linux).
// keytar is an optional native dependency: it may be missing, fail to load, or load and find no usable
// secret service. A locked Linux keyring answers reads with null and no error, so the keychain only counts
// as usable after a write-then-read probe returns what was written.
import { createHash, randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import type { SecretBackend } from './secret-store.js';

/** The part of keytar's API the product uses. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

const KEYCHAIN_SERVICE = 'Worksection MCP';

export interface KeychainOptions {
  /** One entry per data directory: see keychainAccount(). */
  account: string;
  service?: string;
  /** Tests inject a fake; the default imports keytar. */
  load?: () => Promise<KeytarLike>;
  /** A keychain that shows an unlock prompt may take a while; past this it counts as unusable. */
  probeTimeoutMs?: number;
}

export type KeychainProbe = { ok: true; backend: SecretBackend } | { ok: false; reason: string };

/** The keychain entry of the vault in `dataDir`: two data directories never share a key. */
export function keychainAccount(dataDir: string): string {
  const id = createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 16);
  return `vault-key ${id}`;
}

export async function loadKeytar(): Promise<KeytarLike> {
  // A variable specifier keeps TypeScript from requiring the optional package at build time.
  const specifier = 'keytar';
  const mod = (await import(specifier)) as KeytarLike & { default?: KeytarLike };
  const api = mod.default ?? mod;
  if (typeof api.getPassword !== 'function') throw new Error('keytar has an unexpected shape');
  return api;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not answer within ${Math.round(ms / 1000)} s`)),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return (text.split('\n')[0] ?? '').trim().slice(0, 200) || 'unknown error';
}

/** Loads keytar and proves the keychain stores and returns a value; otherwise says why not. */
export async function openKeychain(opts: KeychainOptions): Promise<KeychainProbe> {
  const service = opts.service ?? KEYCHAIN_SERVICE;
  let keytar: KeytarLike;
  try {
    keytar = await (opts.load ?? loadKeytar)();
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND';
    return {
      ok: false,
      reason: missing ? 'keytar is not installed' : `keytar failed to load: ${firstLine(err)}`,
    };
  }
  const probeAccount = `${opts.account} probe`;
  const value = randomBytes(16).toString('hex');
  try {
    const probe = async () => {
      await keytar.setPassword(service, probeAccount, value);
      const read = await keytar.getPassword(service, probeAccount);
      await keytar.deletePassword(service, probeAccount);
      return read;
    };
    const read = await withTimeout(probe(), opts.probeTimeoutMs ?? 60_000, 'the keychain');
    if (read !== value)
      return { ok: false, reason: 'the keychain is locked (a value written could not be read back)' };
  } catch (err) {
    return { ok: false, reason: `the keychain refused: ${firstLine(err)}` };
  }
  return { ok: true, backend: keychainBackend(keytar, service, opts.account) };
}

function keychainBackend(keytar: KeytarLike, service: string, account: string): SecretBackend {
  return {
    name: 'keychain',
    description: 'the OS keychain',
    async get() {
      const stored = await keytar.getPassword(service, account);
      return stored === null ? null : Buffer.from(stored, 'base64');
    },
    async set(key) {
      await keytar.setPassword(service, account, key.toString('base64'));
    },
    async delete() {
      await keytar.deletePassword(service, account);
    },
  };
}
