// Who the product acts as, against the sandbox: admin-key mode checks the key and the "me" email with one
// call and publishes the state; a refused key becomes "sign-in needed" with a one-line reason.
import { afterEach, describe, expect, it } from 'vitest';
import { WorksectionClient } from '../worksection/client.js';
import { startSandbox, type RunningSandbox } from '../sandbox/server.js';
import { AccountState } from './account-state.js';
import { AdminKeyRefusedError, verifyAdminAccount } from './api-key.js';
import { sameAccount, UnknownMeEmailError } from './identity.js';

let sandbox: RunningSandbox | undefined;
let client: WorksectionClient | undefined;
afterEach(async () => {
  client?.close();
  await sandbox?.close();
});

async function admin(apiKey?: string) {
  sandbox = await startSandbox({ rateLimit: 0 });
  client = new WorksectionClient({
    accountUrl: sandbox.url,
    auth: { kind: 'admin', apiKey: apiKey ?? sandbox.apiKey },
    scheduler: { ratePerSecond: 0 },
  });
  const owner = sandbox.data.users.get(sandbox.data.ownerId);
  return { sb: sandbox, c: client, ownerEmail: owner?.email ?? '' };
}

describe('admin-key identity', () => {
  it('finds the "me" user and publishes the admin mode', async () => {
    const { sb, c, ownerEmail } = await admin();
    const state = new AccountState();
    const user = await verifyAdminAccount(
      c,
      { accountUrl: sb.url, meEmail: ownerEmail.toUpperCase() },
      state,
    );
    expect(user).toMatchObject({ id: String(sb.data.ownerId), email: ownerEmail });
    expect(state.current).toEqual({
      kind: 'signed_in',
      mode: 'admin',
      accountUrl: sb.url,
      meEmail: ownerEmail.toUpperCase(),
      user,
    });
  });

  it('says which email is not a user', async () => {
    const { sb, c } = await admin();
    await expect(
      verifyAdminAccount(c, { accountUrl: sb.url, meEmail: 'nobody@nowhere.test' }),
    ).rejects.toThrow(new UnknownMeEmailError('nobody@nowhere.test'));
  });

  it('turns a refused key into "sign-in needed" without repeating the key', async () => {
    const wrong = 'ffffffffffffffffffffffffffffffff';
    const { sb, c, ownerEmail } = await admin(wrong);
    const state = new AccountState();
    const err = await verifyAdminAccount(c, { accountUrl: sb.url, meEmail: ownerEmail }, state).then(
      () => new Error('expected a refusal'),
      (e: unknown) => e as Error,
    );
    expect(err).toBeInstanceOf(AdminKeyRefusedError);
    expect(err.message).toBe(
      `${new URL(sb.url).host} refused the admin API key; copy it again from Account → Security → Admin API.`,
    );
    expect(state.current).toEqual({ kind: 'sign_in_needed', reason: err.message });
    expect(JSON.stringify(state.current)).not.toContain(wrong);
  });
});

describe('sameAccount', () => {
  it('compares origins', () => {
    expect(sameAccount('https://Acme.worksection.com/', 'https://acme.worksection.com')).toBe(true);
    expect(sameAccount('https://acme.worksection.com', 'https://other.worksection.com')).toBe(false);
  });
});
