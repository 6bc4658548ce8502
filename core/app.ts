// The composition root: createApp(config, host) wires the store, tool governance, client tokens, the
// Worksection account, the MCP server and its transports. Nothing else constructs these. start() serves
// HTTP (the headless server and the desktop app); startStdio() serves one client over stdio. stop() closes
// whatever was opened, in reverse order, and is safe to call at any time and more than once.
import { mkdirSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { openFileCache, publishStatus, recoveredMessage } from './app-store.js';
import { connectUpstream, type Upstream } from './app-upstream.js';
import { storeLocation, type Config } from './config.js';
import { lockDataDir } from './data-dir-lock.js';
import { createClientTokens, type ClientTokens } from './mcp/client-tokens.js';
import { createGovernance, type Governance } from './mcp/governance.js';
import { startMcpHttpServer, type McpHttpServer } from './mcp/http.js';
import { createPromptProvider } from './mcp/prompts.js';
import { ALL_TOOLS } from './mcp/registry.js';
import { createResourceProvider } from './mcp/resources.js';
import { createFileCacheScope } from './mcp/cached-download.js';
import { createResponseCacheScope, longestWindowMs } from './mcp/cached-upstream.js';
import { createMcpServer, type McpLogEvent, type McpServer } from './mcp/server.js';
import { serveStdio } from './mcp/stdio.js';
import { createToolContextFactory } from './mcp/tool-context-factory.js';
import { unavailableReason, type TokenScope } from './mcp/tool-selection.js';
import { createCallLog } from './store/call-log.js';
import { openDatabase } from './store/db.js';
import { createResponseCache } from './store/response-cache.js';
import { createSettingsStore } from './store/settings.js';
import type { SecretBackend } from './vault/secret-store.js';
import type { AccountState, AccountStatus } from './auth/account-state.js';
import { OPEN_CODE_TTL_MS, STARTUP_CODE_TTL_MS } from './control/open-codes.js';
import { wireControl, type AppParts, type ControlHost } from './control/wire/wire-app.js';

export { NotSignedInError } from './app-upstream.js';

/** What the app needs from whoever hosts it (the CLI, later the Electron main process). */
export interface AppHost {
  /** One line for the app's log. Internals (stack traces) go here, never to the model. */
  log(line: string): void;
  /** Where the vault key may live when the OS keychain is unusable (Electron: safeStorage). */
  secretBackend?: SecretBackend;
  /** What the desktop shell adds to the UI (launch at login, its own notices). */
  control?: ControlHost;
}

export interface AppEndpoints {
  mcpUrl: string;
  /** The UI's address with a one-time code that opens a session (valid once, for a day). */
  uiUrl: string;
  /** Demo mode: a ready write token named "demo" and the sandbox it serves. */
  demo?: { token: string; sandboxUrl: string };
}

export interface StdioOptions {
  stdin: Readable;
  stdout: Writable;
  /** The stdio caller launched us, so it is trusted like a write token unless told otherwise. */
  scope: TokenScope;
}

export interface App {
  start(): Promise<AppEndpoints>;
  /** Serves one client over stdio; `closed` settles when the client goes away. */
  startStdio(opts: StdioOptions): Promise<{ closed: Promise<void> }>;
  stop(): Promise<void>;
  /** The account's sign-in state (for status and the UI); undefined until started. */
  account(): AccountState | undefined;
  /** A fresh one-time UI address (the desktop window, `wsmcp open`); undefined until serving. */
  newUiUrl(): string | undefined;
}

/** The app's version, shown in the UI. */
export const APP_VERSION = '0.1.0';

/** The demo token is recreated on every demo start: it is shown only once. */
export const DEMO_TOKEN_NAME = 'demo';

interface Core {
  tokens: ClientTokens;
  mcp: McpServer;
  upstream: Upstream;
  /** What the control API is wired to (control/wire/). */
  parts: Omit<AppParts, 'config' | 'log' | 'http' | 'host' | 'version'>;
  /** Publishes this process's figures for `wsmcp status` (the serving process only). */
  publishStatus(info: { mcpUrl: string; demo: boolean }): void;
}

// Settings from the config file, environment or flags restrict on top of what the user chose in the app:
// WSMCP_READ_ONLY=1 makes the server read-only whatever was saved.
function withConfigFloor(inner: Governance, floor: Config['governance']): Governance {
  const union = <T>(a: T[], b: T[]) => [...new Set([...a, ...b])].sort();
  const get = () => {
    const s = inner.get();
    return {
      readOnly: s.readOnly || floor.readOnly,
      disabledToolsets: union(s.disabledToolsets, floor.disabledToolsets),
      disabledTools: union(s.disabledTools, floor.disabledTools),
    };
  };
  return {
    get,
    update(patch) {
      inner.update(patch);
      return get();
    },
    subscribe: (listener) => inner.subscribe(() => listener(get())),
  };
}

function logLine(e: McpLogEvent): string {
  const who = [e.tool && `tool=${e.tool}`, e.caller && `caller=${e.caller}`].filter(Boolean).join(' ');
  const err = e.err instanceof Error ? (e.err.stack ?? e.err.message) : e.err && String(e.err);
  return `[${e.level}] ${e.msg}${who ? ` (${who})` : ''}${err ? `: ${err}` : ''}`;
}

export function createApp(config: Config, host: AppHost): App {
  const store = storeLocation(config);
  const closers: Array<() => unknown> = [];
  let started: Promise<unknown> | undefined;
  let stopping: Promise<void> | undefined;

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

  async function openCore(lock: boolean): Promise<Core> {
    const upstream = await connectUpstream(config, {
      log: (line) => host.log(line),
      secretBackend: host.secretBackend,
    });
    closers.push(() => upstream.close());
    mkdirSync(store.dir, { recursive: true });
    if (lock) {
      const held = lockDataDir(store.dir);
      closers.push(() => held.release());
    }
    // Only the owner of the data dir sets a damaged store aside: elsewhere it may still be open.
    const db = openDatabase(store.dbFile, lock ? { onRecovered: (e) => host.log(recoveredMessage(e)) } : {});
    closers.push(() => db.close());
    // Closed after the MCP server (closers run in reverse), so the last calls' rows are written.
    const callLog = createCallLog(db, {
      ...config.callLog,
      onError: (err) => host.log(`[error] call log write failed: ${(err as Error).stack ?? String(err)}`),
    });
    closers.push(() => callLog.close());
    // Cached answers belong to the user who fetched them (users see different data): the key names the
    // signed-in user, and a change of user while serving drops the account's held answers.
    const signedInUser = (s: AccountStatus) => (s.kind === 'signed_in' ? s.user?.id : undefined);
    let lastUser = signedInUser(upstream.account.current);
    const base = `${upstream.sandbox?.url ?? config.account.url ?? 'account'}#${upstream.client.mode}`;
    const account = lastUser === undefined ? base : `${base}#${lastUser}`;
    const files = openFileCache(config, store.dir, db, account, (line) => host.log(line));
    closers.push(() => files.close());
    const governance = withConfigFloor(createGovernance(createSettingsStore(db)), config.governance);
    // Worksection answers reused while fresh, per account and sign-in kind (they may see different data).
    const rc = config.responseCache;
    // Held apart from its scope so the status figures can read its hit counts.
    const responseCache = rc.enabled
      ? createResponseCache(db, {
          maxBytes: rc.maxMb * 1_048_576,
          maxAgeMs: longestWindowMs(rc.freshSeconds),
        })
      : undefined;
    const responses = responseCache
      ? createResponseCacheScope({
          cache: responseCache,
          account,
          freshSeconds: rc.freshSeconds,
          onError: (err) => host.log(`[warn] response cache skipped: ${(err as Error).stack ?? String(err)}`),
        })
      : undefined;
    const contextFor = createToolContextFactory({
      client: upstream.client,
      meEmail: config.account.meEmail ?? upstream.meEmail,
      limits: config.limits,
      timeZone: config.timeZone,
      responses,
      files: createFileCacheScope(files.cache, upstream.client),
      recheck: upstream.recheck,
    });
    // What was fetched as one user is not the next user's: held answers, files and "me" go.
    closers.push(
      upstream.account.subscribe((status) => {
        const user = signedInUser(status);
        if (user === lastUser) return;
        lastUser = user;
        responseCache?.clear(account);
        files.cache.clear();
        contextFor.forgetMe();
      }),
    );
    const mcp = createMcpServer({
      tools: ALL_TOOLS,
      contextFor,
      governance,
      resources: createResourceProvider(),
      prompts: createPromptProvider(),
      log: (e) => host.log(logLine(e)),
      observe: (r) => callLog.record({ ...r, client: r.caller }),
    });
    closers.push(() => mcp.close());
    const statusOf = (info: { mcpUrl: string; demo: boolean }) => {
      // Not the call log: `wsmcp status` reads it from the store itself, and its totals cost a scan.
      const sources = { files: files.cache, responses: responseCache, scheduler: upstream.client.scheduler };
      const publisher = publishStatus(db, sources, info, (line) => host.log(line));
      closers.push(() => publisher.stop());
    };
    const tokens = createClientTokens(db);
    const parts = {
      db,
      tokens,
      governance,
      mcp,
      callLog,
      responseCache,
      files: files.cache,
      account: upstream.account,
      signIn: upstream.signIn,
      scheduler: upstream.client.scheduler,
    };
    return { tokens, mcp, upstream, parts, publishStatus: statusOf };
  }

  const byName = new Map(ALL_TOOLS.map((t) => [t.name, t]));
  let accountState: AccountState | undefined;
  let uiUrl: ((ttlMs: number) => string) | undefined;

  return {
    account: () => accountState,
    newUiUrl: () => uiUrl?.(OPEN_CODE_TTL_MS),
    start: () =>
      once(async () => {
        const core = await openCore(true);
        accountState = core.upstream.account;
        // The control API asks for the server it is mounted on, which exists only once listening.
        const live: { http?: McpHttpServer } = {};
        const control = wireControl({
          ...core.parts,
          config,
          log: (line) => host.log(line),
          http: () => live.http,
          host: host.control,
          version: APP_VERSION,
        });
        closers.push(() => control.close());
        const http = await startMcpHttpServer({
          port: config.port,
          tokens: core.tokens,
          connect: (transport, client) =>
            core.mcp.connect(transport, { caller: client.name, scope: client.scope }),
          refused: (name, scope) => {
            const tool = byName.get(name);
            return tool !== undefined && unavailableReason(tool, { tokenScope: scope }) !== undefined;
          },
          maxBodyBytes: config.http.maxBodyBytes,
          maxSessions: config.http.maxSessions,
          routes: control.routes.app,
          onError: (err) => host.log(`[error] HTTP request failed: ${(err as Error).stack ?? String(err)}`),
        });
        live.http = http;
        closers.push(() => http.close());
        uiUrl = (ttlMs) => control.openUrl(http.origin, ttlMs);
        const endpoints: AppEndpoints = { mcpUrl: http.mcpUrl, uiUrl: uiUrl(STARTUP_CODE_TTL_MS) };
        core.publishStatus({ mcpUrl: http.mcpUrl, demo: config.demo });
        const sandbox = core.upstream.sandbox;
        if (sandbox) {
          core.tokens.revoke(DEMO_TOKEN_NAME);
          const { token } = core.tokens.create(DEMO_TOKEN_NAME, 'write');
          endpoints.demo = { token, sandboxUrl: sandbox.url };
        }
        return endpoints;
      }),

    startStdio: (opts) =>
      once(async () => {
        const core = await openCore(false);
        accountState = core.upstream.account;
        const served = await serveStdio(core.mcp, opts);
        closers.push(() => served.close());
        return { closed: served.closed };
      }),

    stop: () =>
      (stopping ??= (async () => {
        await started?.catch(() => undefined);
        await closeAll();
      })()),
  };
}
