// The OpenAPI routes beside /mcp, behind the same Host/Origin guard: GET /openapi.json (the document of
// what the caller may use now), POST /tools/<name> (one tool call, through the MCP server's own tools/call
// path: McpServer.callTool) and /docs (docs-page.ts). Calls need a client token as for /mcp; the document
// does not (as with mcpo: it holds no data), but a token given narrows it to that token's scope. No CORS
// headers unless the user allowed an origin in config.json (`openapi.corsOrigins`).
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { STOPPING_MESSAGE, type InFlight } from '../../../in-flight.js';
import type { ClientIdentity, ClientTokens } from '../../client-tokens.js';
import type { McpServer } from '../../server.js';
import { errorBody, restAnswer } from './answers.js';
import { docsRoutes } from './docs-page.js';
import { openApiDocument, TOOL_PATH_PREFIX } from './document.js';

export interface OpenApiRoutesOptions {
  mcp: Pick<McpServer, 'callTool' | 'access' | 'enabledTools'>;
  tokens: Pick<ClientTokens, 'verify'>;
  maxBodyBytes: number;
  /** Web origins allowed to call from a browser (CORS); empty: none. */
  corsOrigins: readonly string[];
  /** Stopping the app lets running calls finish and refuses new ones (503) rather than cutting them off. */
  inFlight?: Pick<InFlight, 'hold'>;
}

export const OPENAPI_PATH = '/openapi.json';
export const DOCS_PATH = '/docs';

/** The paths a CORS origin may reach: the document and the tools, never /mcp or the app's own API. */
export function isOpenApiPath(path: string): boolean {
  return path === OPENAPI_PATH || path.startsWith(TOOL_PATH_PREFIX);
}

const REALM = 'Bearer realm="wsmcp"';
const json = (c: Context, status: number, body: unknown, headers?: Record<string, string>) =>
  c.newResponse(JSON.stringify(body), status as 200, { 'Content-Type': 'application/json', ...headers });

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
    return { refusal: json(c, 401, body, { 'WWW-Authenticate': REALM }) };
  }
  const client = tokens.verify(match[1]);
  if (client) return { client };
  const body = errorBody(
    'This client token is unknown or was revoked.',
    '`wsmcp token list` shows the valid ones; `wsmcp connect openapi --print` makes a new one.',
  );
  return { refusal: json(c, 401, body, { 'WWW-Authenticate': `${REALM}, error="invalid_token"` }) };
}

export function openApiRoutes(opts: OpenApiRoutesOptions): Hono {
  const app = new Hono();
  if (opts.corsOrigins.length) {
    const corsMiddleware = cors({
      origin: [...opts.corsOrigins],
      allowMethods: ['GET', 'POST', 'OPTIONS'],
      allowHeaders: ['Authorization', 'Content-Type'],
      maxAge: 600,
    });
    app.use(OPENAPI_PATH, corsMiddleware);
    app.use(`${TOOL_PATH_PREFIX}*`, corsMiddleware);
  }

  // Built once per origin and tool set (the schemas cost milliseconds; the document is asked for often).
  const built = new Map<string, unknown>();
  app.get(OPENAPI_PATH, (c) => {
    const auth = authenticate(c, opts.tokens, false);
    if (auth.refusal) return auth.refusal;
    const tools = opts.mcp.enabledTools(auth.client?.scope ?? 'write');
    const serverUrl = new URL(c.req.url).origin;
    const key = `${serverUrl} ${tools.map((t) => t.name).join(',')}`;
    let doc = built.get(key);
    if (doc === undefined) {
      // Tool settings change rarely; this bounds what a long-running app keeps of old versions.
      if (built.size >= 8) built.clear();
      doc = openApiDocument(tools, { serverUrl });
      built.set(key, doc);
    }
    return json(c, 200, doc, { 'Cache-Control': 'no-store' });
  });

  app.post(
    `${TOOL_PATH_PREFIX}:name`,
    bodyLimit({
      maxSize: opts.maxBodyBytes,
      onError: (c) => json(c, 413, errorBody(`The request body is larger than ${opts.maxBodyBytes} bytes.`)),
    }),
    async (c) => {
      const auth = authenticate(c, opts.tokens, true);
      if (!auth.client) return auth.refusal as Response;
      const name = c.req.param('name');
      const scope = auth.client.scope;
      // As /mcp does: a scope refusal is the HTTP layer's, before the server (a switched-off tool is not).
      if (opts.mcp.access(name, scope) === 'unavailable' && opts.mcp.access(name, 'write') === 'allowed') {
        return json(
          c,
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
            c,
            400,
            errorBody('The body is not valid JSON.', 'Send the arguments as one JSON object.'),
          );
        }
      }
      const held = opts.inFlight?.hold(auth.client.name, 'openapi', { name, arguments: args });
      if (opts.inFlight && !held) {
        return json(c, 503, errorBody(STOPPING_MESSAGE));
      }
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
        if (typeof outcome === 'string') return json(c, 503, errorBody(outcome));
        const answer = restAnswer(outcome);
        return json(c, answer.status, answer.body);
      } catch (err) {
        if (!(err instanceof McpError)) throw err;
        return json(c, 404, errorBody(`No tool is named ${name}.`, `GET ${OPENAPI_PATH} lists the tools.`));
      } finally {
        held?.done();
      }
    },
  );
  app.all(`${TOOL_PATH_PREFIX}:name`, (c) =>
    json(c, 405, errorBody('Tools are called with POST.'), { Allow: 'POST' }),
  );

  app.route(DOCS_PATH, docsRoutes());
  return app;
}
