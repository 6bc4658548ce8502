// Scheduler behaviour against an injected fake upstream and a hand-driven clock. The real-time, real-HTTP
// checks against the sandbox live in client.sandbox.test.ts.
import { describe, expect, it } from 'vitest';
import {
  AuthExpiredError,
  AuthInvalidError,
  CancelledError,
  RateLimitedError,
  TransientFailure,
  UpstreamUnavailableError,
  WorksectionApiError,
} from '../errors.js';
import { Scheduler, type AttemptContext, type Effect, type SchedulerOptions } from './scheduler.js';
import { FakeClock, settle } from '../testing/fake-clock.js';

interface Start {
  label: string;
  at: number;
  attempt: number;
}

function setup(options: Partial<SchedulerOptions> = {}) {
  const clock = new FakeClock();
  const scheduler = new Scheduler({ clock, random: () => 0.5, ...options });
  const starts: Start[] = [];
  const submit = <T = string>(
    label: string,
    init: {
      caller?: string;
      effect?: Effect;
      key?: string;
      signal?: AbortSignal;
      run?: (ctx: AttemptContext) => Promise<T>;
    } = {},
  ): Promise<T> =>
    scheduler.schedule<T>({
      action: label,
      effect: init.effect ?? 'read',
      caller: init.caller,
      coalesceKey: init.key,
      signal: init.signal,
      attempt: (ctx) => {
        starts.push({ label, at: clock.now(), attempt: ctx.attempt });
        return init.run ? init.run(ctx) : Promise.resolve(label as T);
      },
    });
  return { clock, scheduler, starts, submit };
}

/** An attempt that only ends when its signal aborts. */
const hang = ({ signal }: AttemptContext): Promise<never> =>
  new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));

describe('Scheduler: rate', () => {
  it('starts at most one request per window plus margin at rate 1', async () => {
    const { clock, starts, submit } = setup({ ratePerSecond: 1, marginMs: 15 });
    const all = Promise.all(['a', 'b', 'c', 'd'].map((l) => submit(l)));
    await clock.runUntil(() => starts.length === 4);
    expect(await all).toEqual(['a', 'b', 'c', 'd']);
    expect(starts.map((s) => s.at)).toEqual([0, 1015, 2030, 3045]);
  });

  it('paces starts evenly at rate 3 and keeps 3 per window plus margin', async () => {
    const { clock, starts, submit } = setup({ ratePerSecond: 3, marginMs: 10 });
    const all = Promise.all(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((l) => submit(l)));
    await clock.runUntil(() => starts.length === 7);
    await all;
    // Gaps of 1000/3 ms until the window rule (oldest of the last 3 + 1010 ms) takes over.
    expect(starts.map((s) => Math.round(s.at))).toEqual([0, 333, 667, 1010, 1343, 1677, 2020]);
  });
});

describe('Scheduler: fairness', () => {
  it('serves callers round-robin and FIFO within a caller', async () => {
    const { clock, starts, submit } = setup({ ratePerSecond: 1 });
    const jobs = [
      ...['a1', 'a2', 'a3', 'a4', 'a5'].map((l) => submit(l, { caller: 'A' })),
      ...['b1', 'b2'].map((l) => submit(l, { caller: 'B' })),
      submit('c1', { caller: 'C' }),
    ];
    await clock.runUntil(() => starts.length === jobs.length);
    await Promise.all(jobs);
    // a1 starts at once; the rest wait and are dealt out one per caller per turn.
    expect(starts.map((s) => s.label)).toEqual(['a1', 'a2', 'b1', 'c1', 'a3', 'b2', 'a4', 'a5']);
  });
});

describe('Scheduler: coalescing', () => {
  it('shares one upstream request between identical reads, never between writes', async () => {
    const { clock, scheduler, starts, submit } = setup({ ratePerSecond: 1 });
    const first = submit('blocker');
    const reads = [submit('get', { key: 'k' }), submit('get', { key: 'k', caller: 'other' })];
    const writes = [
      submit('post', { key: 'w', effect: 'write' }),
      submit('post', { key: 'w', effect: 'write' }),
    ];
    await clock.runUntil(() => starts.length === 4);
    expect(await Promise.all([first, ...reads, ...writes])).toEqual([
      'blocker',
      'get',
      'get',
      'post',
      'post',
    ]);
    expect(starts.map((s) => s.label)).toEqual(['blocker', 'get', 'post', 'post']);
    expect(scheduler.stats().coalesced).toBe(1);
  });

  it('keeps the shared request for the others when one waiter aborts', async () => {
    const { clock, starts, submit } = setup({ ratePerSecond: 1 });
    const blocker = submit('blocker');
    const quitter = new AbortController();
    const a = submit('get', { key: 'k', signal: quitter.signal });
    const b = submit('get', { key: 'k' });
    quitter.abort();
    await expect(a).rejects.toBeInstanceOf(CancelledError);
    await clock.runUntil(() => starts.length === 2);
    expect(await b).toBe('get');
    await blocker;
  });

  it('drops a queued shared request once all of its waiters abort', async () => {
    const { clock, starts, submit } = setup({ ratePerSecond: 1 });
    const blocker = submit('blocker');
    const c1 = new AbortController();
    const c2 = new AbortController();
    const a = submit('get', { key: 'k', signal: c1.signal });
    const b = submit('get', { key: 'k', signal: c2.signal });
    c1.abort();
    c2.abort();
    await expect(Promise.all([a, b])).rejects.toBeInstanceOf(CancelledError);
    const later = submit('after');
    await clock.runUntil(() => starts.length === 2);
    expect(await later).toBe('after');
    expect(starts.map((s) => s.label)).toEqual(['blocker', 'after']);
    await blocker;
  });
});

describe('Scheduler: cancellation', () => {
  it('never sends a request cancelled before it started', async () => {
    const { clock, scheduler, starts, submit } = setup({ ratePerSecond: 1 });
    const blocker = submit('blocker');
    const controller = new AbortController();
    const queued = submit('queued', { signal: controller.signal });
    controller.abort();
    const error = await queued.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CancelledError);
    expect((error as CancelledError).started).toBe(false);
    const pre = new AbortController();
    pre.abort();
    await expect(submit('pre', { signal: pre.signal })).rejects.toBeInstanceOf(CancelledError);
    await clock.advance(5000);
    await blocker;
    expect(starts.map((s) => s.label)).toEqual(['blocker']);
    expect(scheduler.stats()).toMatchObject({ queued: 0, inFlight: 0, cancelled: 2 });
  });

  it('aborts a started request through its signal', async () => {
    const { starts, submit } = setup({ ratePerSecond: 1 });
    const controller = new AbortController();
    let upstreamSaw: unknown;
    const running = submit('slow', {
      signal: controller.signal,
      run: (ctx) => hang(ctx).catch((e: unknown) => Promise.reject((upstreamSaw = e))),
    });
    await settle();
    controller.abort(new Error('user closed the tool call'));
    const error = await running.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CancelledError);
    expect((error as CancelledError).started).toBe(true);
    await settle();
    expect(upstreamSaw).toEqual(new Error('user closed the tool call'));
    expect(starts).toHaveLength(1);
  });
});

describe('Scheduler: retries', () => {
  it('honours Retry-After for the request and holds back everyone else', async () => {
    const { clock, scheduler, starts, submit } = setup({ ratePerSecond: 1 });
    const limited = submit('limited', {
      run: ({ attempt }) =>
        attempt === 1
          ? Promise.reject(new TransientFailure('rate_limited', { retryAfterMs: 3000 }))
          : Promise.resolve('limited'),
    });
    const other = submit('other', { caller: 'B' });
    await clock.runUntil(() => starts.length === 3);
    expect(await Promise.all([limited, other])).toEqual(['limited', 'other']);
    expect(starts.map((s) => [s.label, s.at])).toEqual([
      ['limited', 0],
      ['limited', 3000],
      ['other', 4015],
    ]);
    expect(scheduler.stats().retries.rate_limited).toBe(1);
  });

  it('backs off exponentially with full jitter under the cap, then succeeds', async () => {
    const { clock, starts, submit } = setup({
      ratePerSecond: 0,
      random: () => 0.999,
      retry: { baseMs: 100, capMs: 250 },
    });
    const flaky = submit('flaky', {
      run: ({ attempt }) =>
        attempt < 4
          ? Promise.reject(new TransientFailure('server_error', { httpStatus: 503 }))
          : Promise.resolve('ok'),
    });
    await clock.runUntil(() => starts.length === 4, 10_000, 1);
    expect(await flaky).toBe('ok');
    // Delays of floor(0.999 * min(250, 100·2^n)): 99, 199, 249.
    expect(starts.map((s) => s.at)).toEqual([0, 99, 298, 547]);
  });

  it('gives up after maxAttempts with UpstreamUnavailableError naming the attempts', async () => {
    const { clock, scheduler, submit } = setup({ ratePerSecond: 0, retry: { maxAttempts: 3, baseMs: 10 } });
    const down = submit('get_tasks', {
      run: () => Promise.reject(new TransientFailure('server_error', { httpStatus: 502 })),
    });
    const outcome = down.catch((e: unknown) => e);
    await clock.advance(1000);
    const error = (await outcome) as UpstreamUnavailableError;
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    expect(error).toMatchObject({
      kind: 'upstream_unavailable',
      attempts: 3,
      httpStatus: 502,
      mayHaveApplied: false,
    });
    expect(error.message).toBe(
      'Worksection was unavailable for get_tasks: a server error (HTTP 502) after 3 attempts.',
    );
    expect(scheduler.stats().retries.server_error).toBe(2);
  });

  it('retries a write on 429 but never on a 5xx, which may have been applied', async () => {
    const { clock, starts, submit } = setup({ ratePerSecond: 0 });
    const limited = submit('post_comment', {
      effect: 'write',
      run: ({ attempt }) =>
        attempt === 1
          ? Promise.reject(new TransientFailure('rate_limited', { retryAfterMs: 1000 }))
          : Promise.resolve('posted'),
    });
    const failed = submit('add_costs', {
      effect: 'write',
      run: () => Promise.reject(new TransientFailure('server_error', { httpStatus: 500 })),
    }).catch((e: unknown) => e);
    await clock.advance(2000);
    expect(await limited).toBe('posted');
    const error = (await failed) as UpstreamUnavailableError;
    expect(error).toMatchObject({ attempts: 1, mayHaveApplied: true });
    expect(error.message).toContain('may have been applied');
    expect(starts.filter((s) => s.label === 'add_costs')).toHaveLength(1);
  });

  it('times out an attempt that never answers and retries it', async () => {
    const { clock, starts, submit } = setup({ ratePerSecond: 0, retry: { timeoutMs: 100, baseMs: 10 } });
    const slow = submit('slow', { run: (ctx) => (ctx.attempt < 3 ? hang(ctx) : Promise.resolve('done')) });
    await clock.runUntil(() => starts.length === 3, 10_000, 10);
    expect(await slow).toBe('done');
  });

  it('ends an attempt that ignores its signal at the timeout (never a hang)', async () => {
    const { clock, submit } = setup({
      ratePerSecond: 0,
      retry: { timeoutMs: 100, maxAttempts: 2, baseMs: 10 },
    });
    const stuck = submit('get_users', { run: () => new Promise<never>(() => {}) }).catch((e: unknown) => e);
    await clock.advance(1000);
    expect(await stuck).toMatchObject({ kind: 'upstream_unavailable', reason: 'timeout', attempts: 2 });
  });

  it('ends in RateLimitedError when 429 outlasts the attempts', async () => {
    const { clock, submit } = setup({ ratePerSecond: 0, retry: { maxAttempts: 2 } });
    const out = submit('get_users', {
      run: () => Promise.reject(new TransientFailure('rate_limited', { retryAfterMs: 2000 })),
    }).catch((e: unknown) => e);
    await clock.advance(5000);
    expect(await out).toMatchObject({ kind: 'rate_limited', attempts: 2, retryAfterMs: 2000 });
    expect(await out).toBeInstanceOf(RateLimitedError);
  });

  it('passes business errors straight through without retrying', async () => {
    const { starts, submit } = setup();
    const err = new WorksectionApiError('get_task', 'Task is invalid', 5);
    await expect(submit('get_task', { run: () => Promise.reject(err) })).rejects.toBe(err);
    expect(starts).toHaveLength(1);
  });
});

describe('Scheduler: token refresh', () => {
  function authSetup(refresh: () => Promise<void>) {
    const state = { token: 'old', refreshes: 0 };
    const s = setup({
      ratePerSecond: 0,
      refreshAuth: async () => {
        state.refreshes++;
        await refresh();
        state.token = 'new';
      },
    });
    const call = (label: string) =>
      s.submit(label, {
        run: () =>
          state.token === 'old' ? Promise.reject(new AuthExpiredError(label)) : Promise.resolve(label),
      });
    return { ...s, state, call };
  }

  it('refreshes once for many expired requests, then each retries once', async () => {
    const { clock, state, call, scheduler } = authSetup(() => clock.sleep(200));
    const labels = Array.from({ length: 8 }, (_, i) => `r${i}`);
    const all = Promise.all(labels.map(call));
    await clock.advance(1000);
    expect(await all).toEqual(labels);
    expect(state.refreshes).toBe(1);
    expect(scheduler.stats().retries.auth_refresh).toBe(8);
  });

  it('retries a call whose old token came back revoked while the refresh rotated it', async () => {
    const { clock, state, submit } = authSetup(() => clock.sleep(200));
    const expired = submit('a', {
      run: () => (state.token === 'old' ? Promise.reject(new AuthExpiredError('a')) : Promise.resolve('a')),
    });
    const revoked = submit('b', {
      run: async () => {
        if (state.token !== 'old') return 'b';
        await clock.sleep(100);
        throw new AuthInvalidError('b', 'HTTP 401');
      },
    });
    await clock.advance(1000);
    expect(await Promise.all([expired, revoked])).toEqual(['a', 'b']);
    expect(state.refreshes).toBe(1);
    // With no renewal in sight, a refused token is final.
    await expect(
      submit('c', { run: () => Promise.reject(new AuthInvalidError('c')) }),
    ).rejects.toBeInstanceOf(AuthInvalidError);
  });

  it('fails every waiting request when the refresh fails', async () => {
    const { clock, state, call } = authSetup(() => Promise.reject(new Error('invalid_grant')));
    const outcomes = Promise.all(['a', 'b', 'c'].map((l) => call(l).catch((e: unknown) => e)));
    await clock.advance(100);
    const errors = await outcomes;
    expect(state.refreshes).toBe(1);
    for (const e of errors) expect(e).toBeInstanceOf(AuthExpiredError);
  });

  it('reports an unreachable token endpoint as unavailable, not as a sign-in problem', async () => {
    const down = new UpstreamUnavailableError('oauth2/refresh', { attempts: 1, reason: 'network' });
    const { clock, call } = authSetup(() => Promise.reject(down));
    const out = call('get_projects').catch((e: unknown) => e);
    await clock.advance(100);
    expect(await out).toMatchObject({ kind: 'upstream_unavailable' });
  });

  it('reports a revoked grant as AuthInvalidError', async () => {
    const { clock, call } = authSetup(() => Promise.reject(new AuthInvalidError('oauth2/refresh')));
    const out = call('get_projects').catch((e: unknown) => e);
    await clock.advance(100);
    expect(await out).toMatchObject({ kind: 'auth_invalid', action: 'get_projects' });
  });
});

describe('Scheduler: observability', () => {
  it('reports queue depth, in-flight, waits and starts, and notifies subscribers', async () => {
    const { clock, scheduler, starts, submit } = setup({ ratePerSecond: 1 });
    const snapshots: number[] = [];
    const unsubscribe = scheduler.subscribe((s) => snapshots.push(s.queued));
    const jobs = ['a', 'b', 'c'].map((l) => submit(l));
    await settle();
    expect(scheduler.stats()).toMatchObject({ queued: 2, inFlight: 0, started: 1, ratePerSecond: 1 });
    await clock.runUntil(() => starts.length === 3);
    await Promise.all(jobs);
    const stats = scheduler.stats();
    expect(stats).toMatchObject({ queued: 0, inFlight: 0, started: 3, succeeded: 3, startsLastMinute: 3 });
    expect(stats.wait).toEqual({ count: 3, p50: 1015, p95: 2030, max: 2030 });
    expect(snapshots.length).toBeGreaterThan(0);
    expect(snapshots.at(-1)).toBe(0);
    unsubscribe();
  });

  it('close() cancels queued work and refuses new work', async () => {
    const { scheduler, starts, submit } = setup({ ratePerSecond: 1 });
    const jobs = ['a', 'b'].map((l) => submit(l, { run: hang }).catch((e: unknown) => e));
    scheduler.close();
    for (const e of await Promise.all(jobs)) expect(e).toBeInstanceOf(CancelledError);
    await expect(submit('late')).rejects.toBeInstanceOf(CancelledError);
    expect(starts.map((s) => s.label)).toEqual(['a']);
  });
});
