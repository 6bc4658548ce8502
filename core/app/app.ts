// The composition root: createApp(config, host) opens the app's parts (core.ts) and serves them. start()
// serves HTTP (the headless server and the desktop app) on the one loopback port: /mcp, the OpenAPI
// routes (/openapi.json, /tools/<name>, /docs), and beside them the UI's pages and its control API
// (control/), plus any further `mounts`; startStdio() serves one client over stdio. Both
// make `services()` available: what the CLI, the control API and the desktop shell share. stop() closes
// whatever was opened, in reverse order, and is safe to call at any time and more than once; it first lets
// the calls in flight finish (in-flight.ts), so quitting never cuts a call off without an answer.
import type { Readable, Writable } from 'node:stream';
import type { AccountState } from '../auth/account-state.js';
import type { Config } from '../config.js';
import { startHttpServer, type HttpMount } from '../http/server.js';
import { OPEN_PATH } from '../../shared/api/protocol.js';
import { controlMount } from '../control/wire/wire-app.js';
import { refusedByScope } from '../mcp/transports/http-guards.js';
import { mcpHttpMount } from '../mcp/transports/http.js';
import { openApiMounts } from '../mcp/transports/openapi/routes.js';
import { serveStdio } from '../mcp/transports/stdio.js';
import type { TokenScope } from '../store/client-tokens.js';
import { redactText } from '../store/redaction.js';
import { OPEN_CODE_TTL_MS, STARTUP_CODE_TTL_MS } from '../store/ui-open-codes.js';
import { openCore, type Closers, type Core } from './core.js';
import type { AppHost } from './host.js';
import { createServerState } from './server-state.js';
import { createServices, type AppServices } from './services.js';

export { NotSignedInError } from '../account/connect.js';
export type { AppHost } from './host.js';

export interface AppEndpoints {
  mcpUrl: string;
  /** The UI's address with a one-time code that opens a session (valid once, for a day). */
  uiUrl: string;
  /** Demo mode: a ready write token named "demo" and the sandbox it serves. */
  demo?: { token: string; sandboxUrl: string };
}

interface StartOptions {
  /** Further sub-apps served beside /mcp and the UI, behind the same Host/Origin guard. */
  mounts?: (services: AppServices) => HttpMount[];
}

interface StdioOptions {
  stdin: Readable;
  stdout: Writable;
  /** The stdio caller launched us, so it is trusted like a write token unless told otherwise. */
  scope: TokenScope;
}

interface StopOptions {
  /** How long calls in flight may take to finish before they are answered with an error. Default 5 s. */
  graceMs?: number;
}

export const DEFAULT_STOP_GRACE_MS = 5_000;

export interface App {
  start(opts?: StartOptions): Promise<AppEndpoints>;
  /** Serves one client over stdio; `closed` settles when the client goes away. */
  startStdio(opts: StdioOptions): Promise<{ closed: Promise<void> }>;
  /** Refuses new calls, lets those in flight finish (or answers them with an error), then closes all. */
  stop(opts?: StopOptions): Promise<void>;
  /** The started app's services; undefined until start() or startStdio() has opened them. */
  services(): AppServices | undefined;
  /** The account's sign-in state; undefined until started. */
  account(): AccountState | undefined;
  /** A fresh one-time UI address (the desktop window, `wsmcp open`); undefined until serving HTTP. */
  newUiUrl(): string | undefined;
}

/** The app's version, shown in the UI. */
export const APP_VERSION = '0.1.0';

/** The demo token is recreated on every demo start: it is shown only once. */
const DEMO_TOKEN_NAME = 'demo';

export function createApp(config: Config, given: AppHost): App {
  // Every line the app prints goes through redaction: an error can quote a URL or a token.
  const host: AppHost = { ...given, log: (line) => given.log(redactText(line)) };
  const closers: Closers = [];
  let started: Promise<unknown> | undefined;
  let stopping: Promise<void> | undefined;
  let core: Core | undefined;
  let services: AppServices | undefined;
  let uiOrigin: string | undefined;
  const server = createServerState((line) => host.log(line));
  const uiUrl = (ttlMs: number): string | undefined =>
    uiOrigin && services && `${uiOrigin}${OPEN_PATH}?code=${services.uiCodes.mint(ttlMs)}`;

  async function closeAll(): Promise<void> {
    let first: unknown;
    for (const close of closers.splice(0).reverse()) {
      try {
        await close();
      } catch (err) {
        first ??= err;
        host.log(`[error] while stopping: ${(err as Error).stack ?? String(err)}`);
      }
    }
    if (first !== undefined) throw first;
  }

  // One start per app; a failed start closes what it opened before the error reaches the caller.
  function once<T>(fn: () => Promise<T>): Promise<T> {
    if (started || stopping) return Promise.reject(new Error('this app was already started or stopped'));
    const run = fn().catch(async (err: unknown) => {
      await closeAll().catch(() => undefined);
      throw err;
    });
    started = run;
    return run;
  }

  async function open(lock: boolean): Promise<Core> {
    const opened = await openCore(config, host, closers, lock);
    core = opened;
    services = createServices(config, host, opened, server.service);
    return opened;
  }

  return {
    services: () => services,
    account: () => core?.upstream.account,
    newUiUrl: () => uiUrl(OPEN_CODE_TTL_MS),
    start: (opts = {}) =>
      once(async () => {
        const c = await open(true);
        const mcp = mcpHttpMount({
          tokens: c.tokens,
          connect: (transport, client) =>
            c.mcp.connect(c.inFlight.track(transport, client.name), {
              caller: client.name,
              scope: client.scope,
            }),
          refused: refusedByScope(c.mcp),
          maxBodyBytes: config.http.maxBodyBytes,
          maxSessions: config.http.maxSessions,
          onError: (err) => host.log(`[error] HTTP request failed: ${(err as Error).stack ?? String(err)}`),
        });
        const started = services as AppServices;
        // Every tool as an OpenAPI endpoint too, on the same port and under the same rules.
        const openapi = openApiMounts({
          mcp: c.mcp,
          tokens: c.tokens,
          maxBodyBytes: config.http.maxBodyBytes,
          corsOrigins: config.openapi.corsOrigins,
          inFlight: c.inFlight,
        });
        const ui = controlMount(started, {
          config,
          log: (line) => host.log(line),
          host: host.control,
          version: APP_VERSION,
        });
        const http = await startHttpServer({
          port: config.port,
          mounts: [mcp, ...openapi, ui, ...(opts.mounts?.(started) ?? [])],
          connections: { maxConnections: config.http.maxConnections },
          onError: (err) => host.log(`[error] HTTP request failed: ${(err as Error).stack ?? String(err)}`),
        });
        closers.push(() => http.close());
        const mcpUrl = `${http.origin}${mcp.path}`;
        server.served(mcp, mcpUrl);
        uiOrigin = http.origin;
        closers.push(() => {
          uiOrigin = undefined;
          server.closed();
        });
        const endpoints: AppEndpoints = {
          mcpUrl,
          uiUrl: `${http.origin}${OPEN_PATH}?code=${started.uiCodes.mint(STARTUP_CODE_TTL_MS)}`,
        };
        c.publishStatus({ mcpUrl, demo: config.demo });
        const sandbox = c.upstream.sandbox;
        if (sandbox) {
          c.tokens.revoke(DEMO_TOKEN_NAME);
          const { token } = c.tokens.create(DEMO_TOKEN_NAME, 'write');
          endpoints.demo = { token, sandboxUrl: sandbox.url };
        }
        return endpoints;
      }),

    startStdio: (opts) =>
      once(async () => {
        const c = await open(false);
        const served = await serveStdio(
          { connect: (t, info) => c.mcp.connect(c.inFlight.track(t, info?.caller ?? 'stdio'), info) },
          { onDropped: (what) => host.log(`[warn] stdio: ${what}`), ...opts },
        );
        closers.push(() => served.close());
        return { closed: served.closed };
      }),

    stop: (opts = {}) =>
      (stopping ??= (async () => {
        await started?.catch(() => undefined);
        await core?.inFlight.drain(opts.graceMs ?? DEFAULT_STOP_GRACE_MS);
        await closeAll();
      })()),
  };
}
