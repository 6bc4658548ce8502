// The local access checks in front of /mcp (MCP spec 2025-11-25, transports "Security Warning", and
// authorization): Host and Origin pinned to this loopback server (DNS rebinding), a per-client bearer token,
// and the token's scope. Each failure is a plain HTTP status with a JSON-RPC error body saying what to do.
// No CORS headers are ever sent: browsers on other origins get nothing they can read.
import type { MiddlewareHandler } from 'hono';
import type { ClientIdentity, ClientTokens } from './client-tokens.js';
import type { TokenScope } from './tool-selection.js';

export type HttpEnv = { Variables: { client: ClientIdentity } };

const REALM = 'Bearer realm="wsmcp"';

export function jsonRpcError(
  status: number,
  message: string,
  opts: { code?: number; id?: string | number | null; headers?: Record<string, string> } = {},
): Response {
  const body = { jsonrpc: '2.0', error: { code: opts.code ?? -32000, message }, id: opts.id ?? null };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...opts.headers },
  });
}

/**
 * Only requests addressed to this server by its loopback name pass. A rebinding page reaches us under its
 * own host name (wrong Host: 421 Misdirected Request) and, from a browser, with its own Origin (403).
 * Requests without Origin come from non-browser clients and pass.
 */
export function loopbackGuard(
  port: () => number,
  /** Foreign origins the user allowed for a path (the OpenAPI routes' CORS setting). */
  allowOrigin: (path: string, origin: string) => boolean = () => false,
): MiddlewareHandler {
  return async (c, next) => {
    const p = port();
    const host = c.req.header('host')?.toLowerCase();
    if (host !== `127.0.0.1:${p}` && host !== `localhost:${p}`) {
      return jsonRpcError(
        421,
        `Misdirected request: this server answers only as 127.0.0.1:${p} or localhost:${p}`,
      );
    }
    const origin = c.req.header('origin');
    const own = origin === `http://127.0.0.1:${p}` || origin === `http://localhost:${p}`;
    if (origin !== undefined && !own && !allowOrigin(c.req.path, origin)) {
      return jsonRpcError(403, 'Forbidden: requests from web pages of other origins are refused');
    }
    await next();
    return undefined;
  };
}

/** Bearer per-client token; the identity goes to the next handlers as c.var.client. */
export function bearerAuth(tokens: Pick<ClientTokens, 'verify'>): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    const match = header ? /^Bearer +(\S+)\s*$/i.exec(header) : null;
    if (!match?.[1]) {
      return jsonRpcError(
        401,
        'Unauthorized: send a client token as "Authorization: Bearer wsmcp_…"; create one with `wsmcp token create --name NAME`',
        { headers: { 'WWW-Authenticate': REALM } },
      );
    }
    const client = tokens.verify(match[1]);
    if (!client) {
      return jsonRpcError(
        401,
        'Unauthorized: this client token is unknown or was revoked; `wsmcp token list` shows the valid ones',
        { headers: { 'WWW-Authenticate': `${REALM}, error="invalid_token"` } },
      );
    }
    c.set('client', client);
    await next();
    return undefined;
  };
}

/** Decides whether a client of `scope` is refused the tool (an unknown tool is not refused here). */
export type ScopeCheck = (toolName: string, scope: TokenScope) => boolean;

/**
 * A read token calling a write tool is refused at the HTTP level (spec: insufficient scope → 403) before
 * the message reaches the server. Such tools are hidden from its tools/list too.
 */
export function insufficientScope(
  body: unknown,
  client: ClientIdentity,
  refused: ScopeCheck,
): Response | undefined {
  for (const message of Array.isArray(body) ? body : [body]) {
    if (typeof message !== 'object' || message === null) continue;
    const { method, params, id } = message as { method?: unknown; params?: { name?: unknown }; id?: unknown };
    if (method !== 'tools/call' || typeof params?.name !== 'string') continue;
    if (!refused(params.name, client.scope)) continue;
    return jsonRpcError(
      403,
      `Forbidden: the token "${client.name}" has ${client.scope} scope, which does not allow ${params.name}; ` +
        'create a write token with `wsmcp token create --name NAME --scope write`',
      {
        id: typeof id === 'string' || typeof id === 'number' ? id : null,
        headers: { 'WWW-Authenticate': `${REALM}, error="insufficient_scope", scope="write"` },
      },
    );
  }
  return undefined;
}
