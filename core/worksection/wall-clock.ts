// Wall clocks of IANA time zones: what time an instant is for the account's people. Worksection stamps
// and reads dates on the account's wall clock; the tools ("today") and the response cache (the activity
// log's minutes) both read it here.

// Formatters are costly to build and a zone never changes its rules within a run.
const formatters = new Map<string, Intl.DateTimeFormat>();
export function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock of an instant in a zone, as epoch ms of the same wall time read as UTC. */
export function wallMs(instantMs: number, timeZone: string): number {
  const p: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instantMs)) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  const ms = ((instantMs % 1000) + 1000) % 1000;
  return Date.UTC(
    p.year ?? 1970,
    (p.month ?? 1) - 1,
    p.day ?? 1,
    p.hour ?? 0,
    p.minute ?? 0,
    p.second ?? 0,
    ms,
  );
}

const MINUTE_MS = 60_000;

/** The wall time at `ms` in the zone, to the minute, as if it were UTC. */
const wallAt = (ms: number, timeZone: string): number =>
  Math.floor(wallMs(ms, timeZone) / MINUTE_MS) * MINUTE_MS;

/** A "YYYY-MM-DD HH:MM" wall minute read as UTC (epoch ms); undefined for text of another shape. */
function wallMinuteAsUtc(wall: unknown): number | undefined {
  const m = typeof wall === 'string' ? /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(wall) : null;
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5])) : undefined;
}

/**
 * The instants a "YYYY-MM-DD HH:MM" wall minute of the zone starts at: one, two when clocks go back, none
 * in the hour skipped when they go forward (or for text that is no such time).
 */
export function minuteStarts(wall: unknown, timeZone: string): number[] {
  const asUtc = wallMinuteAsUtc(wall);
  if (asUtc === undefined) return [];
  // A zone's offsets a day either side cover any single change near this wall time.
  const offsets = [asUtc - 86_400_000, asUtc + 86_400_000].map((x) => wallAt(x, timeZone) - x);
  const starts = [...new Set(offsets.map((off) => asUtc - off))];
  return starts.filter((ms) => wallAt(ms, timeZone) === asUtc).sort((a, b) => a - b);
}

/** No zone's clock is further from UTC than 14 hours (Kiribati, +14:00; the far side is -12:00). */
const ZONE_REACH_MS = 14 * 3_600_000;

/**
 * minuteStarts, as far as comparing with instants within an hour of `near` goes. A stamp further than any
 * zone's reach (and that hour) from `near` is taken at its UTC reading, which lies on the same side of
 * those instants as its reading in any zone: reading the zone costs about 14 µs a stamp, and a month's log
 * has thousands of which only the few near a cut need it. (A stamp of the hour a zone skips, which
 * Worksection does not write, then counts by that reading too.)
 */
export function minuteStartsNear(wall: unknown, timeZone: string, near: number): number[] {
  const asUtc = wallMinuteAsUtc(wall);
  if (asUtc === undefined) return [];
  return Math.abs(asUtc - near) > ZONE_REACH_MS + 3_600_000 ? [asUtc] : minuteStarts(wall, timeZone);
}
