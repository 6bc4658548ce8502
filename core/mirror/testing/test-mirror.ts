// A mirror as tests and benchmarks make it: over a client at full speed, events asked only when a test
// asks (pollEventsSoon), and a step loop that runs until nothing is due.
import type { Db } from '../../store/db.js';
import type { WorksectionClient } from '../../worksection/client.js';
import { createMirror, type Mirror, type MirrorOptions } from '../mirror.js';
import { backgroundSource, type MirrorSource } from '../sync.js';

/** `feed`: what the sync reads is also kept elsewhere (the response cache's feed, as in the app). */
export function testMirror(
  db: Db,
  client: WorksectionClient,
  account: string,
  now?: () => number,
  beginConfirm?: MirrorOptions['beginConfirm'],
  feed?: (source: MirrorSource) => MirrorSource,
  extra: Partial<MirrorOptions> = {},
): Mirror {
  return createMirror({
    db,
    account,
    source: feed ? feed(backgroundSource(client)) : backgroundSource(client),
    eventsEverySeconds: 3600,
    fullCheckHours: 24,
    syncRatePerSecond: 0.5,
    ...(now ? { now } : {}),
    ...(beginConfirm ? { beginConfirm } : {}),
    ...extra,
  });
}

/** Steps until nothing is due; answers how many steps (each at most one request) it took. */
export async function syncUntilIdle(mirror: Mirror): Promise<number> {
  let steps = 0;
  while (await mirror.sync.step()) steps++;
  return steps;
}

/** A sync loop's sleep that ends only when woken: a started mirror then steps only when a test says. */
export const sleepUntilWoken: NonNullable<MirrorOptions['sleep']> = (_ms, signal) =>
  new Promise((resolve) => signal.addEventListener('abort', () => resolve()));

/**
 * A mirror on a test's clock over `source` (a daily full pass, a rate of 1 request/s for its "time left"),
 * synced until nothing is due; `opts` sets the rest.
 */
export async function clockedMirror(
  clock: { now: number },
  opts: Pick<MirrorOptions, 'db' | 'account' | 'source' | 'eventsEverySeconds'> & Partial<MirrorOptions>,
): Promise<Mirror> {
  const mirror = createMirror({ fullCheckHours: 24, syncRatePerSecond: 1, now: () => clock.now, ...opts });
  await syncUntilIdle(mirror);
  return mirror;
}
