// The call log read from the store file beside the process that writes it (`wsmcp logs`): the latest rows,
// then the rows committed after them, each read in one snapshot so no row falls between a listing and the
// follow that continues it. Read-only: the serving process keeps writing (SQLite WAL).
import type { CallLogFilter, CallLogRow } from './call-log.js';
import { createCallLogReader } from './call-log-query.js';
import { hasTable, openDatabaseReadOnly } from './db.js';

export interface CallLogFile {
  /** The newest `limit` rows matching `filter`, oldest first; the follow starts after them. */
  latest(filter: CallLogFilter, limit: number): CallLogRow[];
  /** Rows committed since the last read (at most `page`; the next call continues). */
  next(filter: CallLogFilter, page: number): CallLogRow[];
  close(): void;
}

/** The log of the store at `file`, or undefined when the store has no call log yet. Throws when unreadable. */
export function openCallLogFile(file: string): CallLogFile | undefined {
  const db = openDatabaseReadOnly(file);
  try {
    if (!hasTable(db, 'call_log')) {
      db.close();
      return undefined;
    }
  } catch (err) {
    db.close();
    throw err;
  }
  const reader = createCallLogReader(db);
  let cursor = 0;
  return {
    latest: db.transaction((filter: CallLogFilter, limit: number) => {
      cursor = reader.lastId();
      return reader.query({ ...filter, limit, before: cursor + 1 }).rows.reverse();
    }),
    next: db.transaction((filter: CallLogFilter, page: number) => {
      const top = reader.lastId();
      const rows = reader.after(cursor, { ...filter, limit: page });
      // A full page may have more behind it: continue from its end; otherwise everything up to top is seen.
      cursor = rows.length >= page ? (rows.at(-1)?.id ?? top) : top;
      return rows;
    }),
    close: () => db.close(),
  };
}
