// The admin-key half of `wsmcp login`, for account owners: the key from WSMCP_API_KEY or stdin (never a
// flag: it would show in the process list and the shell history), proved with one real call (get_users,
// which also finds the "me" user) before it replaces whatever sign-in the vault held.
import { AccountState } from '../auth/account-state.js';
import { openAccountVault } from '../account/vault.js';
import { adminKeySettingsSchema, verifyAdminAccount } from '../auth/api-key.js';
import type { Config } from '../config.js';
import { createWorksectionClient } from '../worksection/client.js';
import { readSavedRecord, readSecretFromStdin } from './account-support.js';
import { EXIT_USAGE, fail } from './command-support.js';

const COMMAND = 'login';

async function apiKeyOf(config: Config): Promise<string | { problem: string }> {
  if (config.account.apiKey !== undefined) return config.account.apiKey;
  const typed = await readSecretFromStdin('Admin API key (Account → Security → Admin API): ');
  const parsed = adminKeySettingsSchema.shape.apiKey.safeParse(typed);
  if (parsed.success) return parsed.data;
  // The message names the mistake, never the key.
  return { problem: `the API key read from stdin ${parsed.error.issues[0]?.message ?? 'is not valid'}` };
}

export async function loginAdmin(config: Config, json: boolean): Promise<number> {
  const opened = await openAccountVault(config, { replaceUnreadable: true });
  const { vault } = opened;
  const { record, unreadable } = await readSavedRecord(vault);
  const saved = record.account?.mode === 'admin' ? record.account : undefined;
  const accountUrl = config.account.url ?? saved?.url;
  const meEmail = config.account.meEmail ?? saved?.meEmail;
  if (!accountUrl) {
    return fail(
      COMMAND,
      'admin API key sign-in needs the account: pass --account-url https://yourcompany.worksection.com (or set WSMCP_ACCOUNT_URL)',
      EXIT_USAGE,
    );
  }
  if (!meEmail) {
    return fail(
      COMMAND,
      'admin API key sign-in needs --me-email EMAIL (or WSMCP_ME_EMAIL): the account user "me" stands for, as an admin key belongs to no user',
      EXIT_USAGE,
    );
  }
  const apiKey = await apiKeyOf(config);
  if (typeof apiKey !== 'string') return fail(COMMAND, apiKey.problem, EXIT_USAGE);

  const client = createWorksectionClient({ accountUrl, auth: { kind: 'admin', apiKey } });
  let user;
  try {
    user = await verifyAdminAccount(client, { accountUrl, meEmail });
  } finally {
    client.close();
  }
  const replacing = opened.replacing ?? unreadable;
  if (replacing) console.error(`wsmcp ${COMMAND}: note: ${replacing}`);
  // The key replaces whatever sign-in was kept (OAuth tokens and their client's secret included).
  await vault.update(() => ({ apiKey, account: { mode: 'admin', url: accountUrl, meEmail, user } }), {
    overwriteUnreadable: true,
  });
  if (json) {
    console.log(JSON.stringify({ event: 'signed_in', mode: 'admin', account: accountUrl, user }));
  } else {
    console.log(`Signed in to ${new URL(accountUrl).host} with the admin API key ${AccountState.mask(apiKey)}.
  "me"          ${user.name} <${user.email}>
  vault         ${opened.explanation}`);
  }
  return 0;
}
