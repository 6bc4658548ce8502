// The local SQLite store (better-sqlite3: synchronous, prebuilt, fast). One file in the data dir, WAL so
// readers never wait for the writer, foreign keys on, and a busy timeout so a second process (the CLI
// next to a running app) waits instead of failing. The schema evolves through ordered, named migrations.
// A damaged file is recognised on open (PRAGMA quick_check) and, for the process that owns the data dir,
// moved aside for a fresh one (db-recovery.ts); read-only commands open without writing anything.
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { CorruptDatabaseError, isCorruption, moveAside, quickCheck } from './db-recovery.js';
import { MIGRATIONS, type Migration } from './migrations.js';
import { ensurePrivateDir, ensurePrivateFile, tightenExisting } from './private-paths.js';

export { CorruptDatabaseError } from './db-recovery.js';

export type Db = Database.Database;

export interface OpenDatabaseOptions {
  /** Defaults to MIGRATIONS (core/store/migrations.ts). */
  migrations?: readonly Migration[];
  /** How long a write waits for another connection's lock, in ms. */
  busyTimeoutMs?: number;
  /**
   * A damaged store is moved aside (to `<file>.corrupt-<time>`) and a fresh one created; this hears where
   * it went. Without it a damaged store throws CorruptDatabaseError. Only the owner of the data dir (the
   * serving process) should recover: the store may be open elsewhere.
   */
  onRecovered?: (event: { file: string; movedTo: string; reason: string }) => void;
}

/**
 * Opens (creating if needed) the store at `file`, or an in-memory one for ':memory:', checks it and
 * migrates it.
 */
export function openDatabase(file: string, opts: OpenDatabaseOptions = {}): Db {
  if (file !== ':memory:') {
    ensurePrivateDir(dirname(file));
    ensurePrivateFile(file);
    tightenExisting([`${file}-wal`, `${file}-shm`]);
  }
  try {
    return openChecked(file, opts);
  } catch (err) {
    if (!(err instanceof CorruptDatabaseError) || !opts.onRecovered || file === ':memory:') throw err;
    const movedTo = moveAside(file);
    opts.onRecovered({ file, movedTo, reason: err.reason });
    return openChecked(file, opts);
  }
}

/**
 * Opens an existing store for reading only (`wsmcp logs`, `wsmcp status` beside a running server): no
 * migrations, no pragmas that write. Throws CorruptDatabaseError for a file that is not a sound store.
 */
export function openDatabaseReadOnly(
  file: string,
  opts: Pick<OpenDatabaseOptions, 'busyTimeoutMs'> = {},
): Db {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? 5000))}`);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (err) {
    db.close();
    throw isCorruption(err) ? new CorruptDatabaseError(file, (err as Error).message, { cause: err }) : err;
  }
}

function openChecked(file: string, opts: OpenDatabaseOptions): Db {
  const db = new Database(file);
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? 5000))}`);
    db.pragma('journal_mode = WAL');
    // NORMAL is durable in WAL mode except for the last transactions on power loss: fine for this data.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    quickCheck(db, file);
    migrate(db, opts.migrations ?? MIGRATIONS);
    return db;
  } catch (err) {
    db.close();
    if (isCorruption(err)) throw new CorruptDatabaseError(file, (err as Error).message, { cause: err });
    throw err;
  }
}

/** Whether the store has this table yet (a store written by an older version may not). */
export function hasTable(db: Db, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

export function appliedMigrations(db: Db): string[] {
  return (db.prepare('SELECT id FROM schema_migrations ORDER BY seq').all() as { id: string }[]).map(
    (r) => r.id,
  );
}

/** Applies the migrations not applied yet, each in its own transaction, in list order. */
function migrate(db: Db, migrations: readonly Migration[]): string[] {
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
