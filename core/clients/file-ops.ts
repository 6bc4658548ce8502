// The careful file handling every config write goes through: a lock beside the file (two writers of ours,
// the app and the CLI, never interleave), a timestamped backup of the old file, and an atomic replace
// (temp file in the same folder, fsync, rename) that keeps the file's mode and writes through symlinks.
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  fchmodSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { isAlive } from '../data-dir/lock.js';

const LOCK_SUFFIX = '.wsmcp-lock';
const BACKUP_MARK = '.wsmcp-backup-';
/** Backups kept per config file; older ones are removed. */
const BACKUPS_KEPT = 5;
const STALE_LOCK_MS = 30_000;

export class LockedError extends Error {
  override name = 'LockedError';
}

/** The file behind a symlink (dotfile managers link configs), or the path itself when it does not exist. */
export function realTarget(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

export function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** True when nobody may write the file: users make a config read-only on purpose (e.g. against clients that rewrite it). */
export function isReadOnly(path: string): boolean {
  try {
    return (statSync(path).mode & 0o222) === 0;
  } catch {
    return false;
  }
}

// The lock says "<pid> <taken at, epoch ms>": its age is read on the same clock that wrote it, not from the
// file's mtime (the kernel's clock, which a moved process clock would not follow).
function staleLock(lock: string, now: number): boolean {
  try {
    const [pid, taken] = readFileSync(lock, 'utf8').split(' ').map(Number);
    const since = Number.isFinite(taken) ? (taken as number) : statSync(lock).mtimeMs;
    return !isAlive(pid as number) || now - since > STALE_LOCK_MS;
  } catch {
    return true;
  }
}

/** Runs `fn` holding `<path>.wsmcp-lock`; another holder makes it retry for up to `waitMs`. */
export async function withLock<T>(path: string, fn: () => T, waitMs = 3_000): Promise<T> {
  const lock = path + LOCK_SUFFIX;
  mkdirSync(dirname(path), { recursive: true });
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const fd = openSync(lock, 'wx', 0o600);
      writeSync(fd, `${process.pid} ${Date.now()}`);
      closeSync(fd);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (staleLock(lock, Date.now())) {
        rmSync(lock, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new LockedError(
          `${path} is being changed by another Worksection MCP process; try again in a moment`,
        );
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { force: true });
  }
}

const stamp = (d: Date): string => d.toISOString().replace(/[-:]/g, '').replace('T', '-').replace(/\..*/, '');

/** Copies the file to `<file>.wsmcp-backup-<UTC time>` and keeps the newest BACKUPS_KEPT of them. */
export function backup(path: string, now: Date): string {
  let target = `${path}${BACKUP_MARK}${stamp(now)}`;
  for (let n = 2; statSafe(target); n++) target = `${path}${BACKUP_MARK}${stamp(now)}-${n}`;
  copyFileSync(path, target);
  const prefix = basename(path) + BACKUP_MARK;
  const old = readdirSync(dirname(path))
    .filter((n) => n.startsWith(prefix))
    .sort()
    .slice(0, -BACKUPS_KEPT);
  for (const name of old) rmSync(join(dirname(path), name), { force: true });
  return target;
}

function statSafe(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Replaces the file's content in one step: readers see the old or the new file, never half of one. A new
 * file is made readable by its owner only, as it holds a token.
 */
export function writeAtomic(path: string, text: string): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  let mode = 0o600;
  try {
    mode = statSync(path).mode & 0o777;
  } catch {
    // new file
  }
  const tmp = join(dir, `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx', mode);
  try {
    // open() applies the umask; the replaced file keeps exactly the mode it had.
    fchmodSync(fd, mode);
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    unlinkSync(tmp);
    throw err;
  }
  closeSync(fd);
  try {
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
