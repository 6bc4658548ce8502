// The vault's two failures a user must act on. Both carry one line that says what happened and what to
// do, never a secret or a file path (those ride along as properties for the log).
import { UserFacingError } from '../user-facing-error.js';

export type VaultUnreadableReason =
  /** The authentication tag did not verify: the file was changed, or the key is not the one it was locked with. */
  | 'tampered'
  /** Not a vault file, or cut short. */
  | 'corrupt'
  /** The file exists but its key holder no longer has the key. */
  | 'key_missing'
  /** The key holder the vault was locked with cannot be used here (no keychain, no passphrase given). */
  | 'key_unavailable'
  /** The passphrase does not unlock the vault key. */
  | 'wrong_passphrase'
  /** The file system refused (permissions, I/O). */
  | 'io';

const ADVICE = 'sign in again to replace it (the old file is kept aside)';

const MESSAGES: Record<VaultUnreadableReason, string> = {
  tampered: `The secrets vault failed its integrity check (changed outside the app, or locked with another key); ${ADVICE}.`,
  corrupt: `The secrets vault file is damaged; ${ADVICE}.`,
  key_missing: `The secrets vault's key is gone from where it was kept; ${ADVICE}.`,
  key_unavailable: 'The secrets vault cannot be unlocked here',
  wrong_passphrase: `The passphrase (WSMCP_PASSPHRASE) does not unlock the secrets vault; set the right one, or ${ADVICE}.`,
  io: 'The secrets vault could not be read',
};

/** The vault exists but cannot be opened. It is never wiped for this; the account becomes "sign-in needed". */
export class VaultUnreadableError extends UserFacingError {
  readonly reason: VaultUnreadableReason;
  /** For the log only. */
  readonly file: string | undefined;

  constructor(
    reason: VaultUnreadableReason,
    init: { file?: string; detail?: string } = {},
    options?: ErrorOptions,
  ) {
    const base = MESSAGES[reason];
    // Reasons without their own advice get the detail (which says what would open the vault), then the
    // way out that always works.
    const detail = init.detail ? ` (${init.detail})` : '';
    super(base.endsWith('.') ? base : `${base}${detail}, or ${ADVICE}.`, options);
    this.name = 'VaultUnreadableError';
    this.reason = reason;
    this.file = init.file;
  }
}

/** No safe place for the vault key: the product refuses to keep secrets readable instead. */
export class NoSecretBackendError extends UserFacingError {
  constructor(readonly keychainProblem: string) {
    super(
      `Cannot keep secrets safe: no OS keychain is usable (${keychainProblem}). ` +
        'Set WSMCP_PASSPHRASE to encrypt them with a passphrase instead.',
    );
    this.name = 'NoSecretBackendError';
  }
}
