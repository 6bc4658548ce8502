// `npm run bench -- log [--rows N] [--calls N]`: what the call log costs.
// 1. Insert throughput: N rows recorded through createCallLog (redaction, 4 KB cut, answer measuring,
//    batched transactions, retention at its default 100k-row cap) into a WAL store on disk, yielding to
//    the event loop between batches as a server does. Target (issue 5): >= 20k rows/s.
// 2. Added latency per tool call: the same MCP server (real SDK client, in-memory transport, get_echo) with
//    and without the call log hooked in, alternating rounds. Each measured call includes one turn of the
//    event loop, where the log's flushes run, so the difference of the means carries the whole cost of
//    logging (the hook on the hot path plus the batched writes). Target: < 0.2 ms.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { createMcpServer, type McpRequestObserver } from '../core/mcp/server/server.js';
import { echoTool } from '../core/mcp/testing/fixture-tools.js';
import { stubContextFor } from '../core/mcp/testing/stub-context.js';
import type { CallLogEntry } from '../core/store/call-log-entry.js';
import { createCallLog } from '../core/store/call-log.js';
import { openDatabase } from '../core/store/db.js';

const TARGET_ROWS_PER_S = 20_000;
const TARGET_ADDED_MS = 0.2;
const ROUNDS = 10;

const tick = () => new Promise((resolve) => setImmediate(resolve));
const argOf = (args: string[], name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};

// A typical row: a list call with a few arguments and a ~2 KB answer (text + its structured copy).
function sampleEntry(i: number): CallLogEntry {
  const items = Array.from({ length: 12 }, (_, k) => ({ id: String(1000 + k), name: `Task ${k} of ${i}` }));
  const structured = { items, total_count: 40, returned_count: 12, truncated: true };
  return {
    time: Date.now(),
    client: i % 3 ? 'claude-desktop' : 'cursor',
    method: 'tools/call',
    target: i % 2 ? 'list_tasks' : 'get_task',
    args: { project_id: String(i % 50), status: 'active', limit: 12, api_key: 'k' },
    status: i % 20 ? 'ok' : 'tool_error',
    error: i % 20 ? undefined : 'Task 12 not found.\nHint: list_tasks finds task ids.',
    durationMs: 1.5,
    upstreamRequests: i % 4 ? 0 : 1,
    cacheHits: i % 4 ? 1 : 0,
    result: { content: [{ type: 'text', text: JSON.stringify(structured) }], structuredContent: structured },
  };
}

async function insertThroughput(dir: string, rows: number): Promise<number> {
  const db = openDatabase(join(dir, 'insert.db'));
  const log = createCallLog(db);
  const t0 = performance.now();
  for (let i = 0; i < rows; i += 1) {
    log.record(sampleEntry(i));
    if (i % 256 === 255) await tick();
  }
  log.close();
  const seconds = (performance.now() - t0) / 1000;
  const kept = db.prepare('SELECT count(*) FROM call_log').pluck().get() as number;
  db.close();
  console.log(`insert: ${rows} rows in ${seconds.toFixed(2)} s (kept ${kept} after retention)`);
  return rows / seconds;
}

interface Side {
  label: string;
  client: Client;
  latencies: number[];
  close(): Promise<void>;
}

async function side(label: string, observe?: McpRequestObserver): Promise<Side> {
  const mcp = createMcpServer({ tools: [echoTool], contextFor: stubContextFor, observe });
  const client = new Client({ name: `bench-${label}`, version: '1.0.0' });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await mcp.connect(serverSide, { caller: 'bench' });
  await client.connect(clientSide);
  return {
    label,
    client,
    latencies: [],
    close: async () => {
      await client.close();
      await mcp.close();
    },
  };
}

async function calls(s: Side, n: number, keep: boolean): Promise<void> {
  for (let i = 0; i < n; i += 1) {
    const t = performance.now();
    const result = await s.client.callTool({ name: 'get_echo', arguments: { id: i, tags: ['bench'] } });
    // The in-memory transport never leaves the microtask queue; a server turns the event loop between
    // requests, and that is when the log's flushes run (and hold up whatever arrives meanwhile).
    await tick();
    if (keep) s.latencies.push(performance.now() - t);
    if (result.isError) throw new Error(`${s.label}: ${JSON.stringify(result.content)}`);
  }
}

function figures(latencies: number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  return { n: sorted.length, p50: at(0.5), p99: at(0.99), mean };
}

async function addedLatency(
  dir: string,
  total: number,
): Promise<{ mean: number; p50: number; hook: number }> {
  const db = openDatabase(join(dir, 'latency.db'));
  const log = createCallLog(db);
  let hookMs = 0;
  let hooked = 0;
  const observe: McpRequestObserver = (r) => {
    const t = performance.now();
    log.record({ ...r, client: r.caller });
    hookMs += performance.now() - t;
    hooked += 1;
  };
  const [bare, logged] = [await side('no log', undefined), await side('call log', observe)];
  try {
    await calls(bare, 2_000, false);
    await calls(logged, 2_000, false);
    for (let round = 0; round < ROUNDS; round += 1) {
      await calls(bare, total / ROUNDS, true);
      await calls(logged, total / ROUNDS, true);
    }
    log.flush();
    const rows = db.prepare('SELECT count(*) FROM call_log').pluck().get() as number;
    console.log('\ntool call + one event-loop turn, SDK client over the in-memory transport, get_echo (ms)');
    console.log('server       calls      p50      p99     mean');
    const [a, b] = [figures(bare.latencies), figures(logged.latencies)];
    for (const [s, f] of [
      [bare, a],
      [logged, b],
    ] as const) {
      console.log(
        `${s.label.padEnd(10)} ${String(f.n).padStart(7)} ${f.p50.toFixed(4).padStart(8)} ${f.p99.toFixed(4).padStart(8)} ${f.mean.toFixed(4).padStart(8)}`,
      );
    }
    console.log(`rows written by the logged server: ${rows} (every call, warm-up included)`);
    return { mean: b.mean - a.mean, p50: b.p50 - a.p50, hook: hookMs / hooked };
  } finally {
    await bare.close();
    await logged.close();
    log.close();
    db.close();
  }
}

export async function run(args: string[]): Promise<void> {
  const rows = argOf(args, '--rows', 200_000);
  const total = argOf(args, '--calls', 20_000);
  const dir = await mkdtemp(join(tmpdir(), 'wsmcp-bench-log-'));
  try {
    console.log(`store: SQLite WAL, synchronous=NORMAL, in ${dir}`);
    const perSecond = await insertThroughput(dir, rows);
    const added = await addedLatency(dir, total);
    console.log('\nfigure                                   measured     target');
    const ok = (pass: boolean) => (pass ? 'ok' : 'MISSED');
    console.log(
      `insert throughput (rows/s)               ${perSecond.toFixed(0).padStart(8)}   >= ${TARGET_ROWS_PER_S}  ${ok(perSecond >= TARGET_ROWS_PER_S)}`,
    );
    console.log(
      `added latency per call, mean (ms)        ${added.mean.toFixed(4).padStart(8)}   <  ${TARGET_ADDED_MS}    ${ok(added.mean < TARGET_ADDED_MS)}`,
    );
    console.log(`added latency per call, p50 (ms)         ${added.p50.toFixed(4).padStart(8)}`);
    console.log(`time inside the hook per call (ms)       ${added.hook.toFixed(4).padStart(8)}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
