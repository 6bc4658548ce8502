// The OpenAPI routes, as sub-apps the app's HTTP server (core/http/server.ts) mounts beside /mcp behind the
// same Host/Origin guard: GET /openapi.json (the document of what the caller may use now), POST
// /tools/<name> (one tool call, through the MCP server's own tools/call path: McpServer.callTool) and /docs
// (docs-page.ts). Calls need a client token as for /mcp; the document does not (as with mcpo: it holds no
// data), but a token given narrows it to that token's scope. Browser pages of other origins are refused
// unless the user allowed them in config.json (`openapi.corsOrigins`): then those two paths send CORS headers.
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import type { HttpMount } from '../../../http/server.js';
import type { ClientIdentity, ClientTokens } from '../../../store/client-tokens.js';
import type { McpServer } from '../../server/server.js';
import { errorBody, restAnswer } from './answers.js';
import { docsRoutes } from './docs-page.js';
import { openApiDocument } from './document.js';

/** Counts calls so that stopping the app drains them like MCP requests (app/in-flight.ts). */
interface CallGate {
  hold(
    caller: string,
    method: string,
    params: unknown,
  ): { refused: string } | { abandoned: Promise<string>; done(): void };
}

export interface OpenApiRoutesOptions {
  mcp: Pick<McpServer, 'callTool' | 'access' | 'enabledTools'>;
  tokens: Pick<ClientTokens, 'verify'>;
  maxBodyBytes: number;
  /** Web origins allowed to call from a browser (CORS); empty: none. */
  corsOrigins: readonly string[];
  /** Stopping the app lets running calls finish and refuses new ones (503) rather than cutting them off. */
  inFlight?: CallGate;
}

const OPENAPI_PATH = '/openapi.json';
const TOOLS_PATH = '/tools';
const DOCS_PATH = '/docs';

const REALM = 'Bearer realm="wsmcp"';
const json = (status: number, body: unknown, headers?: Record<string, string>): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

type Auth = { client?: ClientIdentity; refusal?: Response };

function authenticate(c: Context, tokens: OpenApiRoutesOptions['tokens'], required: boolean): Auth {
  const header = c.req.header('authorization');
  const match = header ? /^Bearer +(\S+)\s*$/i.exec(header) : null;
  if (!match?.[1]) {
    if (!required) return {};
    const body = errorBody(
      'No client token: send "Authorization: Bearer wsmcp_…".',
      'Make one with `wsmcp connect openapi --print` (or `wsmcp token create --name NAME`).',
    );
    return { refusal: json(401, body, { 'WWW-Authenticate': REALM }) };
  }
  const client = tokens.verify(match[1]);
  if (client) return { client };
  const body = errorBody(
    'This client token is unknown or was revoked.',
    '`wsmcp token list` shows the valid ones; `wsmcp connect openapi --print` makes a new one.',
  );
  return { refusal: json(401, body, { 'WWW-Authenticate': `${REALM}, error="invalid_token"` }) };
}

export function openApiMounts(opts: OpenApiRoutesOptions): HttpMount[] {
  const withCors = (app: Hono): Hono => {
    if (opts.corsOrigins.length) {
      app.use(
        '*',
        cors({
          origin: [...opts.corsOrigins],
          allowMethods: ['GET', 'POST', 'OPTIONS'],
          allowHeaders: ['Authorization', 'Content-Type'],
          maxAge: 600,
        }),
      );
    }
    return app;
  };
  const doc = withCors(new Hono());
  const tools = withCors(new Hono());

  // Built once per origin and tool set (the schemas cost milliseconds; the document is asked for often).
  const built = new Map<string, unknown>();
  doc.get('/', (c) => {
    const auth = authenticate(c, opts.tokens, false);
    if (auth.refusal) return auth.refusal;
    const enabled = opts.mcp.enabledTools(auth.client?.scope ?? 'write');
    const serverUrl = new URL(c.req.url).origin;
    const key = `${serverUrl} ${enabled.map((t) => t.name).join(',')}`;
    let document = built.get(key);
    if (document === undefined) {
      // Tool settings change rarely; this bounds what a long-running app keeps of old versions.
      if (built.size >= 8) built.clear();
      document = openApiDocument(enabled, { serverUrl });
      built.set(key, document);
    }
    return json(200, document, { 'Cache-Control': 'no-store' });
  });

  tools.post(
    '/:name',
    bodyLimit({
      maxSize: opts.maxBodyBytes,
      onError: () => json(413, errorBody(`The request body is larger than ${opts.maxBodyBytes} bytes.`)),
    }),
    async (c) => {
      const auth = authenticate(c, opts.tokens, true);
      if (!auth.client) return auth.refusal as Response;
      const name = c.req.param('name');
      const scope = auth.client.scope;
      // As /mcp does: a scope refusal is the HTTP layer's, before the server (a switched-off tool is not).
      if (opts.mcp.access(name, scope) === 'unavailable' && opts.mcp.access(name, 'write') === 'allowed') {
        return json(
          403,
          errorBody(
            `The token "${auth.client.name}" has ${scope} scope, which does not allow ${name}.`,
            'Use a write token: `wsmcp connect openapi --print --scope write`.',
          ),
          { 'WWW-Authenticate': `${REALM}, error="insufficient_scope", scope="write"` },
        );
      }
      const text = await c.req.text();
      let args: unknown = {};
      if (text.trim()) {
        try {
          args = JSON.parse(text);
        } catch {
          return json(
            400,
            errorBody('The body is not valid JSON.', 'Send the arguments as one JSON object.'),
          );
        }
      }
      const held = opts.inFlight?.hold(auth.client.name, 'openapi', { name, arguments: args });
      if (held && 'refused' in held) return json(503, errorBody(held.refused));
      const call = opts.mcp.callTool({
        name,
        args,
        caller: auth.client.name,
        scope,
        signal: c.req.raw.signal,
        method: 'openapi',
      });
      try {
        const outcome = await (held ? Promise.race([call, held.abandoned]) : call);
        if (typeof outcome === 'string') return json(503, errorBody(outcome));
        const answer = restAnswer(outcome);
        return json(answer.status, answer.body);
      } catch (err) {
        if (!(err instanceof McpError)) throw err;
        return json(404, errorBody(`No tool is named ${name}.`, `GET ${OPENAPI_PATH} lists the tools.`));
      } finally {
        held?.done();
      }
    },
  );
  tools.all('/:name', () => json(405, errorBody('Tools are called with POST.'), { Allow: 'POST' }));

  // The guard's refusals in this API's own shape.
  const refusal = (status: number, message: string) => json(status, errorBody(message));
  const allowedOrigins = opts.corsOrigins;
  return [
    { path: OPENAPI_PATH, app: doc, refusal, allowedOrigins },
    { path: TOOLS_PATH, app: tools, refusal, allowedOrigins },
    { path: DOCS_PATH, app: docsRoutes() },
  ];
}
