// A mirror as tests and benchmarks make it: over a client at full speed, events asked only when a test
// asks (pollEventsSoon), and a step loop that runs until nothing is due.
import type { Db } from '../../store/db.js';
import type { WorksectionClient } from '../../worksection/client.js';
import { createMirror, type Mirror } from '../mirror.js';
import { backgroundSource } from '../sync.js';
import type { ResponseCacheScope } from '../../upstream/cached-responses.js';

/** With `responses`, what the sync reads is fed into that response cache (and quiet polls confirm it). */
export function testMirror(
  db: Db,
  client: WorksectionClient,
  account: string,
  now?: () => number,
  responses?: ResponseCacheScope,
): Mirror {
  return createMirror({
    db,
    account,
    source: responses ? responses.feed(backgroundSource(client)) : backgroundSource(client),
    ...(responses ? { beginConfirm: () => responses.beginConfirm() } : {}),
    eventsEverySeconds: 3600,
    fullCheckHours: 24,
    syncRatePerSecond: 0.5,
    ...(now ? { now } : {}),
  });
}

/** Steps until nothing is due; answers how many steps (each at most one request) it took. */
export async function syncUntilIdle(mirror: Mirror): Promise<number> {
  let steps = 0;
  while (await mirror.sync.step()) steps++;
  return steps;
}
