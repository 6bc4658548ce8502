// A full disk, whoever noticed it: the file system (ENOSPC, EDQUOT) or SQLite (SQLITE_FULL). Either way the
// user needs the same sentence: which disk, and what to do about it.

/** True for errors that mean "no space left": ENOSPC/EDQUOT from node:fs, SQLITE_FULL from better-sqlite3. */
export function isDiskFull(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL';
}

export class DiskFullError extends Error {
  constructor(
    /** The folder that could not be written. */
    readonly dir: string,
    what: string,
    options?: ErrorOptions,
  ) {
    super(`the disk holding ${dir} is full, so ${what}; free some disk space`, options);
    this.name = 'DiskFullError';
  }
}
