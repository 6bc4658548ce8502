// `npm run bench -- economy`: what the response cache saves. The scripted agent session
// (bench/_economy-session.ts, 200 tool calls) runs through the MCP server against the sandbox, one call
// after the other as a model makes them, three ways, each on a freshly generated sandbox (same seed):
//  - the product without its response cache (every read goes to Worksection);
//  - a naive proxy: one upstream request per call (each call's first request from the run above, or `me`
//    when it made none), sent straight through the client;
//  - the product;
//  - the product with its mirror warm (core/mirror: synced before the session, its listings feeding the
//    response cache, its activity-log polls every eventsEverySeconds of the cache clock confirming what
//    they show unchanged). Its warm-up is printed apart; its polls during the session count. Twice: the
//    session starting 10 minutes after the mirror's first sync (the best case) and 2 hours after (its
//    steady state, what it listed then past what polls may confirm).
// Upstream requests are counted from the sandbox's request log. Targets: the product makes at most 40% of
// the naive proxy's requests (issue 5), with the mirror warm at most 15% (issue 14). The scheduler and the sandbox run at RATE requests/s so the run is
// quick, on simulated clocks. The cache's clock runs as the session would in real life, so freshness
// windows expire as they would: THINK_SECONDS per call (a model emits its next call a few seconds after a
// result, often several calls in one turn) plus one second per upstream request the run made
// (Worksection's pace). Worksection, the tools and the cache share that one clock, as they do in real life;
// each product run's answers are compared with the uncached product's asked at the same moments (a replay
// of the same calls at the run's times), so every answer must be equal. `--detail` lists, for the
// mirror-warm run, each call that still went upstream and what the mirror's sync sent between calls.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { settingsSchema } from '../core/config.js';
import {
  activitySeedEverySeconds,
  createResponseCacheScope,
  longestWindowMs,
  peopleEverySeconds,
} from '../core/upstream/cached-responses.js';
import { createMirror, type Mirror } from '../core/mirror/mirror.js';
import { backgroundSource } from '../core/mirror/sync.js';
import { ALL_TOOLS } from '../core/mcp/inventory/registry.js';
import { createMcpServer } from '../core/mcp/server/server.js';
import type { Upstream } from '../core/upstream/upstream.js';
import { createToolContextFactory, type ToolContextFactory } from '../core/mcp/tools/kit/context-factory.js';
import { openDatabase } from '../core/store/db.js';
import { createResponseCache, type ResponseCache } from '../core/store/response-cache.js';
import { WorksectionClient } from '../core/worksection/client.js';
import type { JsonActionName } from '../core/worksection/schemas.js';
import { startSandbox, type RunningSandbox } from '../core/sandbox/server.js';
import { sandboxTokenProvider } from '../core/sandbox/testing/tokens.js';
import type { WsParams } from '../core/worksection/transport.js';
import { printEconomy, type Run } from './_economy-report.js';
import { agentSession, SESSION_CALLS, type Step } from './_economy-session.js';

const RATE = 50;
/** Seconds from a result to the model's next call: a reply starts in about a second, a call is a few
 * dozen tokens, and models often send several calls in one turn. Other values are printed beside it. */
const THINK_SECONDS = 3;
const OTHER_THINK_SECONDS = [2, 4, 6];
const SECONDS_PER_REQUEST = 1;
const SEED = 7;
/** The mirror syncs for this long before the session, at its share of Worksection's pace (its warm-up). */
const WARM_SECONDS = 600;
/**
 * A session in the mirror's steady state: its first sync this long before (its daily full pass not due),
 * polls since. What it listed then is past what polls may confirm (the tags window), as at most moments of
 * a real day; the 10-minute warm-up is the best case, a session right after a full pass.
 */
const STEADY_WARM_SECONDS = 2 * 3600;

type Recorded = Array<{ action: JsonActionName; params: WsParams } | undefined>;

interface Session {
  /** The calls as made (paged steps expanded, cursors included). */
  calls: Step[];
  /** The simulated clock (epoch ms) at each call. */
  times: number[];
  /** Each call's answer, without fetched_at. */
  answers: string[];
}

/** The sandbox's and the tools' clock, and the response cache's (epoch ms). */
const clock = { now: 0, cache: 0 };
/** `--detail`: each call of the mirror-warm run that made upstream requests, and what the sync sent after it. */
const detail = process.argv.includes('--detail');

function apiRequests(sandbox: RunningSandbox): number {
  return sandbox.requests().filter((r) => r.path.startsWith('/api/')).length;
}

/** The Worksection actions of the API requests after the first `from`, space-separated. */
function actionsSince(sandbox: RunningSandbox, from: number): string {
  return sandbox
    .requests()
    .filter((r) => r.path.startsWith('/api/'))
    .slice(from)
    .map((r) => r.action)
    .join(' ');
}

async function withSandbox<T>(fn: (sandbox: RunningSandbox, client: WorksectionClient) => Promise<T>) {
  const sandbox = await startSandbox({ seed: SEED, rateLimit: RATE, now: () => clock.now });
  const client = new WorksectionClient({
    accountUrl: sandbox.url,
    auth: { kind: 'oauth', tokens: sandboxTokenProvider(sandbox) },
    scheduler: { ratePerSecond: RATE },
  });
  try {
    return await fn(sandbox, client);
  } finally {
    client.close();
    await sandbox.close();
  }
}

/** An answer without fetched_at, which differs between runs by design. */
function answerText(result: { structuredContent?: unknown; content?: unknown }): string {
  const shown = (result.structuredContent ?? { content: result.content }) as Record<string, unknown>;
  const { fetched_at: _at, ...rest } = shown;
  return JSON.stringify(rest);
}

/**
 * The product: the MCP server in process, an SDK client calling it step by step. Without `replay` the
 * plan's paged steps are expanded as the answers say and the clock advances with the requests made; with
 * it, the recorded calls run at the recorded times.
 */
async function product(
  label: string,
  opts: {
    cache: boolean;
    mirror?: boolean;
    plan?: Step[];
    replay?: Session;
    record?: Recorded;
    think?: number;
    /** Seconds the mirror syncs before the session (WARM_SECONDS by default). */
    warm?: number;
  },
): Promise<{ run: Run; session: Session }> {
  return withSandbox(async (sandbox, client) => {
    const db = opts.cache ? openDatabase(':memory:') : undefined;
    const defaults = settingsSchema.parse({ dataDir: '/unused' });
    const fresh = defaults.responseCache.freshSeconds;
    const now = () => clock.cache;
    let cache: ResponseCache | undefined;
    if (db)
      cache = createResponseCache(db, { maxBytes: 100 * 1_048_576, maxAgeMs: longestWindowMs(fresh), now });
    const responses = cache
      ? createResponseCacheScope({
          cache,
          account: sandbox.url,
          freshSeconds: fresh,
          now,
          // The bench drives the sync's steps itself, so the mirror is never started: its sync polls.
          confirmNow: () => mirror?.sync.pollNow() ?? Promise.resolve('none' as const),
          accountTasks: () => mirror?.accountTasks(),
          zoneRight: () => mirror?.zoneRight() ?? false,
        })
      : undefined;
    let mirror: Mirror | undefined;
    if (db && responses && opts.mirror) {
      mirror = createMirror({
        db,
        account: sandbox.url,
        source: responses.feed(backgroundSource(client)),
        beginConfirm: () => responses.beginConfirm(),
        eventsEverySeconds: defaults.mirror.eventsEverySeconds,
        fullCheckHours: defaults.mirror.fullCheckHours,
        signedIn: client.mode === 'oauth',
        peopleEverySeconds: peopleEverySeconds(fresh),
        activitySeedEverySeconds: activitySeedEverySeconds(fresh),
        feedsCache: true,
        syncRatePerSecond: RATE,
        now,
      });
    }
    const factory = createToolContextFactory({
      client,
      now: () => new Date(clock.now),
      ...(responses ? { responses } : {}),
      ...(mirror ? { mirror } : {}),
    });
    /**
     * The mirror syncing in the minutes before the session at its share of Worksection's pace (a request
     * every 2 s at the default half), clocks moving with it.
     */
    const warmUp = async (start: number) => {
      if (!mirror) return;
      clock.now = clock.cache = start - (opts.warm ?? WARM_SECONDS) * 1000;
      while (clock.cache < start) {
        const due = mirror.sync.nextDueAt();
        if (due <= clock.cache && (await mirror.sync.step()))
          clock.cache += (SECONDS_PER_REQUEST * 1000) / defaults.mirror.backgroundShare;
        else clock.cache = Math.min(start, Math.max(clock.cache + 1000, due));
        clock.now = clock.cache;
      }
    };
    /** Runs the mirror's steps due by the cache clock. */
    const syncDue = async () => {
      while (mirror && mirror.sync.nextDueAt() <= clock.cache && (await mirror.sync.step()));
    };
    let current = 0;
    const contextFor: ToolContextFactory = (call) => {
      const ctx = factory(call);
      const record = opts.record;
      if (!record) return ctx;
      const ws: Upstream = ctx.ws;
      const index = current;
      ctx.ws = {
        call: (action, params, o) => {
          record[index] ??= { action, params: params ?? {} };
          return ws.call(action, params, o);
        },
        download: (id) => ws.download(id),
      };
      return ctx;
    };
    const server = createMcpServer({ tools: ALL_TOOLS, contextFor });
    const mcp = new Client({ name: 'economy', version: '1.0.0' });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await server.connect(serverSide, { caller: 'agent' });
    await mcp.connect(clientSide);
    try {
      await mcp.listTools();
      const session: Session = { calls: [], times: [], answers: [] };
      const run: Run = { label, requests: 0, wallMs: 0, failed: 0, byEpisode: new Map() };
      const queue = [...(opts.replay?.calls ?? opts.plan ?? [])];
      clock.now = opts.replay?.times[0] ?? clock.now;
      await warmUp(clock.now);
      clock.cache = clock.now;
      const warmup = apiRequests(sandbox);
      if (mirror) run.mirrorWarmup = warmup;
      const t0 = performance.now();
      for (let i = 0; i < SESSION_CALLS && queue.length > 0; i += 1) {
        const step = queue.shift() as Step;
        current = i;
        if (opts.replay) clock.now = opts.replay.times[i] ?? clock.now;
        session.calls.push(step);
        session.times.push(clock.now);
        const before = apiRequests(sandbox);
        const result = (await mcp.callTool({ name: step.tool, arguments: step.args })) as {
          isError?: boolean;
          structuredContent?: { next_cursor?: unknown };
          content?: unknown;
        };
        if (result.isError) run.failed += 1;
        session.answers.push(answerText(result));
        const next = result.structuredContent?.next_cursor;
        if (!opts.replay && step.pages && typeof next === 'string') {
          queue.unshift({ ...step, args: { ...step.args, cursor: next }, pages: step.pages - 1 });
        }
        const cost = apiRequests(sandbox) - before;
        if (detail && mirror) {
          const made = actionsSince(sandbox, before);
          if (made) console.log(`#${i} ${step.tool} ${JSON.stringify(step.args)}: ${made}`);
        }
        run.byEpisode.set(step.episode, (run.byEpisode.get(step.episode) ?? 0) + cost);
        clock.cache += ((opts.think ?? THINK_SECONDS) + cost * SECONDS_PER_REQUEST) * 1000;
        if (!opts.replay) clock.now = clock.cache;
        const polled = apiRequests(sandbox);
        await syncDue();
        if (detail && mirror && apiRequests(sandbox) > polled)
          console.log(`   mirror sync: ${actionsSince(sandbox, polled)}`);
        if (mirror) run.mirrorDuring = (run.mirrorDuring ?? 0) + apiRequests(sandbox) - polled;
      }
      run.wallMs = performance.now() - t0;
      run.requests = apiRequests(sandbox) - warmup;
      run.byAction = new Map();
      for (const r of sandbox.requests().slice(warmup))
        if (r.path.startsWith('/api/'))
          run.byAction.set(String(r.action), (run.byAction.get(String(r.action)) ?? 0) + 1);
      const stats = cache?.stats();
      if (stats) Object.assign(run, { cacheHits: stats.hits, derived: stats.derived });
      return { run, session };
    } finally {
      await mcp.close();
      await server.close();
      db?.close();
    }
  });
}

/** The naive proxy: exactly one upstream request per call. */
async function naive(session: Session, recorded: Recorded): Promise<Run> {
  return withSandbox(async (sandbox, client) => {
    const run: Run = {
      label: 'naive proxy (1 request per call)',
      requests: 0,
      wallMs: 0,
      failed: 0,
      byEpisode: new Map(),
    };
    const t0 = performance.now();
    for (const [i, step] of session.calls.entries()) {
      clock.now = session.times[i] ?? clock.now;
      const request = recorded[i] ?? { action: 'me' as const, params: {} };
      await client.call(request.action, request.params, { caller: 'agent' }).catch(() => (run.failed += 1));
      run.byEpisode.set(step.episode, (run.byEpisode.get(step.episode) ?? 0) + 1);
    }
    run.wallMs = performance.now() - t0;
    run.requests = apiRequests(sandbox);
    return run;
  });
}

export async function run(_args: string[]): Promise<void> {
  clock.now = Date.now();
  const plan = await withSandbox(async (sandbox) => agentSession(sandbox.data, new Date(clock.now)));
  const start = clock.now;
  const recorded: Recorded = [];
  const uncached = await product('product, response cache off', { cache: false, plan, record: recorded });
  const naiveRun = await naive(uncached.session, recorded);
  clock.now = start;
  // The calls as the uncached run made them (cursors included), each run then on its own clock.
  const calls = uncached.session.calls.map(({ pages: _pages, ...step }) => step);
  /** A cached run, and the uncached product's answers to the same calls at the same moments. */
  const compared = async (label: string, mirror: boolean, think?: number, warm?: number) => {
    clock.now = start;
    const ran = await product(label, {
      cache: true,
      mirror,
      plan: calls,
      ...(think ? { think } : {}),
      ...(warm ? { warm } : {}),
    });
    clock.now = start;
    const reference = await product('reference', { cache: false, replay: ran.session });
    return { label, run: ran.run, answers: ran.session.answers, reference: reference.session.answers };
  };
  const cached = await compared('product', false);
  const mirrored = await compared('product, mirror warm', true);
  const steady = await compared('product, mirror 2 h on', true, undefined, STEADY_WARM_SECONDS);
  // Slower and faster sessions: windows expire elsewhere in the session, so answers are compared too.
  const others: Array<[number, Awaited<ReturnType<typeof compared>>]> = [];
  for (const think of OTHER_THINK_SECONDS)
    others.push([think, await compared(`product, ${think} s think time`, false, think)]);
  printEconomy({
    runs: [naiveRun, uncached.run, cached.run, mirrored.run, steady.run],
    calls: uncached.session.calls,
    setting:
      `scheduler and sandbox at ${RATE} requests/s so the run is quick (Worksection allows about 1/s); ` +
      `simulated cache clock: ${THINK_SECONDS} s per call (model think time) plus ${SECONDS_PER_REQUEST} s per ` +
      'upstream request the run made; Worksection on the same clock',
    answers: [cached, mirrored, steady, ...others.map(([, other]) => other)],
    thinkTimes: [[THINK_SECONDS, cached.run], ...others.map(([t, other]): [number, Run] => [t, other.run])],
  });
}
