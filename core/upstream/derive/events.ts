// get_events (the activity log of the last `period`, oldest first) from a held get_events answer of the same
// project filter, or for one project from a held unfiltered one, re-cut at the new period's start. Worksection answers the events stamped from
// now − period to now; a held answer fetched at t0 with period P0 holds every event from t0 − P0 to t0, so
// it answers period P at `now` when it reaches back far enough (t0 − P0 ≤ now − P) and the log is known to
// have had nothing new since t0 until recently (the mirror's quiet polls say so: HeldActivity.currentAt).
// The body is never served as it is: events fall out of a period as time passes, so every answer is cut
// here. Events are stamped to the minute in the account's time zone, so the cut is only certain for events
// whose minute lies clearly on one side of it; one too close to call means the answer is fetched. A reader
// that keeps only the events from a whole minute inside the period on (get_activity) has the log cut at
// that minute instead, which splits minute stamps cleanly: only a stamp of the hour clocks go back (two
// readings either side) or one that is no time still sends the read (HeldActivity.eventsFrom).
// Worksection's id_project keeps the events whose object.page starts with /project/<id>/ (the sandbox's
// rule): an unfiltered log narrowed so is the project's log, once the project is known to exist (an unknown
// project is an error only Worksection gives): a held project answer names it.
import type { CacheParams, CachedEntry, EntrySelector } from '../../store/response-cache.js';
import { CUT_MARGIN_MS, PERIOD_UNIT_MS, periodMs } from '../../worksection/activity-period.js';
import { canonicalJson } from '../../worksection/canonical-json.js';
import { minuteStarts, minuteStartsNear } from '../../worksection/wall-clock.js';
import { isObj, mentions, type DeriveSource, type DerivedAnswer } from './tasks.js';

/** What the response cache knows of its held activity-log answers. */
export interface HeldActivity {
  now: number;
  /** The account's IANA time zone: the zone of an event's date_added. */
  timeZone: string;
  /**
   * Held get_events answers of the selector that are current enough to use, newest first, each with the
   * latest time the log is known to have had nothing new since it was fetched (its fetchedAt, or a quiet
   * poll's time), as far as `project`'s events go (every project's: undefined). Each entry's fetchedAt is
   * when it was really fetched: its period is counted from there.
   */
  held(selector: EntrySelector, project?: string): { entry: CachedEntry; currentAt: number }[];
  /**
   * The reader keeps only the events stamped from this whole minute on, one the period surely holds
   * (get_activity: core/mcp/tools/activity/period.ts), so a log is cut here instead of at the period's
   * start, with no margin: a whole minute splits minute stamps cleanly. The answer is then not the
   * period's exact log, and is never kept as one.
   */
  eventsFrom?: number;
}

/** `src` for a reader that keeps only the events stamped from `eventsFrom` on (HeldActivity.eventsFrom). */
export function withEventsFrom(src: EventsSource, eventsFrom: number | undefined): EventsSource {
  const activity = src.activity;
  if (eventsFrom === undefined || !activity) return src;
  return {
    ...src,
    activity: {
      get now() {
        return activity.now;
      },
      timeZone: activity.timeZone,
      held: (selector, project) => activity.held(selector, project),
      eventsFrom,
    },
  };
}

export type EventsSource = DeriveSource & { activity?: HeldActivity };

const MINUTE_MS = 60_000;

/**
 * Whether an event stamped in these minutes is at or after the cut, give or take `margin` (how far from
 * ours the clock that made the cut may be): undefined when too close to tell.
 */
function afterCut(starts: number[], cut: number, margin = CUT_MARGIN_MS): boolean | undefined {
  if (starts.length === 0) return undefined;
  if (starts.every((s) => s >= cut + margin)) return true;
  if (starts.every((s) => s + MINUTE_MS <= cut - margin)) return false;
  return undefined;
}

/**
 * The events not surely before `from` (their minute may reach it, or their time is no such minute), in
 * their order: a log asked for a longer period than a poll needs, as its poll.
 */
export function eventsNotBefore<T>(events: readonly T[], from: number, timeZone: string): T[] {
  return events.filter((e) => {
    const starts = isObj(e) ? minuteStarts(e.date_added, timeZone) : [];
    return starts.length === 0 || afterCut(starts, from) !== false;
  });
}

/**
 * Whether every event's stamp, read in `timeZone`, falls within `from`..`to` (give or take the cut's
 * margin and the minute): a poll's events checked against the span Worksection answered for, which tells
 * whether `timeZone` is the one Worksection stamps in.
 */
export function stampedWithin(
  events: readonly unknown[],
  from: number,
  to: number,
  timeZone: string,
): boolean {
  return events.every((e) => {
    const starts = isObj(e) ? minuteStarts(e.date_added, timeZone) : [];
    // A stamp that is no time of the zone says nothing either way (eventsFrom keeps such events).
    if (starts.length === 0) return true;
    return starts.some((s) => s + MINUTE_MS >= from - CUT_MARGIN_MS && s <= to + CUT_MARGIN_MS);
  });
}

/**
 * The held events from the cut on, in their order; undefined when one is too close to the cut (within
 * `margin` and its minute).
 */
function cutAt(events: unknown[], cut: number, timeZone: string, margin: number): unknown[] | undefined {
  const kept: unknown[] = [];
  for (const e of events) {
    const starts = isObj(e) ? minuteStartsNear(e.date_added, timeZone, cut) : [];
    const after = afterCut(starts, cut, margin);
    if (after === undefined) return undefined;
    if (after) kept.push(e);
  }
  return kept;
}

const ALLOWED = ['period', 'id_project'];
const onlyAllowed = (p: CacheParams) => Object.keys(p).every((k) => ALLOWED.includes(k));

/** Whether a held project answer (get_project, get_projects) names project `id`. */
export function projectKnown(src: DeriveSource, id: string): boolean {
  return src.find({ actions: ['get_project', 'get_projects'], bodyHas: mentions(id) }).some((entry) => {
    const body = src.body(entry.key);
    const data = isObj(body) ? body.data : undefined;
    const projects: unknown[] = Array.isArray(data) ? data : [data];
    return projects.some((p) => isObj(p) && p.id === id);
  });
}

/** The events of one project's pages (all of them when `project` is undefined); undefined when one has none. */
function ofProject(events: unknown[], project: string | undefined): unknown[] | undefined {
  if (project === undefined) return events;
  const prefix = `/project/${project}/`;
  const kept: unknown[] = [];
  for (const e of events) {
    const page = isObj(e) && isObj(e.object) ? e.object.page : undefined;
    if (typeof page !== 'string') return undefined;
    if (page.startsWith(prefix)) kept.push(e);
  }
  return kept;
}

/**
 * The first held log (newest first) that reaches back far enough to answer `params`, with its events cut
 * to the period as it stands now, or at the reader's eventsFrom (undefined when one is too close to the
 * cut to place, or has no page where a project's must be told); undefined when no held log reaches so far.
 */
function heldCut(
  params: CacheParams,
  src: EventsSource,
): { entry: CachedEntry; currentAt: number; data: unknown[] | undefined } | undefined {
  const activity = src.activity;
  const period = periodMs(params.period);
  const project = params.id_project;
  if (!activity || period === undefined || !onlyAllowed(params)) return undefined;
  if (project !== undefined && typeof project !== 'string') return undefined;
  const { now, timeZone } = activity;
  // Cut where the reader starts, when that is within the period (a hint reaching further is not heeded):
  // our own whole minute, not Worksection's cut, so a held log need only reach past it by the margin.
  const from = activity.eventsFrom;
  const hinted = from !== undefined && from >= now - period;
  const cut = hinted ? from : now - period;
  let projectExists: boolean | undefined;
  const usable = (held: CacheParams): boolean => {
    if (held.id_project === project) return true;
    if (project === undefined || held.id_project !== undefined) return false;
    projectExists ??= projectKnown(src, project);
    return projectExists;
  };
  for (const { entry, currentAt } of activity.held({ actions: ['get_events'] }, project)) {
    if (!onlyAllowed(entry.params) || !usable(entry.params)) continue;
    const heldPeriod = periodMs(entry.params.period);
    const t0 = entry.fetchedAt;
    if (heldPeriod === undefined || t0 > now) continue;
    if (hinted ? t0 - heldPeriod + CUT_MARGIN_MS > cut : t0 - heldPeriod > cut) continue;
    const body = src.body(entry.key);
    if (!isObj(body) || !Array.isArray(body.data)) continue;
    // Narrowed first: only the project's events need to lie clearly on one side of the cut.
    const mine = ofProject(body.data, entry.params.id_project === undefined ? project : undefined);
    return { entry, currentAt, data: mine && cutAt(mine, cut, timeZone, hinted ? 0 : CUT_MARGIN_MS) };
  }
  return undefined;
}

export function deriveEvents(params: CacheParams, src: EventsSource): DerivedAnswer | undefined {
  const held = heldCut(params, src);
  if (!held?.data) return undefined;
  return { body: { status: 'ok', data: held.data }, fetchedAt: held.currentAt, from: held.entry.key };
}

/**
 * Whether a held log (current or not: events that old do not change) shows an event too close to the
 * start of `params`' period to place by its minute: a wider log would fail the same way, so the log is
 * asked as it is, cut by Worksection.
 */
export function heldCutUnclear(params: CacheParams, src: EventsSource): boolean {
  const held = heldCut(params, src);
  return held !== undefined && held.data === undefined;
}

/**
 * How far a held log must already reach past the start of a poll for the poll's events to be added to it
 * by content: two events alike in every field share their minute, so an instance the poll lacks (before
 * its start) and one the log lacks (after it is current) are more than this apart and cannot be confused.
 */
export const MERGE_OVERLAP_MS = 90_000;

/**
 * What tells an event from another: everything but the person's name and email, which Worksection writes
 * as they are when it answers (a renamed person's event is still the same event).
 */
function identity(e: unknown): string {
  if (!isObj(e) || !isObj(e.user_from)) return canonicalJson(e);
  return canonicalJson({ ...e, user_from: e.user_from.id });
}

/**
 * A held log of `project` (every project: undefined), complete until a moment the poll reaches back past
 * by MERGE_OVERLAP_MS, with the poll's events it does not show added after its own: the log as
 * Worksection would give it now (later events come later). An event the poll brings is one the log shows
 * while the log has an instance of it left to match, counted per identity; the rest are new. Undefined
 * when the poll has an event of no page (its project cannot be told), or one stamped in a minute the zone
 * has twice (clocks going back: alike events an hour apart would look one) or never.
 */
export function withPolledEvents(
  held: readonly unknown[],
  polled: readonly unknown[],
  project: string | undefined,
  timeZone: string,
): unknown[] | undefined {
  const mine = ofProject([...polled], project);
  if (!mine?.every((e) => isObj(e) && minuteStarts(e.date_added, timeZone).length === 1)) return undefined;
  const shown = new Map<string, number>();
  for (const e of held) {
    const key = identity(e);
    shown.set(key, (shown.get(key) ?? 0) + 1);
  }
  const added = mine.filter((e) => {
    const key = identity(e);
    const left = shown.get(key) ?? 0;
    if (left > 0) shown.set(key, left - 1);
    return left === 0;
  });
  return [...held, ...added];
}

/**
 * The longest period a project's log is asked as the account's: a week (the status report's), whose
 * account-wide log stays a modest answer; a month of a busy account's activity would not.
 */
const WIDEN_MAX_MS = 7 * PERIOD_UNIT_MS.d;

/**
 * The period of the account's log held to answer the others: the mirror's seeding polls ask it, and a
 * missed read of a day or more is asked as it (WEEK_LOG_FROM_MS). A week and a day: held a while, it
 * still answers a week's log.
 */
export const WEEK_LOG_PERIOD = '8d';
/**
 * A missed log of at least a day is asked as WEEK_LOG_PERIOD: "since yesterday", "this week in project X"
 * and "what did Nina do" then derive from one answer. A shorter one (an hour's, a poll's) goes as it is,
 * since a week's download is many times its size.
 */
const WEEK_LOG_FROM_MS = PERIOD_UNIT_MS.d;

/**
 * The wider log to ask for a missed one, once its project (if any) is known to exist: the account's
 * WEEK_LOG_PERIOD for a day or more (unless `weekLog` is false: such an answer came too large before),
 * one project's as the account's of the same period up to a week; undefined when none is wider.
 */
export function widenedEvents(
  params: CacheParams,
  src: DeriveSource,
  weekLog = true,
): CacheParams | undefined {
  const { period, id_project: project } = params;
  if (!onlyAllowed(params) || typeof period !== 'string') return undefined;
  const ms = periodMs(period);
  if (ms === undefined) return undefined;
  if (project !== undefined && (typeof project !== 'string' || !projectKnown(src, project))) return undefined;
  const wide =
    weekLog && ms >= WEEK_LOG_FROM_MS && ms <= (periodMs(WEEK_LOG_PERIOD) ?? 0)
      ? { period: WEEK_LOG_PERIOD }
      : project !== undefined && ms <= WIDEN_MAX_MS
        ? { period }
        : undefined;
  // The account's log of the asked period is what it is asked as anyway.
  return wide && (project !== undefined || wide.period !== period) ? wide : undefined;
}
