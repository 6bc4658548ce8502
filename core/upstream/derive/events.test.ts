// get_events re-cut from a held answer must be exactly the sandbox's own answer at the later time, and is
// refused when the held answer does not reach back far enough or an event is too close to the cut.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../sandbox/server.js';
import { sandboxTokenProvider } from '../../sandbox/testing/tokens.js';
import { WorksectionClient } from '../../worksection/client.js';
import type { WsParams } from '../../worksection/transport.js';
import { cacheKeyOf } from '../cache-policy.js';
import { CUT_MARGIN_MS, deriveEvents, minuteStarts, type EventsSource } from './events.js';

const START = Date.UTC(2026, 2, 2, 9, 0, 10);
let clock = START;
let sandbox: RunningSandbox;
let client: WorksectionClient;

beforeEach(async () => {
  clock = START;
  sandbox = await startSandbox({ seed: 3, rateLimit: 0, now: () => clock });
  client = new WorksectionClient({
    accountUrl: sandbox.url,
    auth: { kind: 'oauth', tokens: sandboxTokenProvider(sandbox) },
    scheduler: { ratePerSecond: 0 },
  });
});
afterEach(async () => {
  client.close();
  await sandbox.close();
});

interface Held {
  params: WsParams;
  fetchedAt: number;
  body: unknown;
}

async function fetchHeld(params: WsParams): Promise<Held> {
  return { params, fetchedAt: clock, body: await client.call('get_events', params) };
}

/** A source holding these answers, each known current at its fetch time (or `currentAt`). */
function sourceOf(held: Held[], currentAt?: number): EventsSource {
  const entries = held.map((h) => ({ ...h, ...cacheKeyOf('get_events', h.params), action: 'get_events' }));
  return {
    find: () => [],
    body: (key) => entries.find((e) => e.key === key)?.body,
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

/** A comment posted at this clock time: one event stamped then. */
async function eventAt(ms: number): Promise<void> {
  const task = [...sandbox.data.tasks.values()].find(
    (t) => t.publishAt === undefined && t.status === 'active',
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

  it('refuses params it does not know and periods Worksection refuses', async () => {
    const held = await fetchHeld({ period: '1h' });
    expect(derive({ period: '1h', extra: 'x' }, sourceOf([held]))).toBeUndefined();
    expect(derive({ period: '400m' }, sourceOf([held]))).toBeUndefined();
    expect(derive({ period: '1h' }, { find: () => [], body: () => undefined })).toBeUndefined();
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
});
