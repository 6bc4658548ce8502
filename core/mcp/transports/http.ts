// The MCP endpoint over Streamable HTTP, as the sub-app the app's HTTP server (core/http/server.ts) mounts
// at /mcp behind its Host/Origin guard: a client token on every request, POST bodies capped before they
// are read, parsed once here (to refuse a read token's write calls with 403) and handed to the session's
// SDK transport. Every answer, the guard's refusals included, is a JSON-RPC error body. The app can stop the
// endpoint without closing the port (the UI's Overview): sessions end and clients get 503 until it resumes.
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { HttpMount } from '../../http/server.js';
import type { ClientTokens } from '../../store/client-tokens.js';
import { bearerAuth, insufficientScope, jsonRpcError, type HttpEnv, type ScopeCheck } from './http-guards.js';
import { SessionTable, type ConnectSession } from './http-sessions.js';

const MCP_PATH = '/mcp';

export interface McpHttpOptions {
  tokens: Pick<ClientTokens, 'verify' | 'exists'>;
  connect: ConnectSession;
  /** True when a client of that scope may not call the tool (answered 403). */
  refused: ScopeCheck;
  maxBodyBytes?: number;
  maxSessions?: number;
  /** How often sessions are checked against the token store, where another process may revoke (ms). */
  revocationCheckMs?: number;
  onError?: (err: unknown) => void;
}

export interface McpHttpMount extends HttpMount {
  sessionCount(): number;
  /** Whether /mcp accepts clients. */
  readonly serving: boolean;
  /** Stops (ending every session; clients get 503) or resumes the MCP endpoint, keeping the port. */
  setServing(on: boolean): Promise<void>;
}

const isInitialize = (body: unknown): boolean =>
  Array.isArray(body) ? body.some(isInitializeRequest) : isInitializeRequest(body);

export function mcpHttpMount(opts: McpHttpOptions): McpHttpMount {
  const maxBody = opts.maxBodyBytes ?? 1_048_576;
  const sessions = new SessionTable(opts.connect, opts.maxSessions ?? 100);
  let serving = true;
  // A revoked token's open SSE streams would otherwise live on: its requests are refused, its streams not.
  // `wsmcp token revoke` runs in another process, so the store is asked (one indexed lookup per token).
  const stillValid = (tokenId: string): boolean => {
    try {
      return opts.tokens.exists(tokenId);
    } catch {
      // The store is busy or closing: keep the session; the next sweep asks again.
      return true;
    }
  };
  const sweep = setInterval(() => {
    if (sessions.size > 0) sessions.closeRevoked(stillValid);
  }, opts.revocationCheckMs ?? 1000);
  sweep.unref();

  const app = new Hono<HttpEnv>();
  app.use(async (_c, next) => {
    if (serving) return next();
    return jsonRpcError(
      503,
      'Service unavailable: the MCP server is stopped in the Worksection MCP app; start it from the app (Overview)',
      { headers: { 'Retry-After': '30' } },
    );
  });
  app.use(bearerAuth(opts.tokens));

  app.post(
    '/',
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

  app.on(['GET', 'DELETE'], '/', (c) => {
    const id = c.req.header('mcp-session-id');
    if (id === undefined) return jsonRpcError(400, 'Bad Request: Mcp-Session-Id header is required');
    const session = sessions.find(id, c.var.client);
    if (!session) return sessionNotFound();
    return session.transport.handleRequest(c.req.raw);
  });

  app.all('/', () => new Response(null, { status: 405, headers: { Allow: 'GET, POST, DELETE' } }));
  app.onError((err) => {
    opts.onError?.(err);
    return jsonRpcError(500, 'Internal error; see the server log', { code: -32603 });
  });

  return {
    path: MCP_PATH,
    app: app as unknown as Hono,
    refusal: (status, message) => jsonRpcError(status, message),
    sessionCount: () => sessions.size,
    get serving() {
      return serving;
    },
    async setServing(on) {
      serving = on;
      if (!on) await sessions.endAll();
    },
    close: () => {
      clearInterval(sweep);
      return sessions.closeAll();
    },
  };
}

function sessionNotFound(): Response {
  return jsonRpcError(404, 'Session not found: initialize a new session', { code: -32001 });
}
