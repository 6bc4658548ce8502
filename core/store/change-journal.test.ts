// The change journal over a real SQLite file: a row is on disk before its request leaves, survives a
// reopen (a new process), and what a stopped process left pending comes back as unknown.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChangeJournal } from './change-journal.js';
import { openDatabase, type Db } from './db.js';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wsmcp-journal-'));
  db = openDatabase(join(dir, 'wsmcp.db'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const T0 = Date.parse('2026-03-18T09:30:00Z');

describe('change journal', () => {
  it('keeps each request as it leaves and how it ended, with redacted arguments', () => {
    const journal = createChangeJournal(db);
    const id = journal.begin({
      time: T0,
      client: 'cursor',
      tool: 'update_task',
      args: { task_id: '1', title: 'x', api_key: 'secret-value' },
      key: 'k1',
      object: { kind: 'task', id: '1' },
      before: { title: 'old' },
      after: { title: 'x' },
    });
    // Another connection sees the row before the request is answered: it is committed, not buffered.
    const other = openDatabase(join(dir, 'wsmcp.db'));
    const index = journal.sending(id, { action: 'update_task', params: { id_task: '1', title: 'x' } });
    expect(createChangeJournal(other).get(id)).toMatchObject({
      state: 'pending',
      args: { task_id: '1', title: 'x', api_key: '[redacted]' },
      requests: [{ action: 'update_task', state: 'sent' }],
    });
    other.close();
    journal.answered(id, index, 'ok');
    journal.settle(id, { state: 'applied', time: T0 + 5, result: '{"content":[]}' });
    expect(journal.get(id)).toMatchObject({
      state: 'applied',
      requests: [{ state: 'ok' }],
      before: { title: 'old' },
      after: { title: 'x' },
      settledAt: T0 + 5,
    });
    expect(journal.byKey('cursor', 'k1', T0)?.id).toBe(id);
    expect(journal.byKey('cursor', 'k1', T0 + 1)).toBeUndefined();
    expect(journal.byKey('claude', 'k1', T0)).toBeUndefined();
  });

  it('marks what a stopped process left pending as unknown, once', () => {
    const journal = createChangeJournal(db);
    const done = journal.begin({ time: T0, client: 'c', tool: 'post_comment', args: {} });
    journal.settle(done, { state: 'applied', time: T0 });
    const inFlight = journal.begin({
      time: T0,
      client: 'c',
      tool: 'post_comment',
      args: {},
      fingerprint: 'f',
    });
    journal.sending(inFlight, { action: 'post_comment', params: {} });
    db.close();
    db = openDatabase(join(dir, 'wsmcp.db'));
    const reopened = createChangeJournal(db);
    expect(reopened.markInterrupted(T0 + 10)).toEqual([inFlight]);
    expect(reopened.markInterrupted(T0 + 20)).toEqual([]);
    expect(reopened.get(inFlight)).toMatchObject({ state: 'unknown', requests: [{ state: 'sent' }] });
    expect(reopened.get(done)?.state).toBe('applied');
    expect(reopened.byFingerprint('c', 'f', T0)?.id).toBe(inFlight);
    expect(reopened.list({ limit: 10 }).map((r) => r.id)).toEqual([inFlight, done]);
  });
});
