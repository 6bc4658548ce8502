// The figures the UI and `wsmcp status` show, gathered from whoever holds them: the caches (entries, sizes,
// hit rates since the app started), the account's scheduler (requests per minute, queue depth, waits) and
// the call log (calls per tool and client, errors, over a recent window). Each source is optional: a
// process that has only the store (status beside a running server) still reports what the store knows.
import type { MirrorView } from '../../shared/api/cache.js';
import type { SchedulerStats } from '../worksection/scheduler/stats.js';
import type { CallLogReader } from './call-log-query.js';
import type { FileCacheStats } from './file-cache.js';
import type { ResponseCacheStats } from './response-cache.js';

/** The local mirror (core/mirror/) as the UI and `wsmcp status` show it: the control API's shape. */
export type MirrorStats = MirrorView;

export interface StatsSources {
  files?: { stats(): FileCacheStats };
  mirror?: { stats(): MirrorStats };
  responses?: { stats(): ResponseCacheStats };
  scheduler?: { stats(): SchedulerStats };
  calls?: Pick<CallLogReader, 'summary'>;
  /** The window of the call figures, ms. Default 24 hours. */
  callsWindowMs?: number;
  now?: () => number;
}

export interface UpstreamStats {
  /** Requests started in the last 60 s (retries count: Worksection counts them too). */
  requestsLastMinute: number;
  /** The configured limit per second; null when off. */
  ratePerSecond: number | null;
  queued: number;
  backingOff: number;
  inFlight: number;
  /** A 429's Retry-After still holding every request back, ms. */
  pausedForMs: number;
  /** Time from submission to start over the last few minutes, ms. */
  wait: SchedulerStats['wait'];
  retries: SchedulerStats['retries'];
  /** Totals since the app started. */
  started: number;
  failed: number;
  /** Reads answered by joining an identical read already in flight. */
  coalesced: number;
}

export interface CallCountsView {
  name: string;
  calls: number;
  errors: number;
  avgMs: number;
}

export interface CallStatsView {
  /** ISO time the window starts. */
  since: string;
  calls: number;
  errors: number;
  upstreamRequests: number;
  cacheHits: number;
  /** Of the reads the calls made, the share answered from cached data; null without any. */
  cacheHitRate: number | null;
  byTool: CallCountsView[];
  byClient: CallCountsView[];
}

export interface StoreStats {
  /** ISO time of the snapshot. */
  at: string;
  files?: FileCacheStats;
  responses?: ResponseCacheStats;
  upstream?: UpstreamStats;
  calls?: CallStatsView;
  mirror?: MirrorStats;
}

export const DEFAULT_CALLS_WINDOW_MS = 24 * 3_600_000;

export function upstreamStats(s: SchedulerStats): UpstreamStats {
  return {
    requestsLastMinute: s.startsLastMinute,
    // JSON has no Infinity.
    ratePerSecond: Number.isFinite(s.ratePerSecond) ? s.ratePerSecond : null,
    queued: s.queued,
    backingOff: s.backingOff,
    inFlight: s.inFlight,
    pausedForMs: s.pausedForMs,
    wait: s.wait,
    retries: s.retries,
    started: s.started,
    failed: s.failed,
    coalesced: s.coalesced,
  };
}

export function callStats(calls: Pick<CallLogReader, 'summary'>, since: number): CallStatsView {
  const summary = calls.summary({ since });
  const view = (c: (typeof summary.byTarget)[number]): CallCountsView => ({
    name: c.key,
    calls: c.calls,
    errors: c.errors,
    avgMs: Math.round(c.avgMs * 10) / 10,
  });
  const upstreamRequests = summary.byTarget.reduce((n, c) => n + (c.upstreamRequests ?? 0), 0);
  const cacheHits = summary.byTarget.reduce((n, c) => n + (c.cacheHits ?? 0), 0);
  const reads = upstreamRequests + cacheHits;
  return {
    since: new Date(since).toISOString(),
    calls: summary.calls,
    errors: summary.errors,
    upstreamRequests,
    cacheHits,
    cacheHitRate: reads === 0 ? null : cacheHits / reads,
    byTool: summary.byTarget.map(view),
    byClient: summary.byClient.map(view),
  };
}

/** One snapshot of every figure the sources have. A source that fails is left out, not fatal. */
export function collectStats(sources: StatsSources): StoreStats {
  const now = (sources.now ?? Date.now)();
  const out: StoreStats = { at: new Date(now).toISOString() };
  const attempt = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch {
      // A table missing in an older store, a store being replaced: the other figures still help.
      return undefined;
    }
  };
  const files = sources.files && attempt(() => sources.files!.stats());
  if (files) out.files = files;
  const responses = sources.responses && attempt(() => sources.responses!.stats());
  if (responses) out.responses = responses;
  const scheduler = sources.scheduler && attempt(() => upstreamStats(sources.scheduler!.stats()));
  if (scheduler) out.upstream = scheduler;
  const mirror = sources.mirror && attempt(() => sources.mirror!.stats());
  if (mirror) out.mirror = mirror;
  const window = sources.callsWindowMs ?? DEFAULT_CALLS_WINDOW_MS;
  const calls = sources.calls && attempt(() => callStats(sources.calls!, now - window));
  if (calls) out.calls = calls;
  return out;
}
