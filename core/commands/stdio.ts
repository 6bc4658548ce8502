// `wsmcp stdio`: the MCP server over stdin/stdout, for clients that launch a command (Claude Desktop).
// stdout belongs to the protocol: everything else, logs and errors included, goes to stderr.
import type { App } from '../app.js';
import { configOrExit, fail, onSignal, readCommandLine } from './command-support.js';

export const USAGE = `Usage: wsmcp stdio [options]

Serves MCP over stdin/stdout for one client that launches this command. The launching client is trusted
like a write token.

Options:
  --read-only       the client sees and calls read-only tools only
  --demo            serve the built-in sandbox account
  --data-dir D      where settings and the local store live (default: the OS's app data folder)
  -h, --help        show this help (on stderr)`;

const COMMAND = 'stdio';

// A stray console.log anywhere would corrupt the protocol stream; route them all to stderr.
export function keepStdoutForProtocol(): void {
  const toStderr = (...args: unknown[]): void => console.error(...args);
  console.log = toStderr;
  console.info = toStderr;
  console.debug = toStderr;
}

export async function main(argv: string[]): Promise<number> {
  keepStdoutForProtocol();
  const cli = readCommandLine(
    COMMAND,
    USAGE,
    argv,
    {
      'read-only': { type: 'boolean' },
      demo: { type: 'boolean' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    { helpTo: 'stderr' },
  );
  if (typeof cli === 'number') return cli;
  const { values } = cli;
  const config = configOrExit(COMMAND, { demo: values.demo, dataDir: values['data-dir'] });
  if (typeof config === 'number') return config;

  const { createApp } = await import('../app.js');
  const app: App = createApp(config, { log: (line) => process.stderr.write(`${line}\n`) });
  const signal = onSignal(() => app.stop());
  let closed: Promise<void>;
  try {
    ({ closed } = await app.startStdio({
      stdin: process.stdin,
      stdout: process.stdout,
      scope: values['read-only'] ? 'read' : 'write',
    }));
  } catch (err) {
    signal.dispose();
    await app.stop().catch(() => undefined);
    const message =
      (err as Error).name === 'NotSignedInError'
        ? (err as Error).message
        : `cannot start: ${(err as Error).message}`;
    return fail(COMMAND, message);
  }
  try {
    await Promise.race([closed.then(() => app.stop()), signal.stopped]);
    signal.dispose();
    return 0;
  } catch (err) {
    return fail(COMMAND, `error while stopping: ${(err as Error).message}`);
  }
}
