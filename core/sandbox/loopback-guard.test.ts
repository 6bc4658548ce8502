// The sandbox's own server refuses what a hostile web page could send it (issue: a cross-origin text/plain
// POST switched faults on): a foreign Host (DNS rebinding), a foreign Origin, a non-JSON body on its
// control routes; and its answers carry no CORS header. Over real HTTP (node:http, so Host can be forged).
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from './server.js';

let sb: RunningSandbox;
beforeAll(async () => {
  sb = await startSandbox({ rateLimit: 0 });
});
afterAll(() => sb.close());

interface Sent {
  status: number;
  headers: Record<string, unknown>;
  body: string;
}

function send(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  const url = new URL(path, sb.url);
  return new Promise<Sent>((resolve, reject) => {
    const req = request(
      url,
      { method: opts.method ?? 'GET', headers: { host: url.host, ...opts.headers } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('the sandbox answers only as itself', () => {
  it('refuses a foreign Host with 421 and a foreign Origin with 403', async () => {
    expect((await send('/__sandbox/faults', { headers: { host: 'evil.example:80' } })).status).toBe(421);
    const port = new URL(sb.url).port;
    expect((await send('/__sandbox/faults', { headers: { host: `localhost:${port}` } })).status).toBe(200);
    const foreign = await send('/__sandbox/faults', { headers: { origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    expect((await send('/__sandbox/faults', { headers: { origin: sb.url } })).status).toBe(200);
  });

  it('takes only JSON on its control routes: a simple text/plain POST changes nothing', async () => {
    const before = await send('/__sandbox/faults');
    const sneaky = await send('/__sandbox/faults', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ errorRate: 1 }),
    });
    expect(sneaky.status).toBe(415);
    expect((await send('/__sandbox/faults')).body).toBe(before.body);
  });

  it('sends no CORS header with its API answers', async () => {
    const { accessToken } = sb.issueTokens();
    const res = await send('/api/oauth2?action=me', { headers: { authorization: `Bearer ${accessToken}` } });
    expect(res.status).toBe(200);
    expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control'))).toEqual([]);
  });
});
