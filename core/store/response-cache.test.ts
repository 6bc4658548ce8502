import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from './db.js';
import { createResponseCache, type ResponseCache, type ResponseCacheOptions } from './response-cache.js';

const MINUTE = 60_000;
let dir: string;
let db: Db;
let clock: number;

function cacheWith(opts: Partial<ResponseCacheOptions> = {}): ResponseCache {
  return createResponseCache(db, { maxBytes: 1_048_576, maxAgeMs: 30 * MINUTE, now: () => clock, ...opts });
}

const entry = (
  key: string,
  body: unknown,
  extra: { action?: string; params?: Record<string, string> } = {},
) => ({
  key,
  action: extra.action ?? 'get_task',
  kind: 'tasks',
  params: extra.params ?? {},
  body,
  fetchedAt: clock,
});

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wsmcp-rc-'));
  db = openDatabase(join(dir, 'wsmcp.db'));
  clock = Date.UTC(2026, 0, 5, 9);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('response cache store', () => {
  it('answers what it holds while fetched at or after notBefore, per account', () => {
    const cache = cacheWith();
    cache.put('acc-a', entry('k1', { status: 'ok', data: { id: '1' } }, { params: { id_task: '1' } }));
    const fetched = clock;
    clock += MINUTE;
    expect(cache.get('acc-a', 'k1', fetched)).toMatchObject({
      key: 'k1',
      action: 'get_task',
      params: { id_task: '1' },
      fetchedAt: fetched,
      body: { status: 'ok', data: { id: '1' } },
    });
    expect(cache.get('acc-a', 'k1', fetched + 1)).toBeUndefined();
    expect(cache.get('acc-b', 'k1', 0)).toBeUndefined();
  });

  it('finds entries by action, param, body text and extra part, newest first', () => {
    const cache = cacheWith();
    cache.put(
      'a',
      entry(
        't1',
        { data: [{ id: '5' }] },
        { action: 'get_tasks', params: { id_project: '9', extra: 'comments,subtasks' } },
      ),
    );
    clock += 1;
    cache.put(
      'a',
      entry(
        't2',
        { data: [{ id: '6' }] },
        { action: 'get_tasks', params: { id_project: '8', extra: 'subtasks' } },
      ),
    );
    clock += 1;
    cache.put('a', entry('c1', { data: [] }, { action: 'get_comments', params: { id_task: '5' } }));
    const keys = (s: Parameters<ResponseCache['find']>[1]) => cache.find('a', s, 0).map((e) => e.key);
    expect(keys({ actions: ['get_tasks', 'get_comments'] })).toEqual(['c1', 't2', 't1']);
    expect(keys({ actions: ['get_tasks'], param: ['id_project', '8'] })).toEqual(['t2']);
    expect(keys({ actions: ['get_tasks'], bodyHas: '"id":"5"' })).toEqual(['t1']);
    expect(keys({ actions: ['get_tasks'], extraHas: 'comments' })).toEqual(['t1']);
    // Whole items only: "subtasks" does not match "tasks".
    expect(keys({ actions: ['get_tasks'], extraHas: 'tasks' })).toEqual([]);
    expect(cache.find('a', { actions: ['get_tasks'] }, clock - 1).map((e) => e.key)).toEqual(['t2']);
    expect(cache.body('a', 't2')).toEqual({ data: [{ id: '6' }] });
  });

  it('invalidates by selector and rewrites a body keeping its fetch time', () => {
    const cache = cacheWith();
    cache.put(
      'a',
      entry('t1', { data: [{ id: '5' }] }, { action: 'get_tasks', params: { id_project: '9' } }),
    );
    cache.put(
      'a',
      entry('t2', { data: [{ id: '6' }] }, { action: 'get_tasks', params: { id_project: '8' } }),
    );
    cache.put(
      'b',
      entry('t1', { data: [{ id: '5' }] }, { action: 'get_tasks', params: { id_project: '9' } }),
    );
    expect(cache.invalidate('a', [{ actions: ['get_tasks'], bodyHas: '"id":"5"' }])).toBe(1);
    expect(cache.get('a', 't1', 0)).toBeUndefined();
    expect(cache.get('b', 't1', 0)).toBeDefined();
    const fetched = clock;
    clock += MINUTE;
    cache.rewrite('a', 't2', { data: [] });
    expect(cache.get('a', 't2', 0)).toMatchObject({ body: { data: [] }, fetchedAt: fetched });
    cache.clear('b');
    expect(cache.get('b', 't1', 0)).toBeUndefined();
    expect(cache.get('a', 't2', 0)).toBeDefined();
  });

  it('drops the keys given, of one account, fetched before a time', () => {
    const cache = cacheWith();
    cache.put('a', entry('old', { data: 1 }));
    cache.put('b', entry('old', { data: 1 }));
    const before = clock + MINUTE;
    clock += 2 * MINUTE;
    cache.put('a', entry('new', { data: 2 }));
    cache.put('a', entry('kept', { data: 3 }));
    expect(cache.drop('a', ['old', 'new'], before)).toBe(1);
    expect(cache.get('a', 'old', 0)).toBeUndefined();
    expect(cache.get('b', 'old', 0)).toBeDefined();
    expect(cache.get('a', 'new', 0)).toBeDefined();
    expect(cache.drop('a', ['new', 'kept'], clock + 1)).toBe(2);
    expect(cache.get('a', 'kept', 0)).toBeUndefined();
  });

  it('drops entries past the longest window and the least recently used past the size cap', () => {
    const cache = cacheWith({ maxBytes: 3_000 });
    cache.put('a', entry('old', { pad: 'x'.repeat(10) }));
    clock += 31 * MINUTE;
    cache.prune();
    expect(cache.get('a', 'old', 0)).toBeUndefined();

    for (const k of ['k1', 'k2', 'k3']) {
      cache.put('a', entry(k, { pad: 'x'.repeat(900) }));
      clock += 1;
    }
    cache.get('a', 'k1', 0); // k1 is now the most recently used
    clock += 1;
    cache.put('a', entry('k4', { pad: 'x'.repeat(900) })); // over 3,000 bytes: past half the cap → prune
    cache.prune();
    expect(cache.stats().bytes).toBeLessThanOrEqual(3_000);
    expect(cache.get('a', 'k2', 0)).toBeUndefined();
    expect(cache.get('a', 'k1', 0)).toBeDefined();
    expect(cache.get('a', 'k4', 0)).toBeDefined();
  });

  it('counts hits, misses and derived answers, and sizes per kind', () => {
    const cache = cacheWith();
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0, hits: 0, misses: 0, hitRate: 0 });
    cache.put('a', entry('t', { data: 'é' }));
    cache.put('a', { ...entry('u', { data: [] }), action: 'get_users', kind: 'people' });
    cache.count('miss');
    cache.count('hit');
    cache.count('derived');
    const stats = cache.stats();
    expect(stats).toMatchObject({ entries: 2, hits: 2, misses: 1, derived: 1 });
    expect(stats.hitRate).toBeCloseTo(2 / 3);
    // UTF-8 bytes, not characters.
    expect(stats.byKind.tasks).toEqual({
      entries: 1,
      bytes: Buffer.byteLength(JSON.stringify({ data: 'é' })),
    });
    expect(stats.byKind.people?.entries).toBe(1);
  });

  it('survives a restart', () => {
    cacheWith().put('a', entry('k', { data: 1 }));
    db.close();
    db = openDatabase(join(dir, 'wsmcp.db'));
    expect(cacheWith().get('a', 'k', 0)?.body).toEqual({ data: 1 });
  });
});
