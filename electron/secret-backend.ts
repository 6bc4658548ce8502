// The desktop's vault-key holder for core: core tries the OS keychain (keytar) first and takes this one
// only when keytar is unusable. It wraps Electron safeStorage through its async API (the sync one is
// deprecated and going) and keeps the sealed key in a file beside the vault. It is offered only when it
// protects the key: on Linux without a keyring safeStorage falls back to "basic_text", a hard-coded
// password, and then the user is told, visibly, rather than handed the illusion of protection.
import { join } from 'node:path';
import { wrappedKeyBackend, type SecretBackend, type SecretCipher } from './core-face.js';

/** The part of Electron's safeStorage used here (structural, so tests need no Electron). */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plain: string): Promise<Buffer>;
  decryptStringAsync(sealed: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
  getSelectedStorageBackend?(): string;
}

const SAFE_STORAGE_BACKEND = 'safe-storage';
export const SEALED_KEY_FILE = 'vault-key.safe-storage';

export interface HostSecretChoice {
  backend?: SecretBackend;
  /** Shown in the tray menu and as a notification when the key cannot be protected. */
  warning?: string;
}

function describe(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'the macOS Keychain (through Electron safeStorage)';
  if (platform === 'win32') return 'Windows DPAPI (through Electron safeStorage)';
  return 'the desktop keyring (through Electron safeStorage)';
}

function safeStorageCipher(safeStorage: SafeStorageLike): SecretCipher {
  return {
    // The key is random bytes; safeStorage seals strings, so it travels as base64.
    encrypt: async (plain) => safeStorage.encryptStringAsync(plain.toString('base64')),
    async decrypt(sealed) {
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(sealed);
      return { plain: Buffer.from(result, 'base64'), rewrap: shouldReEncrypt };
    },
  };
}

export async function hostSecretBackend(opts: {
  safeStorage: SafeStorageLike;
  platform: NodeJS.Platform;
  /** The vault's folder (core's data dir /secrets). */
  dir: string;
}): Promise<HostSecretChoice> {
  const { safeStorage, platform } = opts;
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
    return {
      warning:
        'No desktop keyring was found (GNOME Keyring or KWallet), so the sign-in cannot be kept safe. ' +
        'Install and unlock one, or start with WSMCP_PASSPHRASE set.',
    };
  }
  if (!(await safeStorage.isAsyncEncryptionAvailable())) {
    return {
      warning: 'The system offers no way to encrypt the sign-in (Electron safeStorage is unavailable).',
    };
  }
  const backend = wrappedKeyBackend({
    name: SAFE_STORAGE_BACKEND,
    description: describe(platform),
    file: join(opts.dir, SEALED_KEY_FILE),
    cipher: safeStorageCipher(safeStorage),
    unsealFailure: 'key_missing',
  });
  return { backend };
}
