// `wsmcp open` (also `wsmcp ui`): a fresh one-time address of the running server's UI, opened in the
// browser where there is one and printed always. It runs beside the server: the code goes into the shared
// store, where the server takes it when the address is opened.
import { spawn } from 'node:child_process';
import { storeLocation } from '../data-dir/paths.js';
import {
  DATA_DIR_FLAGS,
  dataDirConfigOrExit,
  EXIT_FAILURE,
  fail,
  readCommandLine,
} from './command-support.js';

export const USAGE = `Usage: wsmcp open [options]

Opens the app's window (its UI) of the running server in the browser, with a one-time address that works
for 5 minutes. The address is printed too, for a machine without a browser.

Options:
  --demo            the demo server's UI (\`wsmcp serve --demo\`)
  --data-dir D      the data dir of the server
  --print           only print the address, do not open a browser
  --json            print {"event":"open","uiUrl":…}
  -h, --help        show this help`;

const COMMAND = 'open';

/** The OS's way to open an address in the default browser. */
function browserCommand(url: string): [string, string[]] {
  if (process.platform === 'darwin') return ['open', [url]];
  if (process.platform === 'win32') return ['cmd', ['/c', 'start', '""', url]];
  return ['xdg-open', [url]];
}

function openBrowser(url: string): Promise<boolean> {
  const [cmd, args] = browserCommand(url);
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.once('error', () => resolve(false));
    child.once('spawn', () => {
      child.unref();
      resolve(true);
    });
  });
}

/** Whether something answers at the server's address (the published row may outlive a crash briefly). */
async function answers(origin: string): Promise<boolean> {
  try {
    await fetch(`${origin}/`, { signal: AbortSignal.timeout(3_000) });
    return true;
  } catch {
    return false;
  }
}

export async function main(argv: string[]): Promise<number> {
  const cli = readCommandLine(COMMAND, USAGE, argv, {
    print: { type: 'boolean' },
    json: { type: 'boolean' },
    ...DATA_DIR_FLAGS,
  });
  if (typeof cli === 'number') return cli;
  const { values } = cli;
  const config = dataDirConfigOrExit(COMMAND, values);
  if (typeof config === 'number') return config;

  const notRunning = `no server is running for ${config.dataDir}${config.demo ? ' (demo)' : ''}; start one with \`wsmcp serve${config.demo ? ' --demo' : ''}\``;
  const [{ mintForRunningServer, OPEN_CODE_TTL_MS }, { OPEN_PATH }] = await Promise.all([
    import('../store/ui-open-codes.js'),
    import('../../shared/api/protocol.js'),
  ]);
  try {
    const minted = mintForRunningServer(storeLocation(config).dbFile, OPEN_CODE_TTL_MS);
    if (!minted || !(await answers(minted.origin))) return fail(COMMAND, notRunning);
    const uiUrl = `${minted.origin}${OPEN_PATH}?code=${minted.code}`;
    const opened = !values.print && (await openBrowser(uiUrl));
    if (values.json) {
      console.log(JSON.stringify({ event: 'open', uiUrl, opened }));
    } else {
      console.log(
        opened
          ? `Opened the app in the browser. If it did not appear, open (within 5 minutes, once):\n  ${uiUrl}`
          : `Open this address in a browser on this computer (within 5 minutes; it works once):\n  ${uiUrl}`,
      );
    }
    return 0;
  } catch (err) {
    return fail(COMMAND, (err as Error).message, EXIT_FAILURE);
  }
}
