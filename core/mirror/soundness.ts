// Whether the mirror may be served: SQLite's own structural check of the search index, and the invariant
// every mirror write keeps in one transaction (each indexed row belongs to a mirrored object and back, no
// comment or task without its parent). A mirror failing it is wiped and synced again, never served: a
// damaged index would answer searches with missing or wrong hits and no error.
import type { Db } from '../store/db.js';

const OBJECTS =
  'SELECT (SELECT count(*) FROM mirror_projects) + (SELECT count(*) FROM mirror_tasks) + (SELECT count(*) FROM mirror_comments) AS n';
const CHECKS: Array<[string, string]> = [
  ['indexed rows', 'SELECT count(*) AS n FROM mirror_docs'],
  ['search index rows', 'SELECT count(*) AS n FROM mirror_fts'],
];
const ORPHANS: Array<[string, string]> = [
  [
    'comments without their task',
    'SELECT count(*) AS n FROM mirror_comments WHERE task_id NOT IN (SELECT id FROM mirror_tasks)',
  ],
  [
    'tasks without their project',
    'SELECT count(*) AS n FROM mirror_tasks WHERE project_id NOT IN (SELECT id FROM mirror_projects)',
  ],
];

/** What is wrong with the mirror, or undefined when it is sound. */
export function mirrorProblem(db: Db): string | undefined {
  const count = (sql: string) => db.prepare<[], { n: number }>(sql).get()?.n ?? 0;
  try {
    // Throws SQLITE_CORRUPT_VTAB when the index's structure is damaged.
    db.exec("INSERT INTO mirror_fts (mirror_fts) VALUES ('integrity-check')");
    const objects = count(OBJECTS);
    for (const [what, sql] of CHECKS) {
      const n = count(sql);
      if (n !== objects) return `${n} ${what} for ${objects} mirrored objects`;
    }
    for (const [what, sql] of ORPHANS) {
      const n = count(sql);
      if (n > 0) return `${n} ${what}`;
    }
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}
