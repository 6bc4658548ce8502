// The account part of `wsmcp status`: how the data dir is signed in to Worksection, as whom, the scopes and
// token expiry (secrets only as masked hints), or why a sign-in is needed. From the vault alone: no lock,
// no network, no write, so it answers offline and beside a running server.
import type { AccountReport } from '../auth/account-report.js';
import type { Config } from '../config.js';

export interface AccountSection {
  /** Demo mode: the serving process signs in to its own sandbox and keeps nothing on disk. */
  demo?: true;
  report: AccountReport;
  /** Where the vault's key lives, when the vault could be opened. */
  vault?: string;
}

export async function accountSection(config: Config): Promise<AccountSection> {
  if (config.demo) return { demo: true, report: { state: 'signed_out' } };
  const { hasVault, openAccountVault } = await import('../account/vault.js');
  if (!hasVault(config)) return { report: { state: 'signed_out' } };
  const { describeRecord } = await import('../auth/account-report.js');
  let vault: string | undefined;
  try {
    const opened = await openAccountVault(config);
    vault = opened.explanation;
    return { report: describeRecord(await opened.vault.read(), Date.now()), vault };
  } catch (err) {
    const name = (err as Error).name;
    if (name !== 'VaultUnreadableError' && name !== 'NoSecretBackendError') throw err;
    return { report: { state: 'sign_in_needed', reason: (err as Error).message }, vault };
  }
}

const when = (iso: string): string => `${iso.slice(0, 16).replace('T', ' ')} UTC`;
const host = (url: string | undefined): string => (url ? new URL(url).host : 'Worksection');
const modeName = (mode: 'oauth' | 'admin' | undefined): string =>
  mode === 'admin' ? 'admin API key' : 'OAuth';

/** For --json: the report, with where the key lives. */
export function accountJson({ demo, report, vault }: AccountSection): object {
  return demo ? { demo: true } : { ...report, ...(vault === undefined ? {} : { vault }) };
}

/** Lines in the shape of the rest of `wsmcp status`: a label column of `width`, then the text. */
export function formatAccount({ demo, report, vault }: AccountSection, width: number): string[] {
  const row = (label: string, text: string): string => `${label.padEnd(width)}${text}`;
  if (demo)
    return [row('Account', 'the built-in sandbox, signed in by the demo server itself (keys in memory)')];
  switch (report.state) {
    case 'signed_out':
      return [row('Account', 'not signed in: run `wsmcp login` (or `wsmcp serve --demo` for the sandbox)')];
    case 'sign_in_needed': {
      const what = report.account ? `${host(report.account)} (${modeName(report.mode)}): ` : '';
      return [row('Account', `${what}sign-in needed: ${report.reason} Run \`wsmcp login\`.`)];
    }
    case 'signed_in': {
      const out = [row('Account', `${host(report.account)}, signed in with ${modeName(report.mode)}`)];
      const user = report.user && `${report.user.name} <${report.user.email}>`;
      if (report.mode === 'admin') {
        out.push(row('  "me"', user ?? report.meEmail ?? 'not set'));
        out.push(row('  API key', report.key));
      } else {
        if (user) out.push(row('  user', user));
        out.push(row('  scopes', report.scopes.join(', ')));
        const expiry = report.expired
          ? `expired ${when(report.expiresAt)}; renewed on the next call`
          : `expires ${when(report.expiresAt)}; renewed automatically before then`;
        out.push(row('  access token', `${report.token}, ${expiry}`));
      }
      if (vault) out.push(row('  vault', vault));
      return out;
    }
  }
}
