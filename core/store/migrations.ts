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
    // MCP client tokens (core/store/client-tokens.ts): only the sha256 of a token is kept.
    id: 'client-tokens',
    up: `CREATE TABLE client_tokens (
      name TEXT PRIMARY KEY,
      token_hash TEXT NOT NULL UNIQUE,
      scope TEXT NOT NULL CHECK (scope IN ('read', 'write')),
      created_at TEXT NOT NULL,
      last_used_at TEXT
    )`,
  },
  {
    // The call log (core/store/call-log.ts): one row per MCP request; ts is epoch ms for range filters.
    id: 'call-log',
    up: `CREATE TABLE call_log (
      id INTEGER PRIMARY KEY,
      ts INTEGER NOT NULL,
      client TEXT NOT NULL,
      method TEXT NOT NULL,
      target TEXT,
      args TEXT,
      status TEXT NOT NULL CHECK (status IN ('ok', 'tool_error', 'protocol_error')),
      error TEXT,
      duration_ms REAL NOT NULL,
      upstream_requests INTEGER NOT NULL DEFAULT 0,
      cache_hits INTEGER NOT NULL DEFAULT 0,
      bytes INTEGER NOT NULL DEFAULT 0,
      truncated INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX call_log_ts ON call_log (ts)`,
  },
  {
    // The file cache index (core/store/file-cache.ts); the bytes live in <data dir>/files/ab/cdef… by sha256.
    // Times are epoch ms. Rows of several accounts may share one blob (same content).
    id: 'file-cache',
    up: `CREATE TABLE file_cache (
      account TEXT NOT NULL,
      file_id TEXT NOT NULL,
      name TEXT NOT NULL,
      mime_type TEXT NOT NULL,
      size INTEGER NOT NULL,
      sha256 TEXT NOT NULL,
      etag TEXT,
      fetched_at INTEGER NOT NULL,
      last_used_at INTEGER NOT NULL,
      PRIMARY KEY (account, file_id)
    );
    CREATE INDEX file_cache_last_used ON file_cache (last_used_at);
    CREATE INDEX file_cache_sha256 ON file_cache (sha256)`,
  },
  {
    // The response cache (core/store/response-cache.ts): Worksection read answers as JSON per account and
    // key (action + canonical params). Times are epoch ms; size is the body's UTF-8 bytes.
    id: 'response-cache',
    up: `CREATE TABLE response_cache (
      id INTEGER PRIMARY KEY,
      account TEXT NOT NULL,
      key TEXT NOT NULL,
      action TEXT NOT NULL,
      kind TEXT NOT NULL,
      params TEXT NOT NULL,
      body TEXT NOT NULL,
      size INTEGER NOT NULL,
      fetched_at INTEGER NOT NULL,
      last_used_at INTEGER NOT NULL,
      hits INTEGER NOT NULL DEFAULT 0,
      UNIQUE (account, key)
    );
    CREATE INDEX response_cache_action ON response_cache (account, action);
    CREATE INDEX response_cache_last_used ON response_cache (last_used_at)`,
  },
  {
    // The serving process's live figures (core/store/runtime-status.ts), one row, so `wsmcp status` in
    // another process can show queue depth and hit rates. Times are epoch ms.
    id: 'runtime-status',
    up: `CREATE TABLE runtime_status (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      pid INTEGER NOT NULL,
      started_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      stopped_at INTEGER,
      info TEXT NOT NULL,
      stats TEXT NOT NULL
    )`,
  },
  {
    // The beginning of each answer's text (redacted, at most 512 bytes): what the UI's call details show.
    id: 'call-log-preview',
    up: 'ALTER TABLE call_log ADD COLUMN preview TEXT',
  },
  {
    // The local mirror of the account (core/mirror/): one account at a time (mirror_meta names it). Ids are
    // Worksection's numeric ids; times are epoch ms; confirmed_at is when upstream last showed the row.
    // mirror_fts is contentless (the text lives in the tables above): its rowid is id * 4 + kind
    // (1 project, 2 task, 3 comment), and mirror_docs holds what search filters on.
    id: 'mirror',
    up: `CREATE TABLE mirror_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE mirror_folders (id INTEGER PRIMARY KEY, name TEXT NOT NULL, confirmed_at INTEGER NOT NULL);
    CREATE TABLE mirror_users (
      id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL, confirmed_at INTEGER NOT NULL
    );
    CREATE TABLE mirror_tags (
      id INTEGER PRIMARY KEY, name TEXT NOT NULL, grp TEXT NOT NULL, confirmed_at INTEGER NOT NULL
    );
    CREATE TABLE mirror_projects (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      status TEXT NOT NULL,
      folder TEXT NOT NULL,
      text TEXT,
      page TEXT NOT NULL,
      date_added TEXT NOT NULL,
      tasks_stale INTEGER NOT NULL DEFAULT 1,
      tasks_synced_at INTEGER,
      confirmed_at INTEGER NOT NULL
    );
    CREATE TABLE mirror_tasks (
      id INTEGER PRIMARY KEY,
      project_id INTEGER NOT NULL,
      parent_id INTEGER,
      name TEXT NOT NULL,
      text TEXT,
      status TEXT NOT NULL,
      priority TEXT NOT NULL,
      assignee_email TEXT NOT NULL,
      assignee_name TEXT NOT NULL,
      author_email TEXT NOT NULL,
      date_added TEXT NOT NULL,
      date_start TEXT,
      date_end TEXT,
      date_closed TEXT,
      page TEXT NOT NULL,
      tags TEXT,
      has_comments INTEGER NOT NULL DEFAULT 0,
      activity_at INTEGER NOT NULL,
      comments_synced_at INTEGER,
      confirmed_at INTEGER NOT NULL
    );
    CREATE INDEX mirror_tasks_project ON mirror_tasks (project_id);
    CREATE INDEX mirror_tasks_crawl ON mirror_tasks (has_comments, comments_synced_at, activity_at);
    CREATE TABLE mirror_comments (
      id INTEGER PRIMARY KEY,
      task_id INTEGER NOT NULL,
      text TEXT NOT NULL,
      author_name TEXT NOT NULL,
      author_email TEXT NOT NULL,
      date_added TEXT NOT NULL,
      page TEXT NOT NULL,
      confirmed_at INTEGER NOT NULL
    );
    CREATE INDEX mirror_comments_task ON mirror_comments (task_id);
    CREATE TABLE mirror_docs (
      rowid INTEGER PRIMARY KEY,
      project_id INTEGER NOT NULL,
      task_id INTEGER,
      at INTEGER NOT NULL
    );
    CREATE INDEX mirror_docs_task ON mirror_docs (task_id);
    CREATE VIRTUAL TABLE mirror_fts USING fts5(
      name, description, comment,
      content = '', contentless_delete = 1,
      tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
    );
    CREATE VIRTUAL TABLE mirror_fts_vocab USING fts5vocab(mirror_fts, 'row');
    CREATE TABLE mirror_requests (day TEXT PRIMARY KEY, requests INTEGER NOT NULL)`,
  },
  {
    // The change journal (core/store/change-journal.ts): one row per write tool call, written before its
    // first Worksection request leaves. requests is a JSON list of what was sent and how each ended; key and
    // fingerprint find repeats (idempotency keys, the duplicate window). Times are epoch ms.
    id: 'change-journal',
    up: `CREATE TABLE change_journal (
      id INTEGER PRIMARY KEY,
      ts INTEGER NOT NULL,
      client TEXT NOT NULL,
      tool TEXT NOT NULL,
      args TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('pending', 'applied', 'failed', 'unknown', 'undone')),
      requests TEXT NOT NULL DEFAULT '[]',
      object TEXT,
      before TEXT,
      after TEXT,
      result TEXT,
      error TEXT,
      idem_key TEXT,
      fingerprint TEXT,
      settled_at INTEGER,
      undone_by INTEGER
    );
    CREATE INDEX change_journal_ts ON change_journal (ts);
    CREATE INDEX change_journal_key ON change_journal (client, idem_key) WHERE idem_key IS NOT NULL;
    CREATE INDEX change_journal_fingerprint ON change_journal (client, fingerprint) WHERE fingerprint IS NOT NULL`,
  },
  {
    // Which sync last read a task's whole discussion with its files (get_comments; a mark each sync draws
    // at random): a listing shows a short discussion whole but without files, which list_comments asks
    // for, and a sync's response cache confirms only what it read itself (core/mirror/sync.ts).
    id: 'mirror-discussion-files',
    up: `ALTER TABLE mirror_tasks ADD COLUMN discussion_read_by INTEGER;
    CREATE INDEX mirror_tasks_discussion ON mirror_tasks (has_comments, activity_at)`,
  },
];
