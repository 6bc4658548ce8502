// At start: the writes a previous process left in flight. The change journal marks them unknown (their
// request left, no answer came), and each gets a call-log row that says so, because the process that sent
// it died before its own row was written (rows are queued 100 ms; a killed process writes none).
import type { CallLog } from './call-log.js';
import type { ChangeJournal } from './change-journal.js';

/** Marks what a stopped process left pending; answers the ids of the writes whose outcome is unknown. */
export function markInterruptedWrites(
  journal: Pick<ChangeJournal, 'markInterrupted' | 'get'>,
  callLog: Pick<CallLog, 'record'>,
  now: number,
): number[] {
  const unknown: number[] = [];
  for (const id of journal.markInterrupted(now)) {
    const row = journal.get(id);
    // A row whose first request never left changed nothing (failed): no mark needed.
    if (row?.state !== 'unknown') continue;
    unknown.push(id);
    callLog.record({
      time: row.time,
      client: row.client,
      method: 'tools/call',
      target: row.tool,
      args: row.args,
      status: 'tool_error',
      error:
        `Outcome unknown: the app stopped before Worksection answered, so change ${id} may have been ` +
        'applied. list_changes shows it; a retry with the same idempotency_key checks it first.',
      durationMs: Math.max(0, now - row.time),
    });
  }
  return unknown;
}
