// The response cache's storage: Worksection read answers as JSON, one row per account, action and canonical
// params, with when they were fetched. It knows nothing of Worksection's meaning: freshness windows,
// invalidation rules and derived answers live in core/upstream/ (cache-policy.ts and derive/), which tell it
// what to look up and what to drop. Kept in SQLite so a restart within a freshness window still saves
// requests; bounded by age (nothing older than the longest window is worth keeping) and by total size
// (least recently used first).
import { carriesSecret } from './redaction.js';
import type { Db } from './db.js';

/** Params as the cache keys them: name → value, `name[]` lists as arrays (transport.ts encodeParams). */
export type CacheParams = Record<string, string | string[]>;

export interface CachedEntry {
  key: string;
  action: string;
  params: CacheParams;
  fetchedAt: number;
}

interface CachedAnswer extends CachedEntry {
  body: unknown;
}

/** Which entries of an account a lookup or an invalidation means; every given condition must hold. */
export interface EntrySelector {
  actions: readonly string[];
  /** params[name] equals this value. */
  param?: readonly [name: string, value: string];
  /** The stored JSON contains this text (e.g. `"id":"123"`: every answer that mentions object 123). */
  bodyHas?: string;
  /** The `extra` param names this part (e.g. only lists fetched with their comments). */
  extraHas?: string;
}

export interface ResponseCacheStats {
  entries: number;
  bytes: number;
  /** Since the app started: reads answered from cached data (derived ones included), and reads that went upstream. */
  hits: number;
  misses: number;
  /** Of the hits: answers derived from another cached answer (a task out of a cached task list). */
  derived: number;
  /** hits / (hits + misses), 0 before any read. */
  hitRate: number;
  byKind: Record<string, { entries: number; bytes: number }>;
}

export interface ResponseCacheOptions {
  /** Total size of the stored answers; past it the least recently used are dropped. */
  maxBytes: number;
  /** Entries older than this are never served again and are dropped (the longest freshness window). */
  maxAgeMs: number;
  now?: () => number;
}

export interface ResponseCache {
  /** The answer stored under `key` if fetched at or after `notBefore`; marks it used. */
  get(account: string, key: string, notBefore: number): CachedAnswer | undefined;
  /** Entries (without bodies) matching the selector, fetched at or after `notBefore`, newest first. */
  find(account: string, selector: EntrySelector, notBefore: number): CachedEntry[];
  /** Loads a body found by find() (undefined when dropped since); marks it used. */
  body(account: string, key: string): unknown;
  /** Loads a body without marking it used (a check on it, not a read that answers). */
  peek(account: string, key: string): unknown;
  put(account: string, entry: CachedEntry & { kind: string; body: unknown }): void;
  /** Replaces a cached body, keeping when it was fetched (a write that changed it in a known way). */
  rewrite(account: string, key: string, body: unknown): void;
  /**
   * Moves these entries' fetched_at to `at` (what they show was confirmed current then), those fetched at or
   * after `since` only; answers how many.
   */
  confirm(account: string, keys: readonly string[], since: number, at: number): number;
  /** Drops the matching entries; answers how many. */
  invalidate(account: string, selectors: readonly EntrySelector[]): number;
  /** Drops these entries fetched (or confirmed) before `before`; answers how many. */
  drop(account: string, keys: readonly string[], before: number): number;
  /** Drops everything (of one account, or all). */
  clear(account?: string): void;
  count(outcome: 'hit' | 'miss' | 'derived'): void;
  stats(): ResponseCacheStats;
  /** Drops entries past maxAgeMs, then the least recently used until within maxBytes. */
  prune(): void;
}

// After this many stored bytes since the last prune, prune again (a tenth of the cap, at least 1 MB).
const pruneEvery = (maxBytes: number) => Math.max(1_048_576, Math.floor(maxBytes / 10));

interface Row {
  key: string;
  action: string;
  params: string;
  fetched_at: number;
}

function whereOf(selector: EntrySelector): { sql: string; args: unknown[] } {
  const parts = [`action IN (${selector.actions.map(() => '?').join(', ')})`];
  const args: unknown[] = [...selector.actions];
  if (selector.param) {
    parts.push('json_extract(params, ?) = ?');
    args.push(`$."${selector.param[0].replace(/"/g, '')}"`, selector.param[1]);
  }
  if (selector.bodyHas !== undefined) {
    parts.push('instr(body, ?) > 0');
    args.push(selector.bodyHas);
  }
  if (selector.extraHas !== undefined) {
    // extra is stored sorted and comma-joined (cache-policy.ts): match whole items only.
    parts.push(`instr(',' || COALESCE(json_extract(params, '$.extra'), '') || ',', ?) > 0`);
    args.push(`,${selector.extraHas},`);
  }
  return { sql: parts.join(' AND '), args };
}

export function createResponseCache(db: Db, opts: ResponseCacheOptions): ResponseCache {
  const now = opts.now ?? Date.now;
  const counts = { hit: 0, miss: 0, derived: 0 };
  let bytesSincePrune = 0;

  const selectOne = db.prepare(
    'SELECT body, action, params, fetched_at FROM response_cache WHERE account = ? AND key = ? AND fetched_at >= ?',
  );
  const selectBody = db.prepare('SELECT body FROM response_cache WHERE account = ? AND key = ?');
  const touch = db.prepare(
    'UPDATE response_cache SET last_used_at = ?, hits = hits + 1 WHERE account = ? AND key = ?',
  );
  const upsert = db.prepare(
    `INSERT INTO response_cache (account, key, action, kind, params, body, size, fetched_at, last_used_at)
     VALUES (@account, @key, @action, @kind, @params, @body, @size, @fetchedAt, @fetchedAt)
     ON CONFLICT(account, key) DO UPDATE SET kind = excluded.kind, params = excluded.params,
       body = excluded.body, size = excluded.size, fetched_at = excluded.fetched_at,
       last_used_at = excluded.last_used_at, hits = 0`,
  );
  const replaceBody = db.prepare(
    'UPDATE response_cache SET body = ?, size = ? WHERE account = ? AND key = ?',
  );
  const confirmOne = db.prepare(
    'UPDATE response_cache SET fetched_at = ? WHERE account = ? AND key = ? AND fetched_at >= ? AND fetched_at < ?',
  );
  const dropOld = db.prepare('DELETE FROM response_cache WHERE fetched_at < ?');
  const dropKey = db.prepare('DELETE FROM response_cache WHERE account = ? AND key = ? AND fetched_at < ?');
  const total = db.prepare('SELECT COALESCE(SUM(size), 0) AS bytes FROM response_cache');
  const lru = db.prepare('SELECT id, size FROM response_cache ORDER BY last_used_at ASC, id ASC');
  const dropId = db.prepare('DELETE FROM response_cache WHERE id = ?');

  const prune = db.transaction(() => {
    dropOld.run(now() - opts.maxAgeMs);
    let bytes = (total.get() as { bytes: number }).bytes;
    if (bytes <= opts.maxBytes) return;
    // Read first: better-sqlite3 cannot write while a statement is still iterating.
    for (const row of lru.all() as { id: number; size: number }[]) {
      if (bytes <= opts.maxBytes) break;
      dropId.run(row.id);
      bytes -= row.size;
    }
  });

  const cache: ResponseCache = {
    get(account, key, notBefore) {
      const row = selectOne.get(account, key, notBefore) as (Row & { body: string }) | undefined;
      if (!row) return undefined;
      touch.run(now(), account, key);
      return {
        key,
        action: row.action,
        params: JSON.parse(row.params) as CacheParams,
        fetchedAt: row.fetched_at,
        body: JSON.parse(row.body) as unknown,
      };
    },

    find(account, selector, notBefore) {
      const where = whereOf(selector);
      const rows = db
        .prepare(
          `SELECT key, action, params, fetched_at FROM response_cache
           WHERE account = ? AND fetched_at >= ? AND ${where.sql} ORDER BY fetched_at DESC`,
        )
        .all(account, notBefore, ...where.args) as Row[];
      return rows.map((r) => ({
        key: r.key,
        action: r.action,
        params: JSON.parse(r.params) as CacheParams,
        fetchedAt: r.fetched_at,
      }));
    },

    body(account, key) {
      const row = selectBody.get(account, key) as { body: string } | undefined;
      if (!row) return undefined;
      touch.run(now(), account, key);
      return JSON.parse(row.body) as unknown;
    },

    peek(account, key) {
      const row = selectBody.get(account, key) as { body: string } | undefined;
      return row ? (JSON.parse(row.body) as unknown) : undefined;
    },

    put(account, entry) {
      // A request carrying something secret (a token pasted into a task name or a filter) is not kept:
      // its params would store the secret, and redacted params could make two requests look alike.
      if (carriesSecret(entry.params)) return;
      const body = JSON.stringify(entry.body);
      const size = Buffer.byteLength(body);
      upsert.run({
        account,
        key: entry.key,
        action: entry.action,
        kind: entry.kind,
        params: JSON.stringify(entry.params),
        body,
        size,
        fetchedAt: entry.fetchedAt,
      });
      bytesSincePrune += size;
      if (bytesSincePrune >= pruneEvery(opts.maxBytes) || size > opts.maxBytes / 2) {
        bytesSincePrune = 0;
        prune();
      }
    },

    rewrite(account, key, body) {
      const text = JSON.stringify(body);
      replaceBody.run(text, Buffer.byteLength(text), account, key);
    },

    confirm(account, keys, since, at) {
      let moved = 0;
      db.transaction(() => {
        for (const key of keys) moved += confirmOne.run(at, account, key, since, at).changes;
      })();
      return moved;
    },

    drop(account, keys, before) {
      let dropped = 0;
      db.transaction(() => {
        for (const key of keys) dropped += dropKey.run(account, key, before).changes;
      })();
      return dropped;
    },

    invalidate(account, selectors) {
      let dropped = 0;
      db.transaction(() => {
        for (const selector of selectors) {
          const where = whereOf(selector);
          dropped += db
            .prepare(`DELETE FROM response_cache WHERE account = ? AND ${where.sql}`)
            .run(account, ...where.args).changes;
        }
      })();
      return dropped;
    },

    clear(account) {
      if (account === undefined) db.prepare('DELETE FROM response_cache').run();
      else db.prepare('DELETE FROM response_cache WHERE account = ?').run(account);
    },

    count(outcome) {
      counts[outcome] += 1;
      if (outcome === 'derived') counts.hit += 1;
    },

    stats() {
      const rows = db
        .prepare(
          'SELECT kind, COUNT(*) AS entries, COALESCE(SUM(size), 0) AS bytes FROM response_cache GROUP BY kind',
        )
        .all() as { kind: string; entries: number; bytes: number }[];
      const byKind: ResponseCacheStats['byKind'] = {};
      let entries = 0;
      let bytes = 0;
      for (const r of rows) {
        byKind[r.kind] = { entries: r.entries, bytes: r.bytes };
        entries += r.entries;
        bytes += r.bytes;
      }
      const reads = counts.hit + counts.miss;
      return {
        entries,
        bytes,
        hits: counts.hit,
        misses: counts.miss,
        derived: counts.derived,
        hitRate: reads === 0 ? 0 : counts.hit / reads,
        byKind,
      };
    },

    prune: () => prune(),
  };
  prune();
  return cache;
}
