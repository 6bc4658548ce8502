// The one place the control API meets the app: it turns the started app's services (app/services.ts, which
// the CLI shares) into ControlServices, the answers shaped as shared/api says, and mounts the routes beside
// /mcp. Whatever a handler needs to decide lives in the services; this file only translates.
import type { ServerState } from '../../../shared/api/server.js';
import type { Config } from '../../config.js';
import type { ControlHost } from '../../app/host.js';
import type { AppServices } from '../../app/services.js';
import type { HttpMount } from '../../http/server.js';
import { ClientTokenError } from '../../store/client-tokens.js';
import { ControlError, errorResponse } from '../errors.js';
import { createControlRoutes } from '../index.js';
import type { ControlServices } from '../services.js';
import { defaultRendererDir } from '../static.js';
import { createAccountControl } from './account-control.js';
import { createFigures } from './figures-control.js';
import { createClientsControl } from './clients-control.js';
import { createSettingsControl } from './settings-control.js';
import { createToolsControl } from './tools-control.js';
import { createChangesControl } from './changes-control.js';

export interface ControlMountOptions {
  config: Config;
  log(line: string): void;
  /** What the desktop shell adds (absent headless). */
  host?: ControlHost;
  version: string;
  /** The built renderer; found beside the code when absent. */
  rendererDir?: string;
}

/** The UI's pages, /open and /api as a sub-app at /, answering the guard's refusals as {code, message}. */
export function controlMount(app: AppServices, opts: ControlMountOptions): HttpMount {
  const { config } = opts;
  const startedAt = new Date().toISOString();
  const figures = createFigures({ config, app });

  const server = (): ServerState => {
    const s = app.server.state();
    return {
      running: s.running,
      mcpUrl: s.mcpUrl ?? '',
      port: s.port ?? config.port,
      startedAt,
      demo: config.demo,
      sessions: s.sessions,
    };
  };

  const services: ControlServices = {
    info: { version: opts.version, desktop: opts.host?.launchAtLogin !== undefined, demo: config.demo },
    server: {
      state: server,
      async setRunning(on) {
        await app.server.setRunning(on);
        return server();
      },
      subscribe: (listener) => app.server.subscribe(() => listener(server())),
    },
    account: createAccountControl({ account: app.account }),
    tools: createToolsControl(app.toolSettings),
    changes: createChangesControl(app.changes),
    tokens: {
      list: () => app.tokens.list(),
      create(input) {
        try {
          return app.tokens.create(input.name, input.scope);
        } catch (err) {
          if (err instanceof ClientTokenError) throw new ControlError('bad_request', err.message);
          throw err;
        }
      },
      revoke: (name) => app.tokens.revoke(name),
    },
    calls: figures.calls,
    stats: { live: figures.live },
    cache: figures.cache,
    settings: createSettingsControl({
      config,
      file: app.configFile,
      upstreamRate: () => app.upstream().ratePerSecond,
      launchAtLogin: opts.host?.launchAtLogin,
    }),
    notices: opts.host?.notices,
    clients: createClientsControl({
      config,
      tokens: app.tokens,
      mcpUrl: () => app.server.state().mcpUrl,
      launcher: opts.host?.bridgeLauncher,
      log: opts.log,
    }),
  };

  const routes = createControlRoutes({
    services,
    port: () => app.server.state().port ?? config.port,
    takeCode: (code) => app.uiCodes.take(code),
    rendererDir: opts.rendererDir ?? defaultRendererDir(),
    onError: (err) => opts.log(`[error] control API: ${(err as Error).stack ?? String(err)}`),
  });

  return {
    path: '/',
    app: routes.app,
    refusal: (status, message) => errorResponse(status === 421 ? 'misdirected' : 'forbidden', message),
    close: () => {
      routes.close();
      figures.close();
      return Promise.resolve();
    },
  };
}
