// The app's read path end to end on a test's clock: a sandbox, the response cache, and the mirror syncing
// into it (its loop started only when a test says, and then stepping only when woken), with two SDK clients
// of every tool: one through that cache, one with no cache at all, so answers can be compared.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { expect } from 'vitest';
import { createToolContextFactory } from '../../mcp/tools/kit/context-factory.js';
import { createMirror, type Mirror, type MirrorOptions } from '../../mirror/mirror.js';
import { backgroundSource, type PollOutcome } from '../../mirror/sync.js';
import { sleepUntilWoken, syncUntilIdle } from '../../mirror/testing/test-mirror.js';
import { openDatabase, type Db } from '../../store/db.js';
import { createResponseCache, type ResponseCache } from '../../store/response-cache.js';
import { createResponseCacheScope, longestWindowMs } from '../cached-responses.js';
import type { FreshSeconds } from '../cache-policy.js';
import { clockedSandbox, type ClockedSandbox } from './clocked-sandbox.js';
import { toolClient } from './tool-client.js';

export interface WarmMirror extends ClockedSandbox {
  db: Db;
  /** The response cache under `cached`. */
  cache: ResponseCache;
  mirror: Mirror;
  /** Through the response cache and the mirror. */
  cached: Client;
  /** No cache at all: what Worksection answers now. */
  uncached: Client;
  /** Reads on `cached`, each asserted to make no request and to answer as `uncached`. */
  readsFromHeld(reads: [string, Record<string, unknown>][]): Promise<void>;
}

/** A tool's answer as the model reads it (structured content; "fetched_at" says how old, not what). */
export async function answer(mcp: Client, name: string, args: Record<string, unknown>): Promise<unknown> {
  const result = await mcp.callTool({ name, arguments: args });
  expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
  const { fetched_at: _fetchedAt, ...rest } = (result.structuredContent ?? {}) as Record<string, unknown>;
  return rest;
}

/** Synced until nothing is due; `closers` gets what closes it all. */
export async function warmMirror(opts: {
  now: () => number;
  fresh: FreshSeconds;
  /** What the response cache asks for a poll with. */
  confirmNow: () => Promise<PollOutcome>;
  mirror?: Partial<MirrorOptions>;
  closers: (() => Promise<void>)[];
}): Promise<WarmMirror> {
  const { now, closers } = opts;
  const upstream = await clockedSandbox(now);
  const { sandbox, client } = upstream;
  const db = openDatabase(':memory:');
  const cache = createResponseCache(db, {
    maxBytes: 64 * 1_048_576,
    maxAgeMs: longestWindowMs(opts.fresh),
    now,
  });
  const responses = createResponseCacheScope({
    cache,
    account: sandbox.url,
    freshSeconds: opts.fresh,
    now,
    confirmNow: opts.confirmNow,
    // As the app wires it (core/app/core.ts): the mirror's polls tell.
    zoneRight: () => mirror.zoneRight(),
  });
  const mirror: Mirror = createMirror({
    db,
    account: sandbox.url,
    source: responses.feed(backgroundSource(client)),
    beginConfirm: () => responses.beginConfirm(),
    eventsEverySeconds: 60,
    fullCheckHours: 24,
    syncRatePerSecond: 0.5,
    now,
    // Started, the sync loop sleeps until woken: its polls are the test's to make.
    sleep: sleepUntilWoken,
    feedsCache: true,
    ...opts.mirror,
  });
  const owner = sandbox.data.users.get(sandbox.data.ownerId);
  const common = { client, meEmail: owner?.email, now: () => new Date(now()) };
  const cached = await toolClient(createToolContextFactory({ ...common, responses, mirror }), closers);
  const uncached = await toolClient(createToolContextFactory(common), closers);
  // After the clients (closers run in order).
  closers.push(async () => {
    await mirror.stop();
    db.close();
    await upstream.close();
  });
  await syncUntilIdle(mirror);
  return {
    ...upstream,
    db,
    cache,
    mirror,
    cached,
    uncached,
    async readsFromHeld(reads) {
      for (const [name, args] of reads) {
        const before = upstream.requests();
        const got = await answer(cached, name, args);
        expect(upstream.actionsSince(before), `${name} made no request`).toEqual([]);
        expect(got).toEqual(await answer(uncached, name, args));
      }
    },
  };
}
