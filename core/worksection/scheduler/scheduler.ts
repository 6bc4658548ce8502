// The one gate every upstream request of an account passes through. It keeps the account under its rate
// (requests started per sliding second), serves callers round-robin, shares identical in-flight reads,
// retries what is safe to retry, renews an expired access token once for everyone, and reports what it is
// doing for the UI.
//
// Writes are retried only when the request surely never reached Worksection (429, connection refused):
// a 5xx, a timeout or a dropped connection on a write may come after Worksection applied it, and
// Worksection has no idempotency keys, so repeating it could post a comment or log time twice.
import { backoffDelay, DEFAULT_RETRY_POLICY, type RetryPolicy } from './backoff.js';
import { realClock, type Clock } from './clock.js';
import {
  AuthExpiredError,
  AuthInvalidError,
  CancelledError,
  exhaustedError,
  TransientFailure,
} from '../errors.js';
import { untilAborted } from './abort.js';
import { BackgroundLane, checkedShare } from './background-lane.js';
import { FairQueue } from './fair-queue.js';
import { RateWindow } from './rate-window.js';
import { StatsRecorder, type SchedulerStats } from './stats.js';
import type { Job, ScheduleRequest, SchedulerOptions, Waiter } from './types.js';
import { renewalError, TokenRenewal, type AttemptAuth } from './token-renewal.js';

export type { SchedulerStats } from './stats.js';
export type { AttemptContext, Effect, ScheduleRequest, SchedulerOptions } from './types.js';

type Listener = (stats: SchedulerStats) => void;

export class Scheduler {
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly policy: RetryPolicy;
  private readonly window: RateWindow;
  private readonly renewal: TokenRenewal | undefined;
  private readonly queue = new FairQueue<Job>();
  private readonly background: BackgroundLane;
  /** Aborted to cut short a wait the loop began for a background request when foreground work arrives. */
  private wake = new AbortController();
  private readonly active = new Set<Job>();
  private readonly shared = new Map<string, Job>();
  private readonly recorder: StatsRecorder;
  private readonly listeners = new Set<Listener>();
  private readonly closing = new AbortController();
  private inFlight = 0;
  private pausedUntil = 0;
  private looping = false;
  private notifyPending = false;

  constructor(options: SchedulerOptions = {}) {
    this.clock = options.clock ?? realClock;
    this.random = options.random ?? Math.random;
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.window = new RateWindow(options);
    this.renewal = options.refreshAuth
      ? new TokenRenewal(options.refreshAuth, this.clock, this.policy.timeoutMs, () => {
          this.changed();
          this.pump();
        })
      : undefined;
    this.recorder = new StatsRecorder(options.statsWindowMs ?? 5 * 60_000);
    this.background = new BackgroundLane(options);
  }

  schedule<T>(req: ScheduleRequest<T>): Promise<T> {
    const { signal } = req;
    if (this.closing.signal.aborted) return Promise.reject(new CancelledError(req.action, false));
    if (signal?.aborted) {
      this.recorder.cancelled++;
      return Promise.reject(new CancelledError(req.action, false, { cause: signal.reason }));
    }
    return new Promise<T>((resolve, reject) => {
      // A background read never shares a job with a foreground one: the foreground must not wait in its lane.
      const key =
        req.effect !== 'read' || req.coalesceKey === undefined
          ? undefined
          : `${req.background ? 'bg' : 'fg'}:${req.coalesceKey}`;
      let job = key === undefined ? undefined : this.shared.get(key);
      if (job) {
        this.recorder.coalesced++;
      } else {
        job = this.createJob(req as ScheduleRequest<unknown>, key);
        if (key !== undefined) this.shared.set(key, job);
      }
      const target = job;
      const waiter: Waiter = { resolve: resolve as (v: unknown) => void, reject, detach: () => {} };
      if (signal) {
        const onAbort = () => this.abandon(target, waiter, signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
        waiter.detach = () => signal.removeEventListener('abort', onAbort);
      }
      job.waiters.add(waiter);
      this.changed();
      this.pump();
    });
  }

  stats(): SchedulerStats {
    const now = this.clock.now();
    let backingOff = 0;
    for (const job of this.active) if (job.state === 'backoff' || job.state === 'auth') backingOff++;
    return this.recorder.snapshot(now, {
      queued: this.queue.size + this.background.queue.size,
      background: { queued: this.background.queue.size, started: this.background.started },
      backingOff,
      inFlight: this.inFlight,
      refreshing: this.renewal?.busy ?? false,
      pausedForMs: Math.max(0, Math.ceil(this.pausedUntil - now)),
      ratePerSecond: this.window.unlimited ? Infinity : (this.window.limit * 1000) / this.window.windowMs,
    });
  }

  /** The largest share of the rate background requests may use (0..1), e.g. from the user's setting. */
  setBackgroundShare(share: number): void {
    this.background.share = checkedShare(share);
    this.pump();
  }

  /** Calls `listener` with a fresh snapshot after changes (at most once per microtask). */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Cancels everything queued or running; later submissions are refused. */
  close(): void {
    if (this.closing.signal.aborted) return;
    this.closing.abort();
    this.queue.drain();
    this.background.queue.drain();
    for (const job of [...this.active]) {
      job.controller.abort();
      this.settle(job, 'cancelled', new CancelledError(job.req.action, job.attempts > 0));
    }
  }

  private createJob(req: ScheduleRequest<unknown>, key: string | undefined): Job {
    const job: Job = {
      req,
      key,
      caller: req.caller ?? 'default',
      waiters: new Set(),
      controller: new AbortController(),
      submittedAt: this.clock.now(),
      state: 'queued',
      attempts: 0,
      authRetried: false,
    };
    this.active.add(job);
    this.laneOf(job).push(job.caller, job);
    if (!req.background) {
      this.background.foregroundStarted();
      this.wake.abort();
    }
    return job;
  }

  private laneOf(job: Job): FairQueue<Job> {
    return job.req.background ? this.background.queue : this.queue;
  }

  private pump(): void {
    if (!this.looping) void this.loop();
  }

  // Runs synchronously up to the first wait, so an uncontended request starts within the schedule() call.
  private async loop(): Promise<void> {
    this.looping = true;
    try {
      while (!this.closing.signal.aborted && !this.renewal?.busy) {
        const now = this.clock.now();
        const windowAt = Math.max(this.window.nextStartAt(now), this.pausedUntil);
        const foreground = this.queue.size > 0;
        const at = foreground ? windowAt : this.background.nextStartAt(windowAt, this.window.intervalMs);
        if (at === undefined) break; // nothing to start, or background waiting for the foreground
        if (at > now) {
          if (this.wake.signal.aborted) this.wake = new AbortController();
          const wait = AbortSignal.any([this.closing.signal, this.wake.signal]);
          await this.clock.sleep(at - now, wait).catch(() => {});
          continue;
        }
        const job = foreground ? this.queue.shift() : this.background.queue.shift();
        if (!job) continue;
        if (!foreground) this.background.recordStart(now);
        this.start(job, now);
      }
    } finally {
      this.looping = false;
    }
  }

  private start(job: Job, now: number): void {
    job.state = 'running';
    job.attempts++;
    const counted = this.window.record(now);
    // Background requests wait by design: their waits would hide the foreground's in the figures.
    const firstStart = job.attempts === 1 && !job.req.background;
    this.recorder.recordStart(now, firstStart ? now - job.submittedAt : undefined);
    this.inFlight++;
    const timeout = this.clock.timeout(this.policy.timeoutMs);
    const signal = AbortSignal.any([job.controller.signal, timeout]);
    const generation = this.renewal?.generation ?? 0;
    // Raced against its own signal, so an attempt that ignores the signal (a token provider that hangs)
    // still ends at the timeout or on cancellation.
    const sent = () => this.window.moveLater(counted, this.clock.now());
    untilAborted(() => job.req.attempt({ signal, attempt: job.attempts, sent }), signal).then(
      (value) => {
        this.inFlight--;
        this.settle(job, 'ok', value);
      },
      (error: unknown) => {
        this.inFlight--;
        const timedOut = timeout.aborted && !job.controller.signal.aborted;
        this.onFailure(job, timedOut ? new TransientFailure('timeout', {}, { cause: error }) : error, {
          generation,
          startedAt: now,
        });
      },
    );
    this.changed();
  }

  private onFailure(job: Job, error: unknown, attempt: AttemptAuth): void {
    if (job.state !== 'running') return; // abandoned or closed meanwhile; waiters already answered
    if (error instanceof TransientFailure) return this.retryOrFail(job, error);
    const auth = error instanceof AuthExpiredError || error instanceof AuthInvalidError;
    if (auth && this.renewal && !job.authRetried) return this.renewAuth(job, this.renewal, error, attempt);
    this.settle(job, 'failed', error);
  }

  private retryOrFail(job: Job, failure: TransientFailure): void {
    const now = this.clock.now();
    // A 429 holds back every request of the account, not just this one.
    if (failure.reason === 'rate_limited' && failure.retryAfterMs !== undefined) {
      this.pausedUntil = Math.max(this.pausedUntil, now + failure.retryAfterMs);
    }
    const write = job.req.effect === 'write';
    const limit = this.policy.maxAttempts + (job.authRetried ? 1 : 0);
    if ((write && !failure.notDelivered) || job.attempts >= limit) {
      return this.settle(job, 'failed', exhaustedError(job.req.action, job.attempts, failure, write));
    }
    this.recorder.retries[failure.reason]++;
    const delay =
      failure.retryAfterMs ??
      backoffDelay(job.attempts - (job.authRetried ? 1 : 0), this.policy, this.random);
    job.state = 'backoff';
    this.changed();
    this.clock.sleep(delay, job.controller.signal).then(
      () => this.requeue(job, 'backoff'),
      () => {}, // abandoned or closed: already answered
    );
  }

  // Each request gets one retry after a token renewal, on top of its transient retries.
  private renewAuth(
    job: Job,
    renewal: TokenRenewal,
    error: AuthExpiredError | AuthInvalidError,
    attempt: AttemptAuth,
  ): void {
    const decision = renewal.decide(job.req.action, error, attempt);
    if (decision.kind === 'fail') return this.settle(job, 'failed', decision.error);
    job.authRetried = true;
    this.recorder.retries.auth_refresh++;
    if (decision.kind === 'retry') return this.requeue(job, 'running');
    job.state = 'auth';
    this.changed();
    decision.renewal.then(
      () => this.requeue(job, 'auth'),
      (e: unknown) => {
        if (job.state === 'auth') this.settle(job, 'failed', renewalError(job.req.action, e));
      },
    );
  }

  private requeue(job: Job, from: Job['state']): void {
    if (job.state !== from) return;
    job.state = 'queued';
    // A retry keeps its place at the head of its caller's line.
    this.laneOf(job).unshift(job.caller, job);
    this.changed();
    this.pump();
  }

  private abandon(job: Job, waiter: Waiter, reason: unknown): void {
    if (!job.waiters.delete(waiter)) return;
    waiter.detach();
    this.recorder.cancelled++;
    waiter.reject(new CancelledError(job.req.action, job.attempts > 0, { cause: reason }));
    if (job.waiters.size === 0 && job.state !== 'done') {
      // Nobody wants the answer any more: never start it, or stop it where it is.
      if (job.state === 'queued') this.laneOf(job).remove(job.caller, job);
      job.controller.abort(reason);
      this.retire(job);
    }
    this.changed();
  }

  private settle(job: Job, outcome: 'ok' | 'failed' | 'cancelled', value: unknown): void {
    if (job.state === 'done') return;
    this.retire(job);
    if (outcome === 'ok') this.recorder.succeeded++;
    else if (outcome === 'failed') this.recorder.failed++;
    else this.recorder.cancelled += job.waiters.size;
    for (const waiter of job.waiters) {
      waiter.detach();
      if (outcome === 'ok') waiter.resolve(value);
      else waiter.reject(value);
    }
    job.waiters.clear();
    this.changed();
  }

  private retire(job: Job): void {
    job.state = 'done';
    this.active.delete(job);
    const key = job.key;
    if (key !== undefined && this.shared.get(key) === job) this.shared.delete(key);
    if (!job.req.background) {
      this.background.foregroundEnded(this.clock.now());
      // Background work may go again once the foreground is quiet.
      if (this.background.queue.size > 0 && !this.closing.signal.aborted) queueMicrotask(() => this.pump());
    }
  }

  private changed(): void {
    if (this.notifyPending || this.listeners.size === 0) return;
    this.notifyPending = true;
    queueMicrotask(() => {
      this.notifyPending = false;
      const snapshot = this.stats();
      for (const listener of this.listeners) listener(snapshot);
    });
  }
}
