// The account part of `wsmcp status`, as lines and as JSON (the report itself: account/status.ts).
import type { AccountSection } from '../account/status.js';

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
