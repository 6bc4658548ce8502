import type { AccountView } from '../../../../shared/api/account';

/** "company.worksection.com (OAuth)": which account, signed in how. */
export function accountLabel(a: AccountView): string {
  const host = a.accountUrl ? new URL(a.accountUrl).host : 'Worksection';
  if (a.state !== 'signed_in') return a.reason ?? `${host}: sign in to serve it`;
  return `${host} · ${a.mode === 'admin' ? 'admin API key' : 'OAuth'}`;
}
