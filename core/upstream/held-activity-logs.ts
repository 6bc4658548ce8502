// The activity logs (get_events answers) this process fetched, held in memory beside the response cache
// with how current each is, so the mirror's polls can keep them current:
//  - a poll that reaches back far enough adds its events the log lacks (derive/events.ts withPolledEvents),
//    our own writes' included, and the log is current until the poll;
//  - a write of ours makes the logs that show its project lack the write's event until a poll asked after
//    the write brings it: until then they are not served for that project (an account-wide log still
//    serves other projects' logs);
//  - every write drops the store's copies, as before, so another process sharing the store never serves a
//    log missing the write. The copy held here is served without the store's only when our own write
//    dropped it: one the store lost otherwise (another process's write, the store cleared) is not;
//  - a log is held for the `lifetimeMs` after it was fetched at most.
// A log is never served as it is: its period counts from its fetch, so it is re-cut when read.
import type { CachedEntry } from '../store/response-cache.js';
import { latestChange, type ChangedScope } from './changed-scope.js';
import { MERGE_OVERLAP_MS, withPolledEvents } from './derive/events.js';
import { isObj, type Obj } from './derive/tasks.js';

interface HeldLog {
  entry: CachedEntry;
  body: Obj & { data: unknown[] };
  /** Until when the body is known to hold every event of its scope. */
  currentAt: number;
  /** Writes of ours began after currentAt: their events are not in the body yet (in these projects). */
  behind: { all: boolean; projects: Set<string> };
  /** A write of ours dropped the store's copy: this one is still ours to serve. */
  droppedByUs: boolean;
}

const notBehind = () => ({ all: false, projects: new Set<string>() });
const projectOf = (log: HeldLog): string | undefined => {
  const p = log.entry.params.id_project;
  return typeof p === 'string' ? p : undefined;
};

/** A held log as served: its entry (fetch time, params) and until when it is complete. */
export interface ServedLog {
  entry: CachedEntry;
  currentAt: number;
}

export class HeldActivityLogs {
  private readonly logs = new Map<string, HeldLog>();

  constructor(
    private readonly lifetimeMs: number,
    /** The account's IANA time zone, which events are stamped in. */
    private readonly timeZone: string,
  ) {}

  /** A log just fetched (entry.fetchedAt is when). */
  keep(entry: CachedEntry, body: unknown): void {
    if (!isObj(body) || !Array.isArray(body.data)) return;
    this.logs.set(entry.key, {
      entry,
      body: { ...body, data: body.data },
      currentAt: entry.fetchedAt,
      behind: notBehind(),
      droppedByUs: false,
    });
  }

  /**
   * A write of ours began: the store's copies are dropped; when the log shows writes of its kind, no log
   * of `project` (undefined: unknown, so every log) shows its event yet.
   */
  written(project: string | undefined, showsInLog: boolean): void {
    for (const log of this.logs.values()) {
      log.droppedByUs = true;
      if (!showsInLog) continue;
      const own = projectOf(log);
      if (project === undefined || own === project) log.behind.all = true;
      else if (own === undefined) log.behind.projects.add(project);
    }
  }

  /**
   * An activity-log poll, asked after every write of ours, covering `since` to `at`: its `events` are added
   * to the logs it reaches back far enough for. Without the events, a log known current from `since` on,
   * and since every change the poll reported was shown, stays current until `at`.
   */
  polled(since: number, at: number, changed: ChangedScope, events?: readonly unknown[]): void {
    this.prune(at);
    const shownFrom = latestChange(changed);
    for (const log of this.logs.values()) {
      if (events !== undefined && log.currentAt >= since + MERGE_OVERLAP_MS) {
        const data = withPolledEvents(log.body.data, events, projectOf(log), this.timeZone);
        if (!data) continue;
        log.body = { ...log.body, data };
        log.currentAt = Math.max(log.currentAt, at);
        log.behind = notBehind();
      } else if (
        !log.behind.all &&
        log.behind.projects.size === 0 &&
        log.currentAt >= Math.max(since, shownFrom)
      ) {
        log.currentAt = Math.max(log.currentAt, at);
      }
    }
  }

  /**
   * The logs to read at `now`, newest first: the store's `stored` ones (as held here when this process
   * holds the same fetch or a later one, each current from its fetch otherwise) and those our own writes
   * dropped from the store. `currentAt` is as far as `project`'s events go (every project's: undefined):
   * a log a write of ours there may be missing from is current at no time, unless `afterPoll` (what a poll
   * sent now would leave): the poll, asked after the write, brings its event.
   */
  served(stored: readonly CachedEntry[], now: number, project?: string, afterPoll = false): ServedLog[] {
    this.prune(now);
    const keys = new Set(stored.map((e) => e.key));
    const own = [...this.logs.values()].filter((l) => l.droppedByUs && !keys.has(l.entry.key));
    return [...stored, ...own.map((l) => l.entry)]
      .map((entry) => this.current(entry, project, afterPoll) ?? { entry, currentAt: entry.fetchedAt })
      .sort((a, b) => b.entry.fetchedAt - a.entry.fetchedAt);
  }

  /** The body of a log held here (the one `served` answered for its key). */
  body(key: string): unknown {
    return this.logs.get(key)?.body;
  }

  /** Forgets every log (the store was cleared: a new user's answers start afresh). */
  forget(): void {
    this.logs.clear();
  }

  private current(
    stored: CachedEntry,
    project: string | undefined,
    afterPoll: boolean,
  ): ServedLog | undefined {
    const log = this.logs.get(stored.key);
    if (!log) return undefined;
    if (log.entry.fetchedAt < stored.fetchedAt) {
      // Another process sharing the store fetched it since: the store's copy is the one to read.
      this.logs.delete(stored.key);
      return undefined;
    }
    const { all, projects } = log.behind;
    const behind = all || (project === undefined ? projects.size > 0 : projects.has(project));
    return { entry: log.entry, currentAt: behind && !afterPoll ? -Infinity : log.currentAt };
  }

  private prune(now: number): void {
    for (const [key, log] of this.logs)
      if (now - log.entry.fetchedAt > this.lifetimeMs) this.logs.delete(key);
  }
}
