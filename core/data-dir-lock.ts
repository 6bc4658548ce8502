// The serving process owns its data dir: a lock file holding its pid. A second server on the same dir is
// told who holds it; a lock left by a process that died is taken over. (The `wsmcp token` commands and
// stdio bridges do not lock: SQLite in WAL mode lets them share the store with the server.)
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE_NAME = 'wsmcp.lock';

export class DataDirLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(`another wsmcp server (pid ${pid}) is already serving ${dir}`);
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  release(): void;
}

const heldHere = new Set<string>();

/** Whether a process with this pid exists (EPERM: it does, but belongs to someone else). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function holder(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Takes the lock of `dir` (which must exist) for this process, or throws DataDirLockedError. */
export function lockDataDir(dir: string): DataDirLock {
  const file = join(dir, LOCK_FILE_NAME);
  // The pid in the file cannot tell two apps of this same process apart.
  if (heldHere.has(file)) throw new DataDirLockedError(dir, process.pid);
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw err;
      const pid = holder(file);
      if (pid !== undefined && pid !== process.pid && alive(pid)) throw new DataDirLockedError(dir, pid);
      // Stale (its process is gone) or unreadable: take it over once.
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
      if (holder(file) === process.pid) unlinkSync(file);
    },
  };
}
