// The activity logs (get_events answers) this process fetched, held in memory beside the response cache
// with how current each is, so the mirror's polls can keep them current:
//  - a poll that reaches back far enough adds its events the log lacks (derive/events.ts withPolledEvents),
//    our own writes' included, and the log is current until the poll;
//  - a write makes the logs that show its project lack the write's event until a poll asked after the write
//    brings it: until then they are not served for that project (an account-wide log still serves other
//    projects' logs). The store's copies are dropped as before, so another process sharing the store
//    never serves one; a write elsewhere reaches this one's logs with the next poll, like anyone's change;
//  - a log is held for the `lifetimeMs` after it was fetched, as long as any answer polls confirm.
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
}

const notBehind = () => ({ all: false, projects: new Set<string>() });
const projectOf = (log: HeldLog): string | undefined => {
  const p = log.entry.params.id_project;
  return typeof p === 'string' ? p : undefined;
};

export class HeldActivityLogs {
  private readonly logs = new Map<string, HeldLog>();

  constructor(private readonly lifetimeMs: number) {}

  /** A log just fetched (entry.fetchedAt is when). */
  keep(entry: CachedEntry, body: unknown): void {
    if (!isObj(body) || !Array.isArray(body.data)) return;
    this.logs.set(entry.key, {
      entry,
      body: { ...body, data: body.data },
      currentAt: entry.fetchedAt,
      behind: notBehind(),
    });
  }

  /** A write of ours in `project` (undefined: unknown) began: no log of it shows its event yet. */
  written(project: string | undefined): void {
    for (const log of this.logs.values()) {
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
    const shownFrom = latestChange(changed);
    for (const [key, log] of this.logs) {
      if (at - log.entry.fetchedAt > this.lifetimeMs) {
        this.logs.delete(key);
        continue;
      }
      if (events !== undefined && log.currentAt >= since + MERGE_OVERLAP_MS) {
        const data = withPolledEvents(log.body.data, events, projectOf(log));
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
   * The held log of `key` as current as it is for `project`'s events (every project: undefined), unless a
   * write of ours there may be missing from it; undefined when this process holds no log of that key
   * fetched at `fetchedAt` or later.
   */
  get(
    key: string,
    fetchedAt: number,
    project?: string,
  ): { entry: CachedEntry; currentAt: number } | undefined {
    const log = this.logs.get(key);
    if (!log) return undefined;
    if (log.entry.fetchedAt < fetchedAt) {
      // Another process sharing the store fetched it since: the store's copy is the one to read.
      this.logs.delete(key);
      return undefined;
    }
    const { all, projects } = log.behind;
    const behind = all || (project === undefined ? projects.size > 0 : projects.has(project));
    return behind ? { entry: log.entry, currentAt: -Infinity } : log;
  }

  /** The logs held here that the store no longer has (a write dropped them there). */
  notIn(keys: ReadonlySet<string>): CachedEntry[] {
    return [...this.logs.values()].filter((l) => !keys.has(l.entry.key)).map((l) => l.entry);
  }

  body(key: string): unknown {
    return this.logs.get(key)?.body;
  }
}
