// A crash while 1,000 calls are being logged: a real process (MCP server + call log on SQLite, see
// testing/call-log-crash-child.ts) is SIGKILLed mid-way. On reopen the database must be intact and hold
// every row the child saw committed, with no gaps, and lose at most the batch that was still queued.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './db.js';

const CHILD = 'dist-dev/core/mcp/testing/call-log-crash-child.js';
const CALLS = 1_000;
const KILL_AFTER_ACKED = 300;
// The child stops here and waits, so the kill always comes before the run would finish.
const STALL_AFTER = 600;
const FLUSH_MS = 20;
const BATCH_ROWS = 25;

describe('call log crash', () => {
  let dir: string;
  beforeAll(() => {
    // Other modules may be mid-edit: tsc still emits this one.
    spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-b', 'tsconfig.node.json'], {
      stdio: 'ignore',
    });
    if (!existsSync(CHILD)) throw new Error(`${CHILD} was not built`);
    dir = mkdtempSync(join(tmpdir(), 'wsmcp-crash-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every committed row and an intact database after SIGKILL mid-way', async () => {
    const file = join(dir, 'wsmcp.db');
    const child = spawn(
      process.execPath,
      [CHILD, file, String(CALLS), String(FLUSH_MS), String(BATCH_ROWS), String(STALL_AFTER)],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
      child.once('exit', (code, signal) => resolve(signal ?? code)),
    );
    let acked = 0;
    let called = 0;
    let done = false;
    for await (const line of createInterface({ input: child.stdout })) {
      const msg = JSON.parse(line) as { acked?: number; called?: number; done?: boolean };
      if (msg.acked !== undefined) {
        // Rows are committed in call order.
        expect(msg.acked).toBe(acked + 1);
        acked = msg.acked;
      }
      if (msg.called !== undefined) called = msg.called;
      if (msg.done) done = true;
      if (acked >= KILL_AFTER_ACKED && child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
      }
    }
    expect(await exited, stderr).toBe('SIGKILL');
    expect(done).toBe(false);

    const db = openDatabase(file);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const ids = (db.prepare('SELECT args FROM call_log ORDER BY id').pluck().all() as string[]).map(
        (args) => (JSON.parse(args) as { id: number }).id,
      );
      // Every call up to the last stored one, in order, nothing missing or doubled.
      expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => i + 1));
      expect(ids.length).toBeGreaterThanOrEqual(acked);
      expect(ids.length).toBeLessThan(CALLS);
      // Answered but not on disk: only what was still queued, at most one batch.
      expect(called - ids.length).toBeLessThanOrEqual(BATCH_ROWS);
    } finally {
      db.close();
    }
  });
});
