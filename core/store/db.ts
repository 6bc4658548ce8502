// The local SQLite store (better-sqlite3: synchronous, prebuilt, fast). One file in the data dir, WAL so
// readers never wait for the writer, foreign keys on, and a busy timeout so a second process (the CLI
// next to a running app) waits instead of failing. The schema evolves through ordered, named migrations.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations.js';

export type Db = Database.Database;

export interface OpenDatabaseOptions {
  /** Defaults to MIGRATIONS (core/store/migrations.ts). */
  migrations?: readonly Migration[];
  /** How long a write waits for another connection's lock, in ms. */
  busyTimeoutMs?: number;
}

/** Opens (creating if needed) the store at `file`, or an in-memory one for ':memory:', and migrates it. */
export function openDatabase(file: string, opts: OpenDatabaseOptions = {}): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? 5000))}`);
    db.pragma('journal_mode = WAL');
    // NORMAL is durable in WAL mode except for the last transactions on power loss: fine for this data.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, opts.migrations ?? MIGRATIONS);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

export function appliedMigrations(db: Db): string[] {
  return (db.prepare('SELECT id FROM schema_migrations ORDER BY seq').all() as { id: string }[]).map(
    (r) => r.id,
  );
}

/** Applies the migrations not applied yet, each in its own transaction, in list order. */
export function migrate(db: Db, migrations: readonly Migration[]): string[] {
  const ids = migrations.map((m) => m.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) throw new Error(`migration id "${duplicate}" is listed twice`);

  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    applied_at TEXT NOT NULL
  )`);
  const applied = appliedMigrations(db);
  // A store written by a newer version has migrations this one does not know: refuse rather than guess.
  const unknown = applied.filter((id) => !ids.includes(id));
  if (unknown.length) {
    throw new Error(
      `the data store was written by a newer version (unknown migrations: ${unknown.join(', ')}); update the app`,
    );
  }
  const record = db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)');
  const done: string[] = [];
  for (const migration of migrations) {
    if (applied.includes(migration.id)) continue;
    db.transaction(() => {
      if (typeof migration.up === 'string') db.exec(migration.up);
      else migration.up(db);
      record.run(migration.id, new Date().toISOString());
    })();
    done.push(migration.id);
  }
  return done;
}
