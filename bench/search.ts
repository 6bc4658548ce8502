// `npm run bench -- search [--size small|large] [--seed N]`: the local mirror on the large sandbox (200
// projects, 100k tasks, 300k comments). A first sync from scratch at full speed (no rate limit; its
// duration at Worksection's 1 request/s and the default background share of half of it is computed from
// the requests made, not waited out), the index size, then 1,000 varied searches (words, prefixes,
// phrases, filters, typos, Cyrillic) timed one by one. Target (issue 14): p95 under 25 ms.
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testMirror } from '../core/mirror/testing/test-mirror.js';
import type { SearchQuery } from '../core/mirror/search.js';
import { startSandbox } from '../core/sandbox/server.js';
import { sandboxTokenProvider } from '../core/sandbox/testing/tokens.js';
import { Rng } from '../core/sandbox/generate/random.js';
import { openDatabase } from '../core/store/db.js';
import { WorksectionClient } from '../core/worksection/client.js';

const P95_TARGET_MS = 25;
const SHAPES = ['word', 'two words', 'prefix', 'phrase', 'typo', 'kind', 'project', 'upper+status'];
const QUERIES = 1_000;
const RATE = 1;
const SHARE = 0.5;

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;
const hours = (requests: number) => {
  const s = requests / (RATE * SHARE);
  return s < 3600 ? `${(s / 60).toFixed(1)} min` : `${(s / 3600).toFixed(1)} h`;
};
const pct = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

export async function run(args: string[]): Promise<void> {
  const size = args.includes('--size') ? (args[args.indexOf('--size') + 1] as 'small' | 'large') : 'large';
  const seed = args.includes('--seed') ? Number(args[args.indexOf('--seed') + 1]) : 1;
  const t0 = performance.now();
  const sandbox = await startSandbox({ seed, size, rateLimit: 0 });
  console.log(
    `sandbox (${size}, seed ${seed}) generated and serving in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const client = new WorksectionClient({
    accountUrl: sandbox.url,
    auth: { kind: 'oauth', tokens: sandboxTokenProvider(sandbox) },
    scheduler: { ratePerSecond: 0 },
  });
  // --keep DIR: the store is kept there, and a store already synced there is searched again without a sync.
  const keep = args.includes('--keep') ? args[args.indexOf('--keep') + 1] : undefined;
  const dir = keep ?? mkdtempSync(join(tmpdir(), 'wsmcp-bench-search-'));
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'wsmcp.db');
  const db = openDatabase(file);
  try {
    const mirror = testMirror(db, client, sandbox.url);
    const synced = mirror.sync.firstSyncDone;
    const byKind = new Map<string, number>();
    let untilSearchable = 0;
    // Requests until the last longer discussion was read (every comment searchable); the short ones read
    // after that are for their files (list_comments).
    let made = 0;
    let untilComments = 0;
    const s0 = performance.now();
    for (let step = synced ? undefined : await mirror.sync.step(); step; step = await mirror.sync.step()) {
      made += 1;
      byKind.set(step, (byKind.get(step) ?? 0) + 1);
      if (step !== 'discussion_files') untilComments = made;
      if (!untilSearchable && mirror.sync.firstSyncDone) untilSearchable = mirror.progress().requestsMade;
    }
    const syncMs = performance.now() - s0;
    const p = mirror.progress();
    const c = p.counts;
    console.log(
      `first sync: ${p.requestsMade} requests (${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ')}) in ` +
        `${(syncMs / 1000).toFixed(1)} s here; at ${RATE} req/s with a ${SHARE} background share: ` +
        `searchable after ${untilSearchable} requests = ${hours(untilSearchable)}, every comment searchable after ` +
        `${hours(untilComments)}` +
        // Only with a response cache to keep them (this bench's mirror has none).
        (byKind.has('discussion_files')
          ? `, the most recent discussions read with their files after ${hours(p.requestsMade)}`
          : ''),
    );
    console.log(
      `  held: ${c.projects} projects, ${c.tasks} tasks, ${c.comments} comments, ${c.users} users, ${c.tags} tags; ` +
        `comments indexed for ${c.crawledTasks} of ${c.discussedTasks} discussed tasks ` +
        `(${c.discussedTasks - (byKind.get('comments') ?? 0)} complete from the listings)`,
    );
    db.pragma('wal_checkpoint(TRUNCATE)');
    const fts = db
      .prepare<[], { bytes: number }>("SELECT sum(pgsize) AS bytes FROM dbstat WHERE name LIKE 'mirror_fts%'")
      .get();
    console.log(`index size: ${mb(fts?.bytes ?? 0)} FTS; whole store ${mb(statSync(file).size)}`);

    const queries = varied(db, seed, sandbox.data.projects.size > 0 ? [...sandbox.data.projects.keys()] : []);
    const times: number[] = [];
    const byShape = new Map<string, number[]>();
    let empty = 0;
    for (const [i, q] of queries.entries()) {
      const a = performance.now();
      const answer = mirror.search(q);
      const ms = performance.now() - a;
      times.push(ms);
      const shape = SHAPES[i % SHAPES.length] as string;
      byShape.set(shape, [...(byShape.get(shape) ?? []), ms]);
      if (!answer?.hits.length) empty++;
    }
    times.sort((x, y) => x - y);
    const p95 = pct(times, 0.95);
    console.log(
      `search: ${queries.length} queries, p50 ${pct(times, 0.5).toFixed(2)} ms, p95 ${p95.toFixed(2)} ms ` +
        `(target < ${P95_TARGET_MS} ms) ${p95 < P95_TARGET_MS ? 'ok' : 'SLOW'}, max ${(times.at(-1) ?? 0).toFixed(1)} ms; ` +
        `${queries.length - empty} found something`,
    );
    const shapes = [...byShape].map(([k, v]) => {
      v.sort((x, y) => x - y);
      return `${k} ${pct(v, 0.5).toFixed(1)}/${pct(v, 0.95).toFixed(1)}`;
    });
    console.log(`  p50/p95 ms by shape: ${shapes.join(', ')}`);
  } finally {
    db.close();
    client.close();
    await sandbox.close();
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

/** 1,000 searches a person might type: words from the index, prefixes, phrases, typos, filters. */
function varied(db: ReturnType<typeof openDatabase>, seed: number, projects: number[]): SearchQuery[] {
  const rng = new Rng(seed).derive(14);
  const terms = db
    .prepare<[], { term: string }>(
      'SELECT term FROM mirror_fts_vocab WHERE length(term) >= 4 ORDER BY doc DESC LIMIT 3000',
    )
    .all()
    .map((r) => r.term);
  const names = db
    .prepare<[], { name: string }>('SELECT name FROM mirror_tasks ORDER BY random() LIMIT 300')
    .all();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng.next() * xs.length)] as T;
  const typo = (w: string) => {
    const i = 1 + Math.floor(rng.next() * (w.length - 2));
    return w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
  };
  const out: SearchQuery[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const kind = i % 8;
    const base: SearchQuery = { text: '', limit: 10 };
    if (kind === 0) base.text = pick(terms);
    else if (kind === 1) base.text = `${pick(terms)} ${pick(terms)}`;
    else if (kind === 2) base.text = pick(terms).slice(0, 3 + Math.floor(rng.next() * 2));
    else if (kind === 3) base.text = `"${pick(names)?.name.split(/\s+/).slice(0, 2).join(' ')}"`;
    else if (kind === 4) base.text = typo(pick(terms));
    else if (kind === 5)
      Object.assign(base, { text: pick(terms), kind: pick(['task', 'comment', 'project']) });
    else if (kind === 6) Object.assign(base, { text: pick(terms), projectId: pick(projects) });
    else Object.assign(base, { text: pick(terms).toUpperCase(), status: 'active' });
    out.push(base);
  }
  return out;
}
