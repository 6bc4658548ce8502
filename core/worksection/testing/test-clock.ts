// The clock tests run on. The sandbox places its generated account relative to "now" (recent events,
// overdue tasks, delayed publications, office hours and weekdays), and the product's "today" decides what
// is overdue; both read this one clock in tests, so a suite that passes today passes on any date and at
// any time of day. The clock starts at a pinned instant and then advances with real time, so token
// lifetimes, rate windows and timers still move.

/** The instant the default test clock starts at: an ordinary weekday morning (UTC). */
export const TEST_EPOCH = '2026-03-18T09:30:00.000Z';

/** A clock (epoch ms) that reads `iso` now and advances with real time from here on. */
export function pinnedClock(iso: string = TEST_EPOCH): () => number {
  const start = Date.parse(iso);
  if (Number.isNaN(start)) throw new Error(`not an ISO instant: ${iso}`);
  const t0 = performance.now();
  return () => start + Math.floor(performance.now() - t0);
}

/** The default clock of every sandbox and tool context that test support starts. */
export const testNow: () => number = pinnedClock();
