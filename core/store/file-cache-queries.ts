// The SQL of the file cache index (table file_cache, migration 'file-cache'). Sizes count each blob once:
// rows of several accounts (or ids) with the same content share one file on disk.
import type { Db } from './db.js';

export interface FileRow {
  account: string;
  file_id: string;
  name: string;
  mime_type: string;
  size: number;
  sha256: string;
  etag: string | null;
  fetched_at: number;
  last_used_at: number;
}

interface NewFile {
  fileId: string;
  name: string;
  mimeType: string;
  size: number;
  sha256: string;
  etag: string | undefined;
  fetchedAt: number;
}

type Count = (n: number) => void;

export interface FileCacheQueries {
  get(account: string, fileId: string): FileRow | undefined;
  all(): Pick<FileRow, 'account' | 'file_id' | 'sha256'>[];
  touch(account: string, fileId: string, at: number): void;
  remove(account: string, fileId: string): void;
  referenced(sha256: string): boolean;
  totals(): { files: number; blobs: number; bytes: number };
  /** Deletes the least recently used blobs' rows until the rest fit `cap`; answers the blobs dropped. */
  evictOver(cap: number, count: Count): string[];
  /** Deletes rows fetched before `before`; answers their blobs (which other rows may still use). */
  expire(before: number, count: Count): string[];
  /**
   * Writes the row (replacing an older copy) and evicts down to `cap`, in one transaction; answers the
   * blobs to check for removal (evicted ones and the replaced copy's).
   */
  put(account: string, f: NewFile, cap: number, count: Count): string[];
  /** Deletes every row; answers how many. */
  clear(): number;
}

export function fileCacheQueries(db: Db): FileCacheQueries {
  const get = db.prepare('SELECT * FROM file_cache WHERE account = ? AND file_id = ?');
  const all = db.prepare('SELECT account, file_id, sha256 FROM file_cache');
  const upsert = db.prepare(
    `INSERT INTO file_cache (account, file_id, name, mime_type, size, sha256, etag, fetched_at, last_used_at)
     VALUES (@account, @fileId, @name, @mimeType, @size, @sha256, @etag, @fetchedAt, @fetchedAt)
     ON CONFLICT (account, file_id) DO UPDATE SET name = excluded.name, mime_type = excluded.mime_type,
       size = excluded.size, sha256 = excluded.sha256, etag = excluded.etag,
       fetched_at = excluded.fetched_at, last_used_at = excluded.last_used_at`,
  );
  const touch = db.prepare('UPDATE file_cache SET last_used_at = ? WHERE account = ? AND file_id = ?');
  const remove = db.prepare('DELETE FROM file_cache WHERE account = ? AND file_id = ?');
  const referenced = db.prepare('SELECT 1 FROM file_cache WHERE sha256 = ? LIMIT 1').pluck();
  const totals = db.prepare(
    `SELECT (SELECT count(*) FROM file_cache) AS files, count(*) AS blobs, COALESCE(sum(size), 0) AS bytes
     FROM (SELECT max(size) AS size FROM file_cache GROUP BY sha256)`,
  );
  // A blob was last used when any of its rows was: evicting by blob never drops a row that frees nothing.
  const lru = db.prepare(
    `SELECT sha256, max(size) AS size FROM file_cache GROUP BY sha256
     ORDER BY max(last_used_at), max(fetched_at)`,
  );
  const removeBlob = db.prepare('DELETE FROM file_cache WHERE sha256 = ?');
  const expire = db.prepare('DELETE FROM file_cache WHERE fetched_at < ? RETURNING sha256').pluck();
  const clear = db.prepare('DELETE FROM file_cache');

  const isReferenced = (sha256: string): boolean => referenced.get(sha256) !== undefined;

  const evictOver = (cap: number, count: Count): string[] => {
    let { bytes } = totals.get() as { bytes: number };
    if (bytes <= cap) return [];
    const gone: string[] = [];
    let evicted = 0;
    for (const blob of lru.all() as Pick<FileRow, 'sha256' | 'size'>[]) {
      if (bytes <= cap) break;
      evicted += removeBlob.run(blob.sha256).changes;
      bytes -= blob.size;
      gone.push(blob.sha256);
    }
    count(evicted);
    return gone;
  };

  return {
    get: (account, fileId) => get.get(account, fileId) as FileRow | undefined,
    all: () => all.all() as Pick<FileRow, 'account' | 'file_id' | 'sha256'>[],
    touch: (account, fileId, at) => void touch.run(at, account, fileId),
    remove: (account, fileId) => void remove.run(account, fileId),
    referenced: isReferenced,
    totals: () => totals.get() as { files: number; blobs: number; bytes: number },
    evictOver: db.transaction(evictOver),
    expire: db.transaction((before: number, count: Count): string[] => {
      const shas = expire.all(before) as string[];
      count(shas.length);
      return shas;
    }),
    put: db.transaction((account: string, f: NewFile, cap: number, count: Count): string[] => {
      const replaced = (get.get(account, f.fileId) as FileRow | undefined)?.sha256;
      upsert.run({ ...f, account, etag: f.etag ?? null });
      const gone = evictOver(cap, count);
      return replaced !== undefined && replaced !== f.sha256 ? [...gone, replaced] : gone;
    }),
    clear: () => clear.run().changes,
  };
}
