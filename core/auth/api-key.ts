// Admin API key mode, for account owners: the key from Account → Security → Admin API, the account URL
// (an admin key is per account and signs requests to it) and the email of the user "me"
// means, since an admin key belongs to no user. The key itself is a secret: it lives in the vault, and
// only a masked hint is ever shown.
import { z } from 'zod';
import type { WorksectionClient } from '../worksection/client.js';
import { AuthInvalidError } from '../worksection/errors.js';
import type { AccountState, AccountStatus, SignedInUser } from './account-state.js';
import { adminIdentity } from './identity.js';
import { UserFacingError } from '../user-facing-error.js';

/** Why `uri` cannot be an account URL, or undefined when it can. Plain http only on loopback (the sandbox). */
export function accountUrlProblem(uri: string): string | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return 'must be the account address, like https://yourcompany.worksection.com';
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(loopback && url.protocol === 'http:')) return 'must start with https://';
  if (url.pathname !== '/' || url.search || url.hash) {
    return 'must be just the account address (no path), like https://yourcompany.worksection.com';
  }
  return undefined;
}

/** Why `key` cannot be an admin API key. Pasted keys often carry spaces or quotes: those are named. */
export function apiKeyProblem(key: string): string | undefined {
  if (key.length === 0) return 'must not be empty';
  if (/\s/.test(key)) return 'must not contain spaces or line breaks';
  if (/["'`]/.test(key)) return 'must not contain quotes';
  if (!/^[A-Za-z0-9]+$/.test(key))
    return 'must be letters and digits only, as shown under Account → Security → Admin API';
  if (key.length < 16 || key.length > 128) return 'must be 16 to 128 characters long';
  return undefined;
}

const checked = (problem: (v: string) => string | undefined) =>
  z.string({ error: 'must be text' }).superRefine((value, ctx) => {
    const message = problem(value);
    if (message) ctx.addIssue({ code: 'custom', message });
  });

export const accountUrlSchema = checked(accountUrlProblem).transform((u) => new URL(u).origin);

export const adminKeySettingsSchema = z.strictObject({
  accountUrl: accountUrlSchema,
  apiKey: z.string({ error: 'must be text' }).trim().pipe(checked(apiKeyProblem)),
  meEmail: z.email({ error: 'must be an email address' }),
});

export type AdminKeySettings = z.output<typeof adminKeySettingsSchema>;

export class AdminKeyRefusedError extends UserFacingError {
  constructor(accountUrl: string, options?: ErrorOptions) {
    super(
      `${new URL(accountUrl).host} refused the admin API key; copy it again from Account → Security → Admin API.`,
      options,
    );
    this.name = 'AdminKeyRefusedError';
  }
}

/** Proves the key works and the "me" email is an account user (one get_users call) and publishes the state. */
export async function verifyAdminAccount(
  client: WorksectionClient,
  settings: Pick<AdminKeySettings, 'accountUrl' | 'meEmail'>,
  state?: AccountState,
): Promise<SignedInUser> {
  let user: SignedInUser;
  try {
    user = await adminIdentity(client, settings.meEmail);
  } catch (err) {
    if (err instanceof AuthInvalidError) {
      const refused = new AdminKeyRefusedError(settings.accountUrl, { cause: err });
      state?.set({ kind: 'sign_in_needed', reason: refused.message });
      throw refused;
    }
    throw err;
  }
  state?.set(adminStatus(settings, user));
  return user;
}

export function adminStatus(
  settings: Pick<AdminKeySettings, 'accountUrl' | 'meEmail'>,
  user?: SignedInUser,
): AccountStatus {
  return {
    kind: 'signed_in',
    mode: 'admin',
    accountUrl: settings.accountUrl,
    meEmail: settings.meEmail,
    ...(user === undefined ? {} : { user }),
  };
}
