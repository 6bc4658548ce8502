import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { moveAside } from './db-recovery.js';
import { CorruptDatabaseError, openDatabase, openDatabaseReadOnly, type Db } from './db.js';

describe('a damaged store', () => {
  let dir: string;
  let file: string;
  const open: Db[] = [];
  const track = (db: Db) => (open.push(db), db);
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wsmcp-recovery-'));
    file = join(dir, 'wsmcp.db');
  });
  afterEach(() => {
    for (const db of open.splice(0)) if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // A store with enough rows to span many pages, checkpointed so everything is in the main file.
  function populated(): void {
    const db = openDatabase(file);
    db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, text TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO filler (text) VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 2_000; i++) insert.run(`row ${i} `.repeat(20));
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
  }

  function scribble(offset: number, length: number): void {
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(length, 0xa5), 0, length, offset);
    closeSync(fd);
  }

  it('finds a damaged page on open (quick_check) and says which file', () => {
    populated();
    // Page 1 is the schema; later pages hold the table's b-tree.
    scribble(4096 * 5, 4096);
    let err: unknown;
    try {
      openDatabase(file);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CorruptDatabaseError);
    expect((err as CorruptDatabaseError).file).toBe(file);
    expect((err as Error).message).toMatch(/wsmcp\.db is damaged/);
    // Without a recovery handler nothing is moved.
    expect(readdirSync(dir).filter((f) => f.includes('corrupt'))).toEqual([]);
  });

  it('moves a damaged store aside and opens a fresh one when asked to recover', () => {
    populated();
    scribble(0, 100); // the header: not a database any more
    const damaged = readFileSync(file);
    const events: Array<{ file: string; movedTo: string; reason: string }> = [];
    const db = track(openDatabase(file, { onRecovered: (e) => events.push(e) }));

    expect(events).toHaveLength(1);
    const { movedTo, reason } = events[0]!;
    expect(movedTo).toMatch(/wsmcp\.db\.corrupt-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z$/);
    expect(reason).toMatch(/not a database/);
    expect(readFileSync(movedTo).equals(damaged)).toBe(true);
    // The fresh store is whole and migrated, and empty of the old rows.
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'filler'").pluck().get()).toBe(0);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'settings'").pluck().get()).toBe(1);
  });

  it('moves the -wal and -shm along with the file, under names SQLite pairs with it', () => {
    for (const suffix of ['', '-wal', '-shm']) writeFileSync(file + suffix, `content${suffix}`);
    const movedTo = moveAside(file, new Date('2026-03-04T05:06:07.089Z'));
    expect(movedTo).toBe(`${file}.corrupt-2026-03-04T05-06-07-089Z`);
    expect(readdirSync(dir).sort()).toEqual(
      ['', '-shm', '-wal'].map((s) => `wsmcp.db.corrupt-2026-03-04T05-06-07-089Z${s}`),
    );
    expect(readFileSync(`${movedTo}-wal`, 'utf8')).toBe('content-wal');
  });

  it('never moves a sound store aside, even when opening it fails for another reason', () => {
    openDatabase(file, { migrations: [{ id: 'from-the-future', up: 'SELECT 1' }] }).close();
    const events: unknown[] = [];
    expect(() => openDatabase(file, { onRecovered: (e) => events.push(e) })).toThrow(/newer version/);
    expect(events).toEqual([]);
    expect(existsSync(file)).toBe(true);
  });

  it('opens read-only beside a writer: sees its commits, cannot write, and reports damage', () => {
    const writer = track(openDatabase(file));
    writer.exec('CREATE TABLE t (x INTEGER)');
    const reader = track(openDatabaseReadOnly(file));
    writer.prepare('INSERT INTO t VALUES (1)').run();
    expect(reader.prepare('SELECT count(*) FROM t').pluck().get()).toBe(1);
    expect(() => reader.prepare('INSERT INTO t VALUES (2)').run()).toThrow(/readonly/);
    expect(() => openDatabaseReadOnly(join(dir, 'missing.db'))).toThrow();
    expect(existsSync(join(dir, 'missing.db'))).toBe(false);

    writeFileSync(join(dir, 'junk.db'), Buffer.alloc(8192, 7));
    expect(() => openDatabaseReadOnly(join(dir, 'junk.db'))).toThrow(CorruptDatabaseError);
  });
});
