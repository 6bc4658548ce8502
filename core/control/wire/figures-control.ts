// The live figures (Overview), the caches (Cache panel) and the call log (Call log panel) over the store:
// today's counts are kept incrementally from committed rows (one aggregate query per day, not one per
// second), series come from the call log's time buckets, and the caches report their own statistics.
import type { CacheView, SeriesPoint } from '../../../shared/api/cache.js';
import type { LogFilter, LogPageQuery } from '../../../shared/api/logs.js';
import type { LiveStats } from '../../../shared/api/server.js';
import type { AppServices } from '../../app/services.js';
import type { Config } from '../../config.js';
import { isoDateIn, zonedWallTimeToMs } from '../../mcp/tools/kit/dates.js';
import type { CallLogFilter } from '../../store/call-log-query.js';
import { callStats } from '../../store/stats.js';
import type { CacheKind } from '../../upstream/cache-policy.js';
import type { CacheControl, CallsControl } from '../services.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface FiguresDeps {
  config: Pick<Config, 'timeZone' | 'responseCache'>;
  app: Pick<AppServices, 'callLog' | 'caches' | 'upstream'>;
  now?: () => number;
}

export function toStoreFilter(f: LogFilter): CallLogFilter {
  return { client: f.client, target: f.tool, status: f.status, since: f.since, until: f.until, text: f.q };
}

/** `count` buckets of `step` ending with the one holding `now`, empty ones included. */
function fill(rows: SeriesPoint[], now: number, step: number, count: number): SeriesPoint[] {
  const byT = new Map(rows.map((r) => [r.t, r]));
  const last = now - (now % step);
  return Array.from({ length: count }, (_, i) => {
    const t = last - (count - 1 - i) * step;
    return byT.get(t) ?? { t, calls: 0, upstream: 0, hits: 0 };
  });
}

export function createFigures(deps: FiguresDeps): {
  live(): LiveStats;
  cache: CacheControl;
  calls: CallsControl;
  close(): void;
} {
  const now = deps.now ?? Date.now;
  const { reader: callLog, subscribe } = deps.app.callLog;
  const { responses, files } = deps.app.caches;
  let today: LiveStats['today'] | undefined;
  // The filter's choices: read once (a scan of the log), then kept current from committed rows.
  let facets: { clients: Set<string>; tools: Set<string> } | undefined;
  const startOfToday = (): number =>
    zonedWallTimeToMs(`${isoDateIn(new Date(now()), deps.config.timeZone)}T00:00:00`, deps.config.timeZone);
  const offRows = subscribe((row) => {
    facets?.clients.add(row.client);
    if (row.target !== null) facets?.tools.add(row.target);
    if (!today || Date.parse(row.time) < Date.parse(today.since)) return;
    today.calls += 1;
    if (row.status !== 'ok') today.errors += 1;
    today.cacheHits += row.cacheHits;
    today.upstreamRequests += row.upstreamRequests;
  });

  const todayCounts = (): LiveStats['today'] => {
    const since = startOfToday();
    if (!today || Date.parse(today.since) !== since) {
      const s = callStats(callLog, since);
      today = {
        since: new Date(since).toISOString(),
        calls: s.calls,
        errors: s.errors,
        cacheHits: s.cacheHits,
        upstreamRequests: s.upstreamRequests,
      };
    }
    return { ...today };
  };

  const live = (): LiveStats => {
    const u = deps.app.upstream();
    return {
      upstream: {
        requestsLastMinute: u.requestsLastMinute,
        ratePerSecond: u.ratePerSecond,
        queued: u.queued + u.backingOff,
        inFlight: u.inFlight,
        pausedForMs: u.pausedForMs,
        waitP95Ms: u.wait.p95,
      },
      today: todayCounts(),
    };
  };

  const cacheView = (): CacheView => {
    const rc = responses.stats();
    const fc = files.stats();
    const at = now();
    const fresh = deps.config.responseCache.freshSeconds;
    return {
      responses: {
        enabled: rc !== undefined,
        entries: rc?.entries ?? 0,
        bytes: rc?.bytes ?? 0,
        maxBytes: deps.config.responseCache.maxMb * 1_048_576,
        hits: rc?.hits ?? 0,
        misses: rc?.misses ?? 0,
        hitRate: rc && rc.hits + rc.misses > 0 ? rc.hitRate : null,
        kinds: (Object.keys(fresh) as CacheKind[]).map((kind) => ({
          kind,
          entries: rc?.byKind[kind]?.entries ?? 0,
          bytes: rc?.byKind[kind]?.bytes ?? 0,
          freshSeconds: fresh[kind],
        })),
      },
      files: {
        files: fc.files,
        bytes: fc.bytes,
        capBytes: fc.capBytes,
        maxFileBytes: fc.maxFileBytes,
        retentionDays: fc.retentionDays,
        hits: fc.hits,
        misses: fc.misses + fc.shared,
        hitRate: fc.hitRate,
        lastError: fc.lastError ? `${fc.lastError.at}: ${fc.lastError.message}` : null,
      },
      mirror: deps.app.caches.mirror?.stats() ?? null,
      requestsSaved: (rc?.hits ?? 0) + fc.hits,
      lastHour: fill(callLog.series(at - HOUR + MINUTE - (at % MINUTE), MINUTE), at, MINUTE, 60),
      lastDay: fill(callLog.series(at - 24 * HOUR + HOUR - (at % HOUR), HOUR), at, HOUR, 24),
    };
  };

  return {
    live,
    cache: {
      view: cacheView,
      clear(which) {
        if (which === 'responses') responses.clear();
        else files.clear();
        return cacheView();
      },
      syncNow() {
        deps.app.caches.mirror?.syncNow();
        return cacheView();
      },
    },
    calls: {
      page(q: LogPageQuery) {
        const page = callLog.query({ ...toStoreFilter(q), before: q.before, limit: q.limit ?? 200 });
        return { rows: page.rows, nextBefore: page.nextBefore ?? null };
      },
      facets() {
        const since = now() - 30 * 24 * HOUR;
        facets ??= {
          clients: new Set(callLog.distinct('client', since)),
          tools: new Set(callLog.distinct('target', since)),
        };
        return { clients: [...facets.clients].sort(), tools: [...facets.tools].sort() };
      },
      export: (format, filter) => callLog.export(format, toStoreFilter(filter)),
      subscribe,
    },
    close: offRows,
  };
}
