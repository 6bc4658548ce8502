// Session ownership and caps: a session belongs to the exact token that opened it, and one client's
// sessions can never push out another's.
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClientIdentity } from '../../store/client-tokens.js';
import { SessionTable } from './http-sessions.js';
import {
  initializeBody,
  MCP_HEADERS,
  openSession,
  rawRequest,
  startTestEndpoint,
  type TestEndpoint,
} from '../testing/http-endpoint.js';

const endpoints: TestEndpoint[] = [];
afterEach(async () => {
  for (const e of endpoints.splice(0)) await e.close();
});

async function endpoint(opts?: Parameters<typeof startTestEndpoint>[0]): Promise<TestEndpoint> {
  const e = await startTestEndpoint(opts);
  endpoints.push(e);
  return e;
}

/** The status of a tools/call on session `id` with `token`. */
async function use(e: TestEndpoint, token: string, id: string): Promise<number> {
  const res = await rawRequest(e.http.mcpUrl, {
    headers: {
      ...MCP_HEADERS,
      Authorization: `Bearer ${token}`,
      'Mcp-Session-Id': id,
      'Mcp-Protocol-Version': '2025-11-25',
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 7,
      method: 'tools/call',
      params: { name: 'get_echo', arguments: { text: 'hi' } },
    }),
  });
  return res.status;
}

describe('MCP HTTP sessions', () => {
  it('refuses an old session to a token re-created under the same name', async () => {
    const e = await endpoint();
    const old = e.tokens.create('cursor', 'write').token;
    const session = await openSession(e.http.mcpUrl, old);
    expect(await use(e, old, session)).toBe(200);
    e.tokens.revoke('cursor');
    const renewed = e.tokens.create('cursor', 'write').token;
    expect(await use(e, renewed, session)).toBe(404);
    const fresh = await openSession(e.http.mcpUrl, renewed);
    expect(await use(e, renewed, fresh)).toBe(200);
  });

  it('lets a client opening many sessions evict only its own', async () => {
    const e = await endpoint({ maxSessions: 3 });
    const victim = e.tokens.create('cursor', 'write').token;
    const kept = await openSession(e.http.mcpUrl, victim);
    const flooder = e.tokens.create('flood', 'read').token;
    const flood: string[] = [];
    for (let i = 0; i < 6; i++) flood.push(await openSession(e.http.mcpUrl, flooder));
    expect(e.http.sessionCount()).toBe(3);
    expect(await use(e, victim, kept)).toBe(200);
    // The flooder keeps its two most recent sessions; the older ones were its own to lose.
    expect(await use(e, flooder, flood[0]!)).toBe(404);
    expect(await use(e, flooder, flood[3]!)).toBe(404);
    expect(await use(e, flooder, flood[4]!)).toBe(200);
    expect(await use(e, flooder, flood[5]!)).toBe(200);
  });

  it('closes the new server when the first request fails after connecting', async () => {
    let closed = 0;
    const table = new SessionTable(async (transport: Transport) => {
      // Stands in for any failure inside the SDK's handling of the initialize request.
      (transport as unknown as { handleRequest: () => Promise<never> }).handleRequest = () =>
        Promise.reject(new Error('boom'));
      return { close: async () => void closed++ };
    }, 5);
    const client: ClientIdentity = { name: 'cursor', scope: 'write', tokenId: 'a'.repeat(64) };
    const req = new Request('http://127.0.0.1/mcp', { method: 'POST', body: initializeBody });
    await expect(table.initialize(req, JSON.parse(initializeBody), client)).rejects.toThrow('boom');
    expect(closed).toBe(1);
    expect(table.size).toBe(0);
  });
});
