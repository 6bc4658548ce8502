// The composition root: createApp(config, host) wires the store, tool governance, client tokens, the
// Worksection account, the MCP server and its transports. Nothing else constructs these. start() serves
// HTTP (the headless server and the desktop app); startStdio() serves one client over stdio. stop() closes
// whatever was opened, in reverse order, and is safe to call at any time and more than once; it first lets
// the calls in flight finish (in-flight.ts), so quitting never cuts a call off without an answer.
import type { Readable, Writable } from 'node:stream';
import { Hono } from 'hono';
import { openFileCache, publishStatus, recoveredMessage } from './app-store.js';
import { connectUpstream, type Upstream } from './app-upstream.js';
import { storeLocation, type Config } from './config.js';
import { ensurePrivateDir } from './store/private-paths.js';
import { redactText } from './store/redaction.js';
import { lockDataDir } from './data-dir-lock.js';
import { createInFlight, type InFlight } from './in-flight.js';
import { createClientTokens, type ClientTokens } from './mcp/client-tokens.js';
import { createGovernance, type Governance } from './mcp/governance.js';
import { startMcpHttpServer } from './mcp/http.js';
import { createPromptProvider } from './mcp/prompts.js';
import { ALL_TOOLS } from './mcp/registry.js';
import { createResourceProvider } from './mcp/resources.js';
import { createFileCacheScope } from './mcp/cached-download.js';
import { createResponseCacheScope, longestWindowMs } from './mcp/cached-upstream.js';
import { createMcpServer, type McpLogEvent, type McpServer } from './mcp/server.js';
import { isOpenApiPath, openApiRoutes } from './mcp/transports/openapi/routes.js';
import { serveStdio } from './mcp/stdio.js';
import { createToolContextFactory } from './mcp/tool-context-factory.js';
import { unavailableReason, type TokenScope } from './mcp/tool-selection.js';
import { createCallLog } from './store/call-log.js';
import { openDatabase } from './store/db.js';
import { createResponseCache } from './store/response-cache.js';
import { createSettingsStore } from './store/settings.js';
import type { SecretBackend } from './vault/secret-store.js';
import type { AccountState, AccountStatus } from './auth/account-state.js';

export { NotSignedInError } from './app-upstream.js';

/** What the app needs from whoever hosts it (the CLI, later the Electron main process). */
export interface AppHost {
  /** One line for the app's log. Internals (stack traces) go here, never to the model. */
  log(line: string): void;
  /** Where the vault key may live when the OS keychain is unusable (Electron: safeStorage). */
  secretBackend?: SecretBackend;
}

export interface AppEndpoints {
  mcpUrl: string;
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

export interface StopOptions {
  /** How long calls in flight may take to finish before they are answered with an error. Default 5 s. */
  graceMs?: number;
}

export const DEFAULT_STOP_GRACE_MS = 5_000;

export interface App {
  start(): Promise<AppEndpoints>;
  /** Serves one client over stdio; `closed` settles when the client goes away. */
  startStdio(opts: StdioOptions): Promise<{ closed: Promise<void> }>;
  /** Refuses new calls, lets those in flight finish (or answers them with an error), then closes all. */
  stop(opts?: StopOptions): Promise<void>;
  /** The account's sign-in state (for status and the UI); undefined until started. */
  account(): AccountState | undefined;
}

/** The requests the call log keeps a row for (the list methods are static and not logged). */
const LOGGED_METHODS = new Set(['tools/call', 'openapi', 'resources/read', 'prompts/get']);

/** The demo token is recreated on every demo start: it is shown only once. */
export const DEMO_TOKEN_NAME = 'demo';

interface Core {
  tokens: ClientTokens;
  mcp: McpServer;
  inFlight: InFlight;
  upstream: Upstream;
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

// Until the UI issue: a page saying the server runs and where, with nothing secret on it.
function uiRoutes(): Hono {
  const ui = new Hono();
  ui.get('/', (c) => {
    const mcpUrl = `${new URL(c.req.url).origin}/mcp`;
    return c.html(`<!doctype html><meta charset="utf-8"><title>Worksection MCP</title>
<h1>Worksection MCP is running</h1>
<p>MCP endpoint: <code>${mcpUrl}</code>. Clients need a token: <code>wsmcp token create --name NAME</code>.</p>
<p>The app's window arrives in a later version.</p>`);
  });
  return ui;
}

// The OpenAPI routes (/openapi.json, /tools/<name>, /docs) and the page at /.
function appRoutes(openapi: Hono): Hono {
  const routes = new Hono();
  routes.route('/', openapi);
  routes.route('/', uiRoutes());
  return routes;
}

export function createApp(config: Config, given: AppHost): App {
  // Every line the app prints goes through redaction: an error can quote a URL or a token.
  const host: AppHost = { ...given, log: (line) => given.log(redactText(line)) };
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
    ensurePrivateDir(store.dir);
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
    // Requests that got no real answer because the app stopped still get their row.
    const inFlight = createInFlight((r) => {
      const p = (r.params ?? {}) as { name?: unknown; uri?: unknown; arguments?: unknown };
      const target = typeof p.name === 'string' ? p.name : typeof p.uri === 'string' ? p.uri : undefined;
      if (!LOGGED_METHODS.has(r.method)) return;
      callLog.record({
        time: r.time,
        client: r.caller,
        method: r.method,
        target,
        args: p.arguments,
        status: 'protocol_error',
        error: r.error,
        durationMs: Date.now() - r.time,
      });
    });
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
      // After a drain the abandoned calls have their rows; a late finish would add a contradicting one.
      observe: (r) => inFlight.settled || callLog.record({ ...r, client: r.caller }),
    });
    closers.push(() => mcp.close());
    const statusOf = (info: { mcpUrl: string; demo: boolean }) => {
      // Not the call log: `wsmcp status` reads it from the store itself, and its totals cost a scan.
      const sources = { files: files.cache, responses: responseCache, scheduler: upstream.client.scheduler };
      const publisher = publishStatus(db, sources, info, (line) => host.log(line));
      closers.push(() => publisher.stop());
    };
    return { tokens: createClientTokens(db), mcp, inFlight, upstream, publishStatus: statusOf };
  }

  const byName = new Map(ALL_TOOLS.map((t) => [t.name, t]));
  let accountState: AccountState | undefined;
  let inFlight: InFlight | undefined;

  return {
    account: () => accountState,
    start: () =>
      once(async () => {
        const core = await openCore(true);
        accountState = core.upstream.account;
        inFlight = core.inFlight;
        const http = await startMcpHttpServer({
          port: config.port,
          tokens: core.tokens,
          connect: (transport, client) =>
            core.mcp.connect(core.inFlight.track(transport, client.name), {
              caller: client.name,
              scope: client.scope,
            }),
          refused: (name, scope) => {
            const tool = byName.get(name);
            return tool !== undefined && unavailableReason(tool, { tokenScope: scope }) !== undefined;
          },
          maxBodyBytes: config.http.maxBodyBytes,
          maxSessions: config.http.maxSessions,
          routes: appRoutes(
            openApiRoutes({
              mcp: core.mcp,
              tokens: core.tokens,
              maxBodyBytes: config.http.maxBodyBytes,
              corsOrigins: config.openapi.corsOrigins,
              inFlight: core.inFlight,
            }),
          ),
          allowOrigin: (path, origin) => isOpenApiPath(path) && config.openapi.corsOrigins.includes(origin),
          onError: (err) => host.log(`[error] HTTP request failed: ${(err as Error).stack ?? String(err)}`),
        });
        closers.push(() => http.close());
        const endpoints: AppEndpoints = { mcpUrl: http.mcpUrl, uiUrl: `${http.origin}/` };
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
        inFlight = core.inFlight;
        const served = await serveStdio(
          { connect: (t, info) => core.mcp.connect(core.inFlight.track(t, info?.caller ?? 'stdio'), info) },
          opts,
        );
        closers.push(() => served.close());
        return { closed: served.closed };
      }),

    stop: (opts = {}) =>
      (stopping ??= (async () => {
        await started?.catch(() => undefined);
        await inFlight?.drain(opts.graceMs ?? DEFAULT_STOP_GRACE_MS);
        await closeAll();
      })()),
  };
}
