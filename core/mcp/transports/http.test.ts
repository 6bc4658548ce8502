// The endpoint's local access control, over real HTTP on 127.0.0.1.
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterEach, describe, expect, it } from 'vitest';
import {
  initializeBody,
  MCP_HEADERS,
  openSession,
  rawRequest,
  sdkClient,
  startTestEndpoint,
  type TestEndpoint,
} from '../testing/http-endpoint.js';

const endpoints: TestEndpoint[] = [];
const clients: Client[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
  for (const e of endpoints.splice(0)) await e.close();
});

async function endpoint(opts?: Parameters<typeof startTestEndpoint>[0]): Promise<TestEndpoint> {
  const e = await startTestEndpoint(opts);
  endpoints.push(e);
  return e;
}

async function client(url: string, token: string): Promise<Client> {
  const c = await sdkClient(url, token);
  clients.push(c);
  return c;
}

const auth = (token: string) => ({ ...MCP_HEADERS, Authorization: `Bearer ${token}` });
const callBody = (name: string) =>
  JSON.stringify({
    jsonrpc: '2.0',
    id: 7,
    method: 'tools/call',
    params: { name, arguments: { text: 'hi' } },
  });

describe('MCP over Streamable HTTP', () => {
  it('serves a write token everything through the SDK client, on 127.0.0.1 only', async () => {
    const e = await endpoint();
    expect(e.http.mcpUrl).toBe(`http://127.0.0.1:${e.http.port}/mcp`);
    const { token } = e.tokens.create('cursor', 'write');
    const c = await client(e.http.mcpUrl, token);
    expect((await c.listTools()).tools.map((t) => t.name).sort()).toEqual(['create_note', 'get_echo']);
    const echo = await c.callTool({ name: 'get_echo', arguments: { text: 'hi' } });
    expect(echo.structuredContent).toEqual({ text: 'hi', caller: 'cursor' });
    const note = await c.callTool({ name: 'create_note', arguments: { text: 'n' } });
    expect(note.structuredContent).toEqual({ created: 'n' });
  });

  it('answers 401 with WWW-Authenticate without a token, with a bad one, and once revoked', async () => {
    const e = await endpoint();
    const none = await rawRequest(e.http.mcpUrl, { headers: MCP_HEADERS, body: initializeBody });
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="wsmcp"');
    expect(JSON.parse(none.body).error.message).toMatch(/wsmcp token create/);

    const bad = await rawRequest(e.http.mcpUrl, {
      headers: auth(`wsmcp_${'x'.repeat(43)}`),
      body: initializeBody,
    });
    expect(bad.status).toBe(401);
    expect(bad.headers['www-authenticate']).toBe('Bearer realm="wsmcp", error="invalid_token"');

    const { token } = e.tokens.create('cursor');
    const session = await openSession(e.http.mcpUrl, token);
    e.tokens.revoke('cursor');
    const revoked = await rawRequest(e.http.mcpUrl, {
      headers: { ...auth(token), 'Mcp-Session-Id': session },
      body: callBody('get_echo'),
    });
    expect(revoked.status).toBe(401);
    const again = await rawRequest(e.http.mcpUrl, { headers: auth(token), body: initializeBody });
    expect(again.status).toBe(401);
    // No permissive CORS, ever.
    expect(Object.keys(revoked.headers).filter((h) => h.startsWith('access-control'))).toEqual([]);
  });

  it('hides write tools from a read token and answers 403 when it calls one', async () => {
    const e = await endpoint();
    const { token } = e.tokens.create('reader', 'read');
    const c = await client(e.http.mcpUrl, token);
    expect((await c.listTools()).tools.map((t) => t.name)).toEqual(['get_echo']);
    expect((await c.callTool({ name: 'get_echo', arguments: { text: 'a' } })).structuredContent).toEqual({
      text: 'a',
      caller: 'reader',
    });
    await expect(c.callTool({ name: 'create_note', arguments: { text: 'n' } })).rejects.toMatchObject({
      code: 403,
      message: expect.stringMatching(/read scope, which does not allow create_note/),
    });

    const session = await openSession(e.http.mcpUrl, token);
    const res = await rawRequest(e.http.mcpUrl, {
      headers: { ...auth(token), 'Mcp-Session-Id': session, 'Mcp-Protocol-Version': '2025-11-25' },
      body: callBody('create_note'),
    });
    expect(res.status).toBe(403);
    expect(res.headers['www-authenticate']).toBe(
      'Bearer realm="wsmcp", error="insufficient_scope", scope="write"',
    );
    expect(JSON.parse(res.body)).toMatchObject({
      id: 7,
      error: { message: expect.stringMatching(/read scope/) },
    });
  });

  it('refuses foreign Origins with 403 and accepts its own', async () => {
    const e = await endpoint();
    const { token } = e.tokens.create('cursor');
    for (const origin of [
      'http://evil.example',
      'null',
      `http://127.0.0.1:${e.http.port + 1}`,
      `https://localhost:${e.http.port}`,
    ]) {
      const res = await rawRequest(e.http.mcpUrl, {
        headers: { ...auth(token), Origin: origin },
        body: initializeBody,
      });
      expect(res.status, origin).toBe(403);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    }
    for (const origin of [`http://127.0.0.1:${e.http.port}`, `http://localhost:${e.http.port}`]) {
      const res = await rawRequest(e.http.mcpUrl, {
        headers: { ...auth(token), Origin: origin },
        body: initializeBody,
      });
      expect(res.status, origin).toBe(200);
    }
  });

  it('rejects a wrong Host (DNS rebinding) with 421 and accepts localhost', async () => {
    const e = await endpoint();
    const { token } = e.tokens.create('cursor');
    for (const host of [
      'evil.example',
      `evil.example:${e.http.port}`,
      `127.0.0.1:${e.http.port + 1}`,
      `0.0.0.0:${e.http.port}`,
    ]) {
      const res = await rawRequest(e.http.mcpUrl, {
        headers: { ...auth(token), Host: host },
        body: initializeBody,
      });
      expect(res.status, host).toBe(421);
    }
    const ok = await rawRequest(e.http.mcpUrl, {
      headers: { ...auth(token), Host: `localhost:${e.http.port}` },
      body: initializeBody,
    });
    expect(ok.status).toBe(200);
  });

  it('answers 413 to a body over the cap, declared or streamed, before parsing it', async () => {
    const e = await endpoint({ maxBodyBytes: 4096 });
    const { token } = e.tokens.create('cursor');
    const big = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping', params: { pad: 'x'.repeat(5000) } });
    const declared = await rawRequest(e.http.mcpUrl, { headers: auth(token), body: big });
    expect(declared.status).toBe(413);
    const streamed = await rawRequest(e.http.mcpUrl, { headers: auth(token), body: big, chunked: true });
    expect(streamed.status).toBe(413);
    // The default cap is 1 MB.
    const d = await endpoint();
    const t = d.tokens.create('cursor').token;
    const huge = await rawRequest(d.http.mcpUrl, { headers: auth(t), body: 'x'.repeat(1_048_577) });
    expect(huge.status).toBe(413);
  });

  it('is not reachable on non-loopback addresses of this machine', async (ctx) => {
    const e = await endpoint();
    const addresses = Object.entries(networkInterfaces()).flatMap(([name, list]) =>
      (list ?? [])
        .filter((a) => !a.internal)
        // Link-local IPv6 addresses need their interface to be reachable at all.
        .map((a) => (a.family === 'IPv6' && a.scopeid ? `${a.address}%${name}` : a.address)),
    );
    if (addresses.length === 0) {
      console.log('skipped: this machine has no non-loopback network address to try');
      ctx.skip();
    }
    const attempt = (host: string) =>
      new Promise<string>((resolve) => {
        const socket = connect({ host, port: e.http.port, timeout: 2000 });
        socket.once('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.once('timeout', () => {
          socket.destroy();
          resolve('timeout');
        });
        socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
      });
    // The probe does detect a listening server.
    expect(await attempt('127.0.0.1')).toBe('connected');
    for (const address of addresses) {
      const outcome = await attempt(address);
      expect(outcome, address).not.toBe('connected');
    }
  });

  it('keeps sessions per the spec: random ids, 404 for unknown ones, DELETE ends one', async () => {
    const e = await endpoint();
    const { token } = e.tokens.create('cursor');
    const a = await openSession(e.http.mcpUrl, token);
    const b = await openSession(e.http.mcpUrl, token);
    expect(a).toMatch(/^[0-9a-f-]{36}$/);
    expect(a).not.toBe(b);
    expect(e.http.sessionCount()).toBe(2);

    const headers = (id: string) => ({
      ...auth(token),
      'Mcp-Session-Id': id,
      'Mcp-Protocol-Version': '2025-11-25',
    });
    const unknown = await rawRequest(e.http.mcpUrl, { headers: headers('nope'), body: callBody('get_echo') });
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).error.code).toBe(-32001);
    const missing = await rawRequest(e.http.mcpUrl, { headers: auth(token), body: callBody('get_echo') });
    expect(missing.status).toBe(400);

    const del = await rawRequest(e.http.mcpUrl, { method: 'DELETE', headers: headers(a) });
    expect(del.status).toBe(200);
    expect(e.http.sessionCount()).toBe(1);
    const after = await rawRequest(e.http.mcpUrl, { headers: headers(a), body: callBody('get_echo') });
    expect(after.status).toBe(404);
    const getAfter = await rawRequest(e.http.mcpUrl, { method: 'GET', headers: headers(a) });
    expect(getAfter.status).toBe(404);

    // A session belongs to the token's client: another client's token cannot use it.
    const other = e.tokens.create('other').token;
    const stolen = await rawRequest(e.http.mcpUrl, {
      headers: { ...headers(b), Authorization: `Bearer ${other}` },
      body: callBody('get_echo'),
    });
    expect(stolen.status).toBe(404);
    const put = await rawRequest(e.http.mcpUrl, { method: 'PUT', headers: headers(b), body: '{}' });
    expect(put.status).toBe(405);
    const garbage = await rawRequest(e.http.mcpUrl, { headers: headers(b), body: '{nope' });
    expect(garbage.status).toBe(400);
  });

  it('caps sessions by closing the least recently used one', async () => {
    const e = await endpoint({ maxSessions: 2 });
    const { token } = e.tokens.create('cursor');
    const first = await client(e.http.mcpUrl, token);
    const second = await openSession(e.http.mcpUrl, token);
    await first.listTools(); // first is now the most recently used
    await openSession(e.http.mcpUrl, token);
    expect(e.http.sessionCount()).toBe(2);
    const res = await rawRequest(e.http.mcpUrl, {
      headers: { ...auth(token), 'Mcp-Session-Id': second },
      body: callBody('get_echo'),
    });
    expect(res.status).toBe(404);
    expect((await first.listTools()).tools).toHaveLength(2);
  });

  it('closes every session on close, and close is idempotent', async () => {
    const e = await startTestEndpoint();
    const { token } = e.tokens.create('cursor');
    const c = await sdkClient(e.http.mcpUrl, token);
    await c.listTools();
    await Promise.all([e.close(), e.close()]);
    expect(e.http.sessionCount()).toBe(0);
    await expect(c.listTools()).rejects.toThrow();
    await c.close();
  });
});
