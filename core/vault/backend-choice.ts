// Picks where the vault key lives and explains the pick in one sentence for status and logs.
// An existing vault names the backend it was locked with, and only that one can open it. A new vault
// goes, in order, to: the demo's memory; the passphrase when the user gave one (an explicit choice); the
// OS keychain when it proves usable; the host's injected backend (Electron safeStorage). With none of
// these the product refuses to store secrets rather than keep them readable.
import { NoSecretBackendError, VaultUnreadableError } from './errors.js';
import { openKeychain, type KeychainOptions } from './keychain.js';
import { passphraseBackend, type ScryptParams } from './passphrase.js';
import { memoryBackend, type SecretBackend } from './secret-store.js';

export interface BackendChoiceOptions {
  /** Where sealed keys are kept (the vault's own directory). */
  dir: string;
  demo?: boolean;
  /** From WSMCP_PASSPHRASE, read by config. */
  passphrase?: string;
  /** The host's backend, e.g. Electron safeStorage; inject only one that really protects the key. */
  injected?: SecretBackend;
  /** false: do not try the keychain at all. */
  keychain: KeychainOptions | false;
  /** The backend an existing vault names in its header (readVaultHeader). */
  recorded?: string;
  scrypt?: ScryptParams;
}

export interface BackendChoice {
  backend: SecretBackend;
  explanation: string;
}

const sentence = (backend: SecretBackend): string =>
  `Secrets are encrypted (AES-256-GCM) with a key kept in ${backend.description}.`;

export async function chooseSecretBackend(opts: BackendChoiceOptions): Promise<BackendChoice> {
  if (opts.demo) {
    const backend = memoryBackend();
    return { backend, explanation: `Demo mode: ${sentence(backend)}` };
  }
  if (opts.recorded && opts.recorded !== 'memory') return reopen(opts, opts.recorded);

  if (opts.passphrase !== undefined) {
    const backend = passphraseBackend(opts.passphrase, opts.dir, opts.scrypt);
    return { backend, explanation: sentence(backend) };
  }
  let keychainProblem = 'not tried';
  if (opts.keychain) {
    const probe = await openKeychain(opts.keychain);
    if (probe.ok) return { backend: probe.backend, explanation: sentence(probe.backend) };
    keychainProblem = probe.reason;
  }
  if (opts.injected) {
    return {
      backend: opts.injected,
      explanation: `${sentence(opts.injected)} The OS keychain is not usable (${keychainProblem}).`,
    };
  }
  throw new NoSecretBackendError(keychainProblem);
}

/** An existing vault: only the backend it names can open it; anything else is explained, not guessed. */
async function reopen(opts: BackendChoiceOptions, recorded: string): Promise<BackendChoice> {
  const unavailable = (detail: string) => new VaultUnreadableError('key_unavailable', { detail });
  const ignoredPassphrase =
    opts.passphrase !== undefined && recorded !== 'passphrase'
      ? ' WSMCP_PASSPHRASE is not used: the vault was locked without it.'
      : '';
  if (recorded === 'passphrase') {
    if (opts.passphrase === undefined)
      throw unavailable('it is locked with a passphrase: set WSMCP_PASSPHRASE');
    const backend = passphraseBackend(opts.passphrase, opts.dir, opts.scrypt);
    return { backend, explanation: sentence(backend) };
  }
  if (recorded === 'keychain') {
    const probe = opts.keychain
      ? await openKeychain(opts.keychain)
      : { ok: false as const, reason: 'not tried' };
    if (!probe.ok)
      throw unavailable(`its key is in the OS keychain, which is not usable here: ${probe.reason}`);
    return { backend: probe.backend, explanation: sentence(probe.backend) + ignoredPassphrase };
  }
  if (opts.injected?.name === recorded) {
    return { backend: opts.injected, explanation: sentence(opts.injected) + ignoredPassphrase };
  }
  throw unavailable(`its key is held by "${recorded}", which is not available here`);
}
