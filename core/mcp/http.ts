// The MCP endpoint over Streamable HTTP: http://127.0.0.1:PORT/mcp, loopback only. Every request passes
// the loopback guard (Host, Origin), then /mcp needs a client token; POST bodies are capped before they are
// read, parsed once here (to refuse a read token's write calls with 403) and handed to the session's SDK
// transport. Other routes (the UI, later the control API) mount beside /mcp behind the same guard.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ClientTokens } from './client-tokens.js';
import {
  bearerAuth,
  insufficientScope,
  jsonRpcError,
  loopbackGuard,
  type HttpEnv,
  type ScopeCheck,
} from './http-guards.js';
import { SessionTable, type ConnectSession } from './http-sessions.js';

export type { ConnectSession } from './http-sessions.js';

export const LOOPBACK = '127.0.0.1';

export interface McpHttpOptions {
  /** 0 picks a free port (tests). */
  port: number;
  tokens: Pick<ClientTokens, 'verify'>;
  connect: ConnectSession;
  /** True when a client of that scope may not call the tool (answered 403). */
  refused: ScopeCheck;
  maxBodyBytes?: number;
  maxSessions?: number;
  /** Routes served beside /mcp on the same origin and behind the same Host/Origin checks. */
  routes?: Hono;
  /** Foreign origins the user allowed for a path (CORS of the OpenAPI routes); none by default. */
  allowOrigin?: (path: string, origin: string) => boolean;
  onError?: (err: unknown) => void;
}

export interface McpHttpServer {
  port: number;
  /** http://127.0.0.1:PORT */
  origin: string;
  mcpUrl: string;
  sessionCount(): number;
  /** Ends every session and the listener; idempotent. */
  close(): Promise<void>;
}

export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(`port ${port} is already in use`);
    this.name = 'PortInUseError';
  }
}

const isInitialize = (body: unknown): boolean =>
  Array.isArray(body) ? body.some(isInitializeRequest) : isInitializeRequest(body);

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new PortInUseError(port) : err);
    server.once('error', fail);
    server.listen(port, LOOPBACK, () => {
      server.off('error', fail);
      resolve();
    });
  });
}

export async function startMcpHttpServer(opts: McpHttpOptions): Promise<McpHttpServer> {
  const maxBody = opts.maxBodyBytes ?? 1_048_576;
  const sessions = new SessionTable(opts.connect, opts.maxSessions ?? 100);
  let port = opts.port;

  const app = new Hono<HttpEnv>();
  app.use(
    '*',
    loopbackGuard(() => port, opts.allowOrigin),
  );
  app.use('/mcp', bearerAuth(opts.tokens));

  app.post(
    '/mcp',
    bodyLimit({
      maxSize: maxBody,
      onError: () => jsonRpcError(413, `Payload too large: requests are limited to ${maxBody} bytes`),
    }),
    async (c) => {
      const client = c.var.client;
      let body: unknown;
      try {
        body = JSON.parse(await c.req.text());
      } catch {
        return jsonRpcError(400, 'Parse error: the body is not valid JSON', { code: -32700 });
      }
      const denied = insufficientScope(body, client, opts.refused);
      if (denied) return denied;
      const id = c.req.header('mcp-session-id');
      if (id !== undefined) {
        const session = sessions.find(id, client);
        if (!session) return sessionNotFound();
        return session.transport.handleRequest(c.req.raw, { parsedBody: body });
      }
      if (isInitialize(body)) return sessions.initialize(c.req.raw, body, client);
      return jsonRpcError(400, 'Bad Request: Mcp-Session-Id header is required (send initialize first)');
    },
  );

  app.on(['GET', 'DELETE'], '/mcp', (c) => {
    const id = c.req.header('mcp-session-id');
    if (id === undefined) return jsonRpcError(400, 'Bad Request: Mcp-Session-Id header is required');
    const session = sessions.find(id, c.var.client);
    if (!session) return sessionNotFound();
    return session.transport.handleRequest(c.req.raw);
  });

  app.all('/mcp', () => new Response(null, { status: 405, headers: { Allow: 'GET, POST, DELETE' } }));
  if (opts.routes) app.route('/', opts.routes);
  app.onError((err) => {
    opts.onError?.(err);
    return jsonRpcError(500, 'Internal error; see the server log', { code: -32603 });
  });

  const server = createAdaptorServer({ fetch: app.fetch, hostname: LOOPBACK }) as Server;
  await listen(server, opts.port);
  port = (server.address() as AddressInfo).port;
  const origin = `http://${LOOPBACK}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    port,
    origin,
    mcpUrl: `${origin}/mcp`,
    sessionCount: () => sessions.size,
    close: () =>
      (closing ??= (async () => {
        await sessions.closeAll();
        await new Promise<void>((resolve, reject) => {
          server.close((err) => (err ? reject(err) : resolve()));
          // SSE streams and keep-alive sockets would hold close() open.
          server.closeAllConnections();
        });
      })()),
  };
}

function sessionNotFound(): Response {
  return jsonRpcError(404, 'Session not found: initialize a new session', { code: -32001 });
}
