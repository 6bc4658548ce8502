// Keeps the mirror in step with the account, one upstream request per step, every request on the
// scheduler's background lane (it yields to the user's assistants and stays within its share).
//  - A full pass: users, folders, tags, projects, then each project's whole task list (get_tasks with
//    descriptions, subtasks, each task's newest comments and every other part tools read: one request per
//    project, never one per task; a discussion shorter than what a listing shows is complete without
//    another request). The first sync is a full pass; another runs every `fullCheckHours` to catch what
//    events do not report (tags, costs, timers).
//  - Incremental: get_events since the last poll, every `eventsEverySeconds` (changes.ts); while no
//    assistant has called for QUIET_AFTER_MS, only every `quietEventsEverySeconds`, and at once when one
//    calls again.
//  - Comments: one discussion per step (get_comments with files), the most recently active first: those
//    longer than a listing shows, then (with the response cache) the rest of the FILES_READ_MAX most
//    recently active, whose files only get_comments tells (list_comments shows them).
// Where it is lives in mirror_meta and the tables, written in the same transactions as the data, so a
// crash or a restart resumes where it stopped.
import { randomInt } from 'node:crypto';
import { periodCovering, periodMs } from '../worksection/activity-period.js';
import { wallMs } from '../worksection/wall-clock.js';
import type { WorksectionClient } from '../worksection/client.js';
import { BadResponseError, WorksectionApiError } from '../worksection/errors.js';
import type { ActionResponse, JsonActionName } from '../worksection/schemas.js';
import type { WsParams } from '../worksection/transport.js';
import {
  FEED_MAX_CHARS,
  WHOLE_ACCOUNT_MAX_TASKS,
  type ResponseCacheScope,
} from '../upstream/cached-responses.js';
import { WHOLE_ACCOUNT_EXTRA, WHOLE_PROJECT_EXTRA } from '../upstream/derive/index.js';
import { WHOLE_PROJECTS_EXTRA } from '../upstream/derive/projects.js';
import { eventsNotBefore, stampedWithin, WEEK_LOG_PERIOD } from '../upstream/derive/events.js';
import { applyEvents } from './changes.js';
import type { MirrorStore } from './mirror-store.js';
import type { KnownEvents } from './known-events.js';
import { commentRow, flattenTasks } from './rows.js';

export interface MirrorSource {
  /** One Worksection read on the scheduler's background lane, or the foreground's when a tool `waiting` on it. */
  call<A extends JsonActionName>(
    action: A,
    params?: WsParams,
    opts?: { waiting?: boolean },
  ): Promise<ActionResponse<A>>;
}

/** The account's client as the mirror's source: the background lane, unless a tool waits for the answer. */
export function backgroundSource(client: { call: WorksectionClient['call'] }): MirrorSource {
  return {
    call: (action, params, opts) =>
      client.call(action, params, { caller: 'mirror', background: opts?.waiting !== true }),
  };
}

export interface MirrorSyncOptions {
  store: MirrorStore;
  source: MirrorSource;
  eventsEverySeconds: number;
  /**
   * How often the activity log is asked while nobody uses the server (no call for QUIET_AFTER_MS, as
   * `lastCallAt` tells): nothing tools hold is read then, so a poll a minute would spend the account's
   * requests on an idle day. Without it (or `lastCallAt`), always every `eventsEverySeconds`.
   */
  quietEventsEverySeconds?: number;
  /** When an assistant last called (any process sharing the store), undefined when never. */
  lastCallAt?: () => number | undefined;
  fullCheckHours: number;
  /**
   * How often the people list is read again, from the first call until PEOPLE_AFTER_USE_MS after the last:
   * answers whose only part events do not report is their persons (discussions) stay confirmed by polls
   * while a people list that recent agrees with them (the response cache). Without it, only in full passes.
   */
  peopleEverySeconds?: number | undefined;
  /**
   * How often, while assistants use the server, a poll asks the activity log of the last WEEK_LOG_PERIOD instead
   * of since the last poll (as long as that answer stays within what the response cache keeps): the cache
   * holds it as an activity log the next polls keep current, so the first asks of the day's or the week's
   * log derive from it. Without it, polls ask only since the last one.
   */
  activitySeedEverySeconds?: number | undefined;
  /** The account's IANA time zone, which the activity log's times are in (default UTC). */
  timeZone?: string;
  /**
   * What the sync reads is kept for tools (the response cache's feed): it then also reads what only tools
   * use ("me", the tag groups, short discussions with their files). Without it, only what the mirror keeps.
   */
  feedsCache?: boolean;
  /** Hears what the sync has to say (a time zone that does not match the activity log's). */
  log?: (line: string) => void;
  /** Signed in as a user (OAuth): a full pass also reads who that is ("me"), which tools ask first. */
  signedIn?: boolean;
  now?: () => number;
  /**
   * Told as each activity-log poll is sent; the function it answers hears what the poll reported changed
   * (from `since` to `at`), so answers kept elsewhere that the changes leave alone can count as confirmed
   * (the response cache).
   */
  beginConfirm?: ResponseCacheScope['beginConfirm'];
  /** The events earlier polls and our own writes already told (known-events.ts). */
  knownEvents?: KnownEvents;
}

const FULL_PHASES = ['me', 'users', 'folders', 'tags', 'tag_groups', 'projects', 'tasks'] as const;
type FullPhase = (typeof FULL_PHASES)[number];
/** get_events looks back at most 30 days. */
const EVENTS_REACH_MS = 30 * 86_400_000;
/** Events are asked from a little before the last poll: a change stamped as the poll ran is not lost. */
const EVENTS_OVERLAP_MS = 120_000;
/**
 * After this long without a call the server counts as unused: a pause in a conversation is shorter, and
 * what tools hold stays confirmed through it.
 */
export const QUIET_AFTER_MS = 10 * 60_000;
/** The longest poll whose events can show the time zone set is the account's. */
const ZONE_CHECK_MAX_MS = 10 * 60_000;
/** A seeding poll answered larger than this (characters of JSON) is not kept, so none is asked again. */
const SEED_MAX_CHARS = FEED_MAX_CHARS;
/** A poll a tool asks for this soon after one was sent is not sent again: that one told what there was. */
const POLL_NOW_GAP_MS = 5_000;
/**
 * While nobody calls, the people list is still read (at its pace) for this long after the last call: held
 * discussions it confirms then outlast a break (lunch, a night), not a day nobody uses the server.
 */
const PEOPLE_AFTER_USE_MS = 12 * 3_600_000;

/** What a tool's ask for a poll came to: one sent for it, a poll just sent serving, or none possible. */
export type PollOutcome = 'sent' | 'recent' | 'none';

/**
 * `comments`: a discussion longer than a listing shows; `discussion_files`: a short one, for its files;
 * `account_tasks`: a small account's stale task lists, all in one read of the whole account's.
 */
export type StepKind =
  | FullPhase
  | 'project'
  | 'account_tasks'
  | 'events'
  | 'comments'
  | 'discussion_files'
  | 'projects'
  | 'people';

/** An answer that came whole but does not match the schema (a truncated or non-JSON one is retried). */
const unparsable = (e: unknown): e is BadResponseError =>
  e instanceof BadResponseError && e.reason === 'schema_mismatch';

const gone = (e: unknown) => e instanceof WorksectionApiError && /invalid|not found/i.test(e.apiMessage);

export class MirrorSync {
  private readonly store: MirrorStore;
  private readonly source: MirrorSource;
  private readonly now: () => number;
  /** The work under way: one piece at a time (see exclusive). */
  private turn: Promise<unknown> = Promise.resolve();
  /**
   * This sync's mark on the discussions it read with their files: those read by an earlier one, its
   * response cache cannot confirm (it knows when it fetched only its own answers), so they are read again.
   * Drawn at random, not a time: a clock set back must not make every read look old.
   */
  readonly readMark = randomInt(1, 2 ** 47);
  /** When a tool was last called in this process (noteCall), besides what `lastCallAt` tells. */
  private calledAt = -Infinity;
  /** When a poll last asked WEEK_LOG_PERIOD (in memory: the activity logs it seeds are held in memory too). */
  private seededAt = -Infinity;
  private seedTooLarge = false;
  /** Whole reads are off for this process (readsWhole): refused, not matching the schema, or too large. */
  private wholeRefused = false;
  /**
   * Whether `timeZone` is known to be the one events are stamped in: a seeding poll picks the news out of
   * a week by their stamps, so it waits until a poll's events fell within the span it asked (and stops
   * for the process when some did not: events judged old by a wrong zone would be lost).
   */
  private zone: 'unknown' | 'right' | 'wrong';
  constructor(private readonly opts: MirrorSyncOptions) {
    this.store = opts.store;
    this.source = opts.source;
    this.now = opts.now ?? Date.now;
    // A zone found right before stays so (until the setting changes): an account's polls can be empty for
    // hours, and seeding should not wait for the next event after every start.
    this.zone = this.store.meta.get('zone_right') === this.zoneKey() ? 'right' : 'unknown';
  }

  private timeZone(): string {
    return this.opts.timeZone ?? 'UTC';
  }

  /** The zone set and its offset now: found right in winter is not found right in summer. */
  private zoneKey(): string {
    const at = this.now();
    return `${this.timeZone()}@${Math.round((wallMs(at, this.timeZone()) - at) / 60_000)}`;
  }

  /** Whether polls have shown the time zone set is the one events are stamped in (and none the opposite). */
  get zoneRight(): boolean {
    return this.zone === 'right';
  }

  get firstSyncDone(): boolean {
    return this.store.meta.num('first_sync_done_at') > 0;
  }

  /** When the next step is due (epoch ms): now when work is waiting. */
  nextDueAt(): number {
    const m = this.store.meta;
    if (this.fullPhase() || m.num('projects_stale') || this.store.nextStaleProject() !== undefined)
      return this.now();
    if (this.nextCrawlTask() !== undefined) return this.now();
    const full = m.num('full_done_at') + this.opts.fullCheckHours * 3_600_000;
    const events = m.num('events_asked') ? this.now() : m.num('events_polled_at') + this.eventsEveryMs();
    return Math.max(this.now(), Math.min(full, events, this.peopleDueAt()));
  }

  /** Whether no assistant has called for QUIET_AFTER_MS (never quiet without `lastCallAt`). */
  quiet(): boolean {
    if (!this.opts.lastCallAt || this.opts.quietEventsEverySeconds === undefined) return false;
    // A call this process saw answers it without the call log's query (noteCall runs on every request).
    if (this.now() - this.calledAt < QUIET_AFTER_MS) return false;
    return this.now() - (this.opts.lastCallAt() ?? -Infinity) >= QUIET_AFTER_MS;
  }

  /**
   * An assistant's request reached this process (its call-log row is written when it ends, and some
   * requests write none). Answers whether it ended a quiet spell: the log is then asked at the next step.
   */
  noteCall(): boolean {
    const wasQuiet = this.quiet();
    this.calledAt = this.now();
    if (wasQuiet && this.firstSyncDone) this.pollEventsSoon();
    return wasQuiet;
  }

  /** Whether the next poll asks WEEK_LOG_PERIOD (activitySeedEverySeconds). */
  private seedDue(at: number): boolean {
    const every = this.opts.activitySeedEverySeconds;
    return (
      every !== undefined &&
      this.zone === 'right' &&
      !this.seedTooLarge &&
      !this.quiet() &&
      at - this.seededAt >= every * 1000
    );
  }

  /**
   * When the people list is due again: never without `peopleEverySeconds`, before the first sync, or
   * PEOPLE_AFTER_USE_MS after the last call.
   */
  private peopleDueAt(): number {
    const every = this.opts.peopleEverySeconds;
    if (every === undefined || !this.firstSyncDone) return Infinity;
    const lastCall = Math.max(this.calledAt, this.opts.lastCallAt?.() ?? -Infinity);
    if (this.quiet() && this.now() - lastCall > PEOPLE_AFTER_USE_MS) return Infinity;
    return this.store.meta.num('people_read_at') + every * 1000;
  }

  private eventsEveryMs(): number {
    const every = this.opts.eventsEverySeconds;
    return (this.quiet() ? Math.max(every, this.opts.quietEventsEverySeconds ?? every) : every) * 1000;
  }

  /** Starts a full pass now (the "sync now" button, or a gap in events too long to bridge). */
  startFullPass(): void {
    const m = this.store.meta;
    if (this.fullPhase()) return;
    m.set('full_started_at', this.now());
    if (!m.num('events_polled_at')) m.set('events_polled_at', this.now());
    m.set('full_phase', this.fullPhases()[0] ?? 'tasks');
  }

  /** Asks the activity log at the next step, whenever it was last asked. */
  pollEventsSoon(): void {
    this.store.meta.set('events_asked', 1);
  }

  /** Does the next piece of work (at most one upstream request); undefined when nothing is due. */
  step(): Promise<StepKind | undefined> {
    return this.exclusive(() => this.nextStep());
  }

  /**
   * Asks the activity log now, on the foreground lane, because a tool waits for what it confirms (the
   * response cache's confirmNow). A poll sent after the ask, or within POLL_NOW_GAP_MS before it, counts
   * as this one (tools asking at once share one); 'none' when none can be sent (no first sync yet) or
   * `wanted` says the asker has given up waiting.
   */
  pollNow(wanted: () => boolean = () => true): Promise<PollOutcome> {
    const askedAt = this.now();
    if (!this.firstSyncDone) return Promise.resolve('none');
    return this.exclusive(async (): Promise<PollOutcome> => {
      if (!wanted()) return 'none';
      if (this.store.meta.num('events_polled_at') >= askedAt - POLL_NOW_GAP_MS) return 'recent';
      await this.events(true);
      return 'sent';
    });
  }

  /**
   * Runs `work` after the work under way. A poll must not overlap a project's listing: a list fetched
   * before an event and stored after it would clear the staleness the event marked.
   */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.turn.then(work, work);
    this.turn = run.catch(() => undefined);
    return run;
  }

  private async nextStep(): Promise<StepKind | undefined> {
    const m = this.store.meta;
    const now = this.now();
    if (!m.num('full_started_at') || now - m.num('full_done_at') >= this.opts.fullCheckHours * 3_600_000) {
      this.startFullPass();
    }
    const phase = this.fullPhase();
    if (phase && phase !== 'tasks') return this.fullStep(phase);
    if (m.num('projects_stale')) {
      m.set('projects_stale', 0);
      return this.fullStep('projects');
    }
    const project = this.store.nextStaleProject();
    if (project !== undefined) return this.readsWhole() ? this.accountTasks() : this.projectTasks(project);
    if (phase === 'tasks') this.finishFullPass();
    if (now >= this.peopleDueAt()) return this.fullStep('people');
    const eventsDue = now >= m.num('events_polled_at') + this.eventsEveryMs();
    if (this.firstSyncDone && (eventsDue || m.num('events_asked'))) {
      return this.events();
    }
    const task = this.nextCrawlTask();
    if (task !== undefined) return this.comments(task.id, task.short);
    return undefined;
  }

  private nextCrawlTask(): { id: number; short: boolean } | undefined {
    return this.store.nextCrawlTask(this.opts.feedsCache ? this.readMark : undefined);
  }

  private fullPhase(): FullPhase | undefined {
    const p = this.store.meta.get('full_phase');
    return FULL_PHASES.includes(p as FullPhase) ? (p as FullPhase) : undefined;
  }

  /**
   * This sync's full pass: without the response cache it skips what only tools read ("me", the tag
   * groups), and "me" needs a signed-in user (an admin API key belongs to no user).
   */
  fullPhases(): readonly FullPhase[] {
    const feeds = this.opts.feedsCache === true;
    return FULL_PHASES.filter(
      (p) => (p !== 'me' || (feeds && this.opts.signedIn === true)) && (p !== 'tag_groups' || feeds),
    );
  }

  private advance(from: FullPhase): void {
    const phases = this.fullPhases();
    const next = phases[phases.indexOf(from) + 1];
    if (this.fullPhase() === from && next) this.store.meta.set('full_phase', next);
  }

  private async fullStep(phase: Exclude<FullPhase, 'tasks'> | 'people'): Promise<StepKind> {
    const at = this.now();
    const { store } = this;
    // Read for the response cache alone (which the source feeds): who signed in, and the tag groups
    // list_tags shows beside the tags (fullPhases has them only then).
    if (phase === 'me') await this.call('me');
    else if (phase === 'tag_groups') await this.call('get_task_tag_groups');
    else if (phase === 'users' || phase === 'people') {
      store.putUsers((await this.call('get_users')).data, at);
      store.meta.set('people_read_at', at);
    } else if (phase === 'folders') {
      const groups = (await this.call('get_project_groups')).data;
      store.putFolders(
        groups.filter((g) => g.type === 'folder'),
        at,
      );
    } else if (phase === 'tags') store.putTags((await this.call('get_task_tags')).data, at);
    else {
      // Every part a tool's widened read asks: fed to the response cache, it answers get_project too.
      store.putProjects((await this.call('get_projects', { extra: WHOLE_PROJECTS_EXTRA })).data, at);
      if (this.fullPhase() === 'projects') store.markAllProjectsStale();
    }
    if (phase !== 'people') this.advance(phase);
    return phase;
  }

  private finishFullPass(): void {
    const m = this.store.meta;
    m.set('full_done_at', this.now());
    if (!this.firstSyncDone) m.set('first_sync_done_at', this.now());
    m.set('full_phase', '');
  }

  /**
   * Whether stale task lists are read as the whole account's, all in one request: once the first sync
   * showed the account small (as the response cache widens tools' task reads), until Worksection refuses
   * or the answer outgrows what the response cache keeps (accountTasks).
   * Any number of projects changed by others then cost one request, and every list tools derive from is
   * fresh at once. The first sync reads project by project: its progress shows, and no account is
   * assumed small before its tasks are counted.
   */
  readsWhole(): boolean {
    return !this.wholeRefused && this.firstSyncDone && this.store.taskCount() <= WHOLE_ACCOUNT_MAX_TASKS;
  }

  private async accountTasks(): Promise<StepKind> {
    const at = this.now();
    const stale = this.store.staleProjects();
    const since = this.store.beginList();
    let data: ActionResponse<'get_all_tasks'>['data'];
    try {
      // The parts a tool's widened read asks, archived projects included: fed to the response cache, it
      // answers every project's task reads, as it does when a tool sent it.
      ({ data } = await this.call('get_all_tasks', { extra: WHOLE_ACCOUNT_EXTRA }));
    } catch (err) {
      // Refused (more tasks than Worksection lists at once), or an answer whose shape the schemas reject as a
      // whole (a single task that does not parse is set aside by the client): project by project from now,
      // where such an answer holds up only its own project's list. Other failures are retried as any
      // step's are.
      const refused = err instanceof WorksectionApiError && /too many tasks/i.test(err.apiMessage);
      if (!refused && !unparsable(err)) throw err;
      this.readWholeNoMore(`the whole account's task list failed (${err.message})`);
      return 'account_tasks';
    }
    this.store.putProjectsTasks(stale, flattenTasks(data), at, since);
    // Too large for the response cache to keep: each project's own list, which it keeps, serves tools better.
    if (this.opts.feedsCache && JSON.stringify(data).length > FEED_MAX_CHARS)
      this.readWholeNoMore("the whole account's task list is larger than the response cache keeps");
    return 'account_tasks';
  }

  private readWholeNoMore(why: string): void {
    this.wholeRefused = true;
    this.opts.log?.(`[info] mirror: ${why}; stale task lists are read project by project from now on`);
  }

  private async projectTasks(id: number): Promise<StepKind> {
    const at = this.now();
    const since = this.store.beginList();
    try {
      // Every part a tool's widened read asks (files, relations, subscribers too): fed to the response
      // cache, the list then answers the project's task reads without a request of their own.
      const { data } = await this.call('get_tasks', { id_project: id, extra: WHOLE_PROJECT_EXTRA });
      this.store.putProjectTasks(id, flattenTasks(data), at, since);
    } catch (err) {
      if (unparsable(err)) {
        // Asked again it would fail again, and hold up every list and poll after it: the project keeps
        // what the mirror holds until the next full pass.
        this.store.leaveAsHeld(id);
        this.opts.log?.(
          `[warn] mirror: project ${id}'s task list did not parse (${err.message}); kept as held`,
        );
        return 'project';
      }
      if (!gone(err)) throw err;
      this.store.putProjectTasks(id, [], at, since);
      this.store.meta.set('projects_stale', 1);
    }
    return 'project';
  }

  private async events(waiting = false): Promise<StepKind> {
    const m = this.store.meta;
    const at = this.now();
    // Twice the schedule back at least: answers a skipped confirmation left (a write of ours overlapped that
    // poll) were confirmed by the poll before it, which this one then still reaches.
    const since = m.num('events_polled_at') - Math.max(EVENTS_OVERLAP_MS, 2 * this.eventsEveryMs());
    if (at - since > EVENTS_REACH_MS) {
      // Too long away for the activity log: only a full pass can tell what changed.
      m.set('events_polled_at', at);
      m.set('events_asked', 0);
      m.set('full_done_at', 0);
      return 'events';
    }
    const confirm = this.opts.beginConfirm?.();
    // Within EVENTS_REACH_MS (checked above), so a period covers it.
    const needed = periodCovering(at - since) ?? '30d';
    // Not for a tool waiting on this poll: it would wait for the week's download.
    const seed =
      !waiting && this.seedDue(at) && (periodMs(needed) ?? Infinity) < (periodMs(WEEK_LOG_PERIOD) ?? 0);
    const period = seed ? WEEK_LOG_PERIOD : needed;
    const { data: answer } = await this.call('get_events', { period }, waiting);
    const answered = this.now();
    const timeZone = this.timeZone();
    if (seed) {
      this.seededAt = at;
      this.seedTooLarge = JSON.stringify(answer).length > SEED_MAX_CHARS;
    } else if (this.zone !== 'wrong' && answer.length > 0) {
      // Worksection answered the events from `answered − period` to `answered`. Only a short span tells
      // zones apart (a 30-minute one cannot tell zones 20 minutes apart; a day's none): a longer poll may
      // find the zone wrong, never right.
      const span = periodMs(period) ?? Infinity;
      const right = stampedWithin(answer, answered - span, answered, timeZone);
      if (!right) this.zone = 'wrong';
      else if (span <= ZONE_CHECK_MAX_MS) this.zone = 'right';
      if (this.zone !== 'unknown') m.set('zone_right', this.zone === 'right' ? this.zoneKey() : '');
      if (!right) {
        this.opts.log?.(
          `[warn] an activity-log poll's times did not fall in its span read in the time zone set ` +
            `(${timeZone}); if that is not the account's zone, set timeZone to it (activity answers are ` +
            'cut by it). The week-long activity poll is off until the next start.',
        );
      }
    }
    // A seeding poll's older events were applied and told before: only those since `since` are news.
    const data = seed ? eventsNotBefore(answer, since, timeZone) : answer;
    // Applied first, whether or not anyone hears the confirmation (`confirm?.(…)` would skip its arguments).
    const changed = applyEvents(this.store, data, answered, this.opts.knownEvents);
    // Worksection counts the period back from when it answers, later than `at` when the lane was busy.
    confirm?.(Math.max(since, answered - (periodMs(period) ?? 0)), at, changed, data);
    m.set('events_polled_at', at);
    m.set('events_asked', 0);
    return 'events';
  }

  private async comments(taskId: number, short: boolean): Promise<StepKind> {
    const at = this.now();
    try {
      const { data } = await this.call('get_comments', { id_task: taskId, extra: 'files' });
      this.store.putComments(
        taskId,
        data.map((c) => commentRow(taskId, c)),
        at,
        this.readMark,
      );
    } catch (err) {
      if (!gone(err)) throw err;
      this.store.deleteTask(taskId);
    }
    return short ? 'discussion_files' : 'comments';
  }

  private async call<A extends JsonActionName>(
    action: A,
    params?: WsParams,
    waiting = false,
  ): Promise<ActionResponse<A>> {
    const m = this.store.meta;
    m.set('requests_made', m.num('requests_made') + 1);
    this.store.countRequest(new Date(this.now()).toISOString().slice(0, 10));
    return this.source.call(action, params, waiting ? { waiting } : undefined);
  }
}
