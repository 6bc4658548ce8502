// get_events re-cut from a held answer must be exactly the sandbox's own answer at the later time, and is
// refused when the held answer does not reach back far enough or an event is too close to the cut; one
// project's log from a held unfiltered one only when a held project answer names the project. A poll's events
// added to a held log give the sandbox's own answer over the longer span.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox/server.js';
import type { WorksectionClient } from '../../worksection/client.js';
import type { WsParams } from '../../worksection/transport.js';
import { CUT_MARGIN_MS, firstSureMinute } from '../../worksection/activity-period.js';
import { minuteStarts, minuteStartsNear } from '../../worksection/wall-clock.js';
import { cacheKeyOf } from '../cache-policy.js';
import { clockedSandbox, type ClockedSandbox } from '../testing/clocked-sandbox.js';
import {
  eventsNotBefore,
  stampedWithin,
  deriveEvents,
  heldCutUnclear,
  widenedEvents,
  WEEK_LOG_PERIOD,
  withEventsFrom,
  withPolledEvents,
  type EventsSource,
} from './events.js';

const START = Date.UTC(2026, 2, 2, 9, 0, 10);
let clock = START;
let upstream: ClockedSandbox;
let sandbox: RunningSandbox;
let client: WorksectionClient;

beforeEach(async () => {
  clock = START;
  upstream = await clockedSandbox(() => clock);
  ({ sandbox, client } = upstream);
});
afterEach(async () => {
  await upstream.close();
});

interface Held {
  params: WsParams;
  fetchedAt: number;
  body: unknown;
}

async function fetchHeld(params: WsParams): Promise<Held> {
  return { params, fetchedAt: clock, body: await client.call('get_events', params) };
}

/** A held answer of another read (get_projects, get_project). */
async function heldRead(action: 'get_projects' | 'get_project', params: WsParams) {
  const body = await client.call(action, params);
  return { ...cacheKeyOf(action, params), action, fetchedAt: clock, body };
}
type HeldRead = Awaited<ReturnType<typeof heldRead>>;

/** A source holding these answers, each known current at its fetch time (or `currentAt`). */
function sourceOf(held: Held[], currentAt?: number, reads: HeldRead[] = []): EventsSource {
  const entries = held.map((h) => ({ ...h, ...cacheKeyOf('get_events', h.params), action: 'get_events' }));
  return {
    find: (s) =>
      reads.filter(
        (r) =>
          s.actions.includes(r.action) &&
          (s.bodyHas === undefined || JSON.stringify(r.body).includes(s.bodyHas)),
      ),
    body: (key) => [...entries, ...reads].find((e) => e.key === key)?.body,
    activity: {
      now: clock,
      timeZone: 'UTC',
      held: (s) =>
        entries
          .filter((e) => !s.param || e.params[s.param[0]] === s.param[1])
          .map((entry) => ({ entry, currentAt: currentAt ?? entry.fetchedAt })),
    },
  };
}

const derive = (params: WsParams, src: EventsSource) =>
  deriveEvents(cacheKeyOf('get_events', params).params, src);

/** A comment posted at this clock time (on a task of `project` when given): one event stamped then. */
async function eventAt(ms: number, project?: number): Promise<void> {
  const task = [...sandbox.data.tasks.values()].find(
    (t) =>
      t.publishAt === undefined &&
      t.status === 'active' &&
      (project === undefined || t.projectId === project),
  );
  clock = ms;
  await client.call('post_comment', { id_task: String(task?.id), text: `at ${ms}` });
}

describe('get_events derived from a held activity log', () => {
  it('re-cuts a held log at the later period start, as the sandbox does', async () => {
    await eventAt(START);
    await eventAt(START + 10 * 60_000);
    clock = START + 40 * 60_000;
    const held = await fetchHeld({ period: '1h' });
    expect((held.body as { data: unknown[] }).data.length).toBeGreaterThanOrEqual(2);
    // 35 minutes on, a 1h period starts after the first event and before the second.
    clock = START + 75 * 60_000;
    const derived = derive({ period: '1h' }, sourceOf([held], clock - 10_000));
    expect(derived?.body).toEqual(await client.call('get_events', { period: '1h' }));
    expect(derived?.fetchedAt).toBe(clock - 10_000);
    const narrower = derive({ period: '30m' }, sourceOf([held], clock));
    expect(narrower?.body).toEqual(await client.call('get_events', { period: '30m' }));
  });

  it('keeps to the same project filter', async () => {
    await eventAt(START);
    clock = START + 60_000;
    const held = await fetchHeld({ period: '1h' });
    const project = [...sandbox.data.projects.values()][0]?.id;
    expect(derive({ period: '1h', id_project: String(project) }, sourceOf([held]))).toBeUndefined();
  });

  it("narrows a held unfiltered log to a project's pages once a held project answer names it", async () => {
    const [mine, other] = [...sandbox.data.projects.values()].filter((p) => p.status === 'active');
    await eventAt(START, mine!.id);
    await eventAt(START + 60_000, other!.id);
    await eventAt(START + 10 * 60_000, mine!.id);
    clock = START + 20 * 60_000;
    const held = await fetchHeld({ period: '1h' });
    const project = String(mine!.id);
    const asked = { period: '1h', id_project: project };
    // Nothing says the project exists: an unknown one is Worksection's error to give.
    expect(derive(asked, sourceOf([held]))).toBeUndefined();
    const projects = await heldRead('get_projects', {});
    const one = await heldRead('get_project', { id_project: project });
    clock = START + 65 * 60_000;
    const expected = await client.call('get_events', asked);
    expect(expected.data.length).toBeGreaterThan(0);
    expect(expected.data.length).toBeLessThan((held.body as { data: unknown[] }).data.length);
    expect(derive(asked, sourceOf([held], clock, [projects]))?.body).toEqual(expected);
    expect(derive(asked, sourceOf([held], clock, [one]))?.body).toEqual(expected);
    // A project answer naming another project says nothing of this one.
    const another = await heldRead('get_project', { id_project: String(other!.id) });
    expect(derive(asked, sourceOf([held], clock, [another]))).toBeUndefined();
  });

  it("cuts a project's log regardless of other projects' events near the cut", async () => {
    const [mine, other] = [...sandbox.data.projects.values()].filter((p) => p.status === 'active');
    await eventAt(START + 30 * 60_000, other!.id);
    await eventAt(START + 35 * 60_000, mine!.id);
    clock = START + 40 * 60_000;
    const held = await fetchHeld({ period: '1h' });
    const projects = await heldRead('get_projects', {});
    // The cut falls inside the other project's event minute: the whole log could not be cut here.
    clock = START + 90 * 60_000 + 20_000;
    expect(derive({ period: '1h' }, sourceOf([held], clock, [projects]))).toBeUndefined();
    const asked = { period: '1h', id_project: String(mine!.id) };
    const derived = derive(asked, sourceOf([held], clock, [projects]));
    expect(derived?.body).toEqual(await client.call('get_events', asked));
    expect((derived?.body as { data: unknown[] }).data).toHaveLength(1);
  });

  it('refuses a period that reaches back before the held one', async () => {
    await eventAt(START);
    clock = START + 60_000;
    const held = await fetchHeld({ period: '1h' });
    clock += 120_000;
    expect(derive({ period: '2h' }, sourceOf([held]))).toBeUndefined();
    expect(derive({ period: '1h' }, sourceOf([held]))).toBeDefined();
  });

  it('refuses when an event is stamped too close to the cut', async () => {
    await eventAt(START);
    clock = START + 60_000;
    const held = await fetchHeld({ period: '1h' });
    // The cut falls inside the event's minute (09:00), then just past it within the margin.
    clock = START + 3_600_000 + 20_000;
    expect(derive({ period: '1h' }, sourceOf([held]))).toBeUndefined();
    const minuteEnd = Date.UTC(2026, 2, 2, 9, 1);
    clock = minuteEnd + 3_600_000 + CUT_MARGIN_MS - 1_000;
    expect(derive({ period: '1h' }, sourceOf([held]))).toBeUndefined();
    clock = minuteEnd + 3_600_000 + CUT_MARGIN_MS + 1_000;
    const derived = derive({ period: '1h' }, sourceOf([held]));
    expect(derived?.body).toEqual(await client.call('get_events', { period: '1h' }));
  });

  it("cuts at the reader's own minute, whatever lies at the period's start, with a log reaching past it", async () => {
    await eventAt(START);
    await eventAt(START + 2 * 60_000);
    clock = START + 5 * 60_000;
    const held = await fetchHeld({ period: '1h' });
    // The period's cut falls inside the first event's minute; the reader keeps 09:01 on.
    clock = START + 3_600_000 + 20_000;
    const from = firstSureMinute(clock - 3_600_000);
    expect(from).toBe(Date.UTC(2026, 2, 2, 9, 1));
    expect(derive({ period: '1h' }, sourceOf([held]))).toBeUndefined();
    const derived = derive({ period: '1h' }, withEventsFrom(sourceOf([held]), from));
    const data = (derived?.body as { data: { date_added: string }[] }).data;
    expect(data.map((e) => e.date_added)).toEqual(['2026-03-02 09:02']);
    // What Worksection gives from that minute on.
    const exact = (await client.call('get_events', { period: '1h' })).data;
    expect(data).toEqual(exact.filter((e) => e.date_added >= '2026-03-02 09:01'));
    // A hint before the period's start is not heeded (the period's own cut then applies).
    expect(derive({ period: '1h' }, withEventsFrom(sourceOf([held]), from - 120_000))).toBeUndefined();
    // A held log must reach past the reader's minute by the cut's margin: one reaching back to 09:00:50
    // (20 s past 09:01 counting the margin) does not answer from 09:01; one reaching to 09:00:20 does.
    const minute = Date.UTC(2026, 2, 2, 9, 1);
    clock = START + 4 * 60_000 + 40_000;
    const short = await fetchHeld({ period: '4m' });
    clock = START + 4 * 60_000 + 10_000;
    const enough = await fetchHeld({ period: '4m' });
    clock = START + 4 * 60_000 + 50_000;
    expect(derive({ period: '4m' }, withEventsFrom(sourceOf([short]), minute))).toBeUndefined();
    expect(derive({ period: '4m' }, withEventsFrom(sourceOf([enough]), minute))).toBeDefined();
  });

  it("tells a held log that cannot be cut at the reader's minute: a stamp of the hour clocks go back", () => {
    // Kyiv, 2026-10-25: 03:30 happens at 00:30Z and again at 01:30Z.
    const t0 = Date.UTC(2026, 9, 25, 2);
    const event = {
      action: 'post',
      object: { type: 'task', id: '1', page: '/project/1/1/' },
      date_added: '2026-10-25 03:30',
      user_from: { id: '1', email: 'a@example.com', name: 'A' },
    };
    const held: Held = { params: { period: '8d' }, fetchedAt: t0, body: { status: 'ok', data: [event] } };
    const kyiv = (): EventsSource => {
      const src = sourceOf([held]);
      return { ...src, activity: { ...src.activity!, now: t0 + 1_000, timeZone: 'Europe/Kyiv' } };
    };
    const params = cacheKeyOf('get_events', { period: '1d' }).params;
    // Its readings lie either side of 01:00Z, both before 02:00Z.
    expect(heldCutUnclear(params, withEventsFrom(kyiv(), Date.UTC(2026, 9, 25, 1)))).toBe(true);
    expect(heldCutUnclear(params, withEventsFrom(kyiv(), Date.UTC(2026, 9, 24, 23)))).toBe(false);
    expect(derive({ period: '1d' }, withEventsFrom(kyiv(), Date.UTC(2026, 9, 24, 23)))?.body).toEqual({
      status: 'ok',
      data: [event],
    });
  });

  it('refuses params it does not know and periods Worksection refuses', async () => {
    const held = await fetchHeld({ period: '1h' });
    expect(derive({ period: '1h', extra: 'x' }, sourceOf([held]))).toBeUndefined();
    expect(derive({ period: '400m' }, sourceOf([held]))).toBeUndefined();
    expect(derive({ period: '1h' }, { find: () => [], body: () => undefined })).toBeUndefined();
  });
});

describe('a missed log asked as a wider one', () => {
  it("a day or more: the account's eight days; one project's shorter log: the account's of its period", async () => {
    const project = String([...sandbox.data.projects.values()].find((p) => p.status === 'active')?.id);
    const projects = await heldRead('get_projects', {});
    const widened = (params: WsParams, reads = [projects], weekLog = true) =>
      widenedEvents(cacheKeyOf('get_events', params).params, sourceOf([], undefined, reads), weekLog);
    for (const period of ['1d', '24h', '46h', '7d', '8d'])
      expect(widened({ period, id_project: project })).toEqual({ period: WEEK_LOG_PERIOD });
    for (const period of ['1d', '24h', '72h', '7d']) expect(widened({ period })).toEqual({ period: '8d' });
    expect(widened({ period: '90m', id_project: project })).toEqual({ period: '90m' });
    // Shorter than a day, the account's log goes as asked; so does anything longer than eight days.
    expect(widened({ period: '23h' })).toBeUndefined();
    expect(widened({ period: '8d' })).toBeUndefined();
    expect(widened({ period: '9d', id_project: project })).toBeUndefined();
    // Unknown project: Worksection's error to give.
    expect(widened({ period: '7d', id_project: project }, [])).toBeUndefined();
    expect(widened({ period: '90m', id_project: project }, [])).toBeUndefined();
    // The eight days came too large once: one project's log of up to a week is still asked as the account's.
    expect(widened({ period: '7d', id_project: project }, [projects], false)).toEqual({ period: '7d' });
    expect(widened({ period: '8d', id_project: project }, [projects], false)).toBeUndefined();
    expect(widened({ period: '2d' }, [projects], false)).toBeUndefined();
  });
});

describe("a poll's events added to a held log", () => {
  const dataOf = (h: Held) => (h.body as { data: unknown[] }).data;

  it('gives the log Worksection answers over the held span and the poll, for the account and a project', async () => {
    const [mine, other] = [...sandbox.data.projects.values()].filter((p) => p.status === 'active');
    await eventAt(START, mine!.id);
    await eventAt(START + 10 * 60_000, other!.id);
    clock = START + 20 * 60_000;
    const whole = await fetchHeld({ period: '1h' });
    const project = String(mine!.id);
    const ofMine = await fetchHeld({ period: '1h', id_project: project });
    // After the fetch: one event in each project, then a poll reaching back 2 minutes before the fetch.
    await eventAt(START + 20 * 60_000 + 30_000, mine!.id);
    await eventAt(START + 21 * 60_000, other!.id);
    clock = START + 22 * 60_000;
    const poll = await fetchHeld({ period: '4m' });
    expect(dataOf(poll).length).toBeGreaterThanOrEqual(2);
    // The held logs now span 1h + 2m back from the poll.
    const merged = withPolledEvents(dataOf(whole), dataOf(poll), undefined, 'UTC');
    expect(merged).toEqual((await client.call('get_events', { period: '62m' })).data);
    const mergedMine = withPolledEvents(dataOf(ofMine), dataOf(poll), project, 'UTC');
    expect(mergedMine).toEqual(
      (await client.call('get_events', { period: '62m', id_project: project })).data,
    );
    expect(mergedMine!.length).toBeLessThan(merged!.length);
  });

  const person = { id: '7', email: 'ann@example.com', name: 'Ann' };
  const at = (page: string, id: string, date = '2026-03-02 09:00') => ({
    action: 'update',
    object: { type: 'task', id, page },
    date_added: date,
    user_from: person,
  });

  it('counts alike events: the poll adds the instances the log has no match for', () => {
    const e = at('/project/2/1/', '1');
    const f = at('/project/2/3/', '3');
    expect(withPolledEvents([e], [e], undefined, 'UTC')).toEqual([e]);
    expect(withPolledEvents([e, e], [e, e, e, f], undefined, 'UTC')).toEqual([e, e, e, f]);
    // Key order does not make two alike events differ, nor a person renamed since the log was fetched.
    const { user_from: _from, ...rest } = e;
    const reordered = { user_from: { ...person, name: 'Ann Smith' }, ...rest };
    expect(withPolledEvents([e], [reordered], undefined, 'UTC')).toEqual([e]);
    // Another person's alike event is another event.
    const other = { ...e, user_from: { ...person, id: '8' } };
    expect(withPolledEvents([e], [e, other], undefined, 'UTC')).toEqual([e, other]);
  });

  it("keeps a project's log to its pages, and gives up on an event of no page", () => {
    const here = at('/project/2/1/', '1');
    const there = at('/project/20/5/', '5');
    const { page: _page, ...object } = here.object;
    const pageless = { ...here, object };
    expect(withPolledEvents([], [here, there], '2', 'UTC')).toEqual([here]);
    expect(withPolledEvents([], [here, pageless], '2', 'UTC')).toBeUndefined();
    expect(withPolledEvents([], [here, pageless], undefined, 'UTC')).toEqual([here, pageless]);
  });

  it('gives up on an event stamped in a minute the zone has twice (clocks going back) or never', () => {
    // Kyiv goes from 04:00 summer time back to 03:00 on 25 October 2026: 03:30 happens twice.
    const twice = at('/project/2/1/', '1', '2026-10-25 03:30');
    expect(withPolledEvents([], [twice], undefined, 'Europe/Kyiv')).toBeUndefined();
    expect(withPolledEvents([], [twice], undefined, 'UTC')).toEqual([twice]);
    const once = at('/project/2/1/', '1', '2026-10-25 05:30');
    expect(withPolledEvents([], [once], undefined, 'Europe/Kyiv')).toEqual([once]);
    const garbled = at('/project/2/1/', '1', 'yesterday');
    expect(withPolledEvents([], [garbled], undefined, 'UTC')).toBeUndefined();
  });
});

describe('minuteStarts', () => {
  it('places a wall minute in its zone, twice when clocks go back, never in the skipped hour', () => {
    expect(minuteStarts('2026-03-02 09:00', 'UTC')).toEqual([Date.UTC(2026, 2, 2, 9)]);
    expect(minuteStarts('2026-07-01 12:00', 'Europe/Kyiv')).toEqual([Date.UTC(2026, 6, 1, 9)]);
    expect(minuteStarts('2026-10-25 03:30', 'Europe/Kyiv')).toHaveLength(2);
    expect(minuteStarts('2026-03-29 03:30', 'Europe/Kyiv')).toEqual([]);
    expect(minuteStarts('2026-03-02', 'UTC')).toEqual([]);
  });

  it('reads the zone only near the instant asked about; far from it, the UTC reading is on the same side', () => {
    const near = Date.UTC(2026, 9, 25, 1);
    for (const zone of ['Europe/Kyiv', 'Pacific/Kiritimati', 'Etc/GMT+12', 'America/New_York']) {
      // Within the zones' reach: exactly minuteStarts, the repeated hour's two readings included.
      for (const wall of ['2026-10-25 03:30', '2026-10-24 14:00', '2026-10-25 14:00'])
        expect(minuteStartsNear(wall, zone, near)).toEqual(minuteStarts(wall, zone));
      // Beyond it, one reading, on the side every zone's readings are.
      for (const wall of ['2026-10-23 09:00', '2026-10-26 18:00']) {
        const [far] = minuteStartsNear(wall, zone, near);
        expect(minuteStarts(wall, zone).every((s) => s > near === far! > near)).toBe(true);
        expect(minuteStarts(wall, zone).every((s) => Math.abs(s - near) > 3_600_000)).toBe(true);
      }
    }
    expect(minuteStartsNear('2026-10-23', 'UTC', near)).toEqual([]);
  });
});

describe("a poll's span read in a time zone (stampedWithin, eventsFrom)", () => {
  const at = (wall: string) => ({ date_added: wall, action: 'post' });
  // 09:30 UTC is 11:30 in Kyiv (UTC+2 in March).
  const answered = Date.UTC(2026, 2, 2, 9, 30);
  const from = answered - 3 * 60_000;

  it("tells the account's zone from one east of it by a 3-minute poll", () => {
    expect(stampedWithin([at('2026-03-02 09:28')], from, answered, 'UTC')).toBe(true);
    expect(stampedWithin([at('2026-03-02 09:28')], from, answered, 'Europe/Kyiv')).toBe(false);
    expect(stampedWithin([at('2026-03-02 11:28')], from, answered, 'Europe/Kyiv')).toBe(true);
  });

  it('allows the cut margin, and says nothing of a stamp that is no time', () => {
    expect(stampedWithin([at('2026-03-02 09:26')], from, answered, 'UTC')).toBe(true);
    expect(stampedWithin([at('2026-03-02 09:25')], from, answered, 'UTC')).toBe(false);
    expect(stampedWithin([at('yesterday')], from, answered, 'UTC')).toBe(true);
  });

  it('keeps the events not surely before the start, in order, and those that are no time', () => {
    const events = [at('2026-03-02 09:20'), at('2026-03-02 09:27'), at('soon'), at('2026-03-02 09:29')];
    expect(eventsNotBefore(events, from, 'UTC')).toEqual(events.slice(1));
  });
});
