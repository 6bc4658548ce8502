// The parts of a started app, wired once: the Worksection account, the data dir's lock and store, the call
// log, the caches in front of Worksection, the tool settings and the MCP server. app.ts decides when they
// open and close; services.ts offers them to the CLI, the control API and the desktop shell.
import { connectAccount, type ConnectedAccount } from '../account/connect.js';
import type { AccountStatus } from '../auth/account-state.js';
import type { Config } from '../config.js';
import { lockDataDir } from '../data-dir/lock.js';
import { storeLocation } from '../data-dir/paths.js';
import { ALL_TOOLS } from '../mcp/inventory/registry.js';
import {
  createToolSettings,
  withConfigLocks,
  type LockedToolSettingsState,
} from '../mcp/inventory/tool-settings.js';
import { createPromptProvider } from '../mcp/prompts.js';
import { createResourceProvider } from '../mcp/resources/index.js';
import { createMcpServer, type McpLogEvent, type McpServer } from '../mcp/server/server.js';
import { createToolContextFactory } from '../mcp/tools/kit/context-factory.js';
import { createWriteGuard } from '../mcp/server/write-guard.js';
import { createChangeJournal } from '../store/change-journal.js';
import { createCallLog, type CallLog } from '../store/call-log.js';
import { markInterruptedWrites } from '../store/interrupted-writes.js';
import { createClientTokens, type ClientTokens } from '../store/client-tokens.js';
import { openDatabase } from '../store/db.js';
import type { FileCache } from '../store/file-cache.js';
import { createResponseCache, type ResponseCacheStats } from '../store/response-cache.js';
import { ensurePrivateDir } from '../store/private-paths.js';
import { createSettingsStore } from '../store/settings.js';
import { codeStore, type CodeStore } from '../store/ui-open-codes.js';
import { createFileCacheScope } from '../upstream/cached-downloads.js';
import { createResponseCacheScope, longestWindowMs } from '../upstream/cached-responses.js';
import type { AppHost } from './host.js';
import { openMirror, type AppMirror } from './mirror.js';
import { createInFlight, type InFlight } from './in-flight.js';
import { openFileCache, publishStatus, recoveredMessage } from './store.js';

// The requests the call log keeps a row for ('openapi' is a tool call over REST). The list methods are
// static and not logged.
const LOGGED_METHODS = new Set(['tools/call', 'openapi', 'resources/read', 'prompts/get']);

/** What stop() closes, in reverse order. */
export type Closers = Array<() => unknown>;

export interface Core {
  tokens: ClientTokens;
  mcp: McpServer;
  /** The calls being answered: stop() lets them finish (or answers them) before closing. */
  inFlight: InFlight;
  upstream: ConnectedAccount;
  toolSettings: LockedToolSettingsState;
  callLog: CallLog;
  /** The account's cached answers; absent when the response cache is off. */
  responseCache?: { stats(): ResponseCacheStats; clear(): void };
  files: FileCache;
  /** Where the UI's one-time codes live (the store, so `wsmcp open` in another process can add one). */
  codes: CodeStore;
  /** The account's local mirror; absent when switched off. */
  mirror?: AppMirror;
  /** Publishes this process's figures for `wsmcp status` (the serving process only). */
  publishStatus(info: { mcpUrl: string; demo: boolean }): void;
}

function logLine(e: McpLogEvent): string {
  const who = [e.tool && `tool=${e.tool}`, e.caller && `caller=${e.caller}`].filter(Boolean).join(' ');
  const err = e.err instanceof Error ? (e.err.stack ?? e.err.message) : e.err && String(e.err);
  return `[${e.level}] ${e.msg}${who ? ` (${who})` : ''}${err ? `: ${err}` : ''}`;
}

export async function openCore(
  config: Config,
  host: AppHost,
  closers: Closers,
  lock: boolean,
): Promise<Core> {
  const store = storeLocation(config);
  const upstream = await connectAccount(config, {
    log: (line) => host.log(line),
    secretBackend: host.secretBackend,
    startSignedOut: host.control?.restart !== undefined,
  });
  closers.push(() => upstream.close());
  ensurePrivateDir(store.dir);
  if (lock) {
    const cached = lockDataDir(store.dir);
    closers.push(() => cached.release());
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
  // signed-in user, and a change of user while serving drops the account's cached answers.
  const signedInUser = (s: AccountStatus) => (s.kind === 'signed_in' ? s.user?.id : undefined);
  let lastUser = signedInUser(upstream.account.current);
  const base = `${upstream.sandbox?.url ?? config.account.url ?? 'account'}#${upstream.client.mode}`;
  const account = lastUser === undefined ? base : `${base}#${lastUser}`;
  const files = openFileCache(config, store.dir, db, account, (line) => host.log(line));
  closers.push(() => files.close());
  const toolSettings = withConfigLocks(createToolSettings(createSettingsStore(db)), config.toolSettings);
  // Worksection answers reused while fresh, per account and sign-in kind (they may see different data).
  const rc = config.responseCache;
  // Cached apart from its scope so the status figures can read its hit counts.
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
        timeZone: config.timeZone,
        onError: (err) => host.log(`[warn] response cache skipped: ${(err as Error).stack ?? String(err)}`),
        // A read whose held answers only need a poll's word asks the mirror for one at once.
        confirmNow: () => mirror?.mirror.pollNow() ?? Promise.resolve('none' as const),
        // A small account's task reads are sent as its whole task list (cached-responses.ts).
        accountTasks: () => mirror?.mirror.accountTasks(),
        // A day's activity is asked as the week's only once the zone it is cut in is known right.
        zoneRight: () => mirror?.mirror.zoneRight() ?? false,
      })
    : undefined;
  const mirror = openMirror(
    config,
    db,
    upstream.client,
    account,
    (line) => host.log(line),
    responses,
    // The call log is shared by every process on the data dir: a stdio server's calls count as use too.
    () => callLog.lastCallAt(),
  );
  if (mirror) closers.push(() => mirror.close());
  const contextFor = createToolContextFactory({
    client: upstream.client,
    meEmail: config.account.meEmail ?? upstream.meEmail,
    limits: config.limits,
    timeZone: config.timeZone,
    responses,
    files: createFileCacheScope(files.cache, upstream.client),
    recheck: upstream.recheck,
    ...(mirror ? { mirror: mirror.mirror } : {}),
  });
  // What was fetched as one user is not the next user's: cached answers, files and "me" go.
  closers.push(
    upstream.account.subscribe((status) => {
      const user = signedInUser(status);
      if (user === lastUser) return;
      lastUser = user;
      responseCache?.clear(account);
      responses?.forget();
      mirror?.mirror.reset();
      files.cache.clear();
      contextFor.forgetMe();
    }),
  );
  // Rows a previous process left pending: their writes may have reached Worksection, and nobody knows.
  const journal = createChangeJournal(db);
  const interrupted = markInterruptedWrites(journal, callLog, Date.now());
  if (interrupted.length > 0) {
    host.log(
      `[warn] ${interrupted.length} write(s) were in flight when the app stopped; marked unknown in the change journal and the call log`,
    );
  }
  const writes = createWriteGuard({
    journal,
    policy: () => toolSettings.get().writePolicy,
    duplicateWindowMs: config.writes.duplicateWindowSeconds * 1000,
  });
  const mcp = createMcpServer({
    tools: ALL_TOOLS,
    writes,
    contextFor,
    toolSettings,
    resources: createResourceProvider(),
    prompts: createPromptProvider(),
    log: (e) => host.log(logLine(e)),
    // After a drain the abandoned calls have their rows; a late finish would add a contradicting one.
    observe: (r) => inFlight.settled || callLog.record({ ...r, client: r.caller }),
  });
  closers.push(() => mcp.close());
  const statusOf = (info: { mcpUrl: string; demo: boolean }) => {
    // Not the call log: `wsmcp status` reads it from the store itself, and its totals cost a scan.
    const sources = {
      files: files.cache,
      responses: responseCache,
      scheduler: upstream.client.scheduler,
      mirror,
    };
    // The serving process owns the data dir: it alone syncs the mirror.
    mirror?.startSync(upstream.account);
    const publisher = publishStatus(db, sources, info, (line) => host.log(line));
    closers.push(() => publisher.stop());
  };
  return {
    tokens: createClientTokens(db),
    mcp,
    inFlight,
    upstream,
    toolSettings,
    callLog,
    responseCache: responseCache && {
      stats: () => responseCache.stats(),
      clear: () => responseCache.clear(account),
    },
    files: files.cache,
    ...(mirror ? { mirror } : {}),
    codes: codeStore(db),
    publishStatus: statusOf,
  };
}
