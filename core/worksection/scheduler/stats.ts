// What the scheduler reports about itself: queue depth, in-flight requests, how long requests waited for
// their first start, retries by reason, starts per minute and coalesced reads. Wait-time percentiles cover
// a recent window so the UI shows the present, not the whole session.
import type { RetryReason } from '../errors.js';

export interface WaitStats {
  /** Requests that started within the window. */
  count: number;
  p50: number;
  p95: number;
  max: number;
}

export interface SchedulerStats {
  /** Requests waiting for a start slot (retries whose backoff has run out included). */
  queued: number;
  /** The low-priority lane (the mirror's sync): waiting now, started since creation. */
  background: { queued: number; started: number };
  /** Requests sleeping between attempts. */
  backingOff: number;
  inFlight: number;
  /** True while a token refresh holds back new starts. */
  refreshing: boolean;
  /** Milliseconds until a Retry-After pause ends; 0 when not paused. */
  pausedForMs: number;
  /** Configured limit, requests per second (Infinity when off). */
  ratePerSecond: number;
  /** Time from submission to first start, ms, over the last `statsWindowMs`. */
  wait: WaitStats;
  retries: Record<RetryReason, number>;
  /** Attempts started in the last 60 s (retries count: they are starts too). */
  startsLastMinute: number;
  /** Totals since creation. */
  started: number;
  succeeded: number;
  failed: number;
  cancelled: number;
  /** Submissions answered by joining an identical in-flight read. */
  coalesced: number;
}

const MINUTE = 60_000;

export class StatsRecorder {
  readonly retries: Record<RetryReason, number> = {
    rate_limited: 0,
    server_error: 0,
    timeout: 0,
    network: 0,
    malformed: 0,
    auth_refresh: 0,
  };
  started = 0;
  succeeded = 0;
  failed = 0;
  cancelled = 0;
  coalesced = 0;
  private readonly startTimes: number[] = [];
  private readonly waits: Array<{ at: number; ms: number }> = [];

  constructor(private readonly windowMs: number) {}

  recordStart(now: number, waitedMs: number | undefined): void {
    this.started++;
    this.startTimes.push(now);
    if (waitedMs !== undefined) this.waits.push({ at: now, ms: waitedMs });
    this.prune(now);
  }

  /** A snapshot: the scheduler's live state plus what was recorded here. */
  snapshot(
    now: number,
    live: Pick<
      SchedulerStats,
      'queued' | 'background' | 'backingOff' | 'inFlight' | 'refreshing' | 'pausedForMs' | 'ratePerSecond'
    >,
  ): SchedulerStats {
    return {
      ...live,
      wait: this.waitStats(now),
      retries: { ...this.retries },
      startsLastMinute: this.startsLastMinute(now),
      started: this.started,
      succeeded: this.succeeded,
      failed: this.failed,
      cancelled: this.cancelled,
      coalesced: this.coalesced,
    };
  }

  waitStats(now: number): WaitStats {
    this.prune(now);
    const sorted = this.waits.map((w) => w.ms).sort((a, b) => a - b);
    return {
      count: sorted.length,
      p50: percentile(sorted, 0.5),
      p95: percentile(sorted, 0.95),
      max: sorted.at(-1) ?? 0,
    };
  }

  startsLastMinute(now: number): number {
    this.prune(now);
    return this.startTimes.length;
  }

  private prune(now: number): void {
    while ((this.startTimes[0] ?? Infinity) <= now - MINUTE) this.startTimes.shift();
    while ((this.waits[0]?.at ?? Infinity) <= now - this.windowMs) this.waits.shift();
  }
}

/** Nearest-rank percentile of an ascending list; 0 for an empty one. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? 0;
}
