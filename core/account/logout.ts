// Signing the data dir out: the saved sign-in (tokens, admin key, client secret) and the key that locked
// it are erased; nothing secret stays behind, not even a vault kept aside as unreadable. It works beside a
// running server, which answers "sign-in needed" from its next call. Worksection documents no revocation
// endpoint, so this is local: the grant itself ends when it expires or is withdrawn in Worksection.
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config.js';
import { NoSecretBackendError, VaultUnreadableError } from '../vault/errors.js';
import { PASSPHRASE_KEY_FILE } from '../vault/passphrase.js';
import { VAULT_FILE } from '../vault/vault.js';
import { hasVault, openAccountVault, secretsDir } from './vault.js';

export interface SignOutResult {
  /** Whether anything was there to erase. */
  erased: boolean;
  /** The account it was signed in to, when the vault could be read. */
  account?: string;
  /** Said when the vault could not be unlocked here and its file went unread. */
  note?: string;
}

export async function signOut(config: Pick<Config, 'dataDir' | 'demo' | 'vault'>): Promise<SignOutResult> {
  const dir = secretsDir(config);
  const asideFiles = (await readdir(dir).catch(() => [] as string[])).filter((name) =>
    name.startsWith(`${VAULT_FILE}.unreadable-`),
  );
  const signedIn = hasVault(config);
  let account: string | undefined;
  let note: string | undefined;
  if (signedIn) {
    try {
      const { vault } = await openAccountVault(config);
      account = await vault.read().then(
        (r) => r.account?.url ?? r.oauth?.accountUrl,
        () => undefined,
      );
      await vault.erase();
    } catch (err) {
      if (!(err instanceof VaultUnreadableError || err instanceof NoSecretBackendError)) throw err;
      // Its key holder cannot be reached here: the encrypted file goes anyway, and a passphrase-sealed key.
      await rm(join(dir, VAULT_FILE), { force: true });
      await rm(join(dir, PASSPHRASE_KEY_FILE), { force: true });
      note = 'the vault could not be unlocked here, so its file was removed without reading it';
    }
  }
  for (const name of asideFiles) await rm(join(dir, name), { force: true });
  return { erased: signedIn || asideFiles.length > 0, account, note };
}
