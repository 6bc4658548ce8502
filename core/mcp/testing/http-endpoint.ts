// Test support for the HTTP endpoint: a real server (createMcpServer with two tiny tools, one read and one
// write, needing no upstream: HTTP_TOOLS in fixture-tools.ts), tokens in an in-memory store, a raw HTTP client that can send any Host
// header and body, and an SDK Streamable HTTP client.
import { request } from 'node:http';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { openDatabase } from '../../store/db.js';
import { createClientTokens, type ClientTokens } from '../../store/client-tokens.js';
import { refusedByScope } from '../transports/http-guards.js';
import { startHttpServer } from '../../http/server.js';
import type { ConnectionLimits } from '../../http/connection-guard.js';
import { mcpHttpMount, type McpHttpOptions } from '../transports/http.js';
import { HTTP_TOOLS } from './fixture-tools.js';
import { stubContextFor } from './stub-context.js';
import { createMcpServer } from '../server/server.js';

/** The app's HTTP server with only /mcp mounted, as the tests see it. */
export interface TestHttp {
  port: number;
  origin: string;
  mcpUrl: string;
  sessionCount(): number;
  close(): Promise<void>;
}

export interface TestEndpoint {
  http: TestHttp;
  tokens: ClientTokens;
  close(): Promise<void>;
}

export async function startTestEndpoint(
  opts: Partial<Pick<McpHttpOptions, 'maxBodyBytes' | 'maxSessions' | 'revocationCheckMs'>> & {
    /** A store file other connections (another process's CLI) can share; in memory by default. */
    dbFile?: string;
    connections?: ConnectionLimits;
  } = {},
): Promise<TestEndpoint> {
  const { dbFile, connections, ...mountOpts } = opts;
  const db = openDatabase(dbFile ?? ':memory:');
  const tokens = createClientTokens(db);
  const mcp = createMcpServer({ tools: HTTP_TOOLS, contextFor: stubContextFor });
  const mount = mcpHttpMount({
    tokens,
    connect: (transport, client) => mcp.connect(transport, { caller: client.name, scope: client.scope }),
    refused: refusedByScope(mcp),
    ...mountOpts,
  });
  const server = await startHttpServer({ port: 0, mounts: [mount], connections });
  const http: TestHttp = {
    ...server,
    mcpUrl: `${server.origin}/mcp`,
    sessionCount: () => mount.sessionCount(),
  };
  let closing: Promise<void> | undefined;
  return {
    http,
    tokens,
    close: () =>
      (closing ??= (async () => {
        await http.close();
        await mcp.close();
        db.close();
      })()),
  };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTP request with full control of the headers (Host included) and of how the body is sent. */
export function rawRequest(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer; chunked?: boolean } = {},
): Promise<RawResponse> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: opts.method ?? 'POST',
        headers: opts.headers,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    // The server may answer (413, 401) and close before it has read a large body: that is not a failure.
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE' && err.code !== 'ECONNRESET') reject(err);
    });
    if (opts.body !== undefined && !opts.chunked)
      req.setHeader('Content-Length', Buffer.byteLength(opts.body));
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

export const MCP_HEADERS = {
  'Content-Type': 'application/json',
  Accept: 'application/json, text/event-stream',
};

export const initializeBody = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
});

/** The headers of a request on an open session. */
export const sessionHeaders = (token: string, session: string): Record<string, string> => ({
  Authorization: `Bearer ${token}`,
  'Mcp-Session-Id': session,
  'Mcp-Protocol-Version': '2025-11-25',
});

/** Opens the session's standalone SSE stream (GET); the response's body stays open until closed. */
export function openEventStream(mcpUrl: string, token: string, session: string): Promise<Response> {
  return fetch(mcpUrl, { headers: { Accept: 'text/event-stream', ...sessionHeaders(token, session) } });
}

/** Opens a session with raw HTTP and answers its id. */
export async function openSession(mcpUrl: string, token: string): Promise<string> {
  const res = await rawRequest(mcpUrl, {
    headers: { ...MCP_HEADERS, Authorization: `Bearer ${token}` },
    body: initializeBody,
  });
  const id = res.headers['mcp-session-id'];
  if (res.status !== 200 || typeof id !== 'string')
    throw new Error(`initialize failed: ${res.status} ${res.body}`);
  return id;
}

export async function sdkClient(mcpUrl: string, token: string): Promise<Client> {
  const client = new Client({ name: 'http-test', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(mcpUrl), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
  });
  await client.connect(transport);
  return client;
}
