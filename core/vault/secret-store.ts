// Where the vault's key lives. The vault itself is always AES-256-GCM with a random 256-bit key; a
// SecretBackend only holds that key: the OS keychain (keytar), a host-provided encrypt/decrypt service
// (Electron safeStorage) or a passphrase wrapping it in a file, or memory for the throwaway demo. The
// chooser picks one, says which and why, and refuses rather than keep secrets readable.
import { VaultUnreadableError, type VaultUnreadableReason } from './errors.js';
import { readIfExists, writePrivateFile } from './private-files.js';
import { rm } from 'node:fs/promises';

export interface SecretBackend {
  /** Recorded in the vault header, so a later start knows what the vault was locked with: [a-z0-9-]. */
  readonly name: string;
  /** Where the key lives, for status lines: "the OS keychain". */
  readonly description: string;
  /** The vault key, or null when none was stored. Throws VaultUnreadableError when it cannot be unwrapped. */
  get(): Promise<Buffer | null>;
  set(key: Buffer): Promise<void>;
  delete(): Promise<void>;
}

export const BACKEND_NAME = /^[a-z][a-z0-9-]{0,31}$/;

/** The demo's key: gone when the process ends, which is the point. */
export function memoryBackend(): SecretBackend {
  let key: Buffer | null = null;
  return {
    name: 'memory',
    description: 'memory only (gone when the app stops)',
    get: () => Promise.resolve(key && Buffer.from(key)),
    set(value) {
      key = Buffer.from(value);
      return Promise.resolve();
    },
    delete() {
      key?.fill(0);
      key = null;
      return Promise.resolve();
    },
  };
}

/** Encrypt/decrypt only, like Electron safeStorage: the sealed key is kept in a file by wrappedKeyBackend. */
export interface SecretCipher {
  encrypt(plain: Buffer): Promise<Buffer>;
  /** Throws when `sealed` cannot be opened; `rewrap` asks for a fresh seal (safeStorage key rotation). */
  decrypt(sealed: Buffer): Promise<{ plain: Buffer; rewrap?: boolean }>;
}

export interface WrappedKeyOptions {
  name: string;
  description: string;
  /** The sealed key's file (0600, written atomically). */
  file: string;
  cipher: SecretCipher;
  /** How a failed unseal is reported: a wrong passphrase, or a key the OS no longer has. */
  unsealFailure?: VaultUnreadableReason;
}

/** A key sealed by a cipher and kept in a file: the passphrase backend and the host's injected one. */
export function wrappedKeyBackend(opts: WrappedKeyOptions): SecretBackend {
  if (!BACKEND_NAME.test(opts.name)) throw new RangeError(`invalid secret backend name "${opts.name}"`);
  return {
    name: opts.name,
    description: opts.description,
    async get() {
      const sealed = await readIfExists(opts.file);
      if (!sealed) return null;
      let opened: { plain: Buffer; rewrap?: boolean };
      try {
        opened = await opts.cipher.decrypt(sealed);
      } catch (err) {
        throw new VaultUnreadableError(
          opts.unsealFailure ?? 'key_missing',
          { file: opts.file, detail: `${opts.description} cannot open the vault key` },
          { cause: err },
        );
      }
      if (opened.rewrap) await writePrivateFile(opts.file, await opts.cipher.encrypt(opened.plain));
      return opened.plain;
    },
    async set(key) {
      await writePrivateFile(opts.file, await opts.cipher.encrypt(key));
    },
    async delete() {
      await rm(opts.file, { force: true });
    },
  };
}
