// What an activity poll reports it covered. Worksection counts get_events' period back from when it answers,
// so a poll the background lane held back covers less of the past than the sync meant to ask: the span
// reported to the response cache (which adds the poll's events to held logs and confirms answers by it)
// starts at the answer's time minus the period, never earlier than what Worksection really covered. A poll
// asks from twice the schedule before the previous one, so one skipped confirmation strands nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../store/db.js';
import type { MirrorSource } from './sync.js';
import { clockedMirror, syncUntilIdle } from './testing/test-mirror.js';

const START = Date.UTC(2026, 2, 2, 9);
let db: Db | undefined;
afterEach(() => db?.close());

/** A mirror over an empty account whose activity-log answers take `delayMs` of the clock to arrive. */
async function pollingMirror(delayMs: number, everySeconds = 60) {
  const clock = { now: START };
  const spans: { since: number; at: number; asked: string }[] = [];
  let asked = '';
  const source: MirrorSource = {
    call: async (action, params) => {
      if (action === 'get_events') {
        asked = String(params?.period);
        clock.now += delayMs;
      }
      return { status: 'ok', data: [] } as never;
    },
  };
  db = openDatabase(':memory:');
  const mirror = await clockedMirror(clock, {
    db,
    account: 'https://poll-span.example',
    source,
    beginConfirm: () => (since, at) => spans.push({ since, at, asked }),
    eventsEverySeconds: everySeconds,
  });
  return { clock, spans, mirror };
}

describe('the span an activity poll reports', () => {
  it('is what the sync asked for when Worksection answers at once', async () => {
    const { clock, spans, mirror } = await pollingMirror(0);
    clock.now += 60_000;
    await syncUntilIdle(mirror);
    // Asked from 2 minutes before the previous poll (the first sync's start): 3 minutes.
    expect(spans).toEqual([{ since: START - 120_000, at: START + 60_000, asked: '3m' }]);
  });

  it('reaches twice the schedule back, so answers a skipped confirmation left are still confirmed', async () => {
    // Every 2 minutes: a poll asks from 4 minutes before the previous one (the first sync's start), so
    // what the poll before a skipped one confirmed is still inside what this one covers.
    const { clock, spans, mirror } = await pollingMirror(0, 120);
    clock.now += 120_000;
    await syncUntilIdle(mirror);
    expect(spans).toEqual([{ since: START - 240_000, at: START + 120_000, asked: '6m' }]);
  });

  it('starts at the answer minus the period when the answer was held back', async () => {
    const { clock, spans, mirror } = await pollingMirror(45_000);
    clock.now += 60_000;
    await syncUntilIdle(mirror);
    const at = START + 60_000;
    expect(spans).toEqual([{ since: at + 45_000 - 180_000, at, asked: '3m' }]);
  });
});
