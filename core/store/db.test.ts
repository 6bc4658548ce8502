import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appliedMigrations, openDatabase, type Db } from './db.js';
import { MIGRATIONS, type Migration } from './migrations.js';
import { createSettingsStore } from './settings.js';

describe('openDatabase', () => {
  let dir: string;
  const open: Db[] = [];
  const openAt = (file: string, migrations?: readonly Migration[]) => {
    const db = openDatabase(file, { migrations });
    open.push(db);
    return db;
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wsmcp-db-'));
  });
  afterEach(() => {
    for (const db of open.splice(0)) if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the file (and its directory) in WAL mode with foreign keys and a busy timeout', () => {
    const db = openAt(join(dir, 'nested', 'store.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(appliedMigrations(db)).toEqual(MIGRATIONS.map((m) => m.id));
  });

  it('applies each migration once, in order, and only new ones on the next open', () => {
    const file = join(dir, 'store.db');
    const first: Migration[] = [
      { id: 'a', up: 'CREATE TABLE a (x INTEGER)' },
      { id: 'b', up: (db) => db.prepare('INSERT INTO a VALUES (1)').run() },
    ];
    openAt(file, first).close();
    const db = openAt(file, [...first, { id: 'c', up: 'INSERT INTO a VALUES (2)' }]);
    expect(appliedMigrations(db)).toEqual(['a', 'b', 'c']);
    expect(db.prepare('SELECT x FROM a ORDER BY x').pluck().all()).toEqual([1, 2]);
  });

  it('rolls a failing migration back entirely and records nothing for it', () => {
    const file = join(dir, 'store.db');
    expect(() =>
      openAt(file, [
        { id: 'ok', up: 'CREATE TABLE t (x INTEGER)' },
        { id: 'bad', up: 'CREATE TABLE u (y INTEGER); INSERT INTO nowhere VALUES (1)' },
      ]),
    ).toThrow(/no such table: nowhere/);
    const db = openAt(file, [{ id: 'ok', up: 'CREATE TABLE t (x INTEGER)' }]);
    expect(appliedMigrations(db)).toEqual(['ok']);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'u'").pluck().get()).toBe(0);
  });

  it('refuses a store written by a newer version and duplicate migration ids', () => {
    const file = join(dir, 'store.db');
    openAt(file, [{ id: 'future', up: 'SELECT 1' }]).close();
    expect(() => openAt(file, [])).toThrow(/newer version.*future/);
    expect(() =>
      openAt(':memory:', [
        { id: 'x', up: 'SELECT 1' },
        { id: 'x', up: 'SELECT 1' },
      ]),
    ).toThrow(/listed twice/);
  });

  it('keeps the shipped migration ids unique', () => {
    const ids = MIGRATIONS.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('settings store', () => {
  it('round-trips JSON values by key and survives reopening', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wsmcp-settings-'));
    try {
      const file = join(dir, 'store.db');
      let db = openDatabase(file);
      const s = createSettingsStore(db);
      expect(s.get('k')).toBeUndefined();
      s.set('k', { a: [1, 'two'], b: null });
      s.set('k', { a: [3] });
      s.set('other', true);
      s.delete('other');
      db.close();
      db = openDatabase(file);
      expect(createSettingsStore(db).get('k')).toEqual({ a: [3] });
      expect(createSettingsStore(db).get('other')).toBeUndefined();
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
