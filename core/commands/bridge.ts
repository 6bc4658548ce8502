// `wsmcp bridge`: the stdio bridge for clients that only launch commands (Claude Desktop). It forwards to
// the running app with the client's token from WSMCP_TOKEN; `wsmcp connect` writes such entries.
import { DEFAULT_PORT } from '../config.js';
import { configOrExit, EXIT_USAGE, fail, readCommandLine } from './command-support.js';
import { keepStdoutForProtocol } from './stdio.js';

export const USAGE = `Usage: wsmcp bridge [--url URL]

Speaks MCP on stdin/stdout and forwards every message to the running Worksection MCP app (the desktop app
or \`wsmcp serve\`) with the client token in the WSMCP_TOKEN environment variable. While the app is not
running it says so to the client and connects as soon as the app is back.

Options:
  --url URL         the app's MCP address (default http://127.0.0.1:PORT/mcp, PORT ${DEFAULT_PORT} or config.json's)
  --data-dir D      the data dir whose config.json names the port
  -h, --help        show this help (on stderr)`;

const COMMAND = 'bridge';

export async function main(argv: string[]): Promise<number> {
  keepStdoutForProtocol();
  const cli = readCommandLine(
    COMMAND,
    USAGE,
    argv,
    { url: { type: 'string' }, 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    { helpTo: 'stderr' },
  );
  if (typeof cli === 'number') return cli;
  const config = configOrExit(COMMAND, { dataDir: cli.values['data-dir'] });
  if (typeof config === 'number') return config;
  const token = config.bridge.token;
  if (!token) {
    return fail(
      COMMAND,
      'no client token: set WSMCP_TOKEN (`wsmcp connect <client> --write` writes an entry with one)',
      EXIT_USAGE,
    );
  }
  const { checkBridgeUrl, runBridge } = await import('../bridge/bridge.js');
  const url = cli.values.url ?? `http://127.0.0.1:${config.port || DEFAULT_PORT}/mcp`;
  const bad = checkBridgeUrl(url);
  if (bad) return fail(COMMAND, bad, EXIT_USAGE);
  await runBridge({
    url,
    token,
    stdin: process.stdin,
    stdout: process.stdout,
    log: (line) => process.stderr.write(`wsmcp bridge: ${line}\n`),
  });
  return 0;
}
