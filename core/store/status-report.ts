// What `wsmcp status` knows, gathered from a read-only store: whether a server owns the data dir (its lock
// and its published figures), the store's size, and the figures themselves: live ones from the running
// server's last snapshot, otherwise what the store itself holds (cache sizes, the call log).
import { statSync } from 'node:fs';
import { lockHolder } from '../data-dir/lock.js';
import { createCallLogReader } from './call-log-query.js';
import { hasTable, openDatabaseReadOnly, type Db } from './db.js';
import { fileCacheQueries } from './file-cache-queries.js';
import { isLive, readRuntimeStatus, type ServerInfo } from './runtime-status.js';
import { callStats, DEFAULT_CALLS_WINDOW_MS, type StoreStats } from './stats.js';

export interface StatusReport {
  dataDir: string;
  store: { file: string; bytes: number };
  server:
    | { running: false }
    | { running: true; pid: number; startedAt?: string; updatedAt?: string; info?: ServerInfo };
  /**
   * The running server's last published figures (hit rates, upstream queue), with the call figures read
   * fresh from the store; without a running server, only what the store holds.
   */
  live: boolean;
  stats: StoreStats;
  /** Cache sizes as stored right now. */
  stored: {
    files?: { files: number; blobs: number; bytes: number };
    responses?: { entries: number; bytes: number };
  };
}

function fileBytes(file: string): number {
  let total = 0;
  for (const suffix of ['', '-wal']) {
    try {
      total += statSync(file + suffix).size;
    } catch {
      // no WAL right now
    }
  }
  return total;
}

function stored(db: Db): StatusReport['stored'] {
  const out: StatusReport['stored'] = {};
  if (hasTable(db, 'file_cache')) {
    const { files, blobs, bytes } = fileCacheQueries(db).totals();
    out.files = { files, blobs, bytes };
  }
  if (hasTable(db, 'response_cache')) {
    out.responses = db
      .prepare('SELECT count(*) AS entries, COALESCE(sum(size), 0) AS bytes FROM response_cache')
      .get() as { entries: number; bytes: number };
  }
  return out;
}

/** Everything `wsmcp status` shows, from a read-only connection to the store of `dataDir`. */
function statusReport(db: Db, where: { dataDir: string; dbFile: string }, now = Date.now()): StatusReport {
  const pid = lockHolder(where.dataDir);
  const published = readRuntimeStatus(db);
  const live = pid !== undefined && published?.pid === pid && isLive(published, now) ? published : undefined;
  let server: StatusReport['server'] = { running: false };
  if (pid !== undefined) server = { running: true, pid };
  if (pid !== undefined && live) {
    server = {
      running: true,
      pid,
      startedAt: new Date(live.startedAt).toISOString(),
      updatedAt: new Date(live.updatedAt).toISOString(),
      info: live.info,
    };
  }
  const stats: StoreStats = live ? { ...live.stats } : { at: new Date(now).toISOString() };
  if (hasTable(db, 'call_log'))
    stats.calls = callStats(createCallLogReader(db), now - DEFAULT_CALLS_WINDOW_MS);
  return {
    dataDir: where.dataDir,
    store: { file: where.dbFile, bytes: fileBytes(where.dbFile) },
    server,
    live: live !== undefined,
    stats,
    stored: stored(db),
  };
}

/** statusReport from a read-only connection it opens and closes (beside a running server, changing nothing). */
export function readStatusReport(where: { dataDir: string; dbFile: string }, now = Date.now()): StatusReport {
  const db = openDatabaseReadOnly(where.dbFile);
  try {
    return statusReport(db, where, now);
  } finally {
    db.close();
  }
}
