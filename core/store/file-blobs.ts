// The file cache's bytes on disk, content-addressed: a file whose sha256 is abcd… lives at <root>/ab/cd….
// Paths come only from a hash checked to be 64 hex digits, so nothing a file name says can reach the file
// system. A blob appears only complete and synced: bytes go to <root>/tmp/<pid>-<uuid>.part, are fsynced,
// then renamed into place. A full disk stops the writing (the temp file is removed) but not the reading:
// the caller still gets the bytes, uncached.
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { isDiskFull } from './disk-full.js';
import { isAlive } from '../data-dir/lock.js';

const SHA256_HEX = /^[0-9a-f]{64}$/;
const TMP = 'tmp';

/** The file system calls a test may replace (e.g. to make a write fail with ENOSPC). */
export interface BlobIo {
  write(handle: FileHandle, chunk: Uint8Array): Promise<unknown>;
}

// One write(2) may take only part of a chunk (a disk filling up does that before it says ENOSPC).
export const realIo: BlobIo = {
  async write(handle, chunk) {
    for (let offset = 0; offset < chunk.byteLength;) {
      const { bytesWritten } = await handle.write(chunk, offset, chunk.byteLength - offset);
      if (bytesWritten <= 0) throw Object.assign(new Error('write made no progress'), { code: 'ENOSPC' });
      offset += bytesWritten;
    }
  },
};

export interface WrittenBlob {
  sha256: string;
  size: number;
  bytes: Uint8Array;
  /** False when the bytes were read but not kept (no room on disk, or storing was off). */
  stored: boolean;
  /** Why they were not kept, when it was the disk. */
  diskError?: unknown;
}

export class BlobStore {
  readonly root: string;

  constructor(
    root: string,
    private readonly io: BlobIo = realIo,
  ) {
    this.root = resolve(root);
  }

  pathOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new Error(`not a sha256: ${JSON.stringify(sha256)}`);
    const path = join(this.root, sha256.slice(0, 2), sha256.slice(2));
    // Belt and braces: the hex check already makes this impossible.
    if (relative(this.root, path).startsWith('..')) throw new Error('blob path escapes the cache folder');
    return path;
  }

  /**
   * Reads `source` to the end, hashing it and (when `store`) writing it as a blob. Errors of the source
   * (too large, network) leave nothing behind and are rethrown.
   */
  async write(source: AsyncIterable<Uint8Array>, store: boolean): Promise<WrittenBlob> {
    const hash = createHash('sha256');
    const chunks: Uint8Array[] = [];
    let size = 0;
    let tmp: string | undefined;
    let handle: FileHandle | undefined;
    let diskError: unknown;
    const dropTemp = async () => {
      await handle?.close().catch(() => undefined);
      handle = undefined;
      if (tmp) await rm(tmp, { force: true });
    };
    try {
      if (store) {
        try {
          await mkdir(join(this.root, TMP), { recursive: true, mode: 0o700 });
          tmp = join(this.root, TMP, `${process.pid}-${randomUUID()}.part`);
          handle = await open(tmp, 'wx', 0o600);
        } catch (err) {
          if (!isDiskFull(err)) throw err;
          diskError = err;
          await dropTemp();
        }
      }
      for await (const chunk of source) {
        hash.update(chunk);
        chunks.push(chunk);
        size += chunk.byteLength;
        if (!handle) continue;
        try {
          await this.io.write(handle, chunk);
        } catch (err) {
          if (!isDiskFull(err)) throw err;
          diskError = err;
          await dropTemp();
        }
      }
      const sha256 = hash.digest('hex');
      const bytes = Buffer.concat(chunks, size);
      if (!handle || !tmp) return { sha256, size, bytes, stored: false, diskError };
      try {
        await handle.sync();
        // What is renamed into place must be exactly what was hashed.
        const written = (await handle.stat()).size;
        if (written !== size) throw new Error(`cache temp file holds ${written} of ${size} bytes`);
        await handle.close();
        handle = undefined;
        const dest = this.pathOf(sha256);
        await mkdir(join(this.root, sha256.slice(0, 2)), { recursive: true, mode: 0o700 });
        // Same content under the same name: keep the one there.
        if (await exists(dest)) await rm(tmp, { force: true });
        else await rename(tmp, dest);
        return { sha256, size, bytes, stored: true };
      } catch (err) {
        if (!isDiskFull(err)) throw err;
        await dropTemp();
        return { sha256, size, bytes, stored: false, diskError: err };
      }
    } catch (err) {
      await dropTemp();
      throw err;
    }
  }

  /** The blob's bytes if present and intact (its hash checked), otherwise undefined. */
  async read(sha256: string): Promise<Uint8Array | undefined> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.pathOf(sha256));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
    if (createHash('sha256').update(bytes).digest('hex') !== sha256) {
      this.remove(sha256);
      return undefined;
    }
    return bytes;
  }

  has(sha256: string): boolean {
    try {
      return statSync(this.pathOf(sha256)).isFile();
    } catch {
      return false;
    }
  }

  /** Removes a blob; one already gone (or held open elsewhere) is left to the next sweep. */
  remove(sha256: string): void {
    try {
      unlinkSync(this.pathOf(sha256));
    } catch {
      // swept later
    }
  }

  /**
   * Removes what a crash or another process left behind: temp files of processes that are gone, and blobs
   * no index row refers to. A blob younger than `graceMs` is kept: another process may have just renamed
   * it into place and not yet written its row.
   */
  sweep(referenced: (sha256: string) => boolean, nowMs: number, graceMs: number): number {
    let removed = 0;
    for (const name of list(join(this.root, TMP))) {
      const pid = Number(/^(\d+)-/.exec(name)?.[1]);
      const path = join(this.root, TMP, name);
      const old = mtimeOf(path) < nowMs - 24 * 3_600_000;
      if (old || !Number.isInteger(pid) || (pid !== process.pid && !isAlive(pid))) removed += drop(path);
    }
    for (const dir of list(this.root)) {
      if (!/^[0-9a-f]{2}$/.test(dir)) continue;
      for (const name of list(join(this.root, dir))) {
        const sha256 = dir + name;
        if (!SHA256_HEX.test(sha256) || referenced(sha256)) continue;
        const path = join(this.root, dir, name);
        if (mtimeOf(path) < nowMs - graceMs) removed += drop(path);
      }
    }
    return removed;
  }

  /** Removes every blob (and leftover temp files of processes that are gone). */
  clear(): void {
    for (const dir of list(this.root)) {
      if (/^[0-9a-f]{2}$/.test(dir)) rmSync(join(this.root, dir), { recursive: true, force: true });
    }
    this.sweep(() => true, Date.now(), 0);
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function mtimeOf(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return Infinity;
  }
}

function drop(path: string): number {
  try {
    unlinkSync(path);
    return 1;
  } catch {
    return 0;
  }
}
