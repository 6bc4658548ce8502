// The full-text index: one FTS5 row per project, task and comment (contentless: the text itself stays in
// the mirror's tables), with unicode61 folding case and diacritics alike for Latin and Cyrillic, and
// prefix indexes so "meet*" stays fast. mirror_docs beside it holds what search filters and orders by.
import type { Db } from '../store/db.js';

export interface DocText {
  name?: string | null;
  description?: string | null;
  comment?: string | null;
}

export interface DocPlace {
  project: number;
  task: number | null;
  /** The object's date (epoch ms): recent activity breaks ranking ties. */
  at: number;
}

export interface MirrorIndex {
  put(rowid: number, text: DocText, place: DocPlace): void;
  remove(rowid: number): void;
  clear(): void;
}

export function createMirrorIndex(db: Db): MirrorIndex {
  const del = db.prepare('DELETE FROM mirror_fts WHERE rowid = ?');
  const ins = db.prepare('INSERT INTO mirror_fts (rowid, name, description, comment) VALUES (?, ?, ?, ?)');
  const doc = db.prepare(
    'INSERT OR REPLACE INTO mirror_docs (rowid, project_id, task_id, at) VALUES (?, ?, ?, ?)',
  );
  const undoc = db.prepare('DELETE FROM mirror_docs WHERE rowid = ?');
  const exists = db.prepare<[number], { rowid: number }>('SELECT rowid FROM mirror_docs WHERE rowid = ?');
  return {
    put(rowid, text, place) {
      if (exists.get(rowid)) del.run(rowid);
      ins.run(rowid, text.name ?? null, text.description ?? null, text.comment ?? null);
      doc.run(rowid, place.project, place.task, place.at);
    },
    remove(rowid) {
      if (!exists.get(rowid)) return;
      del.run(rowid);
      undoc.run(rowid);
    },
    clear() {
      db.exec("INSERT INTO mirror_fts (mirror_fts) VALUES ('delete-all'); DELETE FROM mirror_docs");
    },
  };
}
