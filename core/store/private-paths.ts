// Everything the product writes holds the user's work (tasks, comments, people's emails and phones, the call
// log): readable by the user only. Folders 0700, files 0600, whichever command creates them first. SQLite
// gives a database's -wal and -shm files the mode of the database file, so creating that file 0600 before
// SQLite opens it keeps all three private. On Windows a user's profile folders are private already and
// POSIX modes mean nothing, so only the creation happens there.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';

const PRIVATE_DIR = 0o700;
const PRIVATE_FILE = 0o600;

const posix = process.platform !== 'win32';

/** Creates `dir` (and missing parents) 0700; an existing `dir` is tightened to 0700 (parents are left). */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  if (posix) chmodSync(dir, PRIVATE_DIR);
}

/** Creates `file` empty 0600 if missing, else tightens it to 0600. */
export function ensurePrivateFile(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', PRIVATE_FILE));
  if (posix) chmodSync(file, PRIVATE_FILE);
}

/** Tightens the files that exist among `files` to 0600 (SQLite's -wal/-shm from an older version). */
export function tightenExisting(files: readonly string[]): void {
  if (!posix) return;
  for (const file of files) if (existsSync(file)) chmodSync(file, PRIVATE_FILE);
}
