// Every schema change of the store, in the order it is applied. Append only: never edit or reorder an entry
// that has shipped (stores out there already applied it); add a new one instead. Ids are names, not
// numbers, so modules written in parallel cannot collide on a number; list order is the apply order.
import type Database from 'better-sqlite3';

export interface Migration {
  /** Unique and stable, e.g. '2026-05-settings'. */
  id: string;
  /** SQL, or a function for changes that need to read data. Runs inside a transaction. */
  up: string | ((db: Database.Database) => void);
}

export const MIGRATIONS: readonly Migration[] = [
  {
    id: 'settings',
    up: `CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,
  },
  {
    // MCP client tokens (core/mcp/client-tokens.ts): only the sha256 of a token is kept.
    id: 'client-tokens',
    up: `CREATE TABLE client_tokens (
      name TEXT PRIMARY KEY,
      token_hash TEXT NOT NULL UNIQUE,
      scope TEXT NOT NULL CHECK (scope IN ('read', 'write')),
      created_at TEXT NOT NULL,
      last_used_at TEXT
    )`,
  },
];
