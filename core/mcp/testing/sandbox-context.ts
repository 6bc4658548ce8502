// Tests of tools: a real sandbox upstream, a real client in either auth mode, and a ToolContext factory
// over them (with a response cache in an in-memory store when asked). The in-process MCP server harness
// (harness.ts) builds on this.
import { createResponseCacheScope, longestWindowMs } from '../../upstream/cached-responses.js';
import type { FreshSeconds } from '../../upstream/cache-policy.js';
import { openDatabase } from '../../store/db.js';
import { syncUntilIdle, testMirror } from '../../mirror/testing/test-mirror.js';
import { createResponseCache, type ResponseCache } from '../../store/response-cache.js';
import { createWorksectionClient, type WorksectionClient } from '../../worksection/client.js';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../sandbox/server.js';
import { sandboxTokenProvider } from '../../sandbox/testing/tokens.js';
import { testNow } from '../../worksection/testing/test-clock.js';
import type { ResultLimits, ToolContext } from '../tools/kit/context.js';
import {
  createToolContextFactory,
  DEFAULT_LIMITS,
  type ToolContextFactory,
} from '../tools/kit/context-factory.js';

export interface SandboxContext {
  sandbox: RunningSandbox;
  client: WorksectionClient;
  contextFor: ToolContextFactory;
  /** A context for one call by the 'test' caller. */
  ctx(): ToolContext;
  /** The response cache, when the options asked for one. */
  responseCache?: ResponseCache;
  close(): Promise<void>;
}

export interface SandboxContextOptions {
  authMode?: 'oauth' | 'admin';
  sandbox?: SandboxOptions;
  limits?: ResultLimits;
  /**
   * The one clock of the sandbox (its generated account and its "now") and of the product's "now" and
   * "today" (default: the pinned test clock, so expectations do not depend on the date the suite runs).
   */
  clock?: () => number;
  /** The product's clock alone, when a test drives it by hand (default: `clock`). */
  now?: () => Date;
  /** The account's time zone (default 'UTC': the sandbox's calendar). */
  timeZone?: string;
  /** A response cache (in memory) with these freshness windows in front of the sandbox. */
  cache?: FreshSeconds;
  /** A local mirror (in memory), synced whole before the context is returned: the search tool's. */
  mirror?: boolean;
}

export async function createSandboxContext(opts: SandboxContextOptions = {}): Promise<SandboxContext> {
  // Tests run many calls; the sandbox's 1 req/s limit is exercised by the scheduler's own tests.
  const clock = opts.clock ?? testNow;
  const sandbox = await startSandbox({ rateLimit: 0, now: clock, ...opts.sandbox });
  const authMode = opts.authMode ?? 'oauth';
  const owner = sandbox.data.users.get(sandbox.data.ownerId);
  const client = createWorksectionClient({
    accountUrl: sandbox.url,
    auth:
      authMode === 'oauth'
        ? { kind: 'oauth', tokens: sandboxTokenProvider(sandbox) }
        : { kind: 'admin', apiKey: sandbox.apiKey },
    scheduler: { ratePerSecond: 0 },
  });
  const now = opts.now ?? (() => new Date(clock()));
  const nowMs = () => now().getTime();
  const db = opts.cache || opts.mirror ? openDatabase(':memory:') : undefined;
  const responseCache =
    db && opts.cache
      ? createResponseCache(db, {
          maxBytes: 64 * 1_048_576,
          maxAgeMs: longestWindowMs(opts.cache),
          now: nowMs,
        })
      : undefined;
  const responses =
    responseCache && opts.cache
      ? createResponseCacheScope({
          cache: responseCache,
          account: sandbox.url,
          freshSeconds: opts.cache,
          timeZone: opts.timeZone ?? 'UTC',
          now: nowMs,
          onError: (err) => {
            throw err;
          },
        })
      : undefined;
  // With a cache too, what the mirror's sync reads serves tools, as in the app (core/app/mirror.ts).
  const mirror =
    db && opts.mirror
      ? testMirror(
          db,
          client,
          sandbox.url,
          nowMs,
          responses && (() => responses.beginConfirm()),
          responses && ((source) => responses.feed(source)),
        )
      : undefined;
  if (mirror) await syncUntilIdle(mirror);
  const contextFor = createToolContextFactory({
    client,
    meEmail: owner?.email,
    limits: opts.limits ?? DEFAULT_LIMITS,
    now,
    timeZone: opts.timeZone ?? 'UTC',
    ...(mirror ? { mirror } : {}),
    responses,
  });
  return {
    sandbox,
    client,
    contextFor,
    ctx: () => contextFor({ caller: 'test', signal: new AbortController().signal }),
    ...(responseCache ? { responseCache } : {}),
    async close() {
      client.close();
      db?.close();
      await sandbox.close();
    },
  };
}
