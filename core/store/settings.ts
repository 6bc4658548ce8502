// Small persisted settings: key → JSON value. Changes the user makes in the UI (tool settings and the
// like) live here; the config file stays the user's to edit.
import { existsSync } from 'node:fs';
import { hasTable, openDatabaseReadOnly, type Db } from './db.js';

export interface SettingsStore {
  /** The stored value, or undefined when never set (or unreadable). */
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

export function createSettingsStore(db: Db): SettingsStore {
  const select = db.prepare('SELECT value FROM settings WHERE key = ?');
  const upsert = db.prepare(
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  );
  const remove = db.prepare('DELETE FROM settings WHERE key = ?');
  return {
    get(key) {
      const row = select.get(key) as { value: string } | undefined;
      if (!row) return undefined;
      try {
        return JSON.parse(row.value) as unknown;
      } catch {
        return undefined;
      }
    },
    set(key, value) {
      upsert.run(key, JSON.stringify(value), new Date().toISOString());
    },
    delete(key) {
      remove.run(key);
    },
  };
}

/**
 * One saved value read from the store file without writing (a sign-in runs beside a running server);
 * undefined when there is no store yet, no such setting, or the store cannot be read.
 */
export function readSavedSetting(dbFile: string, key: string): unknown {
  if (!existsSync(dbFile)) return undefined;
  let db: Db | undefined;
  try {
    db = openDatabaseReadOnly(dbFile);
    return hasTable(db, 'settings') ? createSettingsStore(db).get(key) : undefined;
  } catch {
    return undefined;
  } finally {
    db?.close();
  }
}
