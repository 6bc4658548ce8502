// The change journal: one row per write tool call, durable before its first Worksection request leaves
// (better-sqlite3 commits synchronously; WAL survives a killed process). A row goes pending → applied,
// failed or unknown (the answer never came, came garbled, or the process died); `markInterrupted` turns the
// pending rows a previous process left into unknown at start. Arguments are redacted as in the call log.
import type { Db } from './db.js';
import { redactValue } from './redaction.js';

export type ChangeState = 'pending' | 'applied' | 'failed' | 'unknown' | 'undone';
/** How one Worksection request of a change ended: sent (no answer yet, or none ever), ok, failed, unknown. */
export type RequestState = 'sent' | 'ok' | 'failed' | 'unknown';

export interface JournalRequest {
  action: string;
  params: Record<string, unknown>;
  state: RequestState;
}

/** The object a change touched, for undo and the conflict check. */
export interface ChangeObject {
  kind: string;
  id: string;
}

export interface ChangeRow {
  id: number;
  /** Epoch ms. */
  time: number;
  client: string;
  tool: string;
  args: unknown;
  state: ChangeState;
  requests: JournalRequest[];
  object: ChangeObject | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  /** The answer as the client got it (JSON of the CallToolResult), for replays. */
  result: string | null;
  error: string | null;
  key: string | null;
  fingerprint: string | null;
  settledAt: number | null;
  undoneBy: number | null;
}

export interface BeginChange {
  time: number;
  client: string;
  tool: string;
  args: unknown;
  key?: string;
  fingerprint?: string;
  object?: ChangeObject;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
}

export interface SettleChange {
  state: Exclude<ChangeState, 'pending'>;
  time: number;
  result?: string;
  error?: string;
  object?: ChangeObject;
  after?: Record<string, unknown>;
}

export interface ChangeJournal {
  /** Writes the pending row; answers its id. */
  begin(change: BeginChange): number;
  /** Records a request before it is sent; answers its index in the row's requests. */
  sending(id: number, request: { action: string; params: Record<string, unknown> }): number;
  answered(id: number, index: number, state: Exclude<RequestState, 'sent'>): void;
  settle(id: number, settle: SettleChange): void;
  /** Drops a row whose call sent nothing (it was refused before any request). */
  discard(id: number): void;
  get(id: number): ChangeRow | undefined;
  /** The newest change of `client` with this idempotency key since `since` (epoch ms). */
  byKey(client: string, key: string, since: number): ChangeRow | undefined;
  /** Every change of `client` with this idempotency key since `since`, oldest first (a resumed bulk's runs). */
  allByKey(client: string, key: string, since: number): ChangeRow[];
  /** The newest applied or pending change of `client` with this fingerprint since `since`. */
  byFingerprint(client: string, fingerprint: string, since: number): ChangeRow | undefined;
  /** Newest first; `beforeId` pages back. */
  list(opts: { limit: number; beforeId?: number; client?: string }): ChangeRow[];
  markUndone(id: number, undoneBy: number): void;
  /** At start: rows a previous process left pending become unknown. Answers their ids. */
  markInterrupted(now: number): number[];
}

interface RawRow {
  id: number;
  ts: number;
  client: string;
  tool: string;
  args: string;
  state: ChangeState;
  requests: string;
  object: string | null;
  before: string | null;
  after: string | null;
  result: string | null;
  error: string | null;
  idem_key: string | null;
  fingerprint: string | null;
  settled_at: number | null;
  undone_by: number | null;
}

const json = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));
const text = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));

function rowOf(raw: RawRow): ChangeRow {
  return {
    id: raw.id,
    time: raw.ts,
    client: raw.client,
    tool: raw.tool,
    args: JSON.parse(raw.args) as unknown,
    state: raw.state,
    requests: JSON.parse(raw.requests) as JournalRequest[],
    object: json<ChangeObject>(raw.object),
    before: json<Record<string, unknown>>(raw.before),
    after: json<Record<string, unknown>>(raw.after),
    result: raw.result,
    error: raw.error,
    key: raw.idem_key,
    fingerprint: raw.fingerprint,
    settledAt: raw.settled_at,
    undoneBy: raw.undone_by,
  };
}

export function createChangeJournal(db: Db): ChangeJournal {
  const insert = db.prepare(
    `INSERT INTO change_journal (ts, client, tool, args, state, object, before, after, idem_key, fingerprint)
     VALUES (@ts, @client, @tool, @args, 'pending', @object, @before, @after, @key, @fingerprint)`,
  );
  const selectOne = db.prepare('SELECT * FROM change_journal WHERE id = ?');
  const selectRequests = db.prepare('SELECT requests FROM change_journal WHERE id = ?');
  const updateRequests = db.prepare('UPDATE change_journal SET requests = ? WHERE id = ?');
  const updateSettle = db.prepare(
    `UPDATE change_journal SET state = @state, settled_at = @time, result = coalesce(@result, result),
       error = @error, object = coalesce(@object, object), after = coalesce(@after, after) WHERE id = @id`,
  );
  const remove = db.prepare('DELETE FROM change_journal WHERE id = ?');
  const selectKey = db.prepare(
    `SELECT * FROM change_journal WHERE client = ? AND idem_key = ? AND ts >= ? ORDER BY id DESC LIMIT 1`,
  );
  const selectAllKey = db.prepare(
    `SELECT * FROM change_journal WHERE client = ? AND idem_key = ? AND ts >= ? ORDER BY id`,
  );
  const selectFingerprint = db.prepare(
    `SELECT * FROM change_journal WHERE client = ? AND fingerprint = ? AND ts >= ?
       AND state IN ('pending', 'applied', 'unknown') ORDER BY id DESC LIMIT 1`,
  );
  const selectPage = db.prepare(
    `SELECT * FROM change_journal WHERE id < @before AND (@client IS NULL OR client = @client)
       ORDER BY id DESC LIMIT @limit`,
  );
  const updateUndone = db.prepare("UPDATE change_journal SET state = 'undone', undone_by = ? WHERE id = ?");
  const selectPending = db.prepare("SELECT id FROM change_journal WHERE state = 'pending'");
  // A row whose first request never left changed nothing: failed, not unknown.
  const updateInterrupted = db.prepare(
    `UPDATE change_journal SET settled_at = ?,
       state = CASE requests WHEN '[]' THEN 'failed' ELSE 'unknown' END,
       error = CASE requests WHEN '[]' THEN 'The app stopped before sending it.' ELSE ? END
     WHERE state = 'pending'`,
  );

  const requestsOf = (id: number): JournalRequest[] => {
    const raw = selectRequests.get(id) as { requests: string } | undefined;
    return raw ? (JSON.parse(raw.requests) as JournalRequest[]) : [];
  };
  const one = (raw: unknown) => (raw ? rowOf(raw as RawRow) : undefined);

  return {
    begin(c) {
      const info = insert.run({
        ts: c.time,
        client: c.client,
        tool: c.tool,
        args: JSON.stringify(redactValue(c.args) ?? {}),
        object: text(c.object),
        before: text(c.before),
        after: text(c.after),
        key: c.key ?? null,
        fingerprint: c.fingerprint ?? null,
      });
      return Number(info.lastInsertRowid);
    },
    sending(id, request) {
      const requests = requestsOf(id);
      requests.push({
        action: request.action,
        params: redactValue(request.params) as Record<string, unknown>,
        state: 'sent',
      });
      updateRequests.run(JSON.stringify(requests), id);
      return requests.length - 1;
    },
    answered(id, index, state) {
      const requests = requestsOf(id);
      const request = requests[index];
      if (!request) return;
      request.state = state;
      updateRequests.run(JSON.stringify(requests), id);
    },
    settle(id, s) {
      updateSettle.run({
        id,
        state: s.state,
        time: s.time,
        result: s.result ?? null,
        error: s.error ?? null,
        object: text(s.object),
        after: text(s.after),
      });
    },
    discard: (id) => void remove.run(id),
    get: (id) => one(selectOne.get(id)),
    byKey: (client, key, since) => one(selectKey.get(client, key, since)),
    allByKey: (client, key, since) => (selectAllKey.all(client, key, since) as RawRow[]).map(rowOf),
    byFingerprint: (client, fingerprint, since) => one(selectFingerprint.get(client, fingerprint, since)),
    list({ limit, beforeId, client }) {
      const rows = selectPage.all({
        before: beforeId ?? Number.MAX_SAFE_INTEGER,
        client: client ?? null,
        limit,
      });
      return (rows as RawRow[]).map(rowOf);
    },
    markUndone: (id, undoneBy) => void updateUndone.run(undoneBy, id),
    markInterrupted(now) {
      const ids = (selectPending.all() as { id: number }[]).map((r) => r.id);
      if (ids.length > 0) {
        updateInterrupted.run(
          now,
          'The app stopped before Worksection answered; the change may have been applied.',
        );
      }
      return ids;
    },
  };
}
