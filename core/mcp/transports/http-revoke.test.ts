// Issue 16, item 7: revoking a client token (here from a second connection to the store file, as
// `wsmcp token revoke` does from its own process) closes that token's open SSE streams and sessions at
// once; other tokens' sessions stay.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openClientTokens } from '../../store/client-tokens.js';
import {
  MCP_HEADERS,
  openEventStream,
  openSession,
  sessionHeaders,
  startTestEndpoint,
  type TestEndpoint,
} from '../testing/http-endpoint.js';

let e: TestEndpoint | undefined;
let dir: string | undefined;
afterEach(async () => {
  await e?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Opens the session's standalone SSE stream (GET) and answers a reader of its body. */
async function openStream(mcpUrl: string, token: string, session: string) {
  const res = await openEventStream(mcpUrl, token, session);
  expect(res.status).toBe(200);
  return res.body!.getReader();
}

async function initialized(mcpUrl: string, token: string, session: string): Promise<void> {
  const res = await fetch(mcpUrl, {
    method: 'POST',
    headers: { ...MCP_HEADERS, ...sessionHeaders(token, session) },
    body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
  });
  expect(res.status).toBe(202);
}

describe('revoking a token', () => {
  it('closes its SSE streams and sessions within a second; other tokens keep theirs', async () => {
    dir = mkdtempSync(join(tmpdir(), 'wsmcp-revoke-'));
    const file = join(dir, 'wsmcp.db');
    e = await startTestEndpoint({ dbFile: file, revocationCheckMs: 200 });
    const doomed = e.tokens.create('doomed', 'write').token;
    const kept = e.tokens.create('kept', 'write').token;
    const doomedSession = await openSession(e.http.mcpUrl, doomed);
    const keptSession = await openSession(e.http.mcpUrl, kept);
    await initialized(e.http.mcpUrl, doomed, doomedSession);
    await initialized(e.http.mcpUrl, kept, keptSession);
    const stream = await openStream(e.http.mcpUrl, doomed, doomedSession);
    expect(e.http.sessionCount()).toBe(2);

    const other = openClientTokens(file);
    const revokedAt = Date.now();
    expect(other.tokens.revoke('doomed')).toBe(true);
    other.close();

    // The stream ends (done, or cut) instead of staying open.
    const end = await Promise.race([
      stream.read().then(
        (r) => (r.done ? 'ended' : 'data'),
        () => 'ended',
      ),
      new Promise((resolve) => setTimeout(() => resolve('still open'), 5000)),
    ]);
    expect(end).toBe('ended');
    expect(Date.now() - revokedAt).toBeLessThan(2000);
    expect(e.http.sessionCount()).toBe(1);
    // The other token's session goes on.
    const still = await openStream(e.http.mcpUrl, kept, keptSession);
    await still.cancel();
  });
});
