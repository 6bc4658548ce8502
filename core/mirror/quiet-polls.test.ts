// The activity log asked at the pace of use: every minute while an assistant calls, every ten minutes once
// nobody has called for QUIET_AFTER_MS, and at once when one calls again. The calls are read where the app
// reads them (the call log, which every process on the data dir writes), the polls from the sandbox's
// request log.
import { afterEach, describe, expect, it } from 'vitest';
import { createCallLog, type CallLog } from '../store/call-log.js';
import { openDatabase, type Db } from '../store/db.js';
import { startSandbox, type RunningSandbox } from '../sandbox/server.js';
import { sandboxTokenProvider } from '../sandbox/testing/tokens.js';
import { WorksectionClient } from '../worksection/client.js';
import type { Mirror, MirrorOptions } from './mirror.js';
import { backgroundSource, QUIET_AFTER_MS } from './sync.js';
import { clockedMirror, syncUntilIdle } from './testing/test-mirror.js';

const START = Date.UTC(2026, 2, 2, 9);
const MINUTE = 60_000;

let sandbox: RunningSandbox | undefined;
let client: WorksectionClient | undefined;
let db: Db | undefined;
let log: CallLog | undefined;
let mirror: Mirror | undefined;
afterEach(async () => {
  await mirror?.stop();
  log?.close();
  db?.close();
  client?.close();
  await sandbox?.close();
});

async function syncedMirror(extra: Partial<MirrorOptions> = {}) {
  const clock = { now: START };
  sandbox = await startSandbox({ seed: 5, rateLimit: 0, now: () => clock.now });
  client = new WorksectionClient({
    accountUrl: sandbox.url,
    auth: { kind: 'oauth', tokens: sandboxTokenProvider(sandbox) },
    scheduler: { ratePerSecond: 0 },
  });
  db = openDatabase(':memory:');
  const calls = (log = createCallLog(db, { now: () => clock.now }));
  mirror = await clockedMirror(clock, {
    db,
    account: sandbox.url,
    source: backgroundSource(client),
    eventsEverySeconds: 60,
    quietEventsEverySeconds: 600,
    lastCallAt: () => calls.lastCallAt(),
    ...extra,
  });
  const box = sandbox;
  const count = (action: string) => box.requests().filter((r) => r.action === action).length;
  const polls = () => count('get_events');
  /** An assistant's call: the tool context tells the mirror as it starts, the call log has it as it ends. */
  const begin = () => mirror?.noteCall();
  const end = () => {
    calls.record({
      time: clock.now,
      client: 'claude-desktop',
      method: 'tools/call',
      target: 'list_tasks',
      status: 'ok',
      durationMs: 5,
    });
    calls.flush();
  };
  const call = () => (begin(), end());
  /** Moves the clock minute by minute, running what the sync has due; answers the minutes polled at. */
  const minutes = async (n: number, each?: () => void) => {
    const polledAt: number[] = [];
    for (let i = 0; i < n; i += 1) {
      clock.now += MINUTE;
      each?.();
      const before = polls();
      await syncUntilIdle(mirror as Mirror);
      if (polls() > before) polledAt.push((clock.now - START) / MINUTE);
    }
    return polledAt;
  };
  return { clock, begin, end, call, minutes, polls, count, mirror };
}

describe('the activity log asked at the pace of use', () => {
  it('every ten minutes while nobody calls: 3 polls in 30 minutes, not 30', async () => {
    const { minutes } = await syncedMirror();
    expect(await minutes(30)).toEqual([10, 20, 30]);
  }, 30_000);

  it('every minute while an assistant calls, at once on the first call, and quiet again ten minutes after the last', async () => {
    const { minutes, begin, end, call, clock, polls, mirror: m } = await syncedMirror();
    expect(await minutes(4)).toEqual([]);
    // The first call after a quiet spell, before the call log has it: the next step asks the log.
    begin();
    expect(m.sync.nextDueAt()).toBe(clock.now);
    const before = polls();
    await syncUntilIdle(m);
    expect(polls()).toBe(before + 1);
    end();
    expect(m.sync.quiet()).toBe(false);
    // Calls for five minutes: a poll a minute.
    expect(await minutes(5, call)).toEqual([5, 6, 7, 8, 9]);
    // The last call was at minute 9, so quiet from minute 19: a poll a minute until then, the next ten
    // minutes after the last.
    const after = await minutes(25);
    expect(after).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 28]);
    expect(QUIET_AFTER_MS).toBe(10 * MINUTE);
  }, 30_000);

  it('the people list every 15 minutes from the first call until 12 hours after the last', async () => {
    const { minutes, call, count, clock, mirror: m } = await syncedMirror({ peopleEverySeconds: 900 });
    const peopleReads = () => count('get_users');
    const first = peopleReads();
    // Never called: an hour without a people read.
    await minutes(60);
    expect(peopleReads()).toBe(first);
    /** Moves the clock `step` minutes at a time for `n` minutes; answers the minutes the list was read at. */
    const readsOver = async (n: number, step: number, each?: () => void) => {
      const readAt: number[] = [];
      for (let minute = step; minute <= n; minute += step) {
        clock.now += step * MINUTE;
        each?.();
        const before = peopleReads();
        await syncUntilIdle(m);
        if (peopleReads() > before) readAt.push(minute);
      }
      return readAt;
    };
    // Calls for 40 minutes: the list read at once (its last read is an hour old), then every 15 minutes.
    expect(await readsOver(40, 1, call)).toEqual([1, 16, 31]);
    // Quiet from then on: still every 15 minutes (what it confirms outlasts a break), for 12 hours.
    const quiet = await readsOver(13 * 60, 5);
    expect(quiet.slice(0, 4)).toEqual([10, 25, 40, 55]);
    expect(quiet.at(-1)).toBeLessThanOrEqual(12 * 60);
    expect(quiet.at(-1)).toBeGreaterThan(12 * 60 - 15);
  }, 30_000);
});
