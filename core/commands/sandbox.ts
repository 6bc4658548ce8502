// `wsmcp sandbox`: run the built-in Worksection sandbox in the foreground until SIGINT/SIGTERM. With
// --json it prints exactly one ready line, which is what scripts, tests and the e2e harness wait for.
import { parseArgs } from 'node:util';
import type { RunningSandbox, SandboxOptions } from '../sandbox/server.js';

export const USAGE = `Usage: wsmcp sandbox [options]

Runs a local stand-in for Worksection (Client API and OAuth2 server) with generated data.

Options:
  --port N          port to listen on (default 0: any free port)
  --seed N          data seed (default 1)
  --size S          small | large (default small)
  --rate-limit R    requests per second per token (default 1; 0 turns the limit off)
  --json            print one JSON line {"event":"ready",...} when ready
  -h, --help        show this help`;

class UsageError extends Error {}

function integer(name: string, value: string | undefined, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) > max)
    throw new UsageError(`--${name} must be a whole number from 0 to ${max}, got "${value}"`);
  return Number(value);
}

function parse(argv: string[]): { help: boolean; json: boolean; options: SandboxOptions } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        seed: { type: 'string' },
        size: { type: 'string' },
        'rate-limit': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const size = values.size ?? 'small';
  if (size !== 'small' && size !== 'large')
    throw new UsageError(`--size must be small or large, got "${size}"`);
  const options: SandboxOptions = { size };
  const port = integer('port', values.port, 65_535);
  const seed = integer('seed', values.seed, 0xffff_ffff);
  const rateLimit = integer('rate-limit', values['rate-limit'], 1_000_000);
  if (port !== undefined) options.port = port;
  if (seed !== undefined) options.seed = seed;
  if (rateLimit !== undefined) options.rateLimit = rateLimit;
  return { help: values.help ?? false, json: values.json ?? false, options };
}

function summary(sb: RunningSandbox, options: SandboxOptions): string {
  const d = sb.data;
  const rate = options.rateLimit === 0 ? 'off' : `${options.rateLimit ?? 1} request/s per token`;
  return `Worksection sandbox running at ${sb.url}
  data          seed ${options.seed ?? 1}, ${options.size ?? 'small'}: ${d.users.size} users, ${d.projects.size} projects, ${d.tasks.size} tasks
  rate limit    ${rate}
  admin API     ${sb.url}/api/admin/v2/?action=get_projects&hash=<md5 of the query + API key>
  API key       ${sb.apiKey}
  OAuth client  id ${sb.oauthClient.id}
                secret ${sb.oauthClient.secret}
  user API      ${sb.url}/api/oauth2?action=me  (Authorization: Bearer <access token>)
  sign in       ${sb.url}/oauth2/authorize?client_id=${sb.oauthClient.id}&response_type=code&redirect_uri=https://localhost:8443/callback
  inspect       ${sb.url}/__sandbox/requests  ${sb.url}/__sandbox/counters

Point a Worksection client at ${sb.url} with the API key or the OAuth client above; they are shown only
now and change on every run. Press Ctrl+C to stop.`;
}

export async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`wsmcp sandbox: ${err.message}\n\n${USAGE}`);
    return 2;
  }
  if (parsed.help) {
    console.log(USAGE);
    return 0;
  }
  // Loaded only now so `--help` and usage errors stay instant.
  const { startSandbox } = await import('../sandbox/server.js');
  let sandbox: RunningSandbox;
  try {
    sandbox = await startSandbox(parsed.options);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      console.error(`wsmcp sandbox: port ${parsed.options.port ?? 0} is in use; pick another with --port`);
    } else {
      console.error(`wsmcp sandbox: cannot start: ${(err as Error).message}`);
    }
    return 1;
  }
  // Handlers go in before the ready line: whoever reads it may signal at once.
  const stopped = new Promise<number>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      sandbox.close().then(
        () => resolve(0),
        (err: unknown) => {
          console.error(`wsmcp sandbox: error while stopping: ${(err as Error).message}`);
          resolve(1);
        },
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  if (parsed.json) {
    const { url, apiKey, oauthClient } = sandbox;
    console.log(JSON.stringify({ event: 'ready', url, apiKey, oauthClient }));
  } else {
    console.log(summary(sandbox, parsed.options));
  }
  return stopped;
}
