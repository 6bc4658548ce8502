// The one file through which the desktop host reaches core: the narrow face electron/ needs, and its
// adapter to core. Everything else in electron/ imports this file, never core/ directly, so a change in
// core's layout re-points only the adapter below.
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import {
  createApp,
  DEFAULT_STOP_GRACE_MS,
  NotSignedInError,
  type App,
  type AppHost,
} from '../core/app/app.js';
import type { ControlHost } from '../core/app/host.js';
import type { AccountStatus } from '../core/auth/account-state.js';
import { SECRETS_DIR } from '../core/account/vault.js';
import { checkBridgeUrl, runBridge } from '../core/bridge/bridge.js';
import { CLIENTS } from '../core/clients/specs/index.js';
import { DEFAULT_OAUTH_URL, loadConfig, type Config } from '../core/config.js';
import { clientsServiceOver } from '../core/control/wire/clients-control.js';
import { PortInUseError } from '../core/http/server.js';
import { wrappedKeyBackend, type SecretBackend, type SecretCipher } from '../core/vault/secret-store.js';

export type { Config, SecretBackend, SecretCipher };

/** The settings, parsed once by core (defaults < config.json < WSMCP_* environment). */
export const loadDesktopConfig = (): Config => loadConfig({});

/** Where the vault and the host's sealed key live. */
export const vaultDir = (config: Config): string => join(config.dataDir, SECRETS_DIR);
export { wrappedKeyBackend };

/**
 * Origins the window may hand to the system browser besides the fixed allow-list: the OAuth consent page
 * and the account this app serves (both may be a self-hosted or the built-in sandbox's address).
 */
export function trustedOrigins(config: Config): string[] {
  const origins = new Set<string>();
  for (const url of [config.account.oauthUrl ?? DEFAULT_OAUTH_URL, config.account.url]) {
    if (!url) continue;
    try {
      origins.add(new URL(url).origin);
    } catch {
      // config.ts checked these; an unparsable one is simply not trusted.
    }
  }
  return [...origins];
}

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
  /** The server is starting again on a new sign-in; the window follows it instead of closing. */
  restarting?: boolean;
}

/** What the host gives core: core never imports electron, so these come in as plain functions. */
export interface DesktopHost {
  log(line: string): void;
  /** Electron safeStorage as a vault-key backend, when it really protects the key. */
  secretBackend?: SecretBackend;
  /** Opens a sign-in page in the system browser. */
  openUrl(url: string): Promise<void>;
  /** What the shell adds to the UI: launch at login, its own notices, how clients start the bridge. */
  control?: Omit<ControlHost, 'restart'>;
}

export interface CoreFace {
  snapshot(): CoreSnapshot;
  /** Called on every change of server or account state (never polled). Answers the unsubscribe. */
  subscribe(listener: (snapshot: CoreSnapshot) => void): () => void;
  start(): Promise<void>;
  /** In-flight calls finish within graceMs or are answered with an error; the call log is flushed. */
  stop(graceMs?: number): Promise<void>;
  /** Stops and starts the server (after the app's first sign-in: the served client is built for one). */
  restart(): Promise<void>;
  /** A fresh one-time address of the UI (its code is spent by the first load); never stored or logged. */
  mintUiAddress(): Promise<string>;
  clients(): readonly ClientEntry[];
  /**
   * The claude_desktop_config.json entry for this app (the bridge, with Claude Desktop's own token: the
   * one it already has when it is still valid, else a new one), as text to paste.
   */
  claudeDesktopConfig(): string;
}

export const CLIENT_ENTRIES: readonly ClientEntry[] = CLIENTS.map((c) => ({ id: c.id, name: c.label }));

/** The adapter to core: one App per start, since an App starts once. */
export function openCore(host: DesktopHost, config: Config): CoreFace {
  const listeners = new Set<(s: CoreSnapshot) => void>();
  let state: CoreSnapshot = { server: { kind: 'stopped' }, account: { kind: 'signed_out' } };
  let app: App | undefined;
  let unsubscribeAccount: (() => void) | undefined;

  const publish = (next: Partial<CoreSnapshot>) => {
    state = { ...state, ...next };
    for (const l of [...listeners]) l(state);
  };

  const face: CoreFace = {
    snapshot: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async start() {
      if (app) return;
      // The host can restart, so a data dir never signed in still serves and the window signs it in.
      const appHost: AppHost = { ...host, control: { ...host.control, restart: () => void face.restart() } };
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
    async restart() {
      publish({ restarting: true });
      try {
        await face.stop();
        await face.start();
      } finally {
        publish({ restarting: false });
      }
    },
    mintUiAddress() {
      // `<origin>/open?code=<one-time code>`: the window's load spends the code on a session cookie.
      const url = app?.newUiUrl();
      if (!url) return Promise.reject(new Error('the server is not running'));
      return Promise.resolve(url);
    },
    clients: () => CLIENT_ENTRIES,
    claudeDesktopConfig() {
      const services = app?.services();
      const server = state.server;
      if (!services || server.kind !== 'running') throw new Error('the server is not running');
      const clients = clientsServiceOver({
        config,
        tokens: services.tokens,
        mcpUrl: () => server.mcpUrl,
        launcher: host.control?.bridgeLauncher,
      });
      return clients.copy('claude-desktop', 'config').text;
    },
  };
  return face;
}

export interface RelayOptions {
  /** The app's MCP address from the client's entry (`--url`), else this data dir's port. */
  url: string | undefined;
  config: Config;
  stdin: Readable;
  stdout: Writable;
  log(line: string): void;
  /** Starts the tray app when nothing answers. */
  startApp(): void;
}

/**
 * The stdio bridge a client such as Claude Desktop launches (`<app> --stdio bridge --url …`): it forwards to
 * the running app with the client's token, so every call shares the app's one upstream rate and call log.
 */
export async function relayStdio(opts: RelayOptions): Promise<void> {
  const token = opts.config.bridge.token;
  if (!token) {
    throw new Error(
      'no client token in WSMCP_TOKEN: connect this client again from the app (Clients → Connect, or the tray’s Copy config for Claude Desktop)',
    );
  }
  const url = opts.url ?? `http://127.0.0.1:${opts.config.port}/mcp`;
  const bad = checkBridgeUrl(url);
  if (bad) throw new Error(bad);
  await runBridge({
    url,
    token,
    stdin: opts.stdin,
    stdout: opts.stdout,
    log: opts.log,
    startApp: opts.startApp,
  });
}
