// `wsmcp logs` as a user runs it: the compiled CLI in a child process, reading a store this test writes
// (and, at the end, the store of a real `wsmcp serve --demo` while it serves).
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServe } from '../../e2e/mcp/serve-process.js';
import type { CallLogEntry } from '../store/call-log-entry.js';
import { createCallLog, type CallLogRow } from '../store/call-log.js';
import { openDatabase } from '../store/db.js';
import { buildCli, cleanUp, exitOf, run, start, tempDir } from './testing/cli.js';

beforeAll(buildCli);
afterEach(cleanUp);

const T0 = Date.parse('2026-05-04T09:00:00.000Z');

function entry(i: number, over: Partial<CallLogEntry> = {}): CallLogEntry {
  return {
    time: T0 + i * 60_000,
    client: i % 2 ? 'cursor' : 'claude',
    method: 'tools/call',
    target: i % 3 ? 'list_tasks' : 'get_task',
    args: { i },
    status: 'ok',
    durationMs: 3.25,
    upstreamRequests: 1,
    ...over,
  };
}

/** A data dir whose store holds `n` logged calls; answers the dir and a writer for more. */
function logDir(n: number) {
  const dir = tempDir();
  const db = openDatabase(join(dir, 'wsmcp.db'));
  const log = createCallLog(db);
  for (let i = 1; i <= n; i += 1) log.record(entry(i));
  log.flush();
  return {
    dir,
    add(e: CallLogEntry) {
      log.record(e);
      log.flush();
    },
    close() {
      log.close();
      db.close();
    },
  };
}

const jsonRows = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as CallLogRow);

/** Reads JSON lines from `stream` until `want` says a row is the one awaited. */
async function rowMatching(stream: Readable, want: (row: CallLogRow) => boolean): Promise<CallLogRow> {
  for await (const line of createInterface({ input: stream })) {
    const row = JSON.parse(line) as CallLogRow;
    if (want(row)) return row;
  }
  throw new Error('the output ended before the row was printed');
}

describe('wsmcp logs', () => {
  it('shows the latest rows oldest first, as text, JSON Lines or CSV, with filters', async () => {
    const store = logDir(12);
    store.add(
      entry(13, { status: 'tool_error', error: 'Task 9 not found.\nHint: list_tasks finds task ids.' }),
    );
    try {
      const json = await run(['logs', '--json', '--limit', '3', '--data-dir', store.dir]);
      expect(json.code).toBe(0);
      expect(jsonRows(json.stdout).map((r) => JSON.parse(r.args!) as { i: number })).toEqual([
        { i: 11 },
        { i: 12 },
        { i: 13 },
      ]);

      const text = await run(['logs', '-n', '2', '--data-dir', store.dir]);
      const lines = text.stdout.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^TIME\s+CLIENT\s+REQUEST\s+STATUS\s+MS\s+UPSTREAM\s+CACHED\s+BYTES\s+NOTE$/);
      expect(lines[1]).toMatch(/^2026-05-04T09:12:00\.000Z\s+claude\s+get_task\s+ok\s+3\.3\s+1\s+0\s+0 B$/);
      expect(lines[2]).toMatch(/cursor\s+list_tasks\s+tool_error\s+.*Task 9 not found\.$/);

      const csv = await run(['logs', '--csv', '--status', 'tool_error', '--data-dir', store.dir]);
      expect(csv.stdout.split('\r\n')[0]).toBe(
        'id,time,client,method,target,status,error,duration_ms,upstream_requests,cache_hits,bytes,truncated,args',
      );
      expect(csv.stdout.split('\r\n').filter(Boolean)).toHaveLength(2);

      const filtered = await run([
        'logs',
        '--json',
        '--tool',
        'get_task',
        '--client',
        'cursor',
        '--data-dir',
        store.dir,
      ]);
      expect(jsonRows(filtered.stdout).map((r) => r.id)).toEqual([3, 9]);
      const since = await run(['logs', '--json', '--since', '2026-05-04T09:11:00Z', '--data-dir', store.dir]);
      expect(jsonRows(since.stdout).map((r) => r.id)).toEqual([11, 12, 13]);
      const none = await run(['logs', '--client', 'nobody', '--data-dir', store.dir]);
      expect(none.stdout.trim()).toBe('No logged requests match.');
    } finally {
      store.close();
    }
  });

  it('follows new rows as the writer commits them, until interrupted', async () => {
    const store = logDir(2);
    try {
      const child = start(['logs', '--follow', '--json', '--status', 'ok', '--data-dir', store.dir]);
      const lines = createInterface({ input: child.stdout });
      const seen: number[] = [];
      for await (const line of lines) {
        seen.push((JSON.parse(line) as CallLogRow).id);
        if (seen.length === 2) {
          store.add(entry(3, { status: 'tool_error', error: 'no' }));
          store.add(entry(4));
        }
        if (seen.length === 3) break;
      }
      expect(seen).toEqual([1, 2, 4]);
      child.kill('SIGINT');
      expect(await exitOf(child)).toBe(0);
    } finally {
      store.close();
    }
  });

  it('explains every mistake in one line with a non-zero exit', async () => {
    const empty = tempDir();
    const cases: [string[], number, RegExp][] = [
      [
        ['logs', '--data-dir', empty],
        1,
        /^wsmcp logs: no store at .*wsmcp\.db: no server has run with this data dir yet \(the demo server keeps its own: add --demo\)$/,
      ],
      [['logs', '--limit', '0'], 2, /^wsmcp logs: --limit must be a whole number from 1 to 1000, got "0"/],
      [['logs', '--json', '--csv'], 2, /^wsmcp logs: --json and --csv exclude each other/],
      [
        ['logs', '--status', 'bad'],
        2,
        /^wsmcp logs: --status must be one of ok, tool_error, protocol_error, got "bad"/,
      ],
      [['logs', '--since', 'yesterday'], 2, /^wsmcp logs: --since must be an ISO time or an age/],
    ];
    for (const [args, code, line] of cases) {
      const res = await run(args);
      expect(res.code, args.join(' ')).toBe(code);
      expect(res.stderr.trim()).toMatch(line);
    }
  });

  it('reads the log of a running server beside it', { timeout: 60_000 }, async () => {
    const serve = await startServe();
    const client = new Client({ name: 'logs-test', version: '1.0.0' });
    try {
      const follower = start(['logs', '--follow', '--json', '--demo', '--data-dir', serve.dataDir]);
      await client.connect(
        new StreamableHTTPClientTransport(new URL(serve.mcpUrl), {
          requestInit: { headers: { Authorization: `Bearer ${serve.token}` } },
        }),
      );
      await client.callTool({ name: 'list_tags', arguments: { limit: 1 } });
      const row = await rowMatching(follower.stdout, (r) => r.target === 'list_tags');
      expect(row).toMatchObject({ client: 'demo', method: 'tools/call', status: 'ok', args: '{"limit":1}' });
      expect(row.bytes).toBeGreaterThan(0);
      follower.kill('SIGINT');
      expect(await exitOf(follower)).toBe(0);
    } finally {
      await client.close();
      await serve.stop();
    }
  });
});
