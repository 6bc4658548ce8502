// The app's loopback server on a real port: sub-apps by path (longest first), the Host/Origin guard in front
// of all of them answering in each mount's own protocol, errors kept to the log, the port taken.
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { rawRequest } from '../mcp/testing/http-endpoint.js';
import { PortInUseError, startHttpServer, type HttpMount, type HttpServer } from './server.js';

const servers: HttpServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

function mount(path: string, text: string, extra: Partial<HttpMount> = {}): HttpMount {
  const app = new Hono();
  app.get('/', (c) => c.text(text));
  app.get('/boom', () => {
    throw new Error('a bug with /secret/path in it');
  });
  return { path, app, ...extra };
}

async function start(mounts: HttpMount[], onError?: (err: unknown) => void): Promise<HttpServer> {
  const s = await startHttpServer({ port: 0, mounts, onError });
  servers.push(s);
  return s;
}

const get = (s: HttpServer, path: string, headers: Record<string, string> = {}) =>
  rawRequest(`${s.origin}${path}`, { method: 'GET', headers: { Host: `127.0.0.1:${s.port}`, ...headers } });

describe('the app HTTP server', () => {
  it('routes each path to its mount, the longest path first', async () => {
    const s = await start([mount('/', 'ui'), mount('/api', 'control api')]);
    expect((await get(s, '/')).body).toBe('ui');
    expect((await get(s, '/api')).body).toBe('control api');
    expect(s.origin).toBe(`http://127.0.0.1:${s.port}`);
  });

  it('refuses a foreign Host (421) and Origin (403) in plain text outside /mcp', async () => {
    const s = await start([mount('/', 'ui')]);
    const host = await get(s, '/', { Host: `evil.example:${s.port}` });
    expect(host.status).toBe(421);
    expect(host.headers['content-type']).toMatch(/^text\/plain/);
    expect(host.body).toMatch(/^Misdirected request/);
    const origin = await get(s, '/', { Origin: 'https://evil.example' });
    expect(origin.status).toBe(403);
    expect(origin.headers['content-type']).toMatch(/^text\/plain/);
    expect(origin.headers['access-control-allow-origin']).toBeUndefined();
    expect(
      (await get(s, '/', { Host: `localhost:${s.port}`, Origin: `http://localhost:${s.port}` })).body,
    ).toBe('ui');
  });

  it("writes a mount's refusals in its own protocol", async () => {
    const json = (status: number, message: string) =>
      new Response(JSON.stringify({ error: message }), {
        status,
        headers: { 'Content-Type': 'application/json' },
      });
    const s = await start([mount('/', 'ui'), mount('/mcp', 'mcp', { refusal: json })]);
    const refused = await get(s, '/mcp', { Host: `evil.example:${s.port}` });
    expect(refused.status).toBe(421);
    expect(JSON.parse(refused.body)).toMatchObject({ error: expect.stringMatching(/^Misdirected/) });
    expect((await get(s, '/', { Host: `evil.example:${s.port}` })).headers['content-type']).toMatch(
      /^text\/plain/,
    );
  });

  it('answers a failing route with 500 and hands the error to the log only', async () => {
    const errors: unknown[] = [];
    const s = await start([mount('/', 'ui')], (err) => errors.push(err));
    const res = await get(s, '/boom');
    expect(res.status).toBe(500);
    expect(res.body).not.toContain('/secret/path');
    expect(errors).toHaveLength(1);
  });

  it('says so when the port is taken, and closes its mounts on close', async () => {
    let closed = 0;
    const s = await start([mount('/', 'ui', { close: async () => void closed++ })]);
    const err = await startHttpServer({ port: s.port, mounts: [] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PortInUseError);
    expect((err as PortInUseError).port).toBe(s.port);
    await s.close();
    await s.close();
    expect(closed).toBe(1);
  });
});
