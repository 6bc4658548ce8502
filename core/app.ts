// The composition root: createApp(config, host) wires the store, tool governance, client tokens, the
// Worksection account, the MCP server and its transports. Nothing else constructs these. start() serves
// HTTP (the headless server and the desktop app); startStdio() serves one client over stdio. stop() closes
// whatever was opened, in reverse order, and is safe to call at any time and more than once.
import { mkdirSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { Hono } from 'hono';
import { connectUpstream, type Upstream } from './app-upstream.js';
import { storeLocation, type Config } from './config.js';
import { lockDataDir } from './data-dir-lock.js';
import { createClientTokens, type ClientTokens } from './mcp/client-tokens.js';
import { createGovernance, type Governance } from './mcp/governance.js';
import { startMcpHttpServer } from './mcp/http.js';
import { createPromptProvider } from './mcp/prompts.js';
import { ALL_TOOLS } from './mcp/registry.js';
import { createResourceProvider } from './mcp/resources.js';
import { createMcpServer, type McpLogEvent, type McpServer } from './mcp/server.js';
import { serveStdio } from './mcp/stdio.js';
import { createToolContextFactory } from './mcp/tool-context-factory.js';
import { unavailableReason, type TokenScope } from './mcp/tool-selection.js';
import { openDatabase } from './store/db.js';
import { createSettingsStore } from './store/settings.js';

export { NotSignedInError } from './app-upstream.js';

/** What the app needs from whoever hosts it (the CLI, later the Electron main process). */
export interface AppHost {
  /** One line for the app's log. Internals (stack traces) go here, never to the model. */
  log(line: string): void;
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

export interface App {
  start(): Promise<AppEndpoints>;
  /** Serves one client over stdio; `closed` settles when the client goes away. */
  startStdio(opts: StdioOptions): Promise<{ closed: Promise<void> }>;
  stop(): Promise<void>;
}

/** The demo token is recreated on every demo start: it is shown only once. */
export const DEMO_TOKEN_NAME = 'demo';

interface Core {
  tokens: ClientTokens;
  mcp: McpServer;
  upstream: Upstream;
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
    const upstream = await connectUpstream(config);
    closers.push(() => upstream.close());
    mkdirSync(store.dir, { recursive: true });
    if (lock) {
      const held = lockDataDir(store.dir);
      closers.push(() => held.release());
    }
    const db = openDatabase(store.dbFile);
    closers.push(() => db.close());
    const governance = withConfigFloor(createGovernance(createSettingsStore(db)), config.governance);
    const contextFor = createToolContextFactory({
      client: upstream.client,
      meEmail: config.account.meEmail ?? upstream.meEmail,
      limits: config.limits,
    });
    const mcp = createMcpServer({
      tools: ALL_TOOLS,
      contextFor,
      governance,
      resources: createResourceProvider(),
      prompts: createPromptProvider(),
      log: (e) => host.log(logLine(e)),
    });
    closers.push(() => mcp.close());
    return { tokens: createClientTokens(db), mcp, upstream };
  }

  const byName = new Map(ALL_TOOLS.map((t) => [t.name, t]));

  return {
    start: () =>
      once(async () => {
        const core = await openCore(true);
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
          routes: uiRoutes(),
          onError: (err) => host.log(`[error] HTTP request failed: ${(err as Error).stack ?? String(err)}`),
        });
        closers.push(() => http.close());
        const endpoints: AppEndpoints = { mcpUrl: http.mcpUrl, uiUrl: `${http.origin}/` };
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
