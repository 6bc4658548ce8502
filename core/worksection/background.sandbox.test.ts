// The scheduler's background lane against the real sandbox over loopback HTTP, in real time: sync-like
// background reads and a user's foreground calls together never pass the rate as the server counts it,
// and a foreground call starts within one request interval of being made.
import { afterEach, describe, expect, it } from 'vitest';
import { WorksectionClient } from './client.js';
import { startSandbox, type RunningSandbox } from '../sandbox/server.js';
import { sandboxTokenProvider } from '../sandbox/testing/tokens.js';

const RATE = 4;
const INTERVAL_MS = 1000 / RATE;
/** Send-to-stamp delay a loaded machine may add (see client.sandbox.test.ts). */
const SLACK_MS = 120;

let sandbox: RunningSandbox | undefined;
let client: WorksectionClient | undefined;

afterEach(async () => {
  client?.close();
  await sandbox?.close();
  sandbox = client = undefined;
});

const apiRows = (sb: RunningSandbox) =>
  sb.requests().filter((r) => r.path.startsWith('/api/') && r.token !== 'admin');

describe('background lane + sandbox', () => {
  it('keeps sync and foreground within the rate; foreground waits at most one interval', async () => {
    sandbox = await startSandbox({ rateLimit: RATE });
    const admin = new WorksectionClient({
      accountUrl: sandbox.url,
      auth: { kind: 'admin', apiKey: sandbox.apiKey },
    });
    await admin.call('get_events', { period: '1m' });
    admin.close();
    client = new WorksectionClient({
      accountUrl: sandbox.url,
      auth: { kind: 'oauth', tokens: sandboxTokenProvider(sandbox) },
      scheduler: { ratePerSecond: RATE, marginMs: SLACK_MS, backgroundShare: 1, foregroundQuietMs: 0 },
    });
    const c = client;
    // The mirror's sync: a long line of background reads.
    const sync = Array.from({ length: 14 }, (_, i) =>
      c.call('get_events', { period: `${i + 1}m` }, { caller: 'mirror', background: true }),
    );
    // A user's assistant: calls at uneven moments while sync runs.
    const waits: number[] = [];
    for (const pause of [300, 180, 420, 260, 350]) {
      await new Promise((r) => setTimeout(r, pause));
      const asked = Date.now();
      const before = apiRows(sandbox).length;
      await c.call('get_users', {}, { caller: 'assistant' });
      const row = apiRows(sandbox)
        .slice(before)
        .find((r) => r.action === 'get_users');
      waits.push((row?.time ?? Infinity) - asked);
    }
    await Promise.all(sync);
    const rows = apiRows(sandbox);
    expect(rows.filter((r) => r.status === 429)).toEqual([]);
    expect(rows).toHaveLength(19);
    const times = rows.map((r) => r.time);
    const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(INTERVAL_MS - 5);
    for (const wait of waits) expect(wait).toBeLessThanOrEqual(INTERVAL_MS + SLACK_MS + 30);
  }, 30_000);

  it('pauses sync entirely while a foreground request is in flight', async () => {
    sandbox = await startSandbox({ rateLimit: 0 });
    sandbox.faults.set({ latencyMs: 600 });
    client = new WorksectionClient({
      accountUrl: sandbox.url,
      auth: { kind: 'oauth', tokens: sandboxTokenProvider(sandbox) },
      scheduler: { ratePerSecond: RATE, backgroundShare: 1, foregroundQuietMs: 0 },
    });
    const c = client;
    const fg = c.call('get_users', {}, { caller: 'assistant' });
    const bg = c.call('get_events', { period: '1m' }, { caller: 'mirror', background: true });
    await fg;
    const foregroundDone = Date.now();
    sandbox.faults.reset();
    await bg;
    const row = apiRows(sandbox).find((r) => r.action === 'get_events');
    expect(row?.time).toBeGreaterThanOrEqual(foregroundDone - 5);
  }, 20_000);
});
