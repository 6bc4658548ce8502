// `wsmcp connect`: the Clients panel for headless users, on the same service (core/clients). Without an
// action it shows what connecting would change; --write changes it, --remove takes our entry out again.
import { fileURLToPath } from 'node:url';
import type { ClientsService, Scope } from '../clients/clients-service.js';
import { clientLocations, type Config } from '../config.js';
import { storeLocation } from '../data-dir/paths.js';
import {
  DATA_DIR_FLAGS,
  dataDirConfigOrExit,
  EXIT_USAGE,
  fail,
  readCommandLine,
  scopeFlag,
  textTable,
  UsageError,
  usageFailure,
} from './command-support.js';

export const USAGE = `Usage: wsmcp connect <client> [--print | --write | --remove] [--scope read|write] [--force]
       wsmcp connect openapi [--print | --remove] [--scope read|write]
       wsmcp connect --list

Connects an MCP client to this app: writes the client's own config file (only our "worksection" entry;
other servers, settings and comments stay; the old file is backed up first), with a token made for it.

Actions:
  (none)            show what connecting would change, as a diff (tokens masked); changes nothing
  --write           change the client's config file
  --print           print the config to paste by hand, and the client's one-click link or command
  --remove          remove our entry and revoke the client's token
  --list            list the clients, whether they are installed and connected

\`openapi\` is for OpenAPI clients (Open WebUI, workflow tools, scripts): it shows the URL and how to
connect Open WebUI; --print also makes a token for them (replacing the previous one).

Options:
  --scope S         read: the client sees read-only tools only; write (default): all tools
  --force           replace a "worksection" entry that this app did not write
  --port N          the port the app serves on (default 7341 or config.json's)
  --data-dir D      the data dir of the app the client connects to
  --demo            connect to the demo server (\`wsmcp serve --demo\`)
  -h, --help        show this help`;

const COMMAND = 'connect';
const OPENAPI = 'openapi';

async function openApi(config: Config, action: string | undefined, scope: Scope): Promise<number> {
  if (action === 'write') {
    return usageFailure(
      COMMAND,
      new UsageError('OpenAPI clients have no config file to write: use --print for the URL and a token'),
    );
  }
  const [{ openClientTokens }, { openApiConnection, openApiText, OPENAPI_TOKEN_NAME }] = await Promise.all([
    import('../store/client-tokens.js'),
    import('../clients/openapi.js'),
  ]);
  const store = openClientTokens(storeLocation(config).dbFile);
  try {
    const { tokens } = store;
    if (action === 'remove') {
      const revoked = tokens.revoke(OPENAPI_TOKEN_NAME);
      console.log(
        revoked
          ? `Revoked the "${OPENAPI_TOKEN_NAME}" token: OpenAPI clients using it are refused from now on.`
          : `There is no "${OPENAPI_TOKEN_NAME}" token; nothing to remove.`,
      );
      return 0;
    }
    const deps = {
      tokens,
      origin: `http://127.0.0.1:${config.port}`,
      corsOrigins: config.openapi.corsOrigins,
    };
    console.log(openApiText(openApiConnection(deps, action === 'print' ? scope : undefined)));
    return 0;
  } finally {
    store.close();
  }
}

function table(service: ClientsService): string {
  const rows = [
    ['CLIENT', 'NAME', 'INSTALLED', 'STATE', 'CONFIG FILE'],
    ...service.list().map((c) => [c.id, c.label, c.installed ? 'yes' : 'no', c.state, c.configPath]),
  ];
  return textTable(rows);
}

async function run(
  service: ClientsService,
  client: string,
  action: string,
  scope: Scope,
  force: boolean,
): Promise<number> {
  switch (action) {
    case 'preview': {
      const p = service.preview(client, scope, force);
      if (p.blocked) return fail(COMMAND, p.blocked.message);
      if (p.change === 'none') {
        console.log(`${client} is already connected (${p.path}); nothing to change.`);
        return 0;
      }
      console.log(
        `${p.diff}\nThis is what \`wsmcp connect ${client} --write\` would change${p.token === 'new' ? ' (with a new token)' : ''}.`,
      );
      return 0;
    }
    case 'write': {
      const w = await service.connect(client, { scope, force });
      const saved = w.backupPath ? ` (the old file is saved as ${w.backupPath})` : '';
      console.log(
        w.change === 'none'
          ? w.message
          : `${w.change === 'create' ? 'Created' : 'Updated'} ${w.path}${saved}.\n${w.message}`,
      );
      return 0;
    }
    case 'print': {
      const config = service.copy(client, 'config', scope);
      console.log(config.text.trimEnd());
      const c = service.list().find((x) => x.id === client)!;
      for (const a of c.actions) console.log(`\n${a.label}:\n  ${service.copy(client, a.kind, scope).text}`);
      console.error(`\n${config.note}`);
      return 0;
    }
    default: {
      const r = await service.disconnect(client);
      console.log(r.message);
      return 0;
    }
  }
}

export async function main(argv: string[]): Promise<number> {
  const cli = readCommandLine(
    COMMAND,
    USAGE,
    argv,
    {
      list: { type: 'boolean' },
      print: { type: 'boolean' },
      write: { type: 'boolean' },
      remove: { type: 'boolean' },
      scope: { type: 'string' },
      force: { type: 'boolean' },
      port: { type: 'string' },
      ...DATA_DIR_FLAGS,
    },
    { positionals: true },
  );
  if (typeof cli === 'number') return cli;
  const { values, positionals } = cli;
  const actions = (['print', 'write', 'remove'] as const).filter((a) => values[a]);
  let scope: Scope;
  try {
    if (actions.length > 1) throw new UsageError('pick one of --print, --write and --remove');
    scope = scopeFlag(values.scope);
    if (!values.list && positionals.length !== 1)
      throw new UsageError('name one client (`wsmcp connect --list` shows them)');
  } catch (err) {
    return usageFailure(COMMAND, err as UsageError);
  }
  const config = dataDirConfigOrExit(COMMAND, values);
  if (typeof config === 'number') return config;

  if (positionals[0] === OPENAPI) return openApi(config, actions[0], scope);

  const [{ openClientTokens }, { createClientsService, ClientsError }, { hostOs }, { headlessLauncher }] =
    await Promise.all([
      import('../store/client-tokens.js'),
      import('../clients/clients-service.js'),
      import('../clients/host-os.js'),
      import('../clients/launcher.js'),
    ]);
  const store = openClientTokens(storeLocation(config).dbFile);
  try {
    const { tokens } = store;
    const service = createClientsService({
      os: hostOs(clientLocations(config)),
      tokens: { create: tokens.create, revoke: tokens.revoke, identify: tokens.verify },
      mcpUrl: `http://127.0.0.1:${config.port}/mcp`,
      launcher: headlessLauncher(process.execPath, fileURLToPath(new URL('../cli.js', import.meta.url))),
    });
    if (values.list) {
      console.log(table(service));
      return 0;
    }
    return await run(service, positionals[0]!, actions[0] ?? 'preview', scope, values.force ?? false);
  } catch (err) {
    if (err instanceof ClientsError)
      return fail(COMMAND, err.message, err.code === 'unknown-client' ? EXIT_USAGE : 1);
    return fail(COMMAND, (err as Error).message);
  } finally {
    store.close();
  }
}
