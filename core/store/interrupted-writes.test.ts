// What a killed process leaves: over a real SQLite file, a pending change whose request left becomes
// unknown in the journal and gets a call-log row that says so; one that sent nothing is failed, unmarked.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createCallLog } from './call-log.js';
import { createChangeJournal } from './change-journal.js';
import { openDatabase, type Db } from './db.js';
import { markInterruptedWrites } from './interrupted-writes.js';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wsmcp-interrupted-'));
  db = openDatabase(join(dir, 'wsmcp.db'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const T0 = Date.parse('2026-03-18T09:30:00Z');

it('marks the writes a stopped process left in flight unknown, in the journal and the call log', () => {
  const before = createChangeJournal(db);
  const sent = before.begin({ time: T0, client: 'cursor', tool: 'create_task', args: { title: 'A' } });
  before.sending(sent, { action: 'post_task', params: { title: 'A' } });
  const unsent = before.begin({ time: T0, client: 'cursor', tool: 'update_task', args: { task_id: '1' } });
  const done = before.begin({ time: T0, client: 'cursor', tool: 'log_time', args: { task_id: '1' } });
  before.sending(done, { action: 'add_costs', params: {} });
  before.settle(done, { state: 'applied', time: T0 + 10 });

  // The next process, on the same file.
  const journal = createChangeJournal(db);
  const callLog = createCallLog(db);
  expect(markInterruptedWrites(journal, callLog, T0 + 5_000)).toEqual([sent]);
  callLog.flush();
  expect(journal.get(sent)?.state).toBe('unknown');
  expect(journal.get(unsent)?.state).toBe('failed');
  expect(journal.get(done)?.state).toBe('applied');
  const { rows } = callLog.query();
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({
    client: 'cursor',
    target: 'create_task',
    status: 'tool_error',
    time: new Date(T0).toISOString(),
  });
  expect(rows[0]?.error).toContain(`change ${sent} may have been applied`);
  callLog.close();
});
