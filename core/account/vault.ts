// Where a data directory's sign-in lives and how every process opens it: the server, `wsmcp login`,
// `logout` and `status` pick the key holder the same way (the vault's header names it), so a vault locked
// by one is opened by the others, and any of them can run beside a running server.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Config } from '../config.js';
import { storeLocation } from '../data-dir/paths.js';
import { chooseSecretBackend } from '../vault/backend-choice.js';
import { VaultUnreadableError } from '../vault/errors.js';
import { keychainAccount, type KeychainOptions } from '../vault/keychain.js';
import type { SecretsRecord } from '../vault/record.js';
import type { SecretBackend } from '../vault/secret-store.js';
import { readVaultHeader, Vault, VAULT_FILE } from '../vault/vault.js';

export const SECRETS_DIR = 'secrets';

type Place = Pick<Config, 'dataDir' | 'demo'>;

/** `<data dir>/secrets` (demo: `<data dir>/demo/secrets`): the vault, its sealed key, the callback certificate. */
export const secretsDir = (config: Place): string => join(storeLocation(config).dir, SECRETS_DIR);
const vaultFile = (config: Place): string => join(secretsDir(config), VAULT_FILE);

/** Whether anyone ever signed in here (an unreadable vault counts: it still stands for a sign-in). */
export const hasVault = (config: Place): boolean => existsSync(vaultFile(config));

/** A Vault that tells listeners every record it reads, so settings kept beside the tokens stay current. */
export class AccountVault extends Vault {
  private readonly listeners = new Set<(record: SecretsRecord) => void>();

  onRecord(listener: (record: SecretsRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  override async read(): Promise<SecretsRecord> {
    const record = await super.read();
    for (const listener of this.listeners) listener(record);
    return record;
  }
}

export interface OpenVaultOptions {
  /** The host's key holder (Electron safeStorage). */
  injected?: SecretBackend;
  /** Tests: a fake keychain, or false to skip it. Default: keytar, one entry per data directory. */
  keychain?: KeychainOptions | false;
  /**
   * A new sign-in is the user's word to replace a vault that cannot be unlocked here: the key holder is
   * then chosen afresh and the old file is kept aside on the first write.
   */
  replaceUnreadable?: boolean;
}

export interface OpenedVault {
  vault: AccountVault;
  /** One sentence: where the key lives and why. */
  explanation: string;
  /** Set when an existing vault could not be unlocked and will be replaced: why. */
  replacing?: string;
}

/** Throws VaultUnreadableError (an existing vault this process cannot unlock) or NoSecretBackendError. */
export async function openAccountVault(
  config: Pick<Config, 'dataDir' | 'demo' | 'vault'>,
  opts: OpenVaultOptions = {},
): Promise<OpenedVault> {
  const dir = secretsDir(config);
  const file = join(dir, VAULT_FILE);
  const choice = {
    dir,
    demo: config.demo,
    passphrase: config.vault.passphrase,
    injected: opts.injected,
    keychain: opts.keychain ?? { account: keychainAccount(storeLocation(config).dir) },
  };
  const header = await readVaultHeader(file);
  try {
    const { backend, explanation } = await chooseSecretBackend({ ...choice, recorded: header?.backend });
    return { vault: new AccountVault(file, backend), explanation };
  } catch (err) {
    if (!(err instanceof VaultUnreadableError) || !opts.replaceUnreadable) throw err;
    const { backend, explanation } = await chooseSecretBackend(choice);
    return { vault: new AccountVault(file, backend), explanation, replacing: err.message };
  }
}
