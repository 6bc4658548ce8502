// A poll a tool waits for (pollNow): sent on the foreground lane, never while another step of the sync is
// under way (a project list fetched before an event and stored after it would clear what the event
// marked), shared by tools asking at once, not sent again within a few seconds of the last one, and given
// up (the tool fetches instead) when the step under way does not move.
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../store/db.js';
import type { MirrorSource } from './sync.js';
import { projectAnswer } from './testing/project-answer.js';
import { clockedMirror, sleepUntilWoken } from './testing/test-mirror.js';

const START = Date.UTC(2026, 2, 2, 9);
let db: Db | undefined;
afterEach(() => db?.close());

const project = projectAnswer('7', 'Launch');

/** A one-project account whose task list answers (after the first) only when the test lets it. */
async function mirrorWithHeldList(pollMs = 0) {
  const clock = { now: START };
  const sent: { action: string; waiting: boolean }[] = [];
  let release: (() => void) | undefined;
  const source: MirrorSource = {
    call: async (action, _params, opts) => {
      sent.push({ action, waiting: opts?.waiting === true });
      if (action === 'get_projects') return { status: 'ok', data: [project] } as never;
      // Worksection takes `pollMs` of the clock to answer a poll.
      if (action === 'get_events') clock.now += pollMs;
      // Read again after the first sync, the account (no tasks: small) is listed whole.
      if (action === 'get_all_tasks') {
        await new Promise<void>((resolve) => (release = resolve));
      }
      return { status: 'ok', data: [] } as never;
    },
  };
  db = openDatabase(':memory:');
  // Started, the loop sleeps until woken: the test makes the steps.
  const mirror = await clockedMirror(clock, {
    db,
    account: 'https://poll-now.example',
    source,
    eventsEverySeconds: 60,
    sleep: sleepUntilWoken,
  });
  mirror.start();
  /** 30 s on, the project's list is being read again (an event named it): the step waits for `release`. */
  const listingUnderWay = async () => {
    clock.now += 30_000;
    mirror.store.markProjectStale(7);
    const listing = mirror.sync.step();
    await new Promise((resolve) => setImmediate(resolve));
    // Wrapped: awaiting this must not wait for the step.
    return { listing };
  };
  return { clock, sent, mirror, release: () => release?.(), listingUnderWay };
}

describe('a poll a tool waits for', () => {
  it('goes on the foreground lane, after the step under way, and not again within 5 seconds', async () => {
    const { clock, sent, mirror, release, listingUnderWay } = await mirrorWithHeldList();
    const { listing } = await listingUnderWay();
    const asked = mirror.pollNow();
    await new Promise((resolve) => setImmediate(resolve));
    expect(sent.at(-1)).toEqual({ action: 'get_all_tasks', waiting: false });
    release();
    await listing;
    expect(await asked).toBe('sent');
    expect(sent.at(-1)).toEqual({ action: 'get_events', waiting: true });
    const polls = () => sent.filter((s) => s.action === 'get_events').length;
    const before = polls();
    clock.now += 4_000;
    expect(await mirror.pollNow()).toBe('recent');
    expect(polls()).toBe(before);
    clock.now += 2_000;
    expect(await mirror.pollNow()).toBe('sent');
    expect(polls()).toBe(before + 1);
    await mirror.stop();
  });

  it('is shared by tools asking at once while a step is under way', async () => {
    // A poll that takes 6 s to answer: the ones asked while it ran are still served by it.
    const { clock, sent, mirror, release, listingUnderWay } = await mirrorWithHeldList(6_000);
    const { listing } = await listingUnderWay();
    const asks = [mirror.pollNow(), mirror.pollNow(), mirror.pollNow()];
    // The listing takes long too: the poll sent after it is the one all three asked for.
    clock.now += 10_000;
    release();
    await listing;
    expect(await Promise.all(asks)).toEqual(['sent', 'recent', 'recent']);
    expect(sent.filter((s) => s.action === 'get_events')).toHaveLength(1);
    await mirror.stop();
  });

  it('is given up after 3 seconds behind a step that does not move, and then not sent', async () => {
    const { sent, mirror, release, listingUnderWay } = await mirrorWithHeldList();
    const { listing } = await listingUnderWay();
    const started = Date.now();
    expect(await mirror.pollNow()).toBe('none');
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_900);
    release();
    await listing;
    await mirror.stop();
    expect(sent.filter((s) => s.action === 'get_events')).toHaveLength(0);
  });
});
