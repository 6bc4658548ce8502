// A damaged mirror is rebuilt, never served: after a synced mirror's search index or tables are damaged
// behind its back (as a disk fault or an edited file would), the next start finds it, answers no search
// from it until it is synced again, and the rebuilt mirror answers what the undamaged one did.
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../store/db.js';
import { createMirror } from './mirror.js';
import { mirrorProblem } from './soundness.js';
import { mirrorHarness, type MirrorHarness } from './testing/mirror-harness.js';
import { backgroundSource } from './sync.js';
import { syncUntilIdle } from './testing/test-mirror.js';

let h: MirrorHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const DAMAGES: Array<[string, (db: Db) => void]> = [
  // Objects gone from the index while their rows stay: search would silently miss them. (SQLite's
  // defensive mode keeps tests from damaging the index's pages; mirrorProblem runs FTS5's integrity-check
  // for that.)
  [
    'the index loses rows',
    (db) =>
      db.exec('DELETE FROM mirror_fts WHERE rowid IN (SELECT rowid FROM mirror_docs ORDER BY rowid LIMIT 5)'),
  ],
  // Tasks gone from their table while the index still finds them.
  [
    'task rows leave the index behind',
    (db) => db.exec('DELETE FROM mirror_tasks WHERE id IN (SELECT id FROM mirror_tasks ORDER BY id LIMIT 5)'),
  ],
  // Index rows without the objects they point to.
  [
    'the index gains rows of no object',
    (db) =>
      db.exec(
        "INSERT INTO mirror_fts (rowid, name) VALUES (400000001, 'review phantom'); INSERT INTO mirror_docs (rowid, project_id, task_id, at) VALUES (400000001, 1, NULL, 0)",
      ),
  ],
];

/** A new mirror over the same store, as the app's next start makes it. */
const restart = (x: MirrorHarness, lines: string[]) =>
  createMirror({
    db: x.db,
    account: x.sandbox.url,
    source: backgroundSource(x.client),
    eventsEverySeconds: 3600,
    fullCheckHours: 24,
    syncRatePerSecond: 0.5,
    log: (line) => lines.push(line),
  });

const hitIds = (answer: { hits: Array<{ kind: string; id: number | string }> } | undefined) =>
  answer?.hits.map((hit) => `${hit.kind}:${hit.id}`);

describe('mirror: damaged', () => {
  it.each(DAMAGES)('when %s, the next start rebuilds it and serves nothing meanwhile', async (_, damage) => {
    const x = (h = await mirrorHarness());
    await x.syncAll();
    const query = { text: 'review', limit: 50 };
    const before = hitIds(x.mirror.search(query));
    expect(before?.length).toBeGreaterThan(0);
    expect(mirrorProblem(x.db)).toBeUndefined();

    damage(x.db);
    expect(mirrorProblem(x.db)).toBeDefined();

    const lines: string[] = [];
    const restarted = restart(x, lines);
    expect(lines.join('\n')).toMatch(/local mirror is damaged.*rebuilding/);
    expect(restarted.progress().firstSyncDone).toBe(false);
    expect(restarted.search(query)).toBeUndefined();

    await syncUntilIdle(restarted);
    expect(mirrorProblem(x.db)).toBeUndefined();
    expect(hitIds(restarted.search(query))).toEqual(before);
  });

  it('a sound mirror survives a restart untouched', async () => {
    const x = (h = await mirrorHarness());
    await x.syncAll();
    const made = x.mirror.progress().requestsMade;
    const lines: string[] = [];
    const restarted = restart(x, lines);
    expect(lines).toEqual([]);
    expect(restarted.progress()).toMatchObject({ firstSyncDone: true, requestsMade: made });
    expect(restarted.search({ text: 'review', limit: 5 })?.hits.length).toBeGreaterThan(0);
  });
});
