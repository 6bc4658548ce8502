// The sandbox's observability: the request log and counters, in memory and under /__sandbox/.
import { afterEach, describe, expect, it } from 'vitest';
import { md5QueryHash } from '../worksection/admin-auth.js';
import { RequestLog } from './request-log.js';
import type { SandboxCounters, SandboxRequest } from './request-log.js';
import type { RunningSandbox } from './server.js';
import { clock, closeSandboxes, sandbox as startTracked } from './testing/requests.js';

afterEach(closeSandboxes);

function sandbox(): Promise<RunningSandbox> {
  return startTracked({
    rateLimit: 1,
    handlers: {
      me: () => ({ kind: 'json', body: { status: 'ok', data: {} } }),
      get_task: () => ({
        kind: 'json',
        body: { status: 'error', status_code: 5, message: 'Task is invalid' },
      }),
    },
  });
}

async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

describe('RequestLog', () => {
  it('keeps the newest rows within its bound', () => {
    const log = new RequestLog(10);
    for (let i = 0; i < 25; i++)
      log.add({ time: i, action: 'me', path: '/api/oauth2', token: '', status: 200 });
    const rows = log.rows();
    expect(rows).toHaveLength(10);
    expect(rows[0]?.time).toBe(15);
    expect(log.rows(20).map((r) => r.time)).toEqual([20, 21, 22, 23, 24]);
    expect(log.counters().total).toBe(25);
  });
});

describe('sandbox request log over HTTP', () => {
  it('records every API and OAuth request with a token hint, never the token', async () => {
    const sb = await sandbox();
    const { accessToken } = sb.issueTokens();
    const auth = { authorization: `Bearer ${accessToken}` };
    const start = clock.t;
    await fetch(`${sb.url}/api/oauth2?action=me`, { headers: auth });
    clock.t += 1000;
    await fetch(`${sb.url}/api/oauth2?action=get_task&id_task=1`, { headers: auth });
    await fetch(`${sb.url}/api/oauth2?action=me`, { headers: auth }); // same second: 429
    await fetch(
      `${sb.url}/api/admin/v2/?action=get_projects&hash=${md5QueryHash([['action', 'get_projects']], 'x')}`,
    );
    await fetch(`${sb.url}/oauth2/token?grant_type=authorization_code`);

    const rows = await getJson<SandboxRequest[]>(`${sb.url}/__sandbox/requests`);
    expect(rows).toEqual([
      {
        time: start,
        action: 'me',
        path: '/api/oauth2',
        token: `…${accessToken.slice(-8)}`,
        status: 200,
        apiStatus: 'ok',
      },
      {
        time: start + 1000,
        action: 'get_task',
        path: '/api/oauth2',
        token: `…${accessToken.slice(-8)}`,
        status: 200,
        apiStatus: 'error',
        statusCode: 5,
      },
      {
        time: start + 1000,
        action: 'me',
        path: '/api/oauth2',
        token: `…${accessToken.slice(-8)}`,
        status: 429,
        apiStatus: 'error',
        statusCode: 429,
      },
      {
        time: start + 1000,
        action: 'get_projects',
        path: '/api/admin/v2/',
        token: 'admin',
        status: 200,
        apiStatus: 'error',
        statusCode: 2,
      },
      { time: start + 1000, action: null, path: '/oauth2/token', token: '', status: 200 },
    ]);
    expect(JSON.stringify(rows)).not.toContain(accessToken);
    expect(sb.requests()).toEqual(rows);

    const since = await getJson<SandboxRequest[]>(`${sb.url}/__sandbox/requests?since=${start + 1}`);
    expect(since).toHaveLength(4);
    expect((await fetch(`${sb.url}/__sandbox/requests?since=yesterday`)).status).toBe(400);

    await getJson(`${sb.url}/__sandbox/requests`, { method: 'DELETE' });
    expect(await getJson(`${sb.url}/__sandbox/requests`)).toEqual([]);
  });

  it('counts requests by action and HTTP status, 429s and injected faults', async () => {
    const sb = await sandbox();
    const { accessToken } = sb.issueTokens();
    const auth = { authorization: `Bearer ${accessToken}` };
    await fetch(`${sb.url}/api/oauth2?action=me`, { headers: auth });
    await fetch(`${sb.url}/api/oauth2?action=me`, { headers: auth });
    sb.faults.set({ rateLimitBurst: 1 });
    clock.t += 1000;
    await fetch(`${sb.url}/api/oauth2?action=get_task`, { headers: auth });
    sb.faults.expireAccessTokens();

    const counters = await getJson<SandboxCounters>(`${sb.url}/__sandbox/counters`);
    expect(counters).toEqual({
      total: 3,
      byAction: { me: 2, get_task: 1 },
      byStatus: { 200: 1, 429: 2 },
      rateLimited: 2,
      faults: { latency: 0, error: 0, timeout: 0, malformed: 0, burst: 1, expire: 1, revoke: 0 },
    });
    await getJson(`${sb.url}/__sandbox/counters`, { method: 'DELETE' });
    expect((await getJson<SandboxCounters>(`${sb.url}/__sandbox/counters`)).total).toBe(0);
    // Reading the log and counters is not itself logged.
    expect(sb.requests()).toHaveLength(3);
  });
});
