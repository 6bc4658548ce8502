// The mirror as a service: binds the store to the signed-in account, runs the sync loop in the
// background (sync.ts), reports progress, applies our own writes at once, and answers searches only
// from a sound, synced mirror. A mirror SQLite reports as damaged is wiped and synced again, never served.
import { isCorruption } from '../store/db-recovery.js';
import type { Db } from '../store/db.js';
import type { WsParams } from '../worksection/transport.js';
import { applyWrite } from './changes.js';
import { createMirrorStore, type MirrorCounts, type MirrorStore } from './mirror-store.js';
import { searchMirror, type SearchQuery, type SearchAnswer } from './search.js';
import { eventOfWrite, KnownEvents } from './known-events.js';
import { mirrorProblem } from './soundness.js';
import { MirrorSync, type MirrorSource, type MirrorSyncOptions, type PollOutcome } from './sync.js';

/** The longest a tool waits for the sync's step under way before its poll: then it fetches instead. */
const POLL_WAIT_MS = 3_000;

export interface MirrorOptions {
  db: Db;
  account: string;
  source: MirrorSource;
  eventsEverySeconds: number;
  quietEventsEverySeconds?: MirrorSyncOptions['quietEventsEverySeconds'];
  lastCallAt?: MirrorSyncOptions['lastCallAt'];
  fullCheckHours: number;
  signedIn?: MirrorSyncOptions['signedIn'];
  feedsCache?: MirrorSyncOptions['feedsCache'];
  peopleEverySeconds?: MirrorSyncOptions['peopleEverySeconds'];
  activitySeedEverySeconds?: MirrorSyncOptions['activitySeedEverySeconds'];
  timeZone?: MirrorSyncOptions['timeZone'];
  beginConfirm?: MirrorSyncOptions['beginConfirm'];
  /** Requests per second the mirror may use (the rate times the background share): for "time left". */
  syncRatePerSecond: number;
  now?: () => number;
  log?: (line: string) => void;
  /** Waits between steps; injectable for tests. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export interface MirrorProgress {
  state: 'first_sync' | 'syncing' | 'idle' | 'stopped' | 'error';
  firstSyncDone: boolean;
  counts: MirrorCounts;
  requestsMade: number;
  requestsToday: number;
  /** Requests the work known now still needs (project task lists, discussions to crawl). */
  requestsLeft: number;
  secondsLeft: number;
  lastSyncAt?: number;
  nextSyncAt?: number;
  lastError?: string;
}

const sleepFor = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

export interface Mirror {
  store: MirrorStore;
  sync: MirrorSync;
  start(): void;
  stop(): Promise<void>;
  /** "Sync now": a full pass starts at once (events and the crawl follow). */
  syncNow(): void;
  /** Forgets everything held (another user signed in: they may see different data) and syncs anew. */
  reset(): void;
  /** An assistant is calling: after a quiet spell the activity log is asked at once, not at the quiet pace. */
  noteCall(): void;
  /**
   * Asks the activity log now for a tool waiting on it (sync.ts pollNow); 'none' when not syncing, when it
   * failed, or when the step under way kept it waiting longer than POLL_WAIT_MS.
   */
  pollNow(): Promise<PollOutcome>;
  /** A successful write through our tools, reflected at once. */
  noteWrite(action: string, params: WsParams | undefined, answer: unknown): void;
  /** Undefined until the first sync has the account's projects and tasks. */
  search(query: SearchQuery): SearchAnswer | undefined;
  /** How many tasks the account has (archived projects' too); undefined until the first sync is done. */
  accountTasks(): number | undefined;
  /** Whether polls have shown the time zone set is the one the activity log is stamped in. */
  zoneRight(): boolean;
  progress(): MirrorProgress;
}

export function createMirror(opts: MirrorOptions): Mirror {
  const now = opts.now ?? Date.now;
  const log = opts.log ?? (() => {});
  const sleep = opts.sleep ?? sleepFor;
  const store = createMirrorStore(opts.db);
  store.bindAccount(opts.account);
  // Checked once per start: a mirror damaged while the app was away (a disk fault, a copied or edited
  // file) is rebuilt before anything reads it.
  const problem = mirrorProblem(opts.db);
  if (problem) {
    log(`[warn] the local mirror is damaged (${problem}); rebuilding it`);
    store.wipe();
    store.bindAccount(opts.account);
  }
  const knownEvents = new KnownEvents(now);
  const sync = new MirrorSync({ ...opts, store, now, knownEvents, log });
  let stopped = true;
  let busy = false;
  let lastError: string | undefined;
  let wake = new AbortController();
  let running: Promise<void> | undefined;

  /** Runs `fn` on the store; a damaged mirror is wiped (synced again from scratch) instead of served. */
  function guarded<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      if (!isCorruption(err)) throw err;
      log(`[warn] the local mirror is damaged (${(err as Error).message}); rebuilding it`);
      store.wipe();
      store.bindAccount(opts.account);
      throw err;
    }
  }

  async function loop(): Promise<void> {
    let backoffMs = 0;
    while (!stopped) {
      // A wake while a step ran is this next step; one during the sleep below ends it.
      if (wake.signal.aborted) wake = new AbortController();
      try {
        busy = true;
        const did = await guarded(() => sync.step());
        busy = false;
        lastError = undefined;
        backoffMs = 0;
        if (did) continue;
        const wait = Math.max(50, sync.nextDueAt() - now());
        if (!wake.signal.aborted) await sleep(Math.min(wait, 60_000), wake.signal);
      } catch (err) {
        busy = false;
        if (stopped) break;
        lastError = (err as Error).message;
        log(`[warn] mirror sync: ${lastError}`);
        backoffMs = Math.min(600_000, Math.max(5_000, backoffMs * 2));
        if (!wake.signal.aborted) await sleep(backoffMs, wake.signal);
      }
    }
  }

  function requestsLeft(c: MirrorCounts): number {
    // The phases before 'tasks', one request each.
    const phases: readonly string[] = sync.fullPhases().filter((p) => p !== 'tasks');
    const phase = store.meta.get('full_phase') ?? '';
    const fixed = phases.includes(phase) ? phases.length - phases.indexOf(phase) : 0;
    const shortDiscussions = opts.feedsCache ? store.shortDiscussionsToRead(sync.readMark) : 0;
    // A small account's stale lists are one request together (sync.readsWhole).
    const lists = c.staleProjects > 0 && sync.readsWhole() ? 1 : c.staleProjects;
    return fixed + lists + (c.discussedTasks - c.crawledTasks) + shortDiscussions;
  }

  return {
    store,
    sync,
    start(): void {
      if (!stopped) return;
      stopped = false;
      running = loop();
    },
    async stop(): Promise<void> {
      stopped = true;
      wake.abort();
      await running;
    },
    syncNow(): void {
      guarded(() => {
        store.meta.set('full_done_at', 0);
        sync.startFullPass();
        sync.pollEventsSoon();
      });
      wake.abort();
    },
    reset(): void {
      store.wipe();
      store.bindAccount(opts.account);
      wake.abort();
    },
    noteCall(): void {
      try {
        if (guarded(() => sync.noteCall())) wake.abort();
      } catch (err) {
        log(`[warn] mirror: ${(err as Error).message}`);
      }
    },
    async pollNow(): Promise<PollOutcome> {
      // Only the process that syncs polls (another sharing the data dir reads what it holds).
      if (stopped) return 'none';
      let waiting = true;
      const wanted = () => waiting && !stopped;
      let timer: NodeJS.Timeout | undefined;
      // The step under way waits on the background lane, which may not move for a while (a busy foreground,
      // or a share of 0): the tool then fetches rather than waits.
      const gaveUp = new Promise<PollOutcome>((resolve) => {
        timer = setTimeout(() => resolve('none'), POLL_WAIT_MS);
      });
      try {
        return await Promise.race([sync.pollNow(wanted), gaveUp]);
      } catch (err) {
        // The tool's read goes to Worksection instead.
        log(`[warn] mirror poll for a tool: ${(err as Error).message}`);
        return 'none';
      } finally {
        waiting = false;
        clearTimeout(timer);
      }
    },
    noteWrite(action: string, params: WsParams | undefined, answer: unknown): void {
      try {
        guarded(() => applyWrite(store, action, params, answer, now()));
        const event = eventOfWrite(action, params, answer);
        if (event) knownEvents.remember(event);
      } catch (err) {
        log(`[warn] mirror write-through skipped: ${(err as Error).message}`);
      }
    },
    search(query: SearchQuery): SearchAnswer | undefined {
      if (!sync.firstSyncDone) return undefined;
      return guarded(() => searchMirror(store, query));
    },
    accountTasks(): number | undefined {
      return sync.firstSyncDone ? guarded(() => store.taskCount()) : undefined;
    },
    zoneRight: () => sync.zoneRight,
    progress(): MirrorProgress {
      const counts = store.counts();
      const left = requestsLeft(counts);
      const m = store.meta;
      const lastSyncAt = Math.max(m.num('events_polled_at'), m.num('full_done_at')) || undefined;
      const state = stopped
        ? 'stopped'
        : lastError
          ? 'error'
          : !sync.firstSyncDone
            ? 'first_sync'
            : busy || left > 0
              ? 'syncing'
              : 'idle';
      return {
        state,
        firstSyncDone: sync.firstSyncDone,
        counts,
        requestsMade: m.num('requests_made'),
        requestsToday: store.requestsOn(new Date(now()).toISOString().slice(0, 10)),
        requestsLeft: left,
        secondsLeft: Math.ceil(left / Math.max(0.001, opts.syncRatePerSecond)),
        ...(lastSyncAt ? { lastSyncAt } : {}),
        ...(stopped ? {} : { nextSyncAt: sync.nextDueAt() }),
        ...(lastError ? { lastError } : {}),
      };
    },
  };
}
