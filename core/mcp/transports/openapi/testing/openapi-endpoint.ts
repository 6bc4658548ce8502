// Test support: the app's HTTP server (/mcp beside the OpenAPI routes, behind the same guard) over a given
// MCP server, with client tokens in an in-memory store, and a small REST caller.
import { openDatabase } from '../../../../store/db.js';
import { createClientTokens, type ClientTokens } from '../../../client-tokens.js';
import { startMcpHttpServer, type McpHttpServer } from '../../../http.js';
import type { McpServer } from '../../../server.js';
import { isOpenApiPath, openApiRoutes, type OpenApiRoutesOptions } from '../routes.js';

export interface OpenApiEndpoint {
  http: McpHttpServer;
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
  const corsOrigins = opts.corsOrigins ?? [];
  const http = await startMcpHttpServer({
    port: 0,
    tokens,
    connect: (transport, client) => mcp.connect(transport, { caller: client.name, scope: client.scope }),
    refused: (name, scope) =>
      mcp.access(name, scope) === 'unavailable' && mcp.access(name, 'write') === 'allowed',
    routes: openApiRoutes({
      mcp,
      tokens,
      maxBodyBytes: opts.maxBodyBytes ?? 1_048_576,
      corsOrigins,
      inFlight: opts.inFlight,
    }),
    allowOrigin: (path, origin) => isOpenApiPath(path) && corsOrigins.includes(origin),
  });
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
