// The file cache against the sandbox and a real SQLite store in a temp dir.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sniff } from '../files/extract/sniff.js';
import type { WorksectionClient } from '../worksection/client.js';
import { FileTooLargeError } from '../worksection/download-stream.js';
import { CancelledError } from '../worksection/errors.js';
import type { RunningSandbox } from '../sandbox/server.js';
import { allocateId, insertFile } from '../sandbox/records.js';
import { openDatabase, type Db } from './db.js';
import { FileCache, type FileCacheOptions, type FileSource } from './file-cache.js';
import { useSandboxAdminClient } from '../sandbox/testing/admin-client.js';

let sb: RunningSandbox;
let client: WorksectionClient;
useSandboxAdminClient((sandbox, c) => {
  sb = sandbox;
  client = c;
});

function addFile(name: string, bytes: Uint8Array | string): string {
  const body = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  const id = allocateId(sb.data);
  insertFile(sb.data, {
    id,
    name,
    kind: 'txt',
    size: body.length,
    dateAdded: Date.now(),
    userFromId: sb.data.ownerId,
    projectId: [...sb.data.projects.values()][0]!.id,
    bytes: body,
  });
  return String(id);
}

// The sandbox's own request log: what reached "Worksection".
const downloads = () => sb.requests().filter((r) => r.action === 'download').length;
const source =
  (id: string): FileSource =>
  ({ maxBytes, signal }) =>
    client.downloadStream(id, { maxBytes, signal });
const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
const KB = 1024;

describe('FileCache', () => {
  let dir: string;
  let db: Db;
  let clock: number;
  const warnings: string[] = [];
  const open = (opts: Partial<FileCacheOptions> = {}) =>
    new FileCache({
      db,
      dir: join(dir, 'files'),
      account: 'acct',
      sniff: (b, n) => sniff(b, n).mimeType,
      now: () => clock,
      warn: (line) => warnings.push(line),
      ...opts,
    });
  /** Every file under the data dir, relative to it. */
  const tree = (): string[] =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => relative(dir, join(e.parentPath, e.name)))
      .sort();
  const blobs = () => tree().filter((p) => p.startsWith('files/') && !p.startsWith('files/tmp/'));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wsmcp-files-'));
    db = openDatabase(join(dir, 'wsmcp.db'));
    clock = Date.UTC(2026, 0, 1);
    warnings.length = 0;
  });
  afterEach(() => {
    if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('downloads once, then answers from disk, also after a restart', async () => {
    const text = 'Meeting notes\nShip on Friday.\n';
    const id = addFile('notes.txt', text);
    const before = downloads();
    let cache = open();
    const first = await cache.get(id, source(id));
    expect(first.origin).toBe('upstream');
    expect(Buffer.from(first.file.bytes).toString()).toBe(text);
    expect(first.file).toMatchObject({
      fileId: id,
      name: 'notes.txt',
      mimeType: 'text/plain',
      size: text.length,
      sha256: sha(text),
      fetchedAt: clock,
    });
    expect(blobs()).toEqual([join('files', sha(text).slice(0, 2), sha(text).slice(2))]);

    clock += 60_000;
    const second = await cache.get(id, source(id));
    expect(second.origin).toBe('cache');
    expect(Buffer.from(second.file.bytes).toString()).toBe(text);
    expect(downloads() - before).toBe(1);

    db.close();
    db = openDatabase(join(dir, 'wsmcp.db'));
    cache = open();
    const third = await cache.get(id, source(id));
    expect(third.origin).toBe('cache');
    expect(third.file.fetchedAt).toBe(Date.UTC(2026, 0, 1));
    expect(downloads() - before).toBe(1);
    expect(cache.stats()).toMatchObject({ files: 1, blobs: 1, bytes: text.length, hits: 1, misses: 0 });
  });

  it('shares one download between concurrent requests for the same file', async () => {
    const id = addFile('shared.bin', new Uint8Array(50 * KB).fill(3));
    const before = downloads();
    const cache = open();
    const got = await Promise.all([1, 2, 3].map(() => cache.get(id, source(id))));
    expect(got.map((g) => g.origin).sort()).toEqual(['shared', 'shared', 'upstream']);
    expect(downloads() - before).toBe(1);
  });

  it('lets one caller give up without stopping the download another waits for', async () => {
    const size = 2 * 1024 * KB;
    const id = addFile('shared-big.bin', new Uint8Array(size).fill(8));
    const cache = open();
    const quitter = new AbortController();
    const gaveUp = cache.get(id, source(id), quitter.signal);
    const waited = cache.get(id, source(id));
    await new Promise((resolve) => setImmediate(resolve));
    quitter.abort();
    await expect(gaveUp).rejects.toBeInstanceOf(CancelledError);
    expect((await waited).file.size).toBe(size);

    // When every caller gives up, the download stops and leaves nothing; the next caller starts afresh.
    const other = addFile('abandoned.bin', new Uint8Array(size).fill(9));
    const alone = new AbortController();
    const abandoned = cache.get(other, source(other), alone.signal);
    await new Promise((resolve) => setImmediate(resolve));
    alone.abort();
    await expect(abandoned).rejects.toBeInstanceOf(CancelledError);
    expect((await cache.get(other, source(other))).origin).toBe('upstream');
    expect(tree().filter((p) => p.startsWith('files/tmp/'))).toEqual([]);
  });

  it('keeps every path inside the cache folder whatever the file name says', async () => {
    const names = ['../../../../escape.txt', '..\\..\\windows.txt', '/etc/absolute.txt', 'nul\u0000byte.txt'];
    const cache = open();
    for (const [i, name] of names.entries()) {
      const id = addFile(name, `content ${i}`);
      const { file } = await cache.get(id, source(id));
      expect(file.name).toBe(name);
      expect(cache.entry(id)?.name).toBe(name);
    }
    expect(tree().filter((p) => !p.startsWith('wsmcp.db'))).toEqual(
      names
        .map((_, i) => join('files', sha(`content ${i}`).slice(0, 2), sha(`content ${i}`).slice(2)))
        .sort(),
    );
    expect(() => cache.blobs.pathOf('../../etc/passwd')).toThrow(/not a sha256/);
  });

  it('evicts the least recently used files to stay under the size cap', async () => {
    const cache = open({ maxTotalBytes: 100 * KB });
    const ids = ['a', 'b', 'c'].map((n, i) => addFile(`${n}.bin`, new Uint8Array(30 * KB).fill(i + 1)));
    for (const id of ids) {
      clock += 1_000;
      await cache.get(id, source(id));
    }
    clock += 1_000;
    await cache.get(ids[0]!, source(ids[0]!)); // a is now the most recently used
    const d = addFile('d.bin', new Uint8Array(30 * KB).fill(9));
    clock += 1_000;
    await cache.get(d, source(d));
    expect(cache.entry(ids[1]!)).toBeUndefined(); // b: least recently used
    expect([ids[0], ids[2], d].map((id) => cache.entry(id!)?.name)).toEqual(['a.bin', 'c.bin', 'd.bin']);
    expect(blobs()).toHaveLength(3);
    expect(cache.stats()).toMatchObject({ files: 3, bytes: 90 * KB, evicted: 1 });
  });

  it('stores identical content once and evicts by blob, so dropping a copy never frees nothing', async () => {
    const cache = open({ maxTotalBytes: 100 * KB });
    const same = new Uint8Array(40 * KB).fill(5);
    const [x, w, y] = [
      addFile('x.bin', same),
      addFile('w.bin', new Uint8Array(30 * KB)),
      addFile('y.bin', same),
    ];
    for (const id of [x, w, y]) {
      clock += 1_000;
      await cache.get(id, source(id));
    }
    expect(blobs()).toHaveLength(2);
    expect(cache.stats()).toMatchObject({ files: 3, blobs: 2, bytes: 70 * KB });
    // 35 KB more: x is the least recently used row, but its content was used since (as y), so w goes.
    const z = addFile('z.bin', new Uint8Array(35 * KB).fill(6));
    clock += 1_000;
    await cache.get(z, source(z));
    expect(cache.entry(w)).toBeUndefined();
    expect([x, y, z].map((id) => cache.entry(id)?.name)).toEqual(['x.bin', 'y.bin', 'z.bin']);
    expect(cache.stats()).toMatchObject({ files: 3, blobs: 2, bytes: 75 * KB, evicted: 1 });
  });

  it('drops files fetched before the retention period, on use and on open', async () => {
    const day = 86_400_000;
    let cache = open({ retentionMs: 7 * day });
    const [old, recent] = [addFile('old.txt', 'old'), addFile('recent.txt', 'recent')];
    await cache.get(old, source(old));
    clock += 5 * day;
    await cache.get(recent, source(recent));
    clock += 3 * day; // old: 8 days, recent: 3 days
    expect(cache.entry(old)).toBeUndefined();
    expect((await cache.get(recent, source(recent))).origin).toBe('cache');

    db.close();
    db = openDatabase(join(dir, 'wsmcp.db'));
    cache = open({ retentionMs: 7 * day });
    expect(db.prepare('SELECT file_id FROM file_cache').pluck().all()).toEqual([recent]);
    expect(blobs()).toEqual([join('files', sha('recent').slice(0, 2), sha('recent').slice(2))]);
    expect((await cache.get(old, source(old))).origin).toBe('upstream');
  });

  it('stops a download over the per-file limit and leaves nothing behind', async () => {
    const id = addFile('huge.bin', new Uint8Array(600 * KB).fill(7));
    const cache = open({ maxFileBytes: 256 * KB });
    const err = await cache.get(id, source(id)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileTooLargeError);
    expect(tree().filter((p) => !p.startsWith('wsmcp.db'))).toEqual([]);
    expect(cache.stats()).toMatchObject({ files: 0, tooLarge: 1 });
    // The cap bounds a single file too.
    const capped = open({ maxTotalBytes: 100 * KB, maxFileBytes: 256 * KB });
    expect(capped.stats().maxFileBytes).toBe(100 * KB);
  });

  it('refetches a file whose blob was deleted or damaged behind its back', async () => {
    const id = addFile('fragile.txt', 'fragile content');
    const cache = open();
    await cache.get(id, source(id));
    const [blob] = blobs();
    writeFileSync(join(dir, blob!), 'tampered');
    const again = await cache.get(id, source(id));
    expect(again.origin).toBe('upstream');
    expect(Buffer.from(again.file.bytes).toString()).toBe('fragile content');
    rmSync(join(dir, blob!));
    expect((await cache.get(id, source(id))).origin).toBe('upstream');
  });

  it('sweeps what a crash left behind when it opens', async () => {
    const id = addFile('kept.txt', 'kept');
    open();
    const cache = open();
    await cache.get(id, source(id));
    const files = join(dir, 'files');
    // A temp file of a process that is gone, an old orphan blob, a young one (maybe another process's
    // insert in progress), and a row whose blob vanished.
    mkdirSync(join(files, 'tmp'), { recursive: true });
    writeFileSync(join(files, 'tmp', '999999999-dead.part'), 'half');
    const orphan = sha('orphan');
    const young = sha('young');
    for (const s of [orphan, young]) {
      mkdirSync(join(files, s.slice(0, 2)), { recursive: true });
      writeFileSync(join(files, s.slice(0, 2), s.slice(2)), s);
    }
    const hourAgo = new Date(clock - 3_600_000);
    utimesSync(join(files, orphan.slice(0, 2), orphan.slice(2)), hourAgo, hourAgo);
    db.prepare(
      `INSERT INTO file_cache (account, file_id, name, mime_type, size, sha256, fetched_at, last_used_at)
       VALUES ('acct', 'ghost', 'ghost.txt', 'text/plain', 5, ?, ?, ?)`,
    ).run(sha('ghost'), clock, clock);

    open();
    expect(blobs().sort()).toEqual(
      [sha('kept'), young].map((s) => join('files', s.slice(0, 2), s.slice(2))).sort(),
    );
    expect(db.prepare('SELECT file_id FROM file_cache').pluck().all()).toEqual([id]);
  });

  it('clears every file and keeps working', async () => {
    const cache = open();
    const ids = [addFile('one.txt', 'one'), addFile('two.txt', 'two')];
    for (const id of ids) await cache.get(id, source(id));
    expect(cache.clear()).toBe(2);
    expect(blobs()).toEqual([]);
    expect(cache.stats()).toMatchObject({ files: 0, bytes: 0 });
    expect((await cache.get(ids[0]!, source(ids[0]!))).origin).toBe('upstream');
  });

  it('with a cap of 0 keeps nothing but still serves files under the per-file limit', async () => {
    const cache = open({ maxTotalBytes: 0 });
    const id = addFile('private.txt', 'not kept');
    const { file } = await cache.get(id, source(id));
    expect(Buffer.from(file.bytes).toString()).toBe('not kept');
    expect(tree().filter((p) => !p.startsWith('wsmcp.db'))).toEqual([]);
  });
});
