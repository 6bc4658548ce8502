// The client and its scheduler against the real sandbox over loopback HTTP, in real time: the rate as the
// server measures it, and every injected fault ending in a success or a typed error, never a hang. The
// action handlers are replaced by trivial valid answers here so these tests exercise only the transport;
// client.test.ts covers the real handlers.
import { createServer, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WorksectionClient } from './client.js';
import {
  AuthInvalidError,
  BadResponseError,
  CancelledError,
  RateLimitedError,
  UpstreamUnavailableError,
} from './errors.js';
import type { ActionHandlers } from '../sandbox/handler.js';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../sandbox/server.js';
import type { SchedulerOptions } from './scheduler/scheduler.js';
import { recordingClock } from './testing/recording-clock.js';
import { sandboxTokenProvider, type SandboxTokenProvider } from '../sandbox/testing/tokens.js';

const trivial: Partial<ActionHandlers> = {
  get_events: () => ({ kind: 'json', body: { status: 'ok', data: [] } }),
  subscribe: () => ({ kind: 'json', body: { status: 'ok' } }),
};

const FAST_RETRY = { baseMs: 10, capMs: 50 };
/**
 * The rate guarantee is asserted exactly on the scheduler's own start times. What the sandbox stamps also
 * carries the delay between a send and its stamp, which a GC or event-loop stall on a loaded machine can
 * stretch past the default 15 ms margin, so the sandbox-side checks run with this wider margin (and
 * allow this much early arrival where the product has no margin at all, after a Retry-After).
 */
const ARRIVAL_SLACK_MS = 200;

let sandbox: RunningSandbox | undefined;
let client: WorksectionClient | undefined;

afterEach(async () => {
  client?.close();
  await sandbox?.close();
  sandbox = undefined;
  client = undefined;
});

async function setup(
  sandboxOptions: SandboxOptions,
  schedulerOptions: Omit<SchedulerOptions, 'refreshAuth'>,
) {
  sandbox = await startSandbox({ handlers: trivial, ...sandboxOptions });
  await warmUp(sandbox);
  const tokens: SandboxTokenProvider = sandboxTokenProvider(sandbox);
  client = new WorksectionClient({
    accountUrl: sandbox.url,
    auth: { kind: 'oauth', tokens },
    scheduler: schedulerOptions,
  });
  return { sandbox, client, tokens };
}

/**
 * The first request a process makes to a fresh sandbox is stamped up to ~15 ms late (JIT, router set-up,
 * a new connection; more on a busy CI machine), which an arrival-counting limiter sees as the next request
 * coming early. Real Worksection is not cold per test, so each sandbox is warmed up first through the admin
 * key, which the sandbox rate-limits separately from user tokens and which apiRows leaves out.
 */
async function warmUp(sb: RunningSandbox): Promise<void> {
  const admin = new WorksectionClient({ accountUrl: sb.url, auth: { kind: 'admin', apiKey: sb.apiKey } });
  await admin.call('get_events', { period: '1m' });
  admin.close();
}

const apiRows = (sb: RunningSandbox) =>
  sb.requests().filter((r) => r.path.startsWith('/api/') && r.token !== 'admin');
const events = (c: WorksectionClient, i: number, caller?: string) =>
  c.call('get_events', { period: `${i + 1}m` }, { caller });

/** The most arrivals in any half-open window [t, t + windowMs). */
function maxPerWindow(times: number[], windowMs = 1000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let lo = 0, hi = 0; hi < sorted.length; hi++) {
    while ((sorted[hi] as number) - (sorted[lo] as number) >= windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

describe('client + sandbox: rate', () => {
  it('answers 100 concurrent callers at 10 req/s without a 429 or an 11th request in any second', async () => {
    const clock = recordingClock();
    const { sandbox: sb, client: c } = await setup(
      { rateLimit: 10 },
      { ratePerSecond: 10, marginMs: ARRIVAL_SLACK_MS, clock },
    );
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => events(c, i, `caller-${i}`)));
    expect(results).toHaveLength(100);
    expect(clock.starts).toHaveLength(100);
    expect(maxPerWindow(clock.starts)).toBeLessThanOrEqual(10);
    const rows = apiRows(sb);
    expect(rows).toHaveLength(100);
    expect(rows.filter((r) => r.status === 429)).toEqual([]);
    expect(maxPerWindow(rows.map((r) => r.time))).toBeLessThanOrEqual(10);
    expect(c.scheduler.stats()).toMatchObject({ started: 100, succeeded: 100, queued: 0, inFlight: 0 });
  }, 60_000);

  it('keeps the default 1 req/s: consecutive arrivals at least 1000 ms apart, no 429', async () => {
    const clock = recordingClock();
    const { sandbox: sb, client: c } = await setup({}, { marginMs: ARRIVAL_SLACK_MS, clock });
    await Promise.all([0, 1, 2, 3].map((i) => events(c, i, i % 2 ? 'a' : 'b')));
    expect(clock.starts).toHaveLength(4);
    expect(minGap(clock.starts)).toBeGreaterThanOrEqual(1000);
    const times = apiRows(sb).map((r) => r.time);
    expect(times).toHaveLength(4);
    expect(minGap(times)).toBeGreaterThanOrEqual(1000);
    expect(apiRows(sb).every((r) => r.status === 200)).toBe(true);
  }, 20_000);
});

describe('client + sandbox: faults end in success or a typed error', () => {
  const noLimit = { rateLimit: 0 };

  it('5xx: reads are retried; what still fails is UpstreamUnavailableError', async () => {
    const { sandbox: sb, client: c } = await setup(noLimit, { ratePerSecond: 0, retry: FAST_RETRY });
    sb.faults.set({ errorRate: 0.5 });
    const outcomes = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => events(c, i)));
    for (const o of outcomes) {
      if (o.status === 'rejected')
        expect(o.reason).toMatchObject({ kind: 'upstream_unavailable', reason: 'server_error' });
    }
    expect(outcomes.filter((o) => o.status === 'fulfilled').length).toBeGreaterThan(20);
    expect(c.scheduler.stats().retries.server_error).toBeGreaterThan(0);
    expect(apiRows(sb).some((r) => r.status === 502 || r.status === 503)).toBe(true);
  });

  it('timeouts: a request that never answers is abandoned after the per-attempt timeout and retried', async () => {
    const { sandbox: sb, client: c } = await setup(noLimit, {
      ratePerSecond: 0,
      retry: { ...FAST_RETRY, timeoutMs: 250, maxAttempts: 3 },
    });
    sb.faults.set({ timeoutRate: 0.5 });
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => events(c, i)));
    for (const o of outcomes) {
      if (o.status === 'rejected')
        expect(o.reason).toMatchObject({ kind: 'upstream_unavailable', reason: 'timeout' });
    }
    expect(c.scheduler.stats().retries.timeout).toBeGreaterThan(0);
    expect(outcomes.some((o) => o.status === 'fulfilled')).toBe(true);
  });

  it('broken JSON: reads are retried; what still fails is BadResponseError', async () => {
    const { sandbox: sb, client: c } = await setup(noLimit, { ratePerSecond: 0, retry: FAST_RETRY });
    sb.faults.set({ malformedRate: 0.6 });
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => events(c, i)));
    for (const o of outcomes) {
      if (o.status === 'rejected') {
        expect(o.reason).toBeInstanceOf(BadResponseError);
        expect(o.reason).toMatchObject({ reason: 'malformed_json' });
      }
    }
    expect(c.scheduler.stats().retries.malformed).toBeGreaterThan(0);
  });

  it('a 429 burst is waited out per Retry-After, then the request succeeds', async () => {
    const clock = recordingClock();
    const { sandbox: sb, client: c } = await setup(noLimit, { ratePerSecond: 0, clock });
    sb.faults.set({ rateLimitBurst: 2 });
    await events(c, 0);
    const rows = apiRows(sb);
    expect(rows.map((r) => r.status)).toEqual([429, 429, 200]);
    // Retry-After: 1 (second) on each 429: exactly so at the scheduler, within the slack at the sandbox.
    expect(clock.starts).toHaveLength(3);
    expect(minGap(clock.starts)).toBeGreaterThanOrEqual(1000);
    expect(minGap(rows.map((r) => r.time))).toBeGreaterThanOrEqual(1000 - ARRIVAL_SLACK_MS);
  }, 15_000);

  it('a 429 that outlasts the attempts ends in RateLimitedError', async () => {
    const { sandbox: sb, client: c } = await setup(noLimit, { ratePerSecond: 0, retry: { maxAttempts: 2 } });
    sb.faults.set({ rateLimitBurst: 5 });
    const error = await events(c, 0).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ attempts: 2, retryAfterMs: 1000 });
  }, 15_000);

  it('a write is not repeated after a 5xx (it may have been applied), but is after a 429', async () => {
    const { sandbox: sb, client: c } = await setup(noLimit, { ratePerSecond: 0, retry: FAST_RETRY });
    sb.faults.set({ errorRate: 1 });
    const error = await c
      .call('subscribe', { id_task: 1, email_user: 'a@example.com' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    expect(error).toMatchObject({ attempts: 1, mayHaveApplied: true });
    expect(apiRows(sb)).toHaveLength(1);
    sb.faults.reset();
    sb.faults.set({ rateLimitBurst: 1 });
    await expect(c.call('subscribe', { id_task: 1, email_user: 'a@example.com' })).resolves.toEqual({
      status: 'ok',
    });
    expect(apiRows(sb).map((r) => r.status)).toEqual([expect.any(Number), 429, 200]);
  }, 15_000);
});

describe('client: unreachable or wrong server', () => {
  it('connection refused is retried even for a write, then ends in UpstreamUnavailableError', async () => {
    const port = await freePort();
    const c = new WorksectionClient({
      accountUrl: `http://127.0.0.1:${port}`,
      auth: { kind: 'admin', apiKey: 'k' },
      scheduler: { ratePerSecond: 0, retry: { ...FAST_RETRY, maxAttempts: 3 } },
    });
    const error = await c
      .call('subscribe', { id_task: 1, email_user: 'a@example.com' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    expect(error).toMatchObject({ reason: 'network', attempts: 3, mayHaveApplied: false });
    expect(c.scheduler.stats().retries.network).toBe(2);
    c.close();
  });

  it('a page that is not the API (nginx 404) is a BadResponseError naming the status', async () => {
    const { sandbox: sb } = await setup({ rateLimit: 0 }, { ratePerSecond: 0 });
    const c = new WorksectionClient({
      accountUrl: `${sb.url}/elsewhere`,
      auth: { kind: 'admin', apiKey: sb.apiKey },
    });
    const error = await c.call('get_users').catch((e: unknown) => e);
    c.close();
    expect(error).toBeInstanceOf(BadResponseError);
    expect(error).toMatchObject({ reason: 'unexpected_status', httpStatus: 404 });
  });
});

describe('client + sandbox: token expiry', () => {
  it('20 concurrent calls on an expired token cause exactly one refresh, and all succeed', async () => {
    const { sandbox: sb, client: c, tokens } = await setup({ rateLimit: 10 }, { ratePerSecond: 10 });
    await events(c, 99);
    sb.faults.expireAccessTokens();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => events(c, i, `caller-${i % 4}`)));
    expect(results).toHaveLength(20);
    expect(sb.requests().filter((r) => r.path === '/oauth2/refresh')).toHaveLength(1);
    expect(tokens.refreshes).toBe(1);
    expect(apiRows(sb).filter((r) => r.status === 429)).toEqual([]);
  }, 30_000);

  it('a refused refresh fails every waiting call with AuthInvalidError after one refresh attempt', async () => {
    const { sandbox: sb, client: c, tokens } = await setup({ rateLimit: 0 }, { ratePerSecond: 0 });
    sb.faults.expireAccessTokens();
    sb.faults.revokeRefreshToken(tokens.refreshToken);
    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => events(c, i)));
    for (const o of outcomes) {
      expect(o.status).toBe('rejected');
      if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(AuthInvalidError);
    }
    expect(sb.requests().filter((r) => r.path === '/oauth2/refresh')).toHaveLength(1);
  });
});

describe('client + sandbox: cancellation', () => {
  it('aborts a started request and never sends a queued one that was cancelled', async () => {
    // One start per 4 s: the queued call's slot stays far off while we wait for the first to arrive.
    const clock = recordingClock();
    const { sandbox: sb, client: c } = await setup({ rateLimit: 0 }, { ratePerSecond: 0.25, clock });
    sb.faults.set({ latencyMs: 10_000 });
    const inFlight = new AbortController();
    const waiting = new AbortController();
    const x = c.call('get_events', { period: '1m' }, { signal: inFlight.signal }).catch((e: unknown) => e);
    const y = c.call('get_events', { period: '2m' }, { signal: waiting.signal }).catch((e: unknown) => e);
    // The sandbox counts a held request when it arrives (the log row is written when it ends).
    await waitFor(async () => (await heldArrivals(sb)) === 1, 3000);
    inFlight.abort();
    waiting.abort();
    expect(await x).toMatchObject({ kind: 'cancelled', started: true });
    expect(await y).toMatchObject({ kind: 'cancelled', started: false });
    expect(await x).toBeInstanceOf(CancelledError);
    // Past the moment the queued call would have started, the sandbox has seen only the first, abandoned.
    const slot = (clock.starts[0] as number) + 4000 + 15;
    await sleep(Math.max(0, slot - clock.now()) + 300);
    await waitFor(() => apiRows(sb).length > 0, 5000);
    expect(apiRows(sb).map((r) => [r.action, r.status])).toEqual([['get_events', 499]]);
    expect(await heldArrivals(sb)).toBe(1);
    expect(c.scheduler.stats().started).toBe(1);
  }, 20_000);
});

/** Smallest gap between consecutive times, in order. */
function minGap(times: number[]): number {
  let min = Infinity;
  for (let i = 1; i < times.length; i++) min = Math.min(min, (times[i] as number) - (times[i - 1] as number));
  return min;
}

/** Requests that reached the sandbox's latency fault, including ones it still holds. */
async function heldArrivals(sb: RunningSandbox): Promise<number> {
  const res = await fetch(`${sb.url}/__sandbox/counters`);
  return ((await res.json()) as { faults: { latency: number } }).faults.latency;
}

/** Polls until `check` holds; fails after `limitMs` rather than hang. */
async function waitFor(check: () => boolean | Promise<boolean>, limitMs: number): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${limitMs} ms`);
    await sleep(10);
  }
}

/** A loopback port with nothing listening on it. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
