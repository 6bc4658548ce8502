// Issue 16, item 4, on a real port: idle sockets that never send a request are closed quickly, at the cap
// a new connection takes the place of the longest-idle one so authenticated clients keep working through
// a flood of idle sockets, and when every connection is busy a new one is told so with a clear 503.
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  MCP_HEADERS,
  openEventStream,
  openSession,
  sessionHeaders,
  startTestEndpoint,
  type TestEndpoint,
} from '../mcp/testing/http-endpoint.js';

let e: TestEndpoint | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await e?.close();
});

async function idleSocket(port: number): Promise<Socket> {
  const s = connect(port, '127.0.0.1');
  s.on('error', () => undefined);
  sockets.push(s);
  await once(s, 'connect');
  return s;
}

const closed = (s: Socket): Promise<void> =>
  s.destroyed || s.readableEnded ? Promise.resolve() : once(s, 'close').then(() => undefined);

async function call(mcpUrl: string, token: string, session: string): Promise<number> {
  const res = await fetch(mcpUrl, {
    method: 'POST',
    headers: { ...MCP_HEADERS, ...sessionHeaders(token, session) },
    body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
  });
  await res.text();
  return res.status;
}

describe('connections of the app port', () => {
  it('closes a socket that sends nothing within the headers timeout', async () => {
    e = await startTestEndpoint({ connections: { headersTimeoutMs: 300 } });
    const s = await idleSocket(e.http.port);
    const started = Date.now();
    await closed(s);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('keeps authenticated clients working through more idle sockets than the cap', async () => {
    e = await startTestEndpoint({ connections: { maxConnections: 16, headersTimeoutMs: 60_000 } });
    const token = e.tokens.create('real', 'write').token;
    const session = await openSession(e.http.mcpUrl, token);
    const flood = [];
    for (let i = 0; i < 40; i++) flood.push(await idleSocket(e.http.port));
    // The oldest idle sockets made room: 40 idle ones on a cap of 16 leave at most the newest 16 open.
    await Promise.all(flood.slice(0, 24).map(closed));
    expect(flood.at(-1)?.destroyed).toBe(false);
    expect(await call(e.http.mcpUrl, token, session)).toBe(200);
    expect(await call(e.http.mcpUrl, token, session)).toBe(200);
  });

  it('answers 503 with the reason when every connection is busy', async () => {
    e = await startTestEndpoint({ connections: { maxConnections: 8, headersTimeoutMs: 60_000 } });
    const token = e.tokens.create('busy', 'write').token;
    // Streams in flight are busy connections: eight of them (one per session) fill the server.
    const streams = [];
    for (let i = 0; i < 8; i++) {
      const session = await openSession(e.http.mcpUrl, token);
      const res = await openEventStream(e.http.mcpUrl, token, session);
      expect(res.status).toBe(200);
      streams.push(res);
    }
    const s = await idleSocket(e.http.port);
    let answer = '';
    s.on('data', (d: Buffer) => (answer += d.toString()));
    await closed(s);
    expect(answer).toMatch(/^HTTP\/1\.1 503 Service Unavailable\r\n/);
    expect(answer).toContain('already has 8 connections in use, its limit');
    for (const res of streams) await res.body?.cancel();
  });
});
