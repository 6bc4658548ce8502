// The shapes the scheduler works with: what a caller submits, what an attempt receives, the options, and
// the scheduler's own bookkeeping of a request (a Job, shared by every waiter of a coalesced read).
import type { RetryPolicy } from './backoff.js';
import type { Clock } from './clock.js';
import type { BackgroundOptions } from './background-lane.js';
import type { RateConfig } from './rate-window.js';

export type Effect = 'read' | 'write';

export interface AttemptContext {
  /** Aborts when every waiter has gone, the per-attempt timeout fires, or the scheduler closes. */
  signal: AbortSignal;
  /** 1 for the first attempt. */
  attempt: number;
  /**
   * Call when the request actually leaves (its headers are on the wire): the rate window counts the
   * attempt from then instead of from its start, so set-up delays cannot bring the next arrival early.
   */
  sent(): void;
}

export interface ScheduleRequest<T> {
  /** The Worksection action, for errors and stats. */
  action: string;
  effect: Effect;
  /** Fairness key: the MCP session or other client on whose behalf this runs. */
  caller?: string;
  /** Identical reads with the same key share one upstream request. Ignored for writes. */
  coalesceKey?: string;
  signal?: AbortSignal;
  /**
   * Low priority (the mirror's sync): starts only in slots foreground requests leave, within the
   * background share of the rate, and never while foreground requests are queued or running.
   */
  background?: boolean;
  /**
   * One upstream attempt. Throw TransientFailure for what may be retried, AuthExpiredError for an expired
   * access token, and any other WorksectionError for a final answer.
   */
  attempt(ctx: AttemptContext): Promise<T>;
}

export interface SchedulerOptions extends RateConfig, BackgroundOptions {
  retry?: Partial<RetryPolicy>;
  /** Renews the access token; called at most once at a time, shared by every request that hit a 401. */
  refreshAuth?: () => Promise<void>;
  clock?: Clock;
  random?: () => number;
  /** Window of the wait-time statistics, ms. Default 5 minutes. */
  statsWindowMs?: number;
}

export interface Waiter {
  resolve(value: unknown): void;
  reject(error: unknown): void;
  detach(): void;
}

export interface Job {
  readonly req: ScheduleRequest<unknown>;
  readonly caller: string;
  /** The coalescing key (lane-prefixed) this job is shared under, if any. */
  readonly key: string | undefined;
  readonly waiters: Set<Waiter>;
  /** Aborted when nobody waits any more or the scheduler closes: stops a running attempt or a backoff. */
  readonly controller: AbortController;
  readonly submittedAt: number;
  state: 'queued' | 'running' | 'backoff' | 'auth' | 'done';
  attempts: number;
  authRetried: boolean;
}
