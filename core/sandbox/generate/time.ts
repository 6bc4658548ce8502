// Time helpers for the generator. Every generated instant is a whole minute (the API shows minutes), and
// instants spread over days land in UTC office hours on weekdays, as a real team's activity does.
import type { Rng } from './random.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export function floorMinute(ms: number): number {
  return Math.floor(ms / MINUTE) * MINUTE;
}

// 100k tasks and their costs ask for a few hundred distinct days: format each day once.
const ymdCache = new Map<number, string>();

/** 'YYYY-MM-DD' (UTC) of an instant. */
export function ymd(ms: number): string {
  const day = Math.floor(ms / DAY);
  let s = ymdCache.get(day);
  if (s === undefined) {
    s = new Date(day * DAY).toISOString().slice(0, 10);
    ymdCache.set(day, s);
  }
  return s;
}

const OPENS = 7 * HOUR;
const OFFICE_HOURS = 11 * HOUR;

/** Day of week of an instant, 0 = Sunday (1970-01-01 was a Thursday). */
function weekday(ms: number): number {
  return (Math.floor(ms / DAY) + 4) % 7;
}

/**
 * A whole-minute instant in [lo, hi] (both whole minutes). When the range spans days, the instant is moved
 * to office hours (07:00–18:00 UTC) and off weekends, staying inside the range.
 */
export function between(rng: Rng, lo: number, hi: number): number {
  if (hi <= lo) return lo;
  let t = lo + rng.next() * (hi - lo);
  let day = Math.floor(t / DAY) * DAY;
  if (hi - lo > 2 * DAY) {
    const wd = weekday(day);
    if (wd === 6) day -= DAY;
    else if (wd === 0) day -= 2 * DAY;
    t = Math.min(hi, Math.max(lo, day + OPENS + rng.next() * OFFICE_HOURS));
  } else if (t - day < OPENS || t - day > OPENS + OFFICE_HOURS) {
    // A short range (a subtask done the same evening): move into that day's office hours if it fits.
    const office = day + OPENS + rng.next() * OFFICE_HOURS;
    if (office >= lo && office <= hi) t = office;
  }
  return floorMinute(t);
}
