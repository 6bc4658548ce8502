// get_events looks back a `period` of Nm (1..360), Nh (1..72) or Nd (1..30), nothing else: an out-of-range
// value is answered "Field is required", which would mislead a model. Periods are checked here first, and a
// `since` moment becomes the smallest period that covers it (the events are then cut at `since`).
import { periodCovering, periodMs } from '../../../worksection/activity-period.js';
import { zonedWallTimeToMs } from '../kit/dates.js';
import { ToolError } from '../kit/errors.js';

export const PERIOD_HELP = '"30m", "12h", "2d" (at most 360m, 72h, 30d)';

export interface Window {
  /** The period sent to get_events. */
  period: string;
  /** Epoch ms the period reaches back to (what Worksection cuts at). */
  startMs: number;
  /** For `since`: events before this minute are cut here too, as the period reaches a little further. */
  cutMs?: number;
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
  return { period: asked, startMs: nowMs - ms };
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
  const span = nowMs - fromMs;
  if (span <= 0) throw new ToolError(`since ${since} is not in the past.`, 'Give a moment before now.');
  const period = periodCovering(span);
  const ms = periodMs(period);
  // Event times have minute precision: an event in the `since` minute stays in.
  if (period !== undefined && ms !== undefined)
    return { period, startMs: nowMs - ms, cutMs: fromMs - (fromMs % 60_000) };
  throw new ToolError(
    `since ${since} is more than 30 days ago; Worksection keeps 30 days of activity at most.`,
    'Use a moment within the last 30 days (or period "30d").',
  );
}

/** Event date_added ("YYYY-MM-DD HH:MM", account time, in the account's zone) → epoch ms. */
export function eventMs(dateAdded: string, timeZone: string): number {
  const wall = dateAdded.replace(' ', 'T');
  return Number.isNaN(Date.parse(`${wall}Z`)) ? Number.NaN : zonedWallTimeToMs(wall, timeZone);
}
