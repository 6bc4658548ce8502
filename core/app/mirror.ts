// The local mirror as the app runs it: one per account, on the database of the data dir, syncing on the
// scheduler's background lane within the user's share (config `mirror`). Only the process that owns the
// data dir syncs (another may search what it holds); sync starts a little after serving does and only
// while signed in, and a change of user starts the mirror over.
import type { AccountStatus } from '../auth/account-state.js';
import type { Config } from '../config.js';
import { createMirror, type Mirror, type MirrorProgress } from '../mirror/mirror.js';
import { backgroundSource } from '../mirror/sync.js';
import type { Db } from '../store/db.js';
import type { MirrorStats } from '../store/stats.js';
import {
  activitySeedEverySeconds,
  peopleEverySeconds,
  type ResponseCacheScope,
} from '../upstream/cached-responses.js';
import type { WorksectionClient } from '../worksection/client.js';

export interface AppMirror {
  mirror: Mirror;
  /** Starts syncing after the configured delay, while signed in (the serving process only). */
  startSync(account: { current: AccountStatus; subscribe(l: (s: AccountStatus) => void): () => void }): void;
  stats(): MirrorStats;
  /** "Sync now": a full pass at once, starting sync now rather than after the delay. */
  syncNow(): void;
  close(): Promise<void>;
}

const iso = (ms: number | undefined) => (ms ? new Date(ms).toISOString() : undefined);

export function mirrorStats(p: MirrorProgress): MirrorStats {
  const { counts: c } = p;
  const lastSyncAt = iso(p.lastSyncAt);
  const nextSyncAt = iso(p.nextSyncAt);
  return {
    state: p.state,
    firstSyncDone: p.firstSyncDone,
    objects: {
      projects: c.projects,
      tasks: c.tasks,
      comments: c.comments,
      users: c.users,
      tags: c.tags,
      folders: c.folders,
    },
    discussedTasks: c.discussedTasks,
    commentsIndexedFor: c.crawledTasks,
    requestsToday: p.requestsToday,
    requestsMade: p.requestsMade,
    requestsLeft: p.requestsLeft,
    secondsLeft: p.secondsLeft,
    ...(lastSyncAt ? { lastSyncAt } : {}),
    ...(nextSyncAt ? { nextSyncAt } : {}),
    ...(p.lastError ? { lastError: p.lastError } : {}),
  };
}

export function openMirror(
  config: Config,
  db: Db,
  client: WorksectionClient,
  account: string,
  log: (line: string) => void,
  /** The response cache: what sync reads answers tools too, and quiet activity polls keep it fresh. */
  responses?: ResponseCacheScope,
  /** When an assistant last called, in any process sharing the data dir (the call log). */
  lastCallAt?: () => number | undefined,
): AppMirror | undefined {
  const settings = config.mirror;
  if (!settings.enabled) return undefined;
  client.scheduler.setBackgroundShare(settings.backgroundShare);
  const rate = client.scheduler.stats().ratePerSecond;
  const mirror = createMirror({
    db,
    account,
    source: responses ? responses.feed(backgroundSource(client)) : backgroundSource(client),
    ...(responses ? { beginConfirm: () => responses.beginConfirm() } : {}),
    eventsEverySeconds: settings.eventsEverySeconds,
    ...(lastCallAt ? { lastCallAt, quietEventsEverySeconds: settings.quietEventsEverySeconds } : {}),
    fullCheckHours: settings.fullCheckHours,
    signedIn: client.mode === 'oauth',
    // Only with the response cache, which holds what these reads are for.
    ...(responses
      ? {
          peopleEverySeconds: peopleEverySeconds(config.responseCache.freshSeconds),
          activitySeedEverySeconds: activitySeedEverySeconds(config.responseCache.freshSeconds),
          feedsCache: true,
        }
      : {}),
    timeZone: config.timeZone,
    syncRatePerSecond: Number.isFinite(rate) ? rate * settings.backgroundShare : 100,
    log,
  });
  let timer: NodeJS.Timeout | undefined;
  let unsubscribe: (() => void) | undefined;
  let begin: (() => void) | undefined;
  const follow = (status: AccountStatus) => {
    if (status.kind === 'signed_in') mirror.start();
    else void mirror.stop();
  };
  return {
    mirror,
    startSync(account) {
      begin = () => {
        clearTimeout(timer);
        if (unsubscribe) return;
        follow(account.current);
        unsubscribe = account.subscribe(follow);
      };
      timer = setTimeout(begin, settings.startDelaySeconds * 1000);
      timer.unref();
    },
    stats: () => mirrorStats(mirror.progress()),
    syncNow() {
      mirror.syncNow();
      begin?.();
    },
    async close() {
      clearTimeout(timer);
      unsubscribe?.();
      await mirror.stop();
    },
  };
}
