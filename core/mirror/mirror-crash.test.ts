// SIGKILL during a first sync (a real child process writing the mirror into a store file), then a restart
// on the same file: the store is intact, every indexed row belongs to a mirrored object and back, and the
// sync resumes where it stopped (fewer requests than starting over) to the same mirror a clean sync makes.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../store/db.js';
import { startSandbox, type RunningSandbox } from '../sandbox/server.js';
import { sandboxTokenProvider } from '../sandbox/testing/tokens.js';
import { WorksectionClient } from '../worksection/client.js';
import { syncUntilIdle, testMirror } from './testing/test-mirror.js';

const CHILD = 'dist-dev/core/mirror/testing/sync-crash-child.js';
const KILL_AFTER_STEPS = 12;

let dir: string;
let sandbox: RunningSandbox;
beforeAll(async () => {
  spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-b', 'tsconfig.node.json'], {
    stdio: 'ignore',
  });
  if (!existsSync(CHILD)) throw new Error(`${CHILD} was not built`);
  dir = mkdtempSync(join(tmpdir(), 'wsmcp-mirror-crash-'));
  sandbox = await startSandbox({ seed: 5, rateLimit: 0 });
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

async function syncInProcess(db: Db) {
  const client = new WorksectionClient({
    accountUrl: sandbox.url,
    auth: { kind: 'oauth', tokens: sandboxTokenProvider(sandbox) },
    scheduler: { ratePerSecond: 0 },
  });
  const mirror = testMirror(db, client, sandbox.url);
  const before = mirror.progress().requestsMade;
  await syncUntilIdle(mirror);
  client.close();
  return { mirror, requests: mirror.progress().requestsMade - before };
}

const ids = (db: Db, table: string) =>
  db
    .prepare<[], { id: number }>(`SELECT id FROM ${table} ORDER BY id`)
    .all()
    .map((r) => r.id);

function consistent(db: Db): void {
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  db.exec("INSERT INTO mirror_fts (mirror_fts) VALUES ('integrity-check')");
  const n = (sql: string) => db.prepare<[], { n: number }>(sql).get()?.n;
  const objects = n(
    'SELECT (SELECT count(*) FROM mirror_projects) + (SELECT count(*) FROM mirror_tasks) + (SELECT count(*) FROM mirror_comments) AS n',
  );
  expect(n('SELECT count(*) AS n FROM mirror_docs')).toBe(objects);
  expect(
    n('SELECT count(*) AS n FROM mirror_comments WHERE task_id NOT IN (SELECT id FROM mirror_tasks)'),
  ).toBe(0);
  expect(
    n('SELECT count(*) AS n FROM mirror_tasks WHERE project_id NOT IN (SELECT id FROM mirror_projects)'),
  ).toBe(0);
}

describe('mirror crash', () => {
  it('is consistent after SIGKILL mid-sync and resumes to the same mirror', async () => {
    const file = join(dir, 'wsmcp.db');
    openDatabase(file).close();
    sandbox.faults.set({ latencyMs: 40 });
    const child = spawn(process.execPath, [CHILD, file, sandbox.url, sandbox.issueTokens().accessToken], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
    let steps = 0;
    for await (const line of createInterface({ input: child.stdout })) {
      const msg = JSON.parse(line) as { done?: boolean };
      expect(msg.done, 'the child finished before the kill').toBeUndefined();
      if (++steps === KILL_AFTER_STEPS) child.kill('SIGKILL');
    }
    expect(await exited, stderr).toBe('SIGKILL');
    sandbox.faults.reset();

    const db = openDatabase(file);
    consistent(db);
    const resumed = await syncInProcess(db);
    consistent(db);
    const clean = openDatabase(':memory:');
    const fresh = await syncInProcess(clean);
    expect(resumed.requests).toBeLessThan(fresh.requests);
    expect(resumed.mirror.progress().firstSyncDone).toBe(true);
    for (const table of ['mirror_projects', 'mirror_tasks', 'mirror_comments', 'mirror_users', 'mirror_tags'])
      expect(ids(db, table), table).toEqual(ids(clean, table));
    expect(resumed.mirror.search({ text: 'review', limit: 50 })?.hits.map((h) => h.id)).toEqual(
      fresh.mirror.search({ text: 'review', limit: 50 })?.hits.map((h) => h.id),
    );
    db.close();
    clean.close();
  }, 120_000);
});
