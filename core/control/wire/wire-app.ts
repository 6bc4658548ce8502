// The one place the control API meets today's app: it turns the app's parts (store, governance, tokens,
// call log, caches, account, the HTTP server) into ControlServices and builds the routes. When the app's
// composition changes, only wire/ changes; the routes and the UI do not.
import type { Attention, ServerState } from '../../../shared/api/server.js';
import type { AccountState } from '../../auth/account-state.js';
import { defaultScopes } from '../../auth/settings.js';
import type { SignInKit } from '../../app-upstream.js';
import type { Config } from '../../config.js';
import { ClientTokenError, type ClientTokens } from '../../mcp/client-tokens.js';
import type { Governance } from '../../mcp/governance.js';
import type { McpHttpServer } from '../../mcp/http.js';
import type { McpServer } from '../../mcp/server.js';
import type { CallLog } from '../../store/call-log.js';
import type { Db } from '../../store/db.js';
import type { FileCache } from '../../store/file-cache.js';
import type { ResponseCache } from '../../store/response-cache.js';
import type { SchedulerStats } from '../../worksection/scheduler-stats.js';
import { ControlError } from '../errors.js';
import { createControlRoutes, type ControlRoutes } from '../index.js';
import { codeStore, mintOpenCode, takeOpenCode } from '../open-codes.js';
import type { ControlServices, Listener } from '../services.js';
import { OPEN_PATH } from '../../../shared/api/protocol.js';
import { defaultRendererDir } from '../static.js';
import type { BridgeLauncher } from '../../clients/client-spec.js';
import { createAccountControl } from './account-control.js';
import { createClientsControl } from './clients-control.js';
import { createFigures } from './figures-control.js';
import { createSettingsControl } from './settings-control.js';
import { createToolsControl } from './tools-control.js';

/** What the desktop shell adds (absent headless). */
export interface ControlHost {
  launchAtLogin?: { get(): boolean; set(enabled: boolean): void };
  notices?(): Attention[];
  /** How stdio clients start the bridge: the app's own executable in Node mode. */
  bridgeLauncher?: BridgeLauncher;
}

export interface AppParts {
  config: Config;
  log(line: string): void;
  db: Db;
  tokens: ClientTokens;
  governance: Governance;
  mcp: McpServer;
  callLog: CallLog;
  responseCache: ResponseCache | undefined;
  files: FileCache;
  account: AccountState;
  signIn: SignInKit | undefined;
  scheduler: { stats(): SchedulerStats };
  /** The listening server, once started. */
  http(): McpHttpServer | undefined;
  host?: ControlHost;
  version: string;
  rendererDir?: string;
}

export interface WiredControl {
  routes: ControlRoutes;
  /** A one-time address of the UI, valid for `ttlMs`. */
  openUrl(origin: string, ttlMs: number): string;
  close(): void;
}

export function wireControl(parts: AppParts): WiredControl {
  const { config } = parts;
  const startedAt = new Date().toISOString();
  const serverListeners = new Set<Listener<ServerState>>();
  const figures = createFigures({ ...parts, config });
  const codes = codeStore(parts.db);

  const server = (): ServerState => {
    const http = parts.http();
    return {
      running: http?.serving ?? false,
      mcpUrl: http?.mcpUrl ?? '',
      port: http?.port ?? config.port,
      startedAt,
      demo: config.demo,
      sessions: http?.sessionCount() ?? 0,
    };
  };

  const services: ControlServices = {
    info: { version: parts.version, desktop: parts.host?.launchAtLogin !== undefined, demo: config.demo },
    server: {
      state: server,
      async setRunning(on) {
        const http = parts.http();
        if (!http) throw new ControlError('unavailable', 'The server is still starting.');
        if (http.serving !== on) {
          await http.setServing(on);
          parts.log(`[info] MCP endpoint ${on ? 'started' : 'stopped'} from the app`);
          for (const listener of [...serverListeners]) listener(server());
        }
        return server();
      },
      subscribe(listener) {
        serverListeners.add(listener);
        return () => void serverListeners.delete(listener);
      },
    },
    account: createAccountControl({
      state: parts.account,
      kit: parts.signIn,
      demo: config.demo,
      scopes: () => config.account.scopes ?? defaultScopes(!parts.governance.get().readOnly),
      log: parts.log,
    }),
    tools: createToolsControl({ governance: parts.governance, floor: config.governance, mcp: parts.mcp }),
    tokens: {
      list: () => parts.tokens.list(),
      create(input) {
        try {
          return parts.tokens.create(input.name, input.scope);
        } catch (err) {
          if (err instanceof ClientTokenError) throw new ControlError('bad_request', err.message);
          throw err;
        }
      },
      revoke: (name) => parts.tokens.revoke(name),
    },
    clients: createClientsControl({
      config,
      tokens: parts.tokens,
      mcpUrl: () => parts.http()?.mcpUrl,
      launcher: parts.host?.bridgeLauncher,
      log: parts.log,
    }),
    calls: figures.calls,
    stats: { live: figures.live },
    cache: figures.cache,
    settings: createSettingsControl({
      config,
      upstreamRate: () => figures.live().upstream?.ratePerSecond ?? null,
      launchAtLogin: parts.host?.launchAtLogin,
    }),
    notices: parts.host?.notices,
  };

  const routes = createControlRoutes({
    services,
    port: () => parts.http()?.port ?? config.port,
    takeCode: (code) => takeOpenCode(codes, code),
    rendererDir: parts.rendererDir ?? defaultRendererDir(),
    onError: (err) => parts.log(`[error] control API: ${(err as Error).stack ?? String(err)}`),
  });

  return {
    routes,
    openUrl: (origin, ttlMs) => `${origin}${OPEN_PATH}?code=${mintOpenCode(codes, ttlMs)}`,
    close() {
      routes.close();
      figures.close();
    },
  };
}
