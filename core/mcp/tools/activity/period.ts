// get_events looks back a `period` of Nm (1..360), Nh (1..72) or Nd (1..30), nothing else: an out-of-range
// value is answered "Field is required", which would mislead a model. Periods are checked here first, and a
// `since` moment becomes the smallest period that covers it (the events are then cut at `since`).
// Events are stamped to the minute, and Worksection cuts a period at the second it answers: which events
// of the minute the period starts in it gives is chance. So an answer starts at a whole minute the period
// surely holds (by the cut's margin): the same whenever it is asked, and one the cache can give from a
// held longer log. Shorter than six hours, the period is asked a minute or two longer (in minutes, up to
// Worksection's 360) and shown from the minute it starts in, so nothing of it is lost; a longer one would
// have to be asked an hour or a day longer, so it is shown from the first whole minute it surely holds, at
// most 90 s after its start.
import {
  CUT_MARGIN_MS,
  firstSureMinute,
  periodCovering,
  periodMs,
} from '../../../worksection/activity-period.js';
import { zonedWallTimeToMs } from '../kit/dates.js';
import { ToolError } from '../kit/errors.js';

export const PERIOD_HELP = '"30m", "12h", "2d" (at most 360m, 72h, 30d)';

const MINUTE_MS = 60_000;
const LONGEST = '30d';

export interface Window {
  /** The period sent to get_events. */
  period: string;
  /** Epoch ms the period reaches back to (what Worksection cuts at). */
  startMs: number;
  /**
   * The whole minute the answer starts at, inside the period by the cut's margin at least (the cache is
   * told it: Upstream eventsFrom). Events stamped before it are left out.
   */
  fromMs: number;
  /** Whether it was asked as `since`: everything stamped before fromMs is then left out. */
  askedSince: boolean;
}

/** The whole minute `ms` lies in. */
const minuteOf = (ms: number): number => ms - (((ms % MINUTE_MS) + MINUTE_MS) % MINUTE_MS);

/**
 * Whether an event is shown, by the instants its minute stamp may start at (worksection/wall-clock.ts
 * minuteStartsNear fromMs: two when clocks go back, none for a stamp that is no time of the zone): when
 * it may lie from the window's minute on. For a period, only the events stamped at its edge are left out, the ones
 * Worksection gives or not by the second: one stamped long before it (a time zone set wrong makes a
 * recent event look so), or one whose stamp is no time, is shown as Worksection gave it.
 */
export function shownIn(win: Window, starts: readonly number[]): boolean {
  if (starts.length === 0) return !win.askedSince;
  const latest = Math.max(...starts);
  if (latest >= win.fromMs) return true;
  return !win.askedSince && latest < win.startMs - CUT_MARGIN_MS - MINUTE_MS;
}

/**
 * From a whole minute on: the shortest period reaching the cut's margin past it, so Worksection surely
 * gives that minute's events; undefined past the 30 days it keeps.
 */
function fromMinute(minute: number, nowMs: number, askedSince: boolean): Window | undefined {
  const period = periodCovering(nowMs - minute + CUT_MARGIN_MS);
  const ms = periodMs(period);
  return period === undefined || ms === undefined
    ? undefined
    : { period, startMs: nowMs - ms, fromMs: minute, askedSince };
}

export function periodWindow(period: string, nowMs: number): Window {
  // Spaces and capitals forgiven ("2 D"): what is sent is Worksection's form.
  const m = /^\s*(\d+)\s*([mhd])\s*$/i.exec(period);
  const asked = m ? `${Number(m[1])}${m[2]?.toLowerCase()}` : '';
  const ms = periodMs(asked);
  if (ms === undefined) {
    throw new ToolError(
      `"${period}" is not a period Worksection accepts.`,
      `Use ${PERIOD_HELP}; Worksection keeps 30 days of activity at most.`,
    );
  }
  const startMs = nowMs - ms;
  const whole = fromMinute(minuteOf(startMs), nowMs, false);
  if (whole?.period.endsWith('m')) return whole;
  return { period: asked, startMs, fromMs: firstSureMinute(startMs), askedSince: false };
}

/**
 * ISO date or date-time; without an offset it is wall time in the account's zone ("since 9:00" means the
 * people's 9:00), an explicit offset or Z is kept as given.
 */
function parseSince(since: string, timeZone: string): number | undefined {
  const s = since.trim();
  const shape = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/i;
  if (!shape.test(s)) return undefined;
  let iso = s.replace(' ', 'T');
  if (iso.length === 10) iso += 'T00:00';
  // Date.parse also checks the values (month 13, hour 25) before the wall time is placed in the zone.
  const hasOffset = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(iso);
  const ms = Date.parse(hasOffset ? iso : `${iso}Z`);
  if (Number.isNaN(ms)) return undefined;
  return hasOffset ? ms : zonedWallTimeToMs(iso, timeZone);
}

export function sinceWindow(since: string, nowMs: number, timeZone: string): Window {
  const fromMs = parseSince(since, timeZone);
  if (fromMs === undefined) {
    throw new ToolError(
      `"${since}" is not an ISO date or date-time.`,
      'Use e.g. 2026-03-10 or 2026-03-10T09:00.',
    );
  }
  if (nowMs - fromMs <= 0) {
    throw new ToolError(`since ${since} is not in the past.`, 'Give a moment before now.');
  }
  // Event times have minute precision: an event in the `since` minute stays in.
  const win = fromMinute(minuteOf(fromMs), nowMs, true);
  if (win) return win;
  // Within the 30 days, but too close to their start for the margin: from the first minute they surely hold.
  const longest = periodMs(LONGEST) ?? 0;
  if (nowMs - fromMs <= longest) {
    const startMs = nowMs - longest;
    return { period: LONGEST, startMs, fromMs: firstSureMinute(startMs), askedSince: true };
  }
  throw new ToolError(
    `since ${since} is more than 30 days ago; Worksection keeps 30 days of activity at most.`,
    'Use a moment within the last 30 days (or period "30d").',
  );
}
