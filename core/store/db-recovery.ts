// Recognising a damaged store and setting it aside. SQLite reports damage as SQLITE_CORRUPT (and its
// extended codes) or SQLITE_NOTADB (not a database at all); PRAGMA quick_check finds damage that no query
// has touched yet, in time proportional to the file (it skips the index cross-checks of integrity_check).
// A damaged file is renamed with its -wal and -shm (which belong to it and must not be replayed into the
// fresh store), so it stays available for a look or a manual rescue.
import { existsSync, renameSync } from 'node:fs';
import type Database from 'better-sqlite3';

export class CorruptDatabaseError extends Error {
  constructor(
    readonly file: string,
    /** SQLite's own words (e.g. "database disk image is malformed"). */
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    // Said where nothing recovers it (stdio bridges, the token commands): who can.
    super(
      `the data store ${file} is damaged (${reason}); the server (\`wsmcp serve\`, or the app) moves it aside and starts a fresh one`,
      options,
    );
    this.name = 'CorruptDatabaseError';
  }
}

export function isCorruption(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

/** Throws CorruptDatabaseError unless PRAGMA quick_check answers "ok". */
export function quickCheck(db: Database.Database, file: string): void {
  const problems = db.pragma('quick_check(5)', { simple: false }) as Array<{ quick_check: string }>;
  const lines = problems.map((r) => r.quick_check);
  if (lines.length === 1 && lines[0] === 'ok') return;
  throw new CorruptDatabaseError(file, lines.join('; ') || 'quick_check failed');
}

/** Renames `file` (and its -wal, -shm) to `<file>.corrupt-<time>`; answers the new name. */
export function moveAside(file: string, now = new Date()): string {
  // No colons: the name must be valid on Windows too.
  const movedTo = `${file}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
  renameSync(file, movedTo);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, movedTo + suffix);
  }
  return movedTo;
}
