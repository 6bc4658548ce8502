// `wsmcp serve`: the headless product in the foreground until SIGINT/SIGTERM. With --json it prints exactly
// one ready line, which scripts, tests and the e2e harness wait for. Every way it can fail to start is one
// line saying what to do, a non-zero exit, and nothing left running (the app closes what it opened).
import type { AppEndpoints } from '../app/app.js';
import { DEFAULT_PORT } from '../config.js';
import { UserFacingError } from '../user-facing-error.js';
import { configOrExit, EXIT_FAILURE, fail, onSignal, readCommandLine } from './command-support.js';

export const USAGE = `Usage: wsmcp serve [options]

Serves MCP (Streamable HTTP) at http://127.0.0.1:PORT/mcp for the signed-in Worksection account.

Options:
  --demo            serve the built-in sandbox account instead, with a ready client token
  --port N          port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 picks a free one)
  --data-dir D      where settings, tokens and the local store live (default: the OS's app data folder)
  --json            print one JSON line {"event":"ready",...} when ready
  -h, --help        show this help

Clients authenticate with a token from \`wsmcp token create --name NAME\`.`;

const COMMAND = 'serve';

function summary(e: AppEndpoints): string {
  const lines = [
    `Worksection MCP is serving ${e.mcpUrl}`,
    `  app window    ${e.uiUrl}  (works once; \`wsmcp open\` for a new one)`,
    `  OpenAPI       ${e.mcpUrl.replace(/mcp$/, '')}openapi.json (try the tools at ${e.mcpUrl.replace(/mcp$/, '')}docs; wsmcp connect openapi)`,
  ];
  if (e.demo) {
    lines.push(
      `  account       the built-in sandbox at ${e.demo.sandboxUrl} (demo data, reset on every start)`,
      `  client token  ${e.demo.token}`,
      '',
      'Connect a client, e.g. Claude Code:',
      `  claude mcp add --transport http worksection ${e.mcpUrl} --header "Authorization: Bearer ${e.demo.token}"`,
      'The token is shown only now and is replaced on every demo start.',
    );
  } else {
    lines.push('', 'Clients need a token: wsmcp token create --name NAME');
  }
  lines.push('Press Ctrl+C to stop.');
  return lines.join('\n');
}

async function startFailure(err: unknown, port: number, dataDir: string): Promise<string> {
  // Loaded with the app already, so the classes are the ones that were thrown.
  const [{ PortInUseError }, { DataDirLockedError }] = await Promise.all([
    import('../http/server.js'),
    import('../data-dir/lock.js'),
  ]);
  if (err instanceof PortInUseError) {
    return `port ${port} is already in use (another wsmcp serve, or another program); stop it or pick another with --port N`;
  }
  if (err instanceof DataDirLockedError) {
    return (
      `another wsmcp server (pid ${err.pid}) is already serving the data dir ${dataDir}; stop it or pass ` +
      `another --data-dir (if no wsmcp is running, the lock is stale: delete ${err.file})`
    );
  }
  if (err instanceof UserFacingError) return err.message;
  return `cannot start: ${(err as Error).message}`;
}

export async function main(argv: string[]): Promise<number> {
  const cli = readCommandLine(COMMAND, USAGE, argv, {
    demo: { type: 'boolean' },
    port: { type: 'string' },
    'data-dir': { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (typeof cli === 'number') return cli;
  const { values } = cli;
  const config = configOrExit(COMMAND, { demo: values.demo, port: values.port, dataDir: values['data-dir'] });
  if (typeof config === 'number') return config;

  // Loaded only now so `--help` and usage errors stay instant.
  const { createApp } = await import('../app/app.js');
  const app = createApp(config, { log: (line) => process.stderr.write(`${line}\n`) });
  // Handlers go in before start: whoever waits for the ready line may signal at once, and a signal during
  // start stops what has been opened so far.
  const signal = onSignal(() => app.stop());
  let endpoints: AppEndpoints;
  try {
    endpoints = await app.start();
  } catch (err) {
    signal.dispose();
    await app.stop().catch(() => undefined);
    return fail(COMMAND, await startFailure(err, config.port, config.dataDir));
  }
  // Stopped while starting: it was never ready.
  if (!signal.received()) printReady(endpoints, values.json ?? false);
  try {
    await signal.stopped;
    return 0;
  } catch (err) {
    return fail(COMMAND, `error while stopping: ${(err as Error).message}`, EXIT_FAILURE);
  }
}

function printReady(endpoints: AppEndpoints, json: boolean): void {
  if (json) {
    const ready: Record<string, string> = {
      event: 'ready',
      mcpUrl: endpoints.mcpUrl,
      uiUrl: endpoints.uiUrl,
    };
    if (endpoints.demo)
      Object.assign(ready, { token: endpoints.demo.token, sandboxUrl: endpoints.demo.sandboxUrl });
    console.log(JSON.stringify(ready));
  } else {
    console.log(summary(endpoints));
  }
}
