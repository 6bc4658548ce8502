// The response cache in front of Worksection, at the one seam tools reach it through (Upstream). A read is
// answered from a cached answer while that is fresh (its kind's window), else derived from a cached task list
// (derive/), else fetched and kept. A write goes through and then drops what it made stale
// (cache-policy.ts). A missed project task list is fetched whole (a small account's whole task list), so
// the later look-ups derive from it (widenedRead). Every answer records on the call's stats how old its data is (the answer's
// `fetched_at`) and whether it cost a request. Identical reads in flight at once already share one
// request in the scheduler, so nothing here coalesces.
import { WorksectionApiError } from '../worksection/errors.js';
import type { ActionResponse, JsonActionName } from '../worksection/schemas.js';
import { parseAnswer } from '../worksection/tolerant-parse.js';
import type { WsParams } from '../worksection/transport.js';
import type { CacheParams, CachedEntry, ResponseCache } from '../store/response-cache.js';
import {
  latestChange,
  NOTHING_CHANGED,
  projectOfTask,
  untouchedBy,
  type ChangedScope,
} from './changed-scope.js';
import {
  deriveAnswer,
  heldProjectOfTask,
  widenedRead,
  type DeriveSource,
  type EventsSource,
} from './derive/index.js';
import { heldCutUnclear, WEEK_LOG_PERIOD, withEventsFrom } from './derive/events.js';
import { HeldActivityLogs } from './held-activity-logs.js';
import { peopleOf, personsAsHeld, type HeldPeople } from './held-people.js';
import {
  cacheKeyOf,
  invalidatedBy,
  isWrite,
  kindOf,
  writeThrough,
  type FreshSeconds,
} from './cache-policy.js';
import { noteFetched, type CallStats, type Upstream } from './upstream.js';

export interface ResponseCacheScopeOptions {
  cache: ResponseCache;
  /** Whose data: the account (and identity) the answers belong to. */
  account: string;
  freshSeconds: FreshSeconds;
  /** The account's IANA time zone, which the activity log's times are in (default UTC). */
  timeZone?: string;
  now?: () => number;
  /** A cache that cannot be read or written is skipped (the call goes upstream); this hears why. */
  onError?: (err: unknown) => void;
  /**
   * Asks the activity log now (the mirror's poll, on the foreground lane), when a read would be served by
   * held answers a poll can confirm but their window has passed: one request confirms them all, where
   * fetching would cost this read one and the next ones theirs. Answers 'sent' (a poll sent for it, one
   * request of the call), 'recent' (one sent a moment ago serves) or 'none' (no poll possible).
   */
  confirmNow?: () => Promise<'sent' | 'recent' | 'none'>;
  /** How many tasks the account has, archived projects' too, when known (the mirror's count). */
  accountTasks?: () => number | undefined;
  /**
   * Whether `timeZone` is known to be the one the activity log is stamped in (the mirror's polls tell):
   * only then is a missed log of a day or more asked as the account's week, since the answer is then cut
   * here by those stamps, not by Worksection (derive/events.ts widenedEvents).
   */
  zoneRight?: () => boolean;
}

/**
 * An account with at most this many tasks has a missed task read sent as the whole account's list (about
 * a megabyte with every part; derive/index.ts widenedRead).
 */
export const WHOLE_ACCOUNT_MAX_TASKS = 1_000;

/** A whole-account read answered larger than this (characters of JSON) is not sent again. */
const WIDE_MAX_CHARS = 2 * 1_048_576;
/** The account's log a missed activity read of a day or more is asked as (derive/events.ts). */
const WEEK_LOG_KEY = cacheKeyOf('get_events', { period: WEEK_LOG_PERIOD }).key;

const tooManyTasks = (e: unknown) => e instanceof WorksectionApiError && /too many tasks/i.test(e.apiMessage);

/** A missed read as asked: its cache key and kind, and for get_events the minute its reader keeps from. */
interface Asked {
  key: string;
  keyed: CacheParams;
  kind: string;
  eventsFrom?: number;
}

/** Derivations from one answer just fetched (not necessarily kept) before what is cached. */
function withFetched(entry: CachedEntry & { body: unknown }, cached: EventsSource): EventsSource {
  return {
    ...cached,
    find: (s) => [
      ...(s.actions.includes(entry.action) &&
      (!s.param || entry.params[s.param[0]] === s.param[1]) &&
      (s.bodyHas === undefined || JSON.stringify(entry.body).includes(s.bodyHas))
        ? [entry]
        : []),
      ...cached.find(s).filter((e) => e.key !== entry.key),
    ],
    body: (key) => (key === entry.key ? entry.body : cached.body(key)),
  };
}

/** The longest freshness window: cached answers older than this are never used again. */
export function longestWindowMs(freshSeconds: FreshSeconds): number {
  return Math.max(0, ...Object.values(freshSeconds)) * 1000;
}

/**
 * How often the mirror should read the people list again while in use, for the held answers PERSON_CHECKED
 * to stay confirmed (a list within the `tags` window is what a confirmation leans on); undefined when they
 * are not kept (a window of 0).
 */
export function peopleEverySeconds(freshSeconds: FreshSeconds): number | undefined {
  const every = Math.min(freshSeconds.people, freshSeconds.tags);
  return every > 0 ? every : undefined;
}

/**
 * How often the mirror should seed the activity logs held here with a long poll while in use: as long as
 * such a log is held (logLifetimeMs); undefined when logs are not kept (an activity window of 0) or held
 * less than 5 minutes.
 */
export function activitySeedEverySeconds(freshSeconds: FreshSeconds): number | undefined {
  const lifetime = Math.max(freshSeconds.activity, freshSeconds.tags);
  // A log held briefly is not worth a week's download that often.
  return freshSeconds.activity > 0 && lifetime >= 300 ? lifetime : undefined;
}

/** A source of reads outside tool calls (the mirror's sync); `waiting`: a tool waits for this one. */
export interface ReadSource {
  call<A extends JsonActionName>(
    action: A,
    params?: WsParams,
    opts?: { waiting?: boolean },
  ): Promise<ActionResponse<A>>;
}

/** The largest answer of the mirror's sync kept for tools (characters of JSON). */
export const FEED_MAX_CHARS = 1_048_576;

/** The kinds of data Worksection's activity log reports changes of (tags, costs, timers it does not). */
const EVENT_KINDS = new Set(['tasks', 'comments', 'projects']);
/** What a poll can make current again: answers of those kinds, and held activity logs (its events added). */
const POLL_KINDS = new Set([...EVENT_KINDS, 'activity']);
/**
 * Answers whose only part the activity log does not report is who wrote them (a discussion: a renamed
 * person's comments show the new name). Past the `tags` window they are still confirmed by polls while a
 * people list that recent shows every person in them as they are (personsCurrent).
 */
const PERSON_CHECKED = new Set(['get_comments']);
/**
 * How long after its fetch a PERSON_CHECKED answer a poll did not confirm (no recent people list) is still
 * tracked for a later one: a day. One polls keep confirming is tracked while they do.
 */
const PERSON_CHECK_REACH_MS = 86_400_000;
/**
 * Reads whose held answer is never served as it is: an activity log's period is counted from when it was
 * fetched, so it is always re-cut to now (derive/events.ts), and its fetched time is never moved.
 */
const RECUT_ACTIONS = new Set(['get_events']);
/** Writes the activity log does not show (costs, timers, webhooks): held logs stay as current as they were. */
const NO_EVENT_WRITES = new Set([
  'add_costs',
  'update_costs',
  'delete_costs',
  'start_timer',
  'stop_timer',
  'start_my_timer',
  'stop_my_timer',
  'add_webhook',
  'delete_webhook',
]);

/** The project a write is in, when its parameters or a held answer showing its task say. */
function projectOfWrite(params: WsParams | undefined, src: DeriveSource): string | undefined {
  const project = params?.id_project;
  if (typeof project === 'string' || typeof project === 'number') return String(project);
  const task = params?.id_task;
  return typeof task === 'string' || typeof task === 'number'
    ? heldProjectOfTask(src, String(task))
    : undefined;
}

/** One account's response cache; wraps the Upstream of each call. */
export interface ResponseCacheScope {
  /** `fresh`: reads skip cached answers (what they fetch is still kept). */
  wrap(base: Upstream, stats: CallStats, opts?: { fresh?: boolean }): Upstream;
  /** The source with what it reads kept as a tool's read would be: the mirror's listings serve tools. */
  feed(source: ReadSource): ReadSource;
  /**
   * Called as an activity-log poll is sent; the function it answers is called with what the poll reported
   * changed from `since` to `at` (nothing, some projects and tasks, or everything): the answers of the
   * kinds events cover, kept since `since`, that those changes leave alone (changed-scope.ts) count as
   * fetched at `at`. Each serves so at most the `tags` window (or its own, if longer) after it was really
   * fetched, since what events do not report (a task's tags) is only as recent as that. The poll's
   * `events` are added to the held activity logs it reaches back far enough for, which stay current.
   */
  beginConfirm(): (since: number, at: number, changed?: ChangedScope, events?: readonly unknown[]) => void;
  /** Forgets what it holds beside the store, after the store was cleared (another user signed in). */
  forget(): void;
}

export function createResponseCacheScope(opts: ResponseCacheScopeOptions): ResponseCacheScope {
  const { cache, account } = opts;
  const now = opts.now ?? Date.now;
  const onError = opts.onError ?? (() => undefined);
  // Bumped when a write starts and when it ends: a read that overlapped a write may hold data from before
  // it, so its answer is used but not kept.
  let epoch = 0;

  const windowOf = (actions: readonly string[]): number =>
    Math.min(
      ...actions.map((a) => {
        const kind = kindOf(a);
        return kind === undefined ? 0 : opts.freshSeconds[kind] * 1000;
      }),
    );

  const guarded = <T>(fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (err) {
      onError(err);
      return undefined;
    }
  };

  /** A cached body checked against the action's schema: a store written by another version may differ. */
  const valid = <A extends JsonActionName>(action: A, body: unknown): ActionResponse<A> | undefined => {
    const parsed = parseAnswer(action, body);
    return parsed.success ? parsed.data : undefined;
  };

  async function write<A extends JsonActionName>(
    base: Upstream,
    action: A,
    params: WsParams | undefined,
  ): Promise<ActionResponse<A>> {
    epoch += 1;
    const showsInLog = !NO_EVENT_WRITES.has(action);
    logs.written(showsInLog ? guarded(() => projectOfWrite(params, cachedSource)) : undefined, showsInLog);
    let answer: ActionResponse<A>;
    try {
      answer = await base.call(action, params);
    } catch (err) {
      // Also after a failure: a write that timed out may still have been applied.
      epoch += 1;
      guarded(() => cache.invalidate(account, invalidatedBy(action, params, true)));
      throw err;
    }
    epoch += 1;
    const written = guarded(() => {
      const through = writeThrough(action, params ?? {}, answer);
      for (const { selector, apply } of through ?? []) {
        for (const entry of cache.find(account, selector, 0)) {
          const body = cache.body(account, entry.key);
          if (body !== undefined) cache.rewrite(account, entry.key, apply(body, entry));
          personsChecked.delete(entry.key);
        }
      }
      return through !== undefined;
    });
    // What could not be written through is dropped like after a failed write.
    guarded(() => cache.invalidate(account, invalidatedBy(action, params, written !== true)));
    return answer;
  }

  // An answer events confirm serves at most the `tags` window (or its own, if longer) after its real fetch.
  const confirmableMs = (action: string): number =>
    Math.max(windowOf([action]), opts.freshSeconds.tags * 1000);
  // Activity logs answer for the `tags` window after their fetch at most (what a poll cannot tell, such as a
  // renamed person, is only as recent as that), while polls keep them current.
  const logLifetimeMs = Math.max(windowOf(['get_events']), opts.freshSeconds.tags * 1000);
  const timeZone = opts.timeZone ?? 'UTC';
  const logs = new HeldActivityLogs(logLifetimeMs, timeZone);
  /** Cached answers for derivations, each serving while younger than `windowFor` its actions (and kept). */
  const sourceWithin = (
    windowFor: (actions: readonly string[]) => number,
    kept: (entry: CachedEntry) => boolean = () => true,
    afterPoll = false,
  ): EventsSource => ({
    find: (selector) => cache.find(account, selector, now() - windowFor(selector.actions)).filter(kept),
    body: (k) => logs.body(k) ?? cache.body(account, k),
    activity: {
      get now() {
        return now();
      },
      timeZone,
      held(selector, project) {
        const at = now();
        const stored = cache.find(account, selector, at - logLifetimeMs);
        return logs
          .served(stored, at, project, afterPoll)
          .filter(({ currentAt }) => currentAt >= at - windowFor(['get_events']));
      },
    },
  });
  /** What serves now: each answer while fresh for its own kind. */
  const cachedSource = sourceWithin(windowOf);
  /** Every activity log still held, current or not (what their older events show does not change). */
  const heldLogsSource = sourceWithin(() => logLifetimeMs, undefined, true);
  /**
   * What would serve if a poll now confirmed every answer it may still confirm (see confirmNow): besides
   * what is fresh, answers of the kinds events report that this process fetched within their confirmable
   * time (the rest a poll leaves as they are), and activity logs a poll's events would bring up to date.
   */
  const confirmableSource = sourceWithin(
    (actions) =>
      Math.max(...actions.map((a) => (POLL_KINDS.has(kindOf(a) ?? '') ? confirmableMs(a) : windowOf([a])))),
    (entry) => entry.fetchedAt >= now() - windowOf([entry.action]) || pollConfirms(entry.key, entry.action),
    true,
  );
  /**
   * Whether a poll now may confirm the answer kept under `key`: fetched here, within its confirmable time
   * (or its persons as a people list that recent shows them).
   */
  function pollConfirms(key: string, action: string): boolean {
    const first = fetchedFirst.get(key)?.at;
    if (first === undefined) return false;
    const at = now();
    return at - first <= confirmableMs(action) || personsCurrent(key, action, heldPeople(at));
  }
  /** The people list held within the `tags` window of `at` (what a poll's confirmation may lean on). */
  function heldPeople(at: number): HeldPeople | undefined {
    const [entry] = cache.find(account, { actions: ['get_users'] }, at - opts.freshSeconds.tags * 1000);
    if (!entry) return undefined;
    if (people?.key !== entry.key || people.fetchedAt !== entry.fetchedAt) {
      people = peopleOf(entry.key, entry.fetchedAt, cache.peek(account, entry.key));
    }
    return people;
  }
  let people: HeldPeople | undefined;
  /** Per answer, the people list (its digest) its persons were last checked against, and the outcome. */
  const personsChecked = new Map<string, { digest: string; ok: boolean }>();
  /** Whether the held answer `key` of a PERSON_CHECKED action shows each person as `held` does. */
  function personsCurrent(key: string, action: string, held: HeldPeople | undefined): boolean {
    if (!PERSON_CHECKED.has(action) || !held) return false;
    const checked = personsChecked.get(key);
    if (checked?.digest === held.digest) return checked.ok;
    // Peeked: a check is not a use, so it neither keeps the answer from eviction nor counts as a hit.
    const body = cache.peek(account, key);
    const ok = body !== undefined && personsAsHeld(body, held);
    personsChecked.set(key, { digest: held.digest, ok });
    return ok;
  }
  /**
   * The minute a get_events reader keeps events from (UpstreamCallOptions.eventsFrom), heeded once the
   * zone is known to be the one events are stamped in: the cut is then made here by those stamps.
   */
  const readerCut = (action: string, eventsFrom: number | undefined): number | undefined =>
    action === 'get_events' && eventsFrom !== undefined && zoneKnownRight() ? eventsFrom : undefined;
  /** Whether the mirror's polls have shown the zone set is the one the activity log is stamped in. */
  const zoneKnownRight = () => guarded(() => opts.zoneRight?.()) === true;
  // Wider reads Worksection refused (too many tasks), or that came larger than WIDE_MAX_CHARS (all costs,
  // the account's week log): asked as they are from then on.
  const refusedWide = new Set<string>();
  /** Projects a whole costs answer did not show (fetchAndKeep). */
  const costsLacking = new Set<string>();
  const heldWholeCosts = () =>
    cachedSource.find({ actions: ['get_costs'] }).some((e) => Object.keys(e.params).length === 0);

  function cached<A extends JsonActionName>(
    action: A,
    key: string,
    params: ReturnType<typeof cacheKeyOf>['params'],
    notBefore: number,
    stats: CallStats,
    eventsFrom?: number,
  ): ActionResponse<A> | undefined {
    const hit = RECUT_ACTIONS.has(action) ? undefined : guarded(() => cache.get(account, key, notBefore));
    const direct = hit && valid(action, hit.body);
    if (hit && direct) {
      cache.count('hit');
      stats.cacheHits += 1;
      noteFetched(stats, hit.fetchedAt);
      return direct;
    }
    const derived = guarded(() => deriveAnswer(action, params, withEventsFrom(cachedSource, eventsFrom)));
    const answer = derived && valid(action, derived.body);
    if (!derived || !answer) return undefined;
    cache.count('derived');
    stats.cacheHits += 1;
    noteFetched(stats, derived.fetchedAt);
    // Kept under its own key too, so asking again is a plain hit (a re-cut log would lose its period).
    if (RECUT_ACTIONS.has(action)) return answer;
    const kind = kindOf(action) ?? 'tasks';
    guarded(() =>
      cache.put(account, { key, action, kind, params, body: answer, fetchedAt: derived.fetchedAt }),
    );
    // Its body is no longer what was fetched under the key: that fetch's time says nothing of it.
    forgetFetched(key);
    if (EVENT_KINDS.has(kind)) {
      pruneDerived();
      const project = action === 'get_task' ? projectOfTask(answer) : undefined;
      keptDerived.set(
        key,
        project === undefined ? { at: derived.fetchedAt } : { at: derived.fetchedAt, project },
      );
    }
    return answer;
  }

  // When each answer events can confirm was really fetched (this process's; others are not confirmed).
  const fetchedFirst = new Map<string, { at: number; project?: string }>();
  // Answers derived here and kept under their own key, with what they show as of: never confirmed (their
  // data may be older than that), but dropped like the others when a poll shows them changed.
  const keptDerived = new Map<string, { at: number; project?: string }>();
  /** Past this many, those no longer served are forgotten (a process that never polls prunes so). */
  const KEPT_DERIVED_PRUNE_AT = 2_000;
  /** Whether a derived answer of `action` showing data as of `shown` no longer serves at `at`. */
  const derivedLapsed = (action: string, shown: number, at: number) => at - shown > windowOf([action]);
  const pruneDerived = () => {
    if (keptDerived.size < KEPT_DERIVED_PRUNE_AT) return;
    const at = now();
    for (const [key, { at: shown }] of keptDerived) {
      const [action] = JSON.parse(key) as [string];
      if (derivedLapsed(action, shown, at)) keptDerived.delete(key);
    }
  };
  const forgetFetched = (key: string) => {
    fetchedFirst.delete(key);
    personsChecked.delete(key);
  };
  const keep = (entry: CachedEntry & { kind: string; body: unknown }, started: number) => {
    if (epoch !== started) return;
    guarded(() => cache.put(account, entry));
    personsChecked.delete(entry.key);
    keptDerived.delete(entry.key);
    if (EVENT_KINDS.has(entry.kind)) {
      const project = entry.action === 'get_task' ? projectOfTask(entry.body) : undefined;
      fetchedFirst.set(
        entry.key,
        project === undefined ? { at: entry.fetchedAt } : { at: entry.fetchedAt, project },
      );
    }
    if (RECUT_ACTIONS.has(entry.action)) logs.keep(entry, entry.body);
  };

  /** Whether held answers would serve this read if a poll confirmed them now. */
  function confirmable(action: string, key: string, params: CacheParams, eventsFrom?: number): boolean {
    const direct =
      !RECUT_ACTIONS.has(action) &&
      pollConfirms(key, action) &&
      cache.get(account, key, now() - confirmableMs(action)) !== undefined;
    return (
      direct || deriveAnswer(action, params, withEventsFrom(confirmableSource, eventsFrom)) !== undefined
    );
  }

  /** The wider read of widenedRead, kept, and the asked one derived from it; undefined when refused. */
  async function fetchWide<A extends JsonActionName>(
    base: Upstream,
    action: A,
    wide: { action: string; params: CacheParams },
    asked: Asked,
  ): Promise<ActionResponse<A> | undefined> {
    const started = epoch;
    const { key: wideKey, params: wideParams } = cacheKeyOf(wide.action, wide.params);
    if (refusedWide.has(wideKey)) return undefined;
    let res: unknown;
    try {
      res = await base.call(wide.action as JsonActionName, wide.params);
    } catch (err) {
      // The wider read may pass Worksection's 10,000-task cap where the asked one does not.
      if (!tooManyTasks(err)) throw err;
      refusedWide.add(wideKey);
      return undefined;
    }
    const fetchedAt = now();
    // Every cost an account logged, and the account's week of activity, grow with its age and its bustle,
    // not its task count: too large once, never asked again.
    if (
      (wide.action === 'get_costs' || wideKey === WEEK_LOG_KEY) &&
      JSON.stringify(res).length > WIDE_MAX_CHARS
    )
      refusedWide.add(wideKey);
    const entry = { key: wideKey, params: wideParams, action: wide.action, fetchedAt, body: res };
    keep({ ...entry, kind: kindOf(wide.action) ?? asked.kind }, started);
    const source = withEventsFrom(withFetched(entry, cachedSource), asked.eventsFrom);
    const derived = guarded(() => deriveAnswer(action, asked.keyed, source));
    const answer = derived && valid(action, derived.body);
    if (!answer && action === 'get_costs' && typeof asked.keyed.id_project === 'string')
      costsLacking.add(asked.keyed.id_project);
    // Not an answer cut at the reader's minute: it is not the asked read's.
    if (answer && asked.eventsFrom === undefined)
      keep(
        { key: asked.key, action, params: asked.keyed, kind: asked.kind, fetchedAt, body: answer },
        started,
      );
    return answer;
  }

  async function fetchAndKeep<A extends JsonActionName>(
    base: Upstream,
    action: A,
    params: WsParams | undefined,
    asked: Asked,
    fresh = false,
  ): Promise<ActionResponse<A>> {
    // Not for a fresh read (the look before a write): the write would drop the whole list at once.
    const tasks = fresh ? undefined : guarded(() => opts.accountTasks?.());
    const small = tasks !== undefined && tasks <= WHOLE_ACCOUNT_MAX_TASKS;
    const weekLog = !refusedWide.has(WEEK_LOG_KEY) && zoneKnownRight();
    const widened = (wholeAccount: boolean) =>
      guarded(() => widenedRead(action, asked.keyed, cachedSource, { wholeAccount, weekLog }));
    // A project the whole costs answer did not show (no costs, or unknown) is asked as it is from then on:
    // widening again would fetch everything only to ask the project after.
    const project = action === 'get_costs' ? asked.keyed.id_project : undefined;
    const lacking = typeof project === 'string' && costsLacking.has(project);
    let wide = lacking ? undefined : widened(small);
    // A held log cannot place an event by the cut (the period's start, or the reader's minute: an event of
    // the hour clocks go back may straddle even that): a wider log would not either.
    if (
      wide?.action === 'get_events' &&
      guarded(() => heldCutUnclear(asked.keyed, withEventsFrom(heldLogsSource, asked.eventsFrom)))
    )
      wide = undefined;
    // Not widened because the whole answer is held and did not show the project: so it is noted.
    if (small && !wide && typeof project === 'string' && heldWholeCosts()) costsLacking.add(project);
    // Worksection refused the whole account once (too many tasks): a project's list still serves its reads.
    if (small && wide && refusedWide.has(cacheKeyOf(wide.action, wide.params).key)) wide = widened(false);
    if (wide) {
      const answer = await fetchWide(base, action, wide, asked);
      if (answer) return answer;
    }
    const started = epoch;
    const res = await base.call(action, params);
    keep(
      { key: asked.key, action, params: asked.keyed, kind: asked.kind, fetchedAt: now(), body: res },
      started,
    );
    return res;
  }

  return {
    feed(source) {
      return {
        async call(action, params, callOpts) {
          const started = epoch;
          const res = await source.call(action, params, callOpts);
          const kind = kindOf(action);
          // A large account's biggest listings would push the user's own answers out of the cache.
          const small = () => JSON.stringify(res).length <= FEED_MAX_CHARS;
          if (kind !== undefined && windowOf([action]) > 0 && !isWrite(action) && small()) {
            const { key, params: keyed } = cacheKeyOf(action, params);
            keep({ key, action, params: keyed, kind, fetchedAt: now(), body: res }, started);
          }
          return res;
        },
      };
    },
    forget() {
      logs.forget();
      keptDerived.clear();
      costsLacking.clear();
      fetchedFirst.clear();
      personsChecked.clear();
      people = undefined;
    },
    beginConfirm() {
      const started = epoch;
      return (since, at, changed = NOTHING_CHANGED, events) => {
        // A write overlapped the poll: what it changed may not be in the log yet, so nothing is confirmed
        // (what the poll shows changed is still dropped).
        const overlapped = epoch !== started;
        const keys: string[] = [];
        const touched: string[] = [];
        const held = heldPeople(at);
        for (const [key, { at: first, project }] of fetchedFirst) {
          const [action, params] = JSON.parse(key) as [string, CacheParams];
          // A changed answer is never confirmed again, nor served: the poll shows it is not current.
          if (!untouchedBy(changed, action, params, first, project)) {
            forgetFetched(key);
            touched.push(key);
          } else if (overlapped) continue;
          else if (at - first <= confirmableMs(action) || personsCurrent(key, action, held)) keys.push(key);
          // Without a recent people list this time: a later poll may confirm it, while one still reaches it.
          else if (!PERSON_CHECKED.has(action) || at - first > PERSON_CHECK_REACH_MS) forgetFetched(key);
        }
        for (const [key, { at: shown, project }] of keptDerived) {
          const [action, params] = JSON.parse(key) as [string, CacheParams];
          if (derivedLapsed(action, shown, at)) keptDerived.delete(key);
          else if (!untouchedBy(changed, action, params, shown, project)) {
            keptDerived.delete(key);
            touched.push(key);
          }
        }
        // Kept before the poll answered, it may not show what the poll reported (an answer fetched since
        // then, the mirror's read after the poll, does).
        guarded(() => cache.drop(account, touched, Math.max(at, latestChange(changed))));
        if (overlapped) return;
        guarded(() => cache.confirm(account, keys, since, at));
        logs.polled(since, at, changed, events);
      };
    },
    wrap(base, stats, wrapOpts = {}) {
      return {
        download: (fileId) => base.download(fileId),
        async call(action, params, callOpts = {}) {
          if (isWrite(action)) return write(base, action, params);
          const kind = kindOf(action);
          const windowMs = kind === undefined ? 0 : opts.freshSeconds[kind] * 1000;
          if (kind === undefined || windowMs <= 0) return base.call(action, params);
          const { key, params: keyed } = cacheKeyOf(action, params);
          const eventsFrom = readerCut(action, callOpts.eventsFrom);
          if (!wrapOpts.fresh && !callOpts.fresh) {
            const answer = cached(action, key, keyed, now() - windowMs, stats, eventsFrom);
            if (answer) return answer;
            if (
              opts.confirmNow &&
              POLL_KINDS.has(kind) &&
              guarded(() => confirmable(action, key, keyed, eventsFrom))
            ) {
              const outcome = await opts.confirmNow();
              // The poll is a request this call made, though the answer then comes from what it confirmed.
              if (outcome === 'sent') stats.upstreamRequests += 1;
              const again =
                outcome !== 'none' && cached(action, key, keyed, now() - windowMs, stats, eventsFrom);
              if (again) return again;
            }
          }
          cache.count('miss');
          const fresh = wrapOpts.fresh === true || callOpts.fresh === true;
          return fetchAndKeep(base, action, params, { key, keyed, kind, eventsFrom }, fresh);
        },
      };
    },
  };
}
