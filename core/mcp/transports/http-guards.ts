// The access checks of /mcp (MCP spec 2025-11-25, authorization) after the app server's Host/Origin guard
// (core/http/loopback-guard.ts): a per-client bearer token and the token's scope. Each failure is a plain
// HTTP status with a JSON-RPC error body saying what to do.
import type { MiddlewareHandler } from 'hono';
import type { ClientIdentity, ClientTokens, TokenScope } from '../../store/client-tokens.js';
import type { McpServer } from '../server/server.js';

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
 * The server's own answer: refused when this scope may not call a tool a write token may call now. A tool
 * switched off in the tool settings is not a scope matter: the server answers it with its own error.
 */
export function refusedByScope(mcp: Pick<McpServer, 'access'>): ScopeCheck {
  return (name, scope) =>
    mcp.access(name, scope) === 'unavailable' && mcp.access(name, 'write') === 'allowed';
}

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
