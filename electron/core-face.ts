// The one file through which the desktop host reaches core: the narrow face electron/ needs, and its
// adapter to today's core. Everything else in electron/ imports this file, never core/ directly, so when
// core's layout changes (app/ createApp returning AppServices, a one-time UI address, core/clients) only
// the adapter below is re-pointed.
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import {
  createApp,
  DEFAULT_STOP_GRACE_MS,
  NotSignedInError,
  type App,
  type AppHost,
} from '../core/app/app.js';
import type { AccountStatus } from '../core/auth/account-state.js';
import { SECRETS_DIR } from '../core/account/vault.js';
import { loadConfig, type Config } from '../core/config.js';
import { PortInUseError } from '../core/http/server.js';
import { wrappedKeyBackend, type SecretBackend, type SecretCipher } from '../core/vault/secret-store.js';

export type { Config, SecretBackend, SecretCipher };

/** The settings, parsed once by core (defaults < config.json < WSMCP_* environment). */
export const loadDesktopConfig = (): Config => loadConfig({});

/** Where the vault and the host's sealed key live. */
export const vaultDir = (config: Config): string => join(config.dataDir, SECRETS_DIR);
export { wrappedKeyBackend };

/** The MCP server as the tray shows it. */
type ServerState =
  | { kind: 'starting' }
  | { kind: 'running'; mcpUrl: string; uiUrl: string }
  | { kind: 'stopping' }
  | { kind: 'stopped' }
  | { kind: 'port_taken'; port: number }
  | { kind: 'failed'; message: string };

/** An MCP client the app can connect (core/clients lists them). */
export interface ClientEntry {
  id: string;
  name: string;
}

export interface CoreSnapshot {
  server: ServerState;
  account: AccountStatus;
}

/** What the host gives core: core never imports electron, so these come in as plain functions. */
export interface DesktopHost {
  log(line: string): void;
  /** Electron safeStorage as a vault-key backend, when it really protects the key. */
  secretBackend?: SecretBackend;
  /** Opens a sign-in page in the system browser. */
  openUrl(url: string): Promise<void>;
}

export interface CoreFace {
  snapshot(): CoreSnapshot;
  /** Called on every change of server or account state (never polled). Answers the unsubscribe. */
  subscribe(listener: (snapshot: CoreSnapshot) => void): () => void;
  start(): Promise<void>;
  /** In-flight calls finish within graceMs or are answered with an error; the call log is flushed. */
  stop(graceMs?: number): Promise<void>;
  /** A fresh one-time address of the UI (its code is spent by the first load); never stored or logged. */
  mintUiAddress(): Promise<string>;
  clients(): readonly ClientEntry[];
  /** The text for claude_desktop_config.json: a stdio entry that runs `command` with `args` (the bridge). */
  claudeDesktopConfig(bridge: { command: string; args: string[] }): string;
  /** Serves one MCP client over stdio in this process (the bridge); settles when the client goes away. */
  serveStdio(stdin: Readable, stdout: Writable): Promise<void>;
}

// Until core/clients lands: the clients the README documents.
const KNOWN_CLIENTS: readonly ClientEntry[] = [
  { id: 'claude-desktop', name: 'Claude Desktop' },
  { id: 'claude-code', name: 'Claude Code' },
  { id: 'cursor', name: 'Cursor' },
  { id: 'vscode', name: 'VS Code' },
  { id: 'windsurf', name: 'Windsurf' },
];

/** The adapter to today's core: one App per start, since an App starts once. */
export function openCore(host: DesktopHost, config: Config): CoreFace {
  const appHost: AppHost & Pick<DesktopHost, 'openUrl'> = host;
  const listeners = new Set<(s: CoreSnapshot) => void>();
  let state: CoreSnapshot = { server: { kind: 'stopped' }, account: { kind: 'signed_out' } };
  let app: App | undefined;
  let unsubscribeAccount: (() => void) | undefined;

  const publish = (next: Partial<CoreSnapshot>) => {
    state = { ...state, ...next };
    for (const l of [...listeners]) l(state);
  };

  return {
    snapshot: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async start() {
      if (app) return;
      const current = createApp(config, appHost);
      app = current;
      publish({ server: { kind: 'starting' } });
      try {
        const endpoints = await current.start();
        const account = current.account();
        unsubscribeAccount = account?.subscribe((status) => publish({ account: status }));
        publish({
          server: { kind: 'running', mcpUrl: endpoints.mcpUrl, uiUrl: endpoints.uiUrl },
          account: account?.current ?? state.account,
        });
      } catch (err) {
        app = undefined;
        await current.stop({ graceMs: 0 }).catch(() => undefined);
        host.log(`[error] the server did not start: ${(err as Error).stack ?? String(err)}`);
        // Not signed in is not a failure: the tray offers "Sign in" and starts again after it.
        if (err instanceof NotSignedInError)
          publish({ server: { kind: 'stopped' }, account: { kind: 'signed_out' } });
        else if (err instanceof PortInUseError) publish({ server: { kind: 'port_taken', port: err.port } });
        else publish({ server: { kind: 'failed', message: (err as Error).message } });
      }
    },
    async stop(graceMs = DEFAULT_STOP_GRACE_MS) {
      const current = app;
      if (!current) return;
      app = undefined;
      publish({ server: { kind: 'stopping' } });
      unsubscribeAccount?.();
      try {
        await current.stop({ graceMs });
      } finally {
        publish({ server: { kind: 'stopped' } });
      }
    },
    mintUiAddress() {
      // `<origin>/open?code=<one-time code>`: the window's load spends the code on a session cookie.
      const url = app?.newUiUrl();
      if (!url) return Promise.reject(new Error('the server is not running'));
      return Promise.resolve(url);
    },
    clients: () => KNOWN_CLIENTS,
    claudeDesktopConfig: (bridge) =>
      JSON.stringify(
        { mcpServers: { worksection: { command: bridge.command, args: bridge.args } } },
        null,
        2,
      ),
    async serveStdio(stdin, stdout) {
      const bridge = createApp(config, appHost);
      try {
        const { closed } = await bridge.startStdio({ stdin, stdout, scope: 'write' });
        await closed;
      } finally {
        await bridge.stop();
      }
    },
  };
}
