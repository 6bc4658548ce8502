import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ARGS_MAX_BYTES, CUT_MARK, REDACTED, type CallLogEntry } from './call-log-entry.js';
import { createCallLog, type CallLog, type CallLogOptions, type CallLogRow } from './call-log.js';
import { openDatabase, type Db } from './db.js';

const T0 = Date.parse('2026-05-04T09:00:00.000Z');
const MIN = 60_000;

function entry(over: Partial<CallLogEntry> = {}): CallLogEntry {
  return {
    time: T0,
    client: 'cursor',
    method: 'tools/call',
    target: 'list_tasks',
    args: { project_id: '7' },
    status: 'ok',
    durationMs: 12.5,
    ...over,
  };
}

const nextTick = () => new Promise((resolve) => setImmediate(resolve));

describe('call log', () => {
  let dir: string;
  let db: Db;
  const logs: CallLog[] = [];
  const open = (opts: CallLogOptions = {}) => {
    const log = createCallLog(db, opts);
    logs.push(log);
    return log;
  };
  const count = () => db.prepare('SELECT count(*) FROM call_log').pluck().get() as number;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wsmcp-calllog-'));
    db = openDatabase(join(dir, 'wsmcp.db'));
  });
  afterEach(() => {
    for (const log of logs.splice(0)) log.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('queues rows off the hot path and writes them within the flush interval, telling listeners', async () => {
    const log = open({ flushMs: 50 });
    const heard: CallLogRow[] = [];
    const written = new Promise<void>((resolve) =>
      log.subscribe((row) => {
        heard.push(row);
        if (heard.length === 3) resolve();
      }),
    );
    for (let i = 0; i < 3; i += 1) log.record(entry({ args: { i } }));
    expect(count()).toBe(0);
    expect(log.state().pending).toBe(3);
    await written;
    expect(count()).toBe(3);
    expect(heard.map((r) => r.args)).toEqual(['{"i":0}', '{"i":1}', '{"i":2}']);
    expect(heard.map((r) => r.id)).toEqual([1, 2, 3]);
    expect(heard[0]).toEqual({
      id: 1,
      time: '2026-05-04T09:00:00.000Z',
      client: 'cursor',
      method: 'tools/call',
      target: 'list_tasks',
      args: '{"i":0}',
      status: 'ok',
      error: null,
      durationMs: 12.5,
      upstreamRequests: 0,
      cacheHits: 0,
      bytes: 0,
      truncated: false,
      preview: null,
    });
    expect(log.state()).toEqual({ pending: 0, written: 3, dropped: 0 });
  });

  it('writes a full batch at once, without waiting for the interval', async () => {
    const log = open({ flushMs: 200, batchRows: 10 });
    for (let i = 0; i < 9; i += 1) log.record(entry());
    await nextTick();
    expect(count()).toBe(0);
    log.record(entry());
    await nextTick();
    expect(count()).toBe(10);
  });

  it('writes what is queued on close and ignores records after it', () => {
    const log = open({ flushMs: 200 });
    log.record(entry());
    log.record(entry());
    log.close();
    expect(count()).toBe(2);
    log.record(entry());
    log.close();
    expect(count()).toBe(2);
  });

  it('measures the answer: bytes of its content (not the structured copy) and the truncated flag', () => {
    const log = open();
    const text = JSON.stringify({ items: ['é'], truncated: true });
    log.record(
      entry({
        result: { content: [{ type: 'text', text }], structuredContent: { items: ['é'], truncated: true } },
      }),
    );
    log.record(entry({ result: { content: [{ type: 'text', text: 'plain' }] } }));
    log.flush();
    const [second, first] = log.query().rows;
    expect(first).toMatchObject({ bytes: Buffer.byteLength(text), truncated: true });
    expect(second).toMatchObject({ bytes: 5, truncated: false });
  });

  it('keeps the beginning of the answer text as its preview, redacted and cut at 512 bytes', () => {
    const log = open();
    const token = `wsmcp_${'a'.repeat(43)}`;
    log.record(entry({ result: { content: [{ type: 'text', text: `found it; token ${token}` }] } }));
    log.record(entry({ result: { content: [{ type: 'text', text: 'x'.repeat(2_000) }] } }));
    log.record(entry({ result: { content: [{ type: 'image', data: 'AAAA', mimeType: 'image/png' }] } }));
    log.flush();
    const [image, long, found] = log.query().rows;
    expect(found?.preview).toBe('found it; token [redacted]');
    expect(Buffer.byteLength(long?.preview ?? '')).toBeLessThanOrEqual(512);
    expect(long?.preview?.endsWith('…[cut]')).toBe(true);
    expect(image?.preview).toBeNull();
  });

  it('redacts secrets by key and by look, and cuts arguments at 4 KB', () => {
    const log = open();
    const token = `wsmcp_${'a'.repeat(43)}`;
    log.record(
      entry({
        args: {
          task_id: '12',
          token: 'abc',
          nested: { Password: 'p', api_key: 'k', apiKey: 'k2', list: [{ client_secret: 's' }] },
          headers: { Authorization: 'Bearer zzz' },
          text: `use ${token} or Bearer abcdefghijklmnop please`,
        },
        error: `refused ${token}`,
      }),
    );
    log.record(entry({ args: { text: 'ж'.repeat(5_000) } }));
    log.flush();
    const [long, secret] = log.query().rows;
    const args = JSON.parse(secret!.args!) as Record<string, unknown>;
    expect(args).toEqual({
      task_id: '12',
      token: REDACTED,
      nested: {
        Password: REDACTED,
        api_key: REDACTED,
        apiKey: REDACTED,
        list: [{ client_secret: REDACTED }],
      },
      headers: { Authorization: REDACTED },
      text: `use ${REDACTED} or ${REDACTED} please`,
    });
    expect(secret!.error).toBe(`refused ${REDACTED}`);
    expect(JSON.stringify(secret)).not.toContain(token);

    expect(Buffer.byteLength(long!.args!)).toBeLessThanOrEqual(ARGS_MAX_BYTES);
    expect(Buffer.byteLength(long!.args!)).toBeGreaterThan(ARGS_MAX_BYTES - 16);
    expect(long!.args!.endsWith(CUT_MARK)).toBe(true);
    expect(long!.args).not.toContain('\uFFFD');
  });

  it('keeps rows by age and by count', () => {
    let now = T0;
    const log = open({ retentionDays: 1, maxRows: 5, now: () => now });
    for (let i = 0; i < 4; i += 1) log.record(entry({ time: T0 - 2 * 86_400_000, target: `old${i}` }));
    for (let i = 0; i < 8; i += 1) log.record(entry({ time: T0 + i, target: `new${i}` }));
    log.flush();
    expect(count()).toBe(12);
    expect(log.prune()).toBe(4 + 3);
    expect(log.query().rows.map((r) => r.target)).toEqual(['new7', 'new6', 'new5', 'new4', 'new3']);
    now = T0 + 86_400_000 + 7;
    expect(log.prune()).toBe(4);
    expect(log.query().rows.map((r) => r.target)).toEqual(['new7']);
  });

  it('applies retention when opened', () => {
    const first = open({ now: () => T0 });
    for (let i = 0; i < 1_500; i += 1) first.record(entry());
    first.close();
    expect(count()).toBe(1_500);
    open({ maxRows: 1_000, now: () => T0 });
    expect(count()).toBe(1_000);
  });

  it('filters by time range, client, tool and status, and pages with a before cursor', () => {
    const log = open();
    const clients = ['cursor', 'claude', 'stdio'];
    for (let i = 0; i < 30; i += 1) {
      log.record(
        entry({
          time: T0 + i * MIN,
          client: clients[i % 3]!,
          target: i % 2 ? 'list_tasks' : 'get_task',
          status: i % 5 === 0 ? 'tool_error' : 'ok',
          error: i % 5 === 0 ? 'Task 1 not found.' : undefined,
        }),
      );
    }
    log.flush();
    const ids = (rows: CallLogRow[]) => rows.map((r) => r.id);
    expect(
      log.query({ since: T0 + 10 * MIN, until: new Date(T0 + 13 * MIN) }).rows.map((r) => r.time),
    ).toEqual([12, 11, 10].map((m) => new Date(T0 + m * MIN).toISOString()));
    expect(ids(log.query({ client: 'claude' }).rows)).toEqual([29, 26, 23, 20, 17, 14, 11, 8, 5, 2]);
    expect(ids(log.query({ client: 'claude', target: 'get_task' }).rows)).toEqual([29, 23, 17, 11, 5]);
    expect(ids(log.query({ status: 'tool_error' }).rows)).toEqual([26, 21, 16, 11, 6, 1]);
    expect(log.query({ status: 'tool_error' }).rows[0]?.error).toBe('Task 1 not found.');

    const seen: number[] = [];
    let before: number | undefined;
    let pages = 0;
    do {
      const page = log.query({ limit: 7, before });
      seen.push(...ids(page.rows));
      before = page.nextBefore;
      pages += 1;
    } while (before !== undefined);
    expect(pages).toBe(5);
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => 30 - i));
    expect(ids(log.after(27))).toEqual([28, 29, 30]);
    expect(log.lastId()).toBe(30);

    const summary = log.summary({ client: 'cursor' });
    expect(summary).toMatchObject({ calls: 10, errors: 2 });
    expect(summary.byTarget).toEqual([
      { key: 'get_task', calls: 5, errors: 1, avgMs: 12.5, upstreamRequests: 0, cacheHits: 0 },
      { key: 'list_tasks', calls: 5, errors: 1, avgMs: 12.5, upstreamRequests: 0, cacheHits: 0 },
    ]);
    expect(summary.byClient.map((c) => c.key)).toEqual(['cursor']);
  });

  it('exports JSON Lines and CSV, oldest first, in chunks', async () => {
    const log = open();
    for (let i = 0; i < 1_200; i += 1) log.record(entry({ time: T0 + i, target: i % 2 ? 'a' : 'b' }));
    log.record(
      entry({
        target: '=HYPERLINK("x")',
        method: 'resources/read',
        args: undefined,
        status: 'protocol_error',
        error: 'bad, "quoted"\nline',
      }),
    );
    log.flush();
    const collect = async (it: AsyncIterable<string>) => {
      const chunks: string[] = [];
      for await (const chunk of it) chunks.push(chunk);
      return chunks;
    };
    const jsonChunks = await collect(log.export('jsonl', { target: 'a' }));
    expect(jsonChunks.length).toBe(2);
    const rows = jsonChunks
      .join('')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as CallLogRow);
    expect(rows).toHaveLength(600);
    expect(rows[0]).toMatchObject({ id: 2, target: 'a', time: new Date(T0 + 1).toISOString() });
    expect(rows.map((r) => r.id)).toEqual([...rows.map((r) => r.id)].sort((x, y) => x - y));

    const csv = (await collect(log.export('csv', { status: 'protocol_error' }))).join('');
    expect(csv).toBe(
      'id,time,client,method,target,status,error,duration_ms,upstream_requests,cache_hits,bytes,truncated,args\r\n' +
        `1201,${new Date(T0).toISOString()},cursor,resources/read,"'=HYPERLINK(""x"")",protocol_error,` +
        '"bad, ""quoted""\nline",12.5,0,0,0,false,\r\n',
    );
  });

  it('stops telling a listener once unsubscribed, and a failing listener breaks nothing', () => {
    const errors: unknown[] = [];
    const log = open({ onError: (err) => errors.push(err) });
    const heard: number[] = [];
    const stop = log.subscribe((row) => heard.push(row.id));
    log.subscribe(() => {
      throw new Error('listener bug');
    });
    log.record(entry());
    log.flush();
    stop();
    log.record(entry());
    log.flush();
    expect(heard).toEqual([1]);
    expect(count()).toBe(2);
    expect(errors).toHaveLength(2);
  });

  it('keeps rows queued while writes fail and writes them once the store accepts them again', () => {
    const errors: unknown[] = [];
    const log = open({ maxQueue: 3, onError: (err) => errors.push(err) });
    db.exec('ALTER TABLE call_log RENAME TO call_log_away');
    for (let i = 0; i < 4; i += 1) log.record(entry({ target: `t${i}` }));
    expect(log.flush()).toBe(0);
    expect(errors[0]).toBeInstanceOf(Error);
    expect(log.state()).toEqual({ pending: 3, written: 0, dropped: 1 });
    db.exec('ALTER TABLE call_log_away RENAME TO call_log');
    expect(log.flush()).toBe(3);
    expect(log.query().rows.map((r) => r.target)).toEqual(['t3', 't2', 't1']);
  });
});
