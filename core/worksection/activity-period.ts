// get_events' `period`, as Worksection reads it: Nm (1..360), Nh (1..72) or Nd (1..30), nothing else (any
// other value is answered "Field is required"). The activity log is cut at now − period. One grammar for
// the sandbox that answers it, the tools and the mirror that ask it, and the cache that re-cuts held logs.
// Events are stamped to the minute, so which events of the period's first minute Worksection gives depends
// on the second it answers at: the tools start their answers at a whole minute the period surely holds
// (firstSureMinute, or a period reaching past the minute asked), and the cache can then answer them from
// any held log reaching back far enough, whatever lies at the edge.

export const PERIOD_UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
export const PERIOD_UNIT_MAX = { m: 360, h: 72, d: 30 } as const;
export type PeriodUnit = keyof typeof PERIOD_UNIT_MS;

const MINUTE_MS = PERIOD_UNIT_MS.m;
/**
 * How far Worksection's "now" may be from ours when it cuts a period: clocks differ a little, and a request
 * takes time to arrive (a tool's read waits in the scheduler behind at most a few requests: the foreground
 * lane goes first). An event this close to the cut (beyond its minute) might fall either side.
 */
export const CUT_MARGIN_MS = 30_000;

/**
 * The first whole minute whose events a period starting at `startMs` surely holds, however far (within
 * CUT_MARGIN_MS) Worksection's clock is from ours: an event stamped in it or later happened after the cut.
 */
export function firstSureMinute(startMs: number): number {
  return Math.ceil((startMs + CUT_MARGIN_MS) / MINUTE_MS) * MINUTE_MS;
}

/** The period in milliseconds; undefined for a value Worksection refuses. */
export function periodMs(value: unknown): number | undefined {
  const m = typeof value === 'string' ? /^(\d+)([mhd])$/.exec(value) : null;
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2] as PeriodUnit;
  return n >= 1 && n <= PERIOD_UNIT_MAX[unit] ? n * PERIOD_UNIT_MS[unit] : undefined;
}

/**
 * The shortest period reaching back at least `ms` (at least a minute): whole minutes up to 6 h, hours up
 * to 3 days, then days; undefined beyond the 30 days Worksection keeps.
 */
export function periodCovering(ms: number): string | undefined {
  for (const unit of ['m', 'h', 'd'] as const) {
    const n = Math.max(1, Math.ceil(ms / PERIOD_UNIT_MS[unit]));
    if (n <= PERIOD_UNIT_MAX[unit]) return `${n}${unit}`;
  }
  return undefined;
}
