// How the data dir is signed in to Worksection, as whom, the scopes and token expiry (secrets only as
// masked hints), or why a sign-in is needed. From the vault alone: no lock, no network, no write, so it
// answers offline and beside a running server (`wsmcp status`, the app's account panel).
import { describeRecord, type AccountReport } from '../auth/account-report.js';
import type { Config } from '../config.js';
import { NoSecretBackendError, VaultUnreadableError } from '../vault/errors.js';
import { hasVault, openAccountVault } from './vault.js';

export interface AccountSection {
  /** Demo mode: the serving process signs in to its own sandbox and keeps nothing on disk. */
  demo?: true;
  report: AccountReport;
  /** Where the vault's key lives, when the vault could be opened. */
  vault?: string;
}

/** The sign-in of the data dir as the user should see it. */
export async function accountSection(config: Config): Promise<AccountSection> {
  if (config.demo) return { demo: true, report: { state: 'signed_out' } };
  if (!hasVault(config)) return { report: { state: 'signed_out' } };
  let vault: string | undefined;
  try {
    const opened = await openAccountVault(config);
    vault = opened.explanation;
    return { report: describeRecord(await opened.vault.read(), Date.now()), vault };
  } catch (err) {
    if (!(err instanceof VaultUnreadableError || err instanceof NoSecretBackendError)) throw err;
    return { report: { state: 'sign_in_needed', reason: (err as Error).message }, vault };
  }
}
