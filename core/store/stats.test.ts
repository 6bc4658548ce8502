// The status figures from real sources: a file cache and a response cache in a temp store, the scheduler
// of a client that talked to the sandbox, and the call log. Then the snapshot a serving process publishes
// for `wsmcp status`, and when a reader may trust it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorksectionClient } from '../worksection/client.js';
import { startSandbox } from '../sandbox/server.js';
import { createCallLog } from './call-log.js';
import { openDatabase, type Db } from './db.js';
import { FileCache } from './file-cache.js';
import { createResponseCache } from './response-cache.js';
import { isLive, readRuntimeStatus, startStatusPublisher } from './runtime-status.js';
import { collectStats } from './stats.js';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wsmcp-stats-'));
  db = openDatabase(join(dir, 'wsmcp.db'));
});
afterEach(() => {
  if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('collectStats', () => {
  it('gathers caches, upstream and calls from their owners', async () => {
    const sb = await startSandbox({ rateLimit: 0 });
    const client = new WorksectionClient({
      accountUrl: sb.url,
      auth: { kind: 'admin', apiKey: sb.apiKey },
      scheduler: { ratePerSecond: 1000 },
    });
    try {
      const files = new FileCache({ db, dir: join(dir, 'files'), account: 'a' });
      const file = [...sb.data.files.values()][0]!;
      const source = () => client.downloadStream(file.id);
      await files.get(String(file.id), source);
      await files.get(String(file.id), source);
      await Promise.all([client.call('get_users'), client.call('get_users'), client.call('get_projects')]);

      const responses = createResponseCache(db, { maxBytes: 1_000_000, maxAgeMs: 60_000 });
      responses.put('a', {
        key: 'k',
        action: 'get_users',
        kind: 'people',
        params: {},
        body: { status: 'ok', data: [] },
        fetchedAt: Date.now(),
      });
      responses.count('hit');
      responses.count('miss');

      const t0 = Date.now();
      const log = createCallLog(db, { flushMs: 10 });
      const entry = { method: 'tools/call', durationMs: 5, upstreamRequests: 1, cacheHits: 0 };
      log.record({ ...entry, time: t0, client: 'claude', target: 'list_tasks', status: 'ok' });
      log.record({ ...entry, time: t0, client: 'claude', target: 'list_tasks', status: 'tool_error' });
      log.record({ ...entry, time: t0, client: 'cursor', target: 'get_task', status: 'ok', cacheHits: 2 });
      log.record({ ...entry, time: t0 - 2 * 86_400_000, client: 'old', target: 'x', status: 'ok' });
      log.flush();

      const stats = collectStats({ files, responses, scheduler: client.scheduler, calls: log });
      expect(stats.files).toMatchObject({ files: 1, hits: 1, misses: 1, hitRate: 0.5 });
      expect(stats.responses).toMatchObject({ entries: 1, hits: 1, misses: 1 });
      // Two identical reads shared one request: 3 calls, 2 starts (plus the download).
      expect(stats.upstream).toMatchObject({ requestsLastMinute: 3, queued: 0, inFlight: 0, coalesced: 1 });
      expect(stats.upstream?.ratePerSecond).toBe(1000);
      expect(stats.calls).toMatchObject({ calls: 3, errors: 1, upstreamRequests: 3, cacheHits: 2 });
      expect(stats.calls?.cacheHitRate).toBeCloseTo(0.4);
      expect(stats.calls?.byTool.map((t) => [t.name, t.calls, t.errors])).toEqual([
        ['list_tasks', 2, 1],
        ['get_task', 1, 0],
      ]);
      expect(stats.calls?.byClient.map((c) => c.name)).toEqual(['claude', 'cursor']);
      expect(JSON.parse(JSON.stringify(stats))).toEqual(stats);
      log.close();
    } finally {
      client.close();
      await sb.close();
    }
  });

  it('leaves out a source that fails instead of failing', () => {
    const stats = collectStats({
      files: {
        stats: () => {
          throw new Error('no such table: file_cache');
        },
      },
    });
    expect(stats).toEqual({ at: expect.any(String) as string });
  });
});

describe('the published status', () => {
  it('is written at start, again only when a figure changed or the heartbeat is due, and marked stopped', () => {
    let now = 1_000_000;
    let queued = 0;
    const collect = () => ({ at: new Date(now).toISOString(), upstream: { queued } as never });
    const publisher = startStatusPublisher(db, {
      collect,
      info: { mcpUrl: 'http://127.0.0.1:1/mcp' },
      everyMs: 3_600_000,
      heartbeatMs: 60_000,
      now: () => now,
      pid: 4242,
    });
    expect(readRuntimeStatus(db)).toMatchObject({ pid: 4242, startedAt: now, updatedAt: now });
    now += 5_000;
    expect(publisher.publish()).toBe(false);
    queued = 3;
    expect(publisher.publish()).toBe(true);
    expect(readRuntimeStatus(db)?.stats.upstream).toEqual({ queued: 3 });
    now += 60_000;
    expect(publisher.publish()).toBe(true); // the heartbeat
    const live = readRuntimeStatus(db)!;
    expect(isLive(live, now + 30_000)).toBe(true);
    expect(isLive(live, now + 10 * 60_000)).toBe(false);
    publisher.stop();
    expect(readRuntimeStatus(db)?.stoppedAt).toBe(now);
    expect(isLive(readRuntimeStatus(db)!, now)).toBe(false);
  });

  it('is absent from a store without the table (an older version wrote it)', () => {
    db.exec('DROP TABLE runtime_status');
    expect(readRuntimeStatus(db)).toBeUndefined();
  });
});
