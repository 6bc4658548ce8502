// `npm run bench -- store`: what the store's robustness and the file cache cost and save.
// 1. The check on open (PRAGMA quick_check, which the serving process runs before it migrates): time on
//    stores holding 100k (the call log's default cap) and 1M call-log rows, on disk, page cache warm.
// 2. The file cache: a session reading 5 attachments (256 KB each) 4 times each through read_file's path
//    (Upstream.download) against the sandbox, rate limit off: upstream downloads (from the sandbox's own
//    request log) and time per read, without and with the cache. No targets in the issue; printed to watch.
import { mkdtemp, rm } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createFileCacheScope } from '../core/upstream/cached-downloads.js';
import { createToolContextFactory } from '../core/mcp/tools/kit/context-factory.js';
import { openDatabase } from '../core/store/db.js';
import { FileCache } from '../core/store/file-cache.js';
import { WorksectionClient } from '../core/worksection/client.js';
import { percentile } from '../core/worksection/scheduler/stats.js';
import { startSandbox } from '../core/sandbox/server.js';
import { allocateId, insertFile } from '../core/sandbox/records.js';

async function quickCheckCost(dir: string, rows: number): Promise<{ mb: number; ms: number }> {
  const file = join(dir, `check-${rows}.db`);
  const db = openDatabase(file);
  const insert = db.prepare(
    `INSERT INTO call_log (ts, client, method, target, args, status, duration_ms, upstream_requests, cache_hits, bytes)
     VALUES (?, 'claude-desktop', 'tools/call', 'list_tasks', '{"project_id":"12","status":"active"}', 'ok', 1.5, 1, 0, 2048)`,
  );
  const batch = db.transaction((from: number, n: number) => {
    for (let i = 0; i < n; i++) insert.run(Date.now() - (from + i));
  });
  for (let i = 0; i < rows; i += 50_000) batch(i, Math.min(50_000, rows - i));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  openDatabase(file).close(); // warm the page cache, as a restart would find it
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    openDatabase(file).close();
    times.push(performance.now() - t0);
  }
  return { mb: statSync(file).size / 1_048_576, ms: Math.min(...times) };
}

async function fileSession(dir: string, cached: boolean): Promise<{ downloads: number; p50: number }> {
  const sb = await startSandbox({ rateLimit: 0 });
  const client = new WorksectionClient({
    accountUrl: sb.url,
    auth: { kind: 'admin', apiKey: sb.apiKey },
    scheduler: { ratePerSecond: 0 },
  });
  const db = openDatabase(join(dir, `files-${String(cached)}.db`));
  try {
    const ids = Array.from({ length: 5 }, (_, i) => {
      const id = allocateId(sb.data);
      const bytes = new Uint8Array(256 * 1024).map((_, k) => (k * (i + 7)) & 0xff);
      const projectId = [...sb.data.projects.values()][0]!.id;
      insertFile(sb.data, {
        id,
        name: `scan-${i}.bin`,
        kind: 'txt',
        size: bytes.length,
        dateAdded: Date.now(),
        userFromId: sb.data.ownerId,
        projectId,
        bytes,
      });
      return String(id);
    });
    const files = cached
      ? createFileCacheScope(
          new FileCache({ db, dir: join(dir, `blobs-${String(cached)}`), account: 'a' }),
          client,
        )
      : undefined;
    const contextFor = createToolContextFactory({ client, meEmail: 'x@example.com', files });
    const before = sb.requests().filter((r) => r.action === 'download').length;
    const times: number[] = [];
    for (let round = 0; round < 4; round++) {
      for (const id of ids) {
        const ctx = contextFor({ caller: 'bench', signal: new AbortController().signal });
        const t0 = performance.now();
        await ctx.ws.download(id);
        times.push(performance.now() - t0);
      }
    }
    const downloads = sb.requests().filter((r) => r.action === 'download').length - before;
    return {
      downloads,
      p50: percentile(
        [...times].sort((a, b) => a - b),
        0.5,
      ),
    };
  } finally {
    db.close();
    client.close();
    await sb.close();
  }
}

export async function run(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'wsmcp-bench-store-'));
  try {
    console.log('check on open (PRAGMA quick_check + migrations), best of 3, warm page cache');
    console.log('  call-log rows   store size   open + check');
    for (const rows of [100_000, 1_000_000]) {
      const { mb, ms } = await quickCheckCost(dir, rows);
      console.log(
        `  ${rows.toLocaleString('en').padStart(13)}   ${mb.toFixed(1).padStart(7)} MB   ${ms.toFixed(0).padStart(9)} ms`,
      );
    }
    console.log('\nfile cache: 5 attachments of 256 KB, each read 4 times (sandbox, rate limit off)');
    console.log('                 upstream downloads   p50 per read');
    for (const cached of [false, true]) {
      const r = await fileSession(dir, cached);
      const label = cached ? 'with file cache' : 'without cache  ';
      console.log(
        `  ${label}   ${String(r.downloads).padStart(12)}       ${r.p50.toFixed(2).padStart(7)} ms`,
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
