// The call log: one row per MCP request. record() only queues (the request's answer never waits for the
// disk); the queue is written in one transaction every flushMs (≤ 200 ms) or as soon as batchRows are
// waiting, so a crash loses at most the last batch (WAL: a committed transaction survives the process).
// Old rows go by age and by count. Listeners hear each row once it is committed (the UI's live log).
import type { Db } from './db.js';
import { toRow, toStored, type CallLogEntry, type CallLogRow, type StoredCall } from './call-log-entry.js';
import { createCallLogReader, type CallLogReader } from './call-log-query.js';

export type { CallLogRow, CallStatus } from './call-log-entry.js';
export type { CallLogFilter } from './call-log-query.js';

export interface CallLogOptions {
  /** Rows older than this many days are deleted. Default 30. */
  retentionDays?: number;
  /** At most this many rows are kept (the newest). Default 100,000. */
  maxRows?: number;
  /** The longest a queued row waits for the disk, in ms. Default 100. */
  flushMs?: number;
  /** A batch this large is written at once, without waiting for flushMs. Default 256. */
  batchRows?: number;
  /** While writes fail (disk full, locked), at most this many rows wait; the oldest go first. */
  maxQueue?: number;
  /** How often retention runs besides on open, in ms. Default 10 minutes. */
  pruneEveryMs?: number;
  now?: () => number;
  /** A write that failed (the rows stay queued and are tried again). */
  onError?: (err: unknown) => void;
}

interface CallLogState {
  /** Rows queued, not yet on disk. */
  pending: number;
  written: number;
  /** Rows lost because writes kept failing while the queue was full. */
  dropped: number;
}

export interface CallLog extends CallLogReader {
  /** Queues one request's row; cheap, never throws, never touches the disk. */
  record(entry: CallLogEntry): void;
  /** Writes what is queued now; answers how many rows were written. */
  flush(): number;
  /** Called with each row after it is committed, in id order. Answers the unsubscribe. */
  subscribe(listener: (row: CallLogRow) => void): () => void;
  /** Applies retention now; answers how many rows were deleted. */
  prune(): number;
  state(): CallLogState;
  /** Writes what is queued and stops the timers. Later records are ignored. */
  close(): void;
}

const DAY_MS = 86_400_000;

export function createCallLog(db: Db, opts: CallLogOptions = {}): CallLog {
  const retentionMs = (opts.retentionDays ?? 30) * DAY_MS;
  const maxRows = opts.maxRows ?? 100_000;
  const flushMs = Math.min(opts.flushMs ?? 100, 200);
  const batchRows = opts.batchRows ?? 256;
  const maxQueue = opts.maxQueue ?? 10_000;
  const now = opts.now ?? Date.now;
  const onError = opts.onError ?? (() => undefined);

  const insert = db.prepare(
    `INSERT INTO call_log (ts, client, method, target, args, status, error, duration_ms,
       upstream_requests, cache_hits, bytes, truncated, preview)
     VALUES (@ts, @client, @method, @target, @args, @status, @error, @duration_ms,
       @upstream_requests, @cache_hits, @bytes, @truncated, @preview)`,
  );
  const insertAll = db.transaction((rows: StoredCall[]) =>
    rows.map((row) => Number(insert.run(row).lastInsertRowid)),
  );
  const deleteOlder = db.prepare('DELETE FROM call_log WHERE ts < ?');
  const deleteBeyond = db.prepare(
    'DELETE FROM call_log WHERE id <= (SELECT id FROM call_log ORDER BY id DESC LIMIT 1 OFFSET ?)',
  );

  let queue: CallLogEntry[] = [];
  let retry: StoredCall[] = [];
  let timer: NodeJS.Timeout | undefined;
  let immediate: NodeJS.Immediate | undefined;
  let closed = false;
  let written = 0;
  let dropped = 0;
  let sincePrune = 0;
  const listeners = new Set<(row: CallLogRow) => void>();

  function prune(): number {
    const old = deleteOlder.run(now() - retentionMs).changes;
    return old + deleteBeyond.run(maxRows).changes;
  }

  function unschedule(): void {
    if (timer) clearTimeout(timer);
    if (immediate) clearImmediate(immediate);
    timer = undefined;
    immediate = undefined;
  }

  function flush(): number {
    unschedule();
    if (queue.length === 0 && retry.length === 0) return 0;
    const batch = queue;
    queue = [];
    // Rows are reduced to their stored form (redacted, cut, measured) before anything waits for a retry:
    // a raw entry holds the whole result, which for images is megabytes.
    const stored = [...retry, ...batch.map(toStored)];
    retry = [];
    let ids: number[];
    try {
      ids = insertAll(stored);
    } catch (err) {
      // Keep the rows for the next try, within the cap, and try again on the next tick of the timer.
      retry = stored;
      if (retry.length > maxQueue) {
        dropped += retry.length - maxQueue;
        retry = retry.slice(-maxQueue);
      }
      if (!closed) timer = setTimeout(flush, flushMs).unref();
      onError(err);
      return 0;
    }
    written += ids.length;
    sincePrune += ids.length;
    if (listeners.size > 0) {
      for (let i = 0; i < ids.length; i += 1) {
        const row = toRow(ids[i] ?? 0, stored[i] as StoredCall);
        for (const listener of listeners) {
          try {
            listener(row);
          } catch (err) {
            onError(err);
          }
        }
      }
    }
    // Under heavy traffic the count cap is kept between the periodic runs too.
    if (sincePrune > Math.max(1_000, maxRows / 10)) runPrune();
    return ids.length;
  }

  function runPrune(): void {
    sincePrune = 0;
    try {
      prune();
    } catch (err) {
      onError(err);
    }
  }

  runPrune();
  const pruneTimer = setInterval(runPrune, opts.pruneEveryMs ?? 10 * 60_000).unref();

  return {
    ...createCallLogReader(db),
    record(entry) {
      if (closed) return;
      queue.push(entry);
      if (queue.length >= batchRows) {
        if (timer) clearTimeout(timer);
        timer = undefined;
        immediate ??= setImmediate(flush).unref();
      } else if (!timer && !immediate) {
        timer = setTimeout(flush, flushMs).unref();
      }
    },
    flush,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    prune,
    state: () => ({ pending: queue.length + retry.length, written, dropped }),
    close() {
      if (closed) return;
      clearInterval(pruneTimer);
      flush();
      closed = true;
      unschedule();
      listeners.clear();
    },
  };
}
