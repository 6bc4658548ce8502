// Reading the call log: filtered pages (newest first, with a `before` cursor), rows after an id (live
// tails), per tool and per client counts, and streamed exports as JSON Lines or CSV. Works on a read-only
// connection, so `wsmcp logs` can read beside a running server.
import type { Db } from './db.js';
import { toRow, type CallLogRow, type CallStatus, type StoredCall } from './call-log-entry.js';

export interface CallLogFilter {
  /** Requests that arrived at or after this time. */
  since?: Date | number;
  /** Requests that arrived before this time. */
  until?: Date | number;
  client?: string;
  /** A tool or prompt name, or a resource URI. */
  target?: string;
  method?: string;
  status?: CallStatus;
  /** Text anywhere in the target, arguments, error or client name (case-insensitive). */
  text?: string;
}

interface CallLogPageQuery extends CallLogFilter {
  /** Default 100, at most 1,000. */
  limit?: number;
  /** Rows with a smaller id than this (the previous page's nextBefore). */
  before?: number;
}

interface CallLogPage {
  rows: CallLogRow[];
  /** Pass as `before` for the next (older) page; absent on the last page. */
  nextBefore?: number;
}

interface CallCounts {
  key: string;
  calls: number;
  errors: number;
  avgMs: number;
  upstreamRequests: number;
  cacheHits: number;
}

interface CallLogSummary {
  calls: number;
  errors: number;
  byTarget: CallCounts[];
  byClient: CallCounts[];
}

type ExportFormat = 'jsonl' | 'csv';

/** One time bucket of the log: calls, upstream requests and cache hits in it. */
export interface CallLogBucket {
  /** Epoch ms the bucket starts. */
  t: number;
  calls: number;
  upstream: number;
  hits: number;
}

export interface CallLogReader {
  query(q?: CallLogPageQuery): CallLogPage;
  /** Rows with an id above `afterId`, oldest first (what a live tail prints next). */
  after(afterId: number, q?: CallLogFilter & { limit?: number }): CallLogRow[];
  /** The highest id so far (0 when empty). */
  lastId(): number;
  /** When the newest call was made (epoch ms), by any process sharing the store; undefined when none. */
  lastCallAt(): number | undefined;
  summary(filter?: CallLogFilter): CallLogSummary;
  /** The distinct clients or targets of rows from `since` on, sorted (the UI's filter choices). */
  distinct(column: 'client' | 'target', since: number): string[];
  /** Buckets of `bucketMs` from `since` on that hold any row, oldest first (the UI's charts). */
  series(since: number, bucketMs: number): CallLogBucket[];
  /** The matching rows oldest first, one chunk per page of rows, never all held at once. */
  export(format: ExportFormat, filter?: CallLogFilter): AsyncGenerator<string>;
}

const MAX_PAGE = 1_000;
const EXPORT_PAGE = 500;
const COLUMNS =
  'id, ts, client, method, target, args, status, error, duration_ms, upstream_requests, cache_hits, bytes, truncated, preview';

type Stored = StoredCall & { id: number };
const ms = (t: Date | number): number => (typeof t === 'number' ? t : t.getTime());

function where(f: CallLogFilter, extra: string[] = []): { sql: string; params: unknown[] } {
  const clauses = [...extra];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    clauses.push(clause);
    params.push(value);
  };
  if (f.since !== undefined) add('ts >= ?', ms(f.since));
  if (f.until !== undefined) add('ts < ?', ms(f.until));
  if (f.client !== undefined) add('client = ?', f.client);
  if (f.target !== undefined) add('target = ?', f.target);
  if (f.method !== undefined) add('method = ?', f.method);
  if (f.status !== undefined) add('status = ?', f.status);
  if (f.text !== undefined) {
    add(
      "instr(lower(coalesce(target, '') || ' ' || coalesce(args, '') || ' ' || coalesce(error, '') || ' ' || client), ?) > 0",
      f.text.toLowerCase(),
    );
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

const CSV_HEADER = [
  'id',
  'time',
  'client',
  'method',
  'target',
  'status',
  'error',
  'duration_ms',
  'upstream_requests',
  'cache_hits',
  'bytes',
  'truncated',
  'args',
] as const;

// RFC 4180 quoting; a leading = + - @ would make a spreadsheet run the cell as a formula, and a resource
// URI or client name is text a client chose, so such cells are prefixed with an apostrophe.
function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(r: CallLogRow): string {
  const cells = [
    r.id,
    r.time,
    r.client,
    r.method,
    r.target,
    r.status,
    r.error,
    r.durationMs,
    r.upstreamRequests,
    r.cacheHits,
    r.bytes,
    r.truncated,
    r.args,
  ];
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export const CSV_HEADER_LINE = `${CSV_HEADER.join(',')}\r\n`;

export function createCallLogReader(db: Db): CallLogReader {
  const rows = (sql: string, params: unknown[]): CallLogRow[] =>
    (db.prepare(sql).all(...params) as Stored[]).map((s) => toRow(s.id, s));

  const counts = (column: 'target' | 'client', f: CallLogFilter): CallCounts[] => {
    const w = where(f);
    return db
      .prepare(
        `SELECT coalesce(${column}, '') AS key, count(*) AS calls,
           sum(status != 'ok') AS errors, avg(duration_ms) AS avgMs,
           sum(upstream_requests) AS upstreamRequests, sum(cache_hits) AS cacheHits
         FROM call_log ${w.sql} GROUP BY 1 ORDER BY calls DESC, key`,
      )
      .all(...w.params) as CallCounts[];
  };

  const reader: CallLogReader = {
    query(q = {}) {
      const limit = Math.min(Math.max(1, Math.floor(q.limit ?? 100)), MAX_PAGE);
      const w = where(q, q.before === undefined ? [] : ['id < ?']);
      const params = q.before === undefined ? w.params : [q.before, ...w.params];
      const page = rows(`SELECT ${COLUMNS} FROM call_log ${w.sql} ORDER BY id DESC LIMIT ?`, [
        ...params,
        limit + 1,
      ]);
      const more = page.length > limit;
      if (more) page.length = limit;
      return more ? { rows: page, nextBefore: page.at(-1)?.id } : { rows: page };
    },
    after(afterId, q = {}) {
      const w = where(q, ['id > ?']);
      const limit = Math.min(Math.max(1, Math.floor(q.limit ?? MAX_PAGE)), 10 * MAX_PAGE);
      return rows(`SELECT ${COLUMNS} FROM call_log ${w.sql} ORDER BY id LIMIT ?`, [
        afterId,
        ...w.params,
        limit,
      ]);
    },
    lastId: () => (db.prepare('SELECT coalesce(max(id), 0) FROM call_log').pluck().get() as number) ?? 0,
    lastCallAt: () =>
      (db.prepare('SELECT max(ts) FROM call_log').pluck().get() as number | null) ?? undefined,
    summary(f = {}) {
      const w = where(f);
      const total = db
        .prepare(
          `SELECT count(*) AS calls, coalesce(sum(status != 'ok'), 0) AS errors FROM call_log ${w.sql}`,
        )
        .get(...w.params) as { calls: number; errors: number };
      return { ...total, byTarget: counts('target', f), byClient: counts('client', f) };
    },
    distinct(column, since) {
      return db
        .prepare(`SELECT DISTINCT ${column} FROM call_log WHERE ts >= ? AND ${column} IS NOT NULL ORDER BY 1`)
        .pluck()
        .all(since) as string[];
    },
    series(since, bucketMs) {
      return db
        .prepare(
          `SELECT ts - (ts % ?) AS t, count(*) AS calls, coalesce(sum(upstream_requests), 0) AS upstream,
             coalesce(sum(cache_hits), 0) AS hits
           FROM call_log WHERE ts >= ? GROUP BY 1 ORDER BY 1`,
        )
        .all(bucketMs, since) as CallLogBucket[];
    },
    async *export(format, f = {}) {
      if (format === 'csv') yield CSV_HEADER_LINE;
      // Keyset pages: the connection is free between chunks, so the writer is never held up by a slow reader.
      let last = 0;
      for (;;) {
        const page = reader.after(last, { ...f, limit: EXPORT_PAGE });
        if (page.length === 0) return;
        last = page.at(-1)?.id ?? last;
        yield page.map((r) => (format === 'csv' ? csvLine(r) : `${JSON.stringify(r)}\n`)).join('');
        if (page.length < EXPORT_PAGE) return;
      }
    },
  };
  return reader;
}
