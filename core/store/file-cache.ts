// Downloaded attachments, kept so a file is fetched from Worksection once: bytes content-addressed on disk
// (file-blobs.ts), one index row per account and file id (name, sniffed MIME type, size, sha256, fetched
// and last-used time). The total size stays under a cap by evicting the least recently used files; rows
// older than the retention period are dropped (a file deleted in Worksection stops being served from
// here after that at the latest); the per-file limit stops a download while it streams. Concurrent misses
// of one file share one download. The index only ever names blobs that were complete on disk: a row is
// written after its blob is in place and removed before its blob is, and what a crash leaves behind (temp
// files, unreferenced blobs, rows whose blob vanished) is swept when the cache opens.
import { FileTooLargeError, type DownloadStream } from '../worksection/download-stream.js';
import type { Db } from './db.js';
import { DiskFullError, isDiskFull } from './disk-full.js';
import { BlobStore, type BlobIo, type WrittenBlob } from './file-blobs.js';
import { fileCacheQueries, type FileCacheQueries, type FileRow } from './file-cache-queries.js';
import { SharedFlights } from './shared-flights.js';

export const MB = 1_048_576;
const DEFAULT_FILE_CACHE = {
  maxTotalBytes: 500 * MB,
  maxFileBytes: 30 * MB,
  retentionMs: 30 * 86_400_000,
};
/** An unreferenced blob younger than this may belong to another process's insert in progress. */
const ORPHAN_GRACE_MS = 10 * 60_000;

export interface FileCacheOptions {
  db: Db;
  /** The blob folder, <store dir>/files. */
  dir: string;
  /** Rows are per account: the same file id in two accounts is two files. */
  account: string;
  /** 0 keeps nothing on disk (downloads still stream under the per-file limit). */
  maxTotalBytes?: number;
  maxFileBytes?: number;
  retentionMs?: number;
  /** The MIME type of a file from its bytes and name (the API says application/x-download for all). */
  sniff?: (bytes: Uint8Array, name: string) => string;
  now?: () => number;
  io?: BlobIo;
  /** One line for the app's log when something needs the user (a full disk). */
  warn?: (line: string) => void;
}

export interface CachedFile {
  fileId: string;
  name: string;
  mimeType: string;
  size: number;
  sha256: string;
  etag: string | undefined;
  /** Epoch ms when the bytes came from Worksection. */
  fetchedAt: number;
  bytes: Uint8Array;
}

/** 'cache': from disk; 'upstream': this call downloaded it; 'shared': joined another call's download. */
export type FileOrigin = 'cache' | 'upstream' | 'shared';

/** Opens the download; the cache reads the body. */
export type FileSource = (opts: { maxBytes: number; signal: AbortSignal }) => Promise<DownloadStream>;

export interface FileCacheStats {
  /** Index rows (every account). */
  files: number;
  /** Distinct blobs on disk and their total size. */
  blobs: number;
  bytes: number;
  capBytes: number;
  maxFileBytes: number;
  retentionDays: number;
  /** Since this process opened the cache. */
  hits: number;
  misses: number;
  shared: number;
  /** hits / (hits + misses + shared), or null before the first request. */
  hitRate: number | null;
  evicted: number;
  expired: number;
  tooLarge: number;
  lastError: { at: string; message: string } | undefined;
}

export class FileCache {
  readonly blobs: BlobStore;
  readonly capBytes: number;
  readonly maxFileBytes: number;
  private readonly retentionMs: number;
  private readonly q: FileCacheQueries;
  private readonly flights = new SharedFlights<CachedFile>();
  private readonly now: () => number;
  private readonly counts = { hits: 0, misses: 0, shared: 0, evicted: 0, expired: 0, tooLarge: 0 };
  private lastError: FileCacheStats['lastError'];

  constructor(private readonly opts: FileCacheOptions) {
    this.blobs = new BlobStore(opts.dir, opts.io);
    this.capBytes = opts.maxTotalBytes ?? DEFAULT_FILE_CACHE.maxTotalBytes;
    this.maxFileBytes = opts.maxFileBytes ?? DEFAULT_FILE_CACHE.maxFileBytes;
    this.retentionMs = opts.retentionMs ?? DEFAULT_FILE_CACHE.retentionMs;
    this.now = opts.now ?? Date.now;
    this.q = fileCacheQueries(opts.db);
    this.sweep();
  }

  /** The file's bytes: from disk when held, otherwise downloaded through `source` (and kept). */
  async get(
    fileId: string,
    source: FileSource,
    signal?: AbortSignal,
  ): Promise<{ file: CachedFile; origin: FileOrigin }> {
    const held = await this.read(fileId);
    if (held) {
      this.counts.hits++;
      return { file: held, origin: 'cache' };
    }
    const { started, result } = this.flights.join(
      fileId,
      (transfer) => this.download(fileId, source, transfer),
      signal,
    );
    this.counts[started ? 'misses' : 'shared']++;
    return { file: await result, origin: started ? 'upstream' : 'shared' };
  }

  /** The index row of a held file (no bytes), if any. */
  entry(fileId: string): Omit<CachedFile, 'bytes'> | undefined {
    const row = this.q.get(this.opts.account, fileId);
    return row && !this.expired(row) ? fromRow(row) : undefined;
  }

  stats(): FileCacheStats {
    const { files, blobs, bytes } = this.q.totals();
    const { hits, misses, shared } = this.counts;
    const requests = hits + misses + shared;
    return {
      files,
      blobs,
      bytes,
      capBytes: this.capBytes,
      maxFileBytes: this.effectiveMaxFileBytes(),
      retentionDays: this.retentionMs / 86_400_000,
      ...this.counts,
      hitRate: requests === 0 ? null : hits / requests,
      lastError: this.lastError,
    };
  }

  /**
   * Applies retention and the size cap and removes what a crash left behind. Runs on open; cheap enough to
   * run again whenever (the app runs it hourly).
   */
  sweep(): void {
    const now = this.now();
    this.dropBlobs(this.q.expire(now - this.retentionMs, (n) => (this.counts.expired += n)));
    // Rows whose blob vanished (deleted by hand, or a crash before the rename reached the disk).
    for (const row of this.q.all()) {
      if (!this.blobs.has(row.sha256)) this.q.remove(row.account, row.file_id);
    }
    this.dropBlobs(this.q.evictOver(this.capBytes, (n) => (this.counts.evicted += n)));
    this.blobs.sweep((sha) => this.q.referenced(sha), now, ORPHAN_GRACE_MS);
  }

  /** Forgets every file of every account and deletes the bytes. Answers how many files were dropped. */
  clear(): number {
    const dropped = this.q.clear();
    this.blobs.clear();
    return dropped;
  }

  private effectiveMaxFileBytes(): number {
    return this.capBytes > 0 ? Math.min(this.maxFileBytes, this.capBytes) : this.maxFileBytes;
  }

  private expired(row: FileRow): boolean {
    return row.fetched_at < this.now() - this.retentionMs;
  }

  private async read(fileId: string): Promise<CachedFile | undefined> {
    const row = this.q.get(this.opts.account, fileId);
    if (!row) return undefined;
    const bytes = this.expired(row) ? undefined : await this.blobs.read(row.sha256);
    if (!bytes || bytes.length !== row.size) {
      // Expired, gone or damaged: forget it (and its blob when nothing else uses it), then fetch again.
      this.q.remove(row.account, row.file_id);
      this.dropBlobs([row.sha256]);
      return undefined;
    }
    this.tolerateFullDisk(() => this.q.touch(row.account, row.file_id, this.now()), 'the file cache');
    return { ...fromRow(row), bytes };
  }

  private async download(fileId: string, source: FileSource, signal: AbortSignal): Promise<CachedFile> {
    const keep = this.capBytes > 0;
    const maxBytes = this.effectiveMaxFileBytes();
    let written: WrittenBlob;
    let stream: DownloadStream | undefined;
    try {
      stream = await source({ maxBytes, signal });
      written = await this.blobs.write(stream.body, keep);
    } catch (err) {
      if (err instanceof FileTooLargeError) this.counts.tooLarge++;
      throw err;
    } finally {
      stream?.cancel();
    }
    const file: CachedFile = {
      fileId,
      name: stream.filename,
      mimeType: this.opts.sniff?.(written.bytes, stream.filename) ?? 'application/octet-stream',
      size: written.size,
      sha256: written.sha256,
      etag: stream.etag,
      fetchedAt: this.now(),
      bytes: written.bytes,
    };
    if (written.diskError !== undefined) this.noteDiskFull(written.diskError);
    if (!written.stored) return file;
    try {
      const gone = this.q.put(this.opts.account, file, this.capBytes, (n) => (this.counts.evicted += n));
      this.dropBlobs(gone);
    } catch (err) {
      // The row is not there (the transaction rolled back): its blob must not stay unless another row has it.
      this.dropBlobs([file.sha256]);
      if (!isDiskFull(err)) throw err;
      this.noteDiskFull(err);
    }
    this.sweepExpired();
    return file;
  }

  private sweepExpired(): void {
    this.tolerateFullDisk(
      () => this.dropBlobs(this.q.expire(this.now() - this.retentionMs, (n) => (this.counts.expired += n))),
      'the file cache',
    );
  }

  private dropBlobs(shas: readonly string[]): void {
    for (const sha of new Set(shas)) if (!this.q.referenced(sha)) this.blobs.remove(sha);
  }

  // Bookkeeping writes (last use, retention) may fail on a full disk without failing the read they serve.
  private tolerateFullDisk(write: () => void, what: string): void {
    try {
      write();
    } catch (err) {
      if (!isDiskFull(err)) throw err;
      this.noteDiskFull(err, what);
    }
  }

  private noteDiskFull(cause: unknown, what = 'the file cache'): void {
    const err = new DiskFullError(
      this.blobs.root,
      `downloaded files cannot be kept in ${what} (they are still served, just not kept)`,
      { cause },
    );
    this.lastError = { at: new Date(this.now()).toISOString(), message: err.message };
    this.opts.warn?.(`[warn] ${err.message}`);
  }
}

function fromRow(row: FileRow): Omit<CachedFile, 'bytes'> {
  return {
    fileId: row.file_id,
    name: row.name,
    mimeType: row.mime_type,
    size: row.size,
    sha256: row.sha256,
    etag: row.etag ?? undefined,
    fetchedAt: row.fetched_at,
  };
}
