// Fault injection: the seeded draw sequence, and each fault kind as a client sees it over real HTTP.
import { afterEach, describe, expect, it } from 'vitest';
import { md5QueryHash } from '../worksection/admin-auth.js';
import { FaultInjector, truncateJson } from './faults.js';
import type { RunningSandbox, SandboxOptions } from './server.js';
import { closeSandboxes, sandbox as startTracked } from './testing/requests.js';

const hooks = { expireAccessTokens: () => 0, revokeRefreshToken: () => false };

function sandbox(opts: SandboxOptions = {}): Promise<RunningSandbox> {
  // The real clock: held requests and latency run on real timers.
  return startTracked({
    now: Date.now,
    handlers: {
      get_projects: () => ({ kind: 'json', body: { status: 'ok', data: [{ id: '1', name: 'P' }] } }),
    },
    ...opts,
  });
}

afterEach(closeSandboxes);

function adminUrl(sb: RunningSandbox, action = 'get_projects'): string {
  return `${sb.url}/api/admin/v2/?action=${action}&hash=${md5QueryHash([['action', action]], sb.apiKey)}`;
}

async function control(sb: RunningSandbox, path: string, body?: unknown): Promise<Response> {
  return fetch(`${sb.url}/__sandbox/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Waits until the sandbox holds a request (the timeout fault counts it when the hold starts). */
async function waitForHold(sb: RunningSandbox, n = 1): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const counters = (await (await fetch(`${sb.url}/__sandbox/counters`)).json()) as {
      faults: { timeout: number };
    };
    if (counters.faults.timeout >= n) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the request was never held');
}

/** Waits for the sandbox to log a request; the log row is written when the server gives up on it. */
async function waitForRow(sb: RunningSandbox, status: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (sb.requests().some((r) => r.status === status)) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no request logged with status ${status}`);
}

describe('FaultInjector', () => {
  it('draws the same sequence for the same seed, and again after reset', () => {
    const a = new FaultInjector(7, hooks);
    const b = new FaultInjector(7, hooks);
    const c = new FaultInjector(8, hooks);
    for (const f of [a, b, c]) f.set({ errorRate: 0.2, timeoutRate: 0.2, malformedRate: 0.2 });
    const seq = (f: FaultInjector) => Array.from({ length: 50 }, () => f.draw());
    const first = seq(a);
    expect(seq(b)).toEqual(first);
    expect(seq(c)).not.toEqual(first);
    a.reset();
    a.set({ errorRate: 0.2, timeoutRate: 0.2, malformedRate: 0.2 });
    expect(seq(a)).toEqual(first);
    expect(new Set(first)).toEqual(new Set(['none', 'error', 'timeout', 'malformed']));
  });

  it('injects roughly the configured share', () => {
    const f = new FaultInjector(1, hooks);
    f.set({ errorRate: 0.25 });
    const errors = Array.from({ length: 2000 }, () => f.draw()).filter((d) => d === 'error').length;
    expect(errors).toBeGreaterThan(400);
    expect(errors).toBeLessThan(600);
  });

  it('draws nothing while no share is set, and refuses impossible settings', () => {
    const f = new FaultInjector(1, hooks);
    expect(Array.from({ length: 10 }, () => f.draw())).toEqual(Array(10).fill('none'));
    expect(() => f.set({ errorRate: 1.5 })).toThrow(RangeError);
    expect(() => f.set({ errorRate: 0.6, timeoutRate: 0.6 })).toThrow(RangeError);
    expect(() => f.set({ latencyMs: -1 })).toThrow(RangeError);
  });

  it('truncates JSON into something that no longer parses', () => {
    for (const json of ['{}', '{"status":"ok"}', JSON.stringify({ status: 'ok', data: [1, 2, 3] })]) {
      expect(() => JSON.parse(truncateJson(json))).toThrow();
    }
  });
});

describe('sandbox faults over HTTP', () => {
  it('adds latency and counts it', async () => {
    const sb = await sandbox();
    sb.faults.set({ latencyMs: 30 });
    const res = await fetch(adminUrl(sb));
    expect(res.status).toBe(200);
    const counters = (await (await fetch(`${sb.url}/__sandbox/counters`)).json()) as {
      faults: { latency: number };
    };
    expect(counters.faults.latency).toBe(1);
  });

  it('answers a share of requests with nginx-like 502/503, HTML or JSON', async () => {
    const sb = await sandbox({ seed: 3 });
    expect((await control(sb, 'faults', { errorRate: 1 })).status).toBe(200);
    const kinds = new Set<string>();
    for (let i = 0; i < 16; i++) {
      const res = await fetch(adminUrl(sb));
      expect([502, 503]).toContain(res.status);
      const text = await res.text();
      if ((res.headers.get('content-type') ?? '').startsWith('text/html')) {
        expect(text).toMatch(/<center>nginx<\/center>/);
        kinds.add(`html ${res.status}`);
      } else {
        expect(JSON.parse(text)).toMatchObject({ status: 'error' });
        kinds.add(`json ${res.status}`);
      }
    }
    expect(kinds.size).toBeGreaterThan(2);
    await fetch(`${sb.url}/__sandbox/faults`, { method: 'DELETE' });
    expect((await fetch(adminUrl(sb))).status).toBe(200);
  });

  it('holds a timed-out request until the client gives up', async () => {
    const sb = await sandbox();
    sb.faults.set({ timeoutRate: 1 });
    const controller = new AbortController();
    const pending = fetch(adminUrl(sb), { signal: controller.signal });
    await waitForHold(sb);
    controller.abort();
    await expect(pending).rejects.toThrow();
    await waitForRow(sb, 499);
    expect(sb.requests().find((r) => r.status === 499)?.action).toBe('get_projects');
  });

  it('releases held requests on close', async () => {
    const sb = await sandbox();
    sb.faults.set({ timeoutRate: 1 });
    const pending = fetch(adminUrl(sb)).then(
      (res) => res.status,
      () => 'closed',
    );
    await waitForHold(sb);
    await sb.close();
    expect(await pending).toBe('closed');
  });

  it('answers 200 with truncated JSON', async () => {
    const sb = await sandbox();
    sb.faults.set({ malformedRate: 1 });
    const res = await fetch(adminUrl(sb));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const text = await res.text();
    expect(text.startsWith('{"status":"ok"')).toBe(true);
    expect(() => JSON.parse(text)).toThrow();
  });

  it('answers a burst of 429s, then serves again', async () => {
    const sb = await sandbox();
    await control(sb, 'faults', { rateLimitBurst: 2 });
    for (let i = 0; i < 2; i++) {
      const res = await fetch(adminUrl(sb));
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('1');
    }
    expect((await fetch(adminUrl(sb))).status).toBe(200);
  });

  it('expires all access tokens now and revokes a refresh token', async () => {
    const sb = await sandbox({
      handlers: { me: () => ({ kind: 'json', body: { status: 'ok', data: {} } }) },
    });
    const pair = sb.issueTokens();
    const me = () =>
      fetch(`${sb.url}/api/oauth2?action=me`, { headers: { authorization: `Bearer ${pair.accessToken}` } });
    expect((await me()).status).toBe(200);
    expect(await (await control(sb, 'expire-tokens')).json()).toEqual({ status: 'ok', expired: 1 });
    const expired = await me();
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({ status: 'error', message: 'Access token is expired' });

    expect(await (await control(sb, 'revoke', { refresh_token: pair.refreshToken })).json()).toEqual({
      status: 'ok',
      revoked: true,
    });
    const { id, secret } = sb.oauthClient;
    const refresh = await fetch(`${sb.url}/oauth2/refresh`, {
      method: 'POST',
      body: new URLSearchParams({
        client_id: id,
        client_secret: secret,
        refresh_token: pair.refreshToken,
        grant_type: 'refresh_token',
      }),
    });
    expect(await refresh.json()).toEqual({
      error: 'invalid_request',
      errorDescription: 'Token has been revoked',
    });
  });

  it('refuses invalid fault settings over HTTP', async () => {
    const sb = await sandbox();
    expect((await control(sb, 'faults', { errorRate: 2 })).status).toBe(400);
    expect((await control(sb, 'faults', { surprise: true })).status).toBe(400);
    expect((await control(sb, 'revoke', {})).status).toBe(400);
    expect(await (await fetch(`${sb.url}/__sandbox/faults`)).json()).toEqual({
      latencyMs: 0,
      errorRate: 0,
      timeoutRate: 0,
      malformedRate: 0,
      rateLimitBurst: 0,
    });
  });
});
