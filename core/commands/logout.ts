// `wsmcp logout`: erases the data dir's saved sign-in and the key that locked it (account/logout.ts).
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

  const { signOut } = await import('../account/logout.js');
  let account: string | undefined;
  let erased: boolean;
  let note: string | undefined;
  try {
    ({ account, erased, note } = await signOut(config));
  } catch (err) {
    return fail(COMMAND, `cannot sign out: ${(err as Error).message}`);
  }

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
