// Test support: the app's HTTP server with /mcp and the OpenAPI routes mounted over a given MCP server,
// client tokens in an in-memory store, and a small REST caller.
import { startHttpServer, type HttpServer } from '../../../../http/server.js';
import { createClientTokens, type ClientTokens } from '../../../../store/client-tokens.js';
import { openDatabase } from '../../../../store/db.js';
import type { McpServer } from '../../../server/server.js';
import { refusedByScope } from '../../http-guards.js';
import { mcpHttpMount } from '../../http.js';
import { openApiMounts, type OpenApiRoutesOptions } from '../routes.js';

export interface OpenApiEndpoint {
  http: HttpServer;
  tokens: ClientTokens;
  /** A write and a read token, made for the test. */
  writeToken: string;
  readToken: string;
  /** POST /tools/<name> with a token (the write token unless told). */
  call(name: string, args?: unknown, token?: string): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

export async function startOpenApiEndpoint(
  mcp: McpServer,
  opts: Partial<Pick<OpenApiRoutesOptions, 'corsOrigins' | 'maxBodyBytes' | 'inFlight'>> = {},
): Promise<OpenApiEndpoint> {
  const db = openDatabase(':memory:');
  const tokens = createClientTokens(db);
  const mcpMount = mcpHttpMount({
    tokens,
    connect: (transport, client) => mcp.connect(transport, { caller: client.name, scope: client.scope }),
    refused: refusedByScope(mcp),
  });
  const rest = openApiMounts({
    mcp,
    tokens,
    maxBodyBytes: opts.maxBodyBytes ?? 1_048_576,
    corsOrigins: opts.corsOrigins ?? [],
    inFlight: opts.inFlight,
  });
  const http = await startHttpServer({ port: 0, mounts: [mcpMount, ...rest] });
  const writeToken = tokens.create('rest-writer', 'write').token;
  const readToken = tokens.create('rest-reader', 'read').token;
  return {
    http,
    tokens,
    writeToken,
    readToken,
    async call(name, args = {}, token = writeToken) {
      const res = await fetch(`${http.origin}/tools/${name}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(args),
      });
      return { status: res.status, body: (await res.json()) as unknown };
    },
    async close() {
      await http.close();
      db.close();
    },
  };
}
