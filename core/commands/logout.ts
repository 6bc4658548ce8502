// `wsmcp logout`: erases the data dir's saved sign-in (tokens, admin key, client secret) and the key that
// locked it; nothing secret stays behind, not even a vault kept aside as unreadable. It works beside a
// running server, which answers "sign-in needed" from its next call. Worksection documents no revocation
// endpoint, so this is local: the grant itself ends when it expires or is withdrawn in Worksection.
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { configOrExit, fail, readCommandLine } from './command-support.js';

export const USAGE = `Usage: wsmcp logout [options]

Signs out: erases the sign-in kept in the data dir (tokens, admin API key, client secret) and the key that
encrypted it. A running server answers "sign-in needed" from its next call.

Options:
  --data-dir D      the data dir to sign out (default: the OS's app data folder)
  --json            print one JSON line {"event":"signed_out","erased":true|false}
  -h, --help        show this help`;

const COMMAND = 'logout';

export async function main(argv: string[]): Promise<number> {
  const cli = readCommandLine(COMMAND, USAGE, argv, {
    'data-dir': { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (typeof cli === 'number') return cli;
  const { values } = cli;
  const config = configOrExit(COMMAND, { dataDir: values['data-dir'] });
  if (typeof config === 'number') return config;

  const { hasVault, openAccountVault, secretsDir } = await import('../account/vault.js');
  const { VAULT_FILE } = await import('../vault/vault.js');
  const { PASSPHRASE_KEY_FILE } = await import('../vault/passphrase.js');
  const dir = secretsDir(config);
  const asideFiles = (await readdir(dir).catch(() => [] as string[])).filter((name) =>
    name.startsWith(`${VAULT_FILE}.unreadable-`),
  );
  const signedIn = hasVault(config);
  let account: string | undefined;
  let note: string | undefined;
  if (signedIn) {
    try {
      const { vault } = await openAccountVault(config);
      account = await vault.read().then(
        (r) => r.account?.url ?? r.oauth?.accountUrl,
        () => undefined,
      );
      await vault.erase();
    } catch (err) {
      const name = (err as Error).name;
      if (name !== 'VaultUnreadableError' && name !== 'NoSecretBackendError') {
        return fail(COMMAND, `cannot sign out: ${(err as Error).message}`);
      }
      // Its key holder cannot be reached here: the encrypted file goes anyway, and a passphrase-sealed key.
      await rm(join(dir, VAULT_FILE), { force: true });
      await rm(join(dir, PASSPHRASE_KEY_FILE), { force: true });
      note = 'the vault could not be unlocked here, so its file was removed without reading it';
    }
  }
  for (const name of asideFiles) await rm(join(dir, name), { force: true });
  const erased = signedIn || asideFiles.length > 0;

  if (values.json) {
    console.log(JSON.stringify({ event: 'signed_out', erased }));
  } else if (!erased) {
    console.log('Not signed in; nothing to erase.');
  } else {
    const from = account ? ` of ${new URL(account).host}` : '';
    console.log(
      `Signed out${from}: the sign-in kept in ${config.dataDir} is erased. A running server answers "sign-in needed" from its next call.`,
    );
  }
  if (note) console.error(`wsmcp ${COMMAND}: note: ${note}`);
  return 0;
}
