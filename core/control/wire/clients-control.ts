// The Clients panel's service on today's app: core/clients' service over the app's client tokens, this
// machine's client configs (or config's clients.home) and the address the server listens on now (known
// only once listening, so the service is made per request: it is a few closures). The Claude Desktop
// extension is packed once, on first download, with the same packer `npm run bundle:mcpb` uses.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BridgeLauncher } from '../../clients/client-spec.js';
import { ClientsError, createClientsService, type ClientsService } from '../../clients/clients-service.js';
import { hostOs } from '../../clients/host-os.js';
import { headlessLauncher } from '../../clients/launcher.js';
import { openApiConnection } from '../../clients/openapi.js';
import { clientLocations, type Config } from '../../config.js';
import type { ClientTokens } from '../../store/client-tokens.js';
import { ControlError } from '../errors.js';
import type { ClientsControl } from '../services.js';

export interface ClientsControlDeps {
  config: Pick<Config, 'clients' | 'port' | 'openapi'>;
  tokens: ClientTokens;
  /** The MCP endpoint as served now; undefined before the server listens. */
  mcpUrl(): string | undefined;
  /** How stdio clients start the bridge; the desktop shell gives its own executable in Node mode. */
  launcher?: BridgeLauncher;
  log(line: string): void;
}

// The CLI that stdio clients launch with `bridge`: beside this module's folder in the compiled tree
// (dist/core/cli.js), or the bundle's entry when this code runs bundled (dist/bundle/cli.js).
const CLI_SCRIPT =
  ['../../cli.js', '../cli.js', './cli.js']
    .map((rel) => fileURLToPath(new URL(rel, import.meta.url)))
    .find((path) => existsSync(path)) ?? fileURLToPath(new URL('../../cli.js', import.meta.url));

async function packExtension(): Promise<Uint8Array<ArrayBuffer>> {
  // The packer is a build tool: a packaged app may ship without it, and then says what to do instead.
  let packMcpb: (out: string) => Promise<void>;
  try {
    ({ packMcpb } = await import('../../bridge/mcpb/pack.js'));
  } catch (err) {
    throw new ControlError(
      'not-available',
      `This build cannot make the Claude Desktop extension (${(err as Error).message}); use "Copy config for Claude Desktop" instead.`,
    );
  }
  const dir = await mkdtemp(join(tmpdir(), 'wsmcp-extension-'));
  try {
    await packMcpb(join(dir, 'worksection.mcpb'));
    return await readFile(join(dir, 'worksection.mcpb'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The MCP endpoint as served now, or where it will be served. */
const servedMcpUrl = (deps: Pick<ClientsControlDeps, 'config' | 'mcpUrl'>): string =>
  deps.mcpUrl() ?? `http://127.0.0.1:${deps.config.port}/mcp`;

/** The clients service over the app's tokens and the address it serves now (the desktop tray uses it too). */
export function clientsServiceOver(
  deps: Pick<ClientsControlDeps, 'config' | 'tokens' | 'mcpUrl' | 'launcher'>,
): ClientsService {
  return createClientsService({
    os: hostOs(clientLocations(deps.config)),
    tokens: { create: deps.tokens.create, revoke: deps.tokens.revoke, identify: deps.tokens.verify },
    mcpUrl: servedMcpUrl(deps),
    launcher: deps.launcher ?? headlessLauncher(process.execPath, CLI_SCRIPT),
  });
}

export function createClientsControl(deps: ClientsControlDeps): ClientsControl {
  const service = () => clientsServiceOver(deps);
  const refused = (err: unknown): never => {
    if (err instanceof ClientsError) throw new ControlError(err.code, err.message);
    throw err;
  };
  const refusals = <T>(run: () => T): T => {
    try {
      return run();
    } catch (err) {
      return refused(err);
    }
  };
  // A bad client id throws before the promise exists: start inside a promise so both land in refused.
  const refusalsAsync = <T>(run: () => Promise<T>): Promise<T> => Promise.resolve().then(run).catch(refused);
  let extension: Promise<Uint8Array<ArrayBuffer>> | undefined;

  return {
    list: () => service().list(),
    preview: (input) => refusals(() => service().preview(input.client, input.scope, input.force)),
    connect: (input) =>
      refusalsAsync(() =>
        service().connect(input.client, {
          scope: input.scope,
          force: input.force,
          ...(input.baseHash === undefined ? {} : { baseHash: input.baseHash }),
        }),
      ),
    disconnect: (client) => refusalsAsync(() => service().disconnect(client)),
    copy: (input) => refusals(() => service().copy(input.client, input.kind, input.scope)),
    openApi: (scope) =>
      openApiConnection(
        {
          tokens: { create: deps.tokens.create, revoke: deps.tokens.revoke },
          origin: new URL(servedMcpUrl(deps)).origin,
          corsOrigins: deps.config.openapi.corsOrigins,
        },
        scope,
      ),
    extension() {
      extension ??= packExtension().catch((err: unknown) => {
        extension = undefined;
        if (!(err instanceof ControlError)) deps.log(`[error] packing the extension: ${String(err)}`);
        throw err;
      });
      return extension;
    },
  };
}
