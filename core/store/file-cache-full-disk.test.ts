// A full disk under the file cache: the file is still served, a clear warning is logged, nothing is left
// half-written and the index names only blobs that are on disk. Three ways to fill it: an injected write
// that fails with ENOSPC, a real 256 KiB tmpfs (when the tests run as root and may mount), and SQLite
// itself refusing to grow (max_page_count), which fails the index write with SQLITE_FULL.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WorksectionClient } from '../worksection/client.js';
import type { RunningSandbox } from '../sandbox/server.js';
import { allocateId, insertFile } from '../sandbox/records.js';
import { openDatabase, type Db } from './db.js';
import { realIo, type BlobIo } from './file-blobs.js';
import { FileCache, type FileCacheOptions, type FileSource } from './file-cache.js';
import { useSandboxAdminClient } from '../sandbox/testing/admin-client.js';

let sb: RunningSandbox;
let client: WorksectionClient;
useSandboxAdminClient((sandbox, c) => {
  sb = sandbox;
  client = c;
});

function addFile(name: string, size: number, fill = 1): string {
  const id = allocateId(sb.data);
  insertFile(sb.data, {
    id,
    name,
    kind: 'txt',
    size,
    dateAdded: Date.now(),
    userFromId: sb.data.ownerId,
    projectId: [...sb.data.projects.values()][0]!.id,
    bytes: new Uint8Array(size).fill(fill),
  });
  return String(id);
}

const source =
  (id: string): FileSource =>
  ({ maxBytes, signal }) =>
    client.downloadStream(id, { maxBytes, signal });
const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });

function canMountTmpfs(): boolean {
  if (process.getuid?.() !== 0) return false;
  const probe = mkdtempSync(join(tmpdir(), 'wsmcp-mount-probe-'));
  try {
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe]).status === 0;
    if (mounted) spawnSync('umount', [probe]);
    return mounted;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

describe('FileCache on a full disk', () => {
  let dir: string;
  let db: Db;
  const warnings: string[] = [];
  const open = (opts: Partial<FileCacheOptions> = {}) =>
    new FileCache({ db, dir: join(dir, 'files'), account: 'acct', warn: (l) => warnings.push(l), ...opts });
  const cacheFiles = () =>
    readdirSync(join(dir, 'files'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => relative(join(dir, 'files'), join(e.parentPath, e.name)));
  const rows = () => db.prepare('SELECT file_id FROM file_cache ORDER BY file_id').pluck().all();

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wsmcp-full-'));
    mkdirSync(join(dir, 'files'));
    db = openDatabase(join(dir, 'wsmcp.db'));
    warnings.length = 0;
  });
  afterEach(() => {
    if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves a file whose write fails with ENOSPC, keeps nothing of it, and says why', async () => {
    let full = true;
    const io: BlobIo = {
      write: (handle, chunk) => (full ? Promise.reject(enospc()) : realIo.write(handle, chunk)),
    };
    const cache = open({ io });
    const id = addFile('report.bin', 200_000);
    const got = await cache.get(id, source(id));
    expect(got.file.bytes.length).toBe(200_000);
    expect(cacheFiles().filter((f) => !f.startsWith('tmp'))).toEqual([]);
    expect(cacheFiles()).toEqual([]);
    expect(rows()).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/the disk holding .*files is full, so downloaded files cannot be kept/);
    expect(cache.stats().lastError?.message).toMatch(/is full/);

    full = false;
    expect((await cache.get(id, source(id))).origin).toBe('upstream');
    expect((await cache.get(id, source(id))).origin).toBe('cache');
    expect(rows()).toEqual([id]);
  });

  it('keeps the index consistent when SQLite cannot grow (SQLITE_FULL on the index row)', async () => {
    const cache = open();
    const small = addFile('small.txt', 100);
    await cache.get(small, source(small));
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages}`);
    // A long name needs overflow pages the store may not add.
    const id = addFile(`${'long-name-'.repeat(800)}.bin`, 50_000, 2);
    const got = await cache.get(id, source(id));
    expect(got.file.bytes.length).toBe(50_000);
    expect(rows()).toEqual([small]);
    expect(cacheFiles()).toHaveLength(1); // the new blob was removed again
    expect(warnings.join('\n')).toMatch(/is full/);
    // What was held is still served (the last-use update failing is tolerated).
    expect((await cache.get(small, source(small))).origin).toBe('cache');
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it.skipIf(!canMountTmpfs())(
    'on a real 256 KiB tmpfs: serves, cleans up, and stores what fits',
    async () => {
      const files = join(dir, 'files');
      expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', files]).status).toBe(0);
      try {
        const cache = open();
        const big = addFile('big.bin', 400_000, 3);
        const got = await cache.get(big, source(big));
        expect(got.file.bytes.length).toBe(400_000);
        expect(cacheFiles()).toEqual([]);
        expect(rows()).toEqual([]);
        expect(warnings[0]).toMatch(/is full/);
        const fits = addFile('fits.bin', 40_000, 4);
        await cache.get(fits, source(fits));
        expect(rows()).toEqual([fits]);
        expect((await cache.get(fits, source(fits))).origin).toBe('cache');
      } finally {
        spawnSync('umount', [files]);
      }
    },
  );
});
