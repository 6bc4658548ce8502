// When the mirror counts the time zone set as the one the activity log stamps events in (a seeding poll
// picks the news out of a week by those stamps): only a poll of at most 10 minutes whose events fall in its
// span can show it (a longer span cannot tell zones 15 minutes apart), and the finding kept across starts
// holds only for the zone's offset it was made at (found in winter is not found in summer). The seeding
// pace itself is only set for logs held 5 minutes or more.
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../store/db.js';
import { activitySeedEverySeconds } from '../upstream/cached-responses.js';
import { TEST_FRESH_SECONDS } from '../upstream/testing/fresh-seconds.js';
import { wallMs } from '../worksection/wall-clock.js';
import { MirrorSync, type MirrorSource } from './sync.js';
import { projectAnswer } from './testing/project-answer.js';
import { clockedMirror } from './testing/test-mirror.js';

let db: Db | undefined;
afterEach(() => db?.close());

/** How the activity log stamps a moment: the account's wall clock, to the minute. */
const stamp = (ms: number, timeZone: string) =>
  new Date(wallMs(ms, timeZone)).toISOString().slice(0, 16).replace('T', ' ');

/** A one-project account whose activity log shows one event a minute old, stamped in `accountZone`. */
async function syncedMirror(start: number, accountZone: string, timeZone: string) {
  const clock = { now: start };
  const periods: unknown[] = [];
  let event = 0;
  const source: MirrorSource = {
    call: (action, params) => {
      if (action === 'get_projects')
        return Promise.resolve({ status: 'ok', data: [projectAnswer('7', 'Launch')] } as never);
      if (action !== 'get_events') return Promise.resolve({ status: 'ok', data: [] } as never);
      periods.push(params?.period);
      event += 1;
      const data = [
        {
          action: 'post',
          object: { type: 'comment', id: String(event), page: `/project/7/1/#com${event}` },
          date_added: stamp(clock.now - 60_000, accountZone),
          user_from: { id: '3', email: 'ann@example.test', name: 'Ann Lee' },
        },
      ];
      return Promise.resolve({ status: 'ok', data } as never);
    },
  };
  db = openDatabase(':memory:');
  const opts = { source, eventsEverySeconds: 60, activitySeedEverySeconds: 900, timeZone } as const;
  const mirror = await clockedMirror(clock, { db, account: 'https://zone.example', ...opts });
  /** `ms` on, the next poll: the period it asked. */
  const pollAfter = async (ms: number, sync = mirror.sync) => {
    clock.now += ms;
    sync.pollEventsSoon();
    while ((await sync.step()) !== 'events');
    return periods.at(-1);
  };
  /** Another process's sync on the same store, with the zone `timeZone` set. */
  const restarted = (zone: string) =>
    new MirrorSync({
      store: mirror.store,
      ...opts,
      timeZone: zone,
      fullCheckHours: 24,
      now: () => clock.now,
    });
  return { clock, mirror, pollAfter, restarted };
}

describe('the time zone found right', () => {
  it('only by a poll of 10 minutes or less: a longer one cannot tell zones apart', async () => {
    const { mirror, pollAfter } = await syncedMirror(Date.UTC(2026, 0, 12, 9), 'UTC', 'UTC');
    // 20 minutes since the last poll: a 22-minute span, its event inside it, and still no seeding after.
    expect(await pollAfter(20 * 60_000)).toBe('22m');
    expect(await pollAfter(60_000)).toBe('3m');
    // That 3-minute poll's event fell in its span: the next one seeds.
    expect(await pollAfter(60_000)).toBe('8d');
    await mirror.stop();
  });

  it("holds across a start only at the zone's offset it was found at", async () => {
    const winter = Date.UTC(2026, 0, 12, 9);
    const { clock, mirror, pollAfter, restarted } = await syncedMirror(winter, 'Europe/Kyiv', 'Europe/Kyiv');
    expect(await pollAfter(60_000)).toBe('3m');
    expect(await pollAfter(60_000)).toBe('8d');
    await mirror.stop();
    // Another winter start seeds at once; a summer one (UTC+3, not +2) waits for a short poll's events.
    expect(await pollAfter(60_000, restarted('Europe/Kyiv'))).toBe('8d');
    clock.now = Date.UTC(2026, 6, 13, 9);
    const summer = restarted('Europe/Kyiv');
    mirror.store.meta.set('events_polled_at', clock.now);
    expect(await pollAfter(60_000, summer)).toBe('3m');
    expect(await pollAfter(60_000, summer)).toBe('8d');
  });
});

describe('the seeding pace', () => {
  it('is set only for activity logs held 5 minutes or more', () => {
    expect(activitySeedEverySeconds(TEST_FRESH_SECONDS)).toBe(900);
    expect(activitySeedEverySeconds({ ...TEST_FRESH_SECONDS, tags: 240 })).toBeUndefined();
    expect(activitySeedEverySeconds({ ...TEST_FRESH_SECONDS, tags: 240, activity: 300 })).toBe(300);
    expect(activitySeedEverySeconds({ ...TEST_FRESH_SECONDS, activity: 0 })).toBeUndefined();
  });
});
