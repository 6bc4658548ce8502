import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, LOCK_FILE_NAME, lockDataDir } from './lock.js';
import { processStartMs } from './process-start.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function dir(): string {
  const d = mkdtempSync(join(tmpdir(), 'wsmcp-lock-'));
  dirs.push(d);
  return d;
}

describe('lockDataDir', () => {
  it('writes our pid, refuses a second holder, and frees the dir on release', () => {
    const d = dir();
    const lock = lockDataDir(d);
    const record = JSON.parse(readFileSync(join(d, LOCK_FILE_NAME), 'utf8')) as {
      pid: number;
      started: number;
    };
    expect(record.pid).toBe(process.pid);
    // As `ps` tells it (the lock's own source on both sides), not Date.now: a moved wall clock must not matter.
    expect(record.started).toBe(processStartMs(process.pid));
    expect(() => lockDataDir(d)).toThrow(DataDirLockedError);
    lock.release();
    lock.release();
    expect(existsSync(join(d, LOCK_FILE_NAME))).toBe(false);
    lockDataDir(d).release();
  });

  it('names a live holder in another process', () => {
    const d = dir();
    // The parent process (vitest's runner) is alive and is not us.
    writeFileSync(join(d, LOCK_FILE_NAME), `${process.ppid}\n`);
    expect(() => lockDataDir(d)).toThrow(
      expect.objectContaining({ name: 'DataDirLockedError', pid: process.ppid, dir: d }),
    );
    expect(readFileSync(join(d, LOCK_FILE_NAME), 'utf8')).toBe(`${process.ppid}\n`);
  });

  it('takes over a lock left by a process that is gone, or an unreadable one', () => {
    const d = dir();
    // Pids this large are never handed out (Linux caps them at 2^22).
    writeFileSync(join(d, LOCK_FILE_NAME), '2147483646\n');
    const lock = lockDataDir(d);
    expect(readFileSync(join(d, LOCK_FILE_NAME), 'utf8')).toContain(`"pid":${process.pid}`);
    lock.release();
    writeFileSync(join(d, LOCK_FILE_NAME), 'garbage');
    lockDataDir(d).release();
  });

  it('keeps a live holder whose start matches the record, and says how to clear a stale lock', () => {
    const d = dir();
    const started = processStartMs(process.ppid);
    writeFileSync(join(d, LOCK_FILE_NAME), JSON.stringify({ pid: process.ppid, started }));
    expect(() => lockDataDir(d)).toThrow(`delete ${join(d, LOCK_FILE_NAME)}`);
    // The same live pid with another start time is a reused pid: the lock is stale and taken over.
    writeFileSync(join(d, LOCK_FILE_NAME), JSON.stringify({ pid: process.ppid, started: 978307200000 }));
    lockDataDir(d).release();
  });
});
