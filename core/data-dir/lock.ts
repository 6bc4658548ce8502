// The serving process owns its data dir: a lock file naming its pid and when that process started. A
// second server on the same dir is told who holds it and how to clear the lock if that is wrong. A lock
// is ours only while its pid is alive AND that process started when the record says: after a reboot or a
// crash the pid may belong to any other program, and then the lock is stale and taken over. (The `wsmcp
// token` commands and stdio bridges do not lock: SQLite in WAL mode lets them share the store.)
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserFacingError } from '../user-facing-error.js';
import { processStartMs } from './process-start.js';

export const LOCK_FILE_NAME = 'wsmcp.lock';

// ps reports start times to the second; both sides of the comparison come from ps.
const START_TOLERANCE_MS = 2000;

export class DataDirLockedError extends UserFacingError {
  readonly file: string;

  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    const file = join(dir, LOCK_FILE_NAME);
    super(
      `another wsmcp server (pid ${pid}) is already serving ${dir}; stop it, or if no wsmcp is running ` +
        `(the pid belongs to another program), delete ${file}`,
    );
    this.name = 'DataDirLockedError';
    this.file = file;
  }
}

export interface DataDirLock {
  release(): void;
}

interface LockRecord {
  pid: number;
  /** The holder's start as ps tells it (epoch ms); absent where ps cannot tell, and in old bare-pid locks. */
  started?: number;
}

const heldHere = new Set<string>();

/** Whether a process with this pid exists (one of another user's counts). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseRecord(text: string): LockRecord | undefined {
  const trimmed = text.trim();
  // Locks written before start times were recorded hold the bare pid.
  if (/^\d+$/.test(trimmed)) return { pid: Number(trimmed) };
  try {
    const { pid, started } = JSON.parse(trimmed) as { pid?: unknown; started?: unknown };
    if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0) return undefined;
    return typeof started === 'number' ? { pid, started } : { pid };
  } catch {
    return undefined;
  }
}

function readRecord(file: string): LockRecord | undefined {
  try {
    return parseRecord(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Whether the process the record names still runs (not merely some process with its pid). */
function holderRuns(record: LockRecord): boolean {
  if (!isAlive(record.pid)) return false;
  if (record.started === undefined) return true;
  const started = processStartMs(record.pid);
  return started === undefined || Math.abs(started - record.started) <= START_TOLERANCE_MS;
}

function ownRecord(): string {
  const started = processStartMs(process.pid);
  return `${JSON.stringify(started === undefined ? { pid: process.pid } : { pid: process.pid, started })}\n`;
}

/** Takes the lock of `dir` (which must exist) for this process, or throws DataDirLockedError. */
export function lockDataDir(dir: string): DataDirLock {
  const file = join(dir, LOCK_FILE_NAME);
  // The pid in the file cannot tell two apps of this same process apart.
  if (heldHere.has(file)) throw new DataDirLockedError(dir, process.pid);
  const record = ownRecord();
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(file, record, { flag: 'wx', mode: 0o600 });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw err;
      const holder = readRecord(file);
      if (holder && holder.pid !== process.pid && holderRuns(holder)) {
        throw new DataDirLockedError(dir, holder.pid);
      }
      // Stale (its process is gone, or the pid now names another program) or unreadable: take it over once.
      unlinkSync(file);
    }
  }
  heldHere.add(file);
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      heldHere.delete(file);
      if (readRecord(file)?.pid === process.pid) unlinkSync(file);
    },
  };
}

/** The pid of the live process that holds the lock of `dir`, if any (for `wsmcp status`). */
export function lockHolder(dir: string): number | undefined {
  const holder = readRecord(join(dir, LOCK_FILE_NAME));
  return holder && holderRuns(holder) ? holder.pid : undefined;
}
