// Who the product acts as. OAuth: the token's owner, from the OAuth server's /oauth2/resource (it does not
// count against the account's API rate) or the `me` action. Admin key: the key belongs to no user, so the
// configured "me" email is looked up among the account's users.
import type { WorksectionClient } from '../worksection/client.js';
import type { SignedInUser } from './account-state.js';
import { fetchResourceOwner, type OAuthClient, type OAuthRequestOptions } from './oauth.js';
import type { OAuthSession } from './session.js';
import { UserFacingError } from '../user-facing-error.js';

export interface Identity extends SignedInUser {
  accountUrl: string;
}

const fullName = (first: string, last: string): string => `${first} ${last}`.trim();

export async function resourceOwner(
  client: OAuthClient,
  session: OAuthSession,
  opts: OAuthRequestOptions = {},
): Promise<Identity> {
  const owner = await fetchResourceOwner(client, await session.freshAccessToken(), opts);
  const identity = {
    id: owner.id,
    name: fullName(owner.first_name, owner.last_name),
    email: owner.email,
    accountUrl: owner.account_url,
  };
  session.setUser({ id: identity.id, name: identity.name, email: identity.email });
  return identity;
}

/** The signed-in user through the account's API (`me` is a user-token-only action). */
export async function meIdentity(client: WorksectionClient): Promise<SignedInUser> {
  const { data } = await client.call('me');
  return { id: data.id, name: data.name, email: data.email };
}

export class UnknownMeEmailError extends UserFacingError {
  constructor(readonly email: string) {
    super(
      `The "me" email ${email} is not a user of this Worksection account; set the email of an account user.`,
    );
    this.name = 'UnknownMeEmailError';
  }
}

/** Admin-key mode: the account user whose email was configured as "me". */
export async function adminIdentity(client: WorksectionClient, meEmail: string): Promise<SignedInUser> {
  const wanted = meEmail.trim().toLowerCase();
  const { data } = await client.call('get_users');
  const user = data.find((u) => u.email.toLowerCase() === wanted);
  if (!user) throw new UnknownMeEmailError(meEmail);
  return { id: user.id, name: user.name, email: user.email };
}

/** Whether two account URLs name the same account (scheme, host and port; case and trailing slash aside). */
export function sameAccount(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}
