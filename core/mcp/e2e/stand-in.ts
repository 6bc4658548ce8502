// TEMPORARY: a stand-in for `wsmcp serve --demo --json` until core/commands/serve.ts lands, so the e2e
// harness can be built against the same contract (ready line, bearer token, Host/Origin checks).
import { randomBytes, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { Hono } from 'hono';
import { z } from 'zod';
import { startSandbox } from '../../worksection/sandbox/server.js';

const sandbox = await startSandbox({ rateLimit: 0 });
const token = `wsmcp_${randomBytes(24).toString('base64url')}`;
const sessions = new Map<string, WebStandardStreamableHTTPServerTransport>();

function newServer(): McpServer {
  const server = new McpServer({ name: 'stand-in', version: '0.0.0' });
  server.registerTool(
    'get_me',
    {
      description: 'The signed-in user',
      inputSchema: {},
      annotations: { readOnlyHint: true, openWorldHint: true },
    },
    () => {
      const owner = sandbox.data.users.get(sandbox.data.ownerId);
      const me = { id: String(owner?.id), name: owner?.firstName, email: owner?.email };
      return { content: [{ type: 'text', text: JSON.stringify(me) }], structuredContent: me };
    },
  );
  server.registerTool(
    'list_projects',
    {
      description: 'Projects',
      inputSchema: { status: z.enum(['active', 'all']).optional().describe('which projects') },
      annotations: { readOnlyHint: true, openWorldHint: true },
    },
    ({ status }) => {
      const items = [...sandbox.data.projects.values()]
        .filter((p) => status === 'all' || p.status === 'active')
        .map((p) => ({ id: String(p.id), name: p.name }));
      const out = { items, total_count: items.length };
      return { content: [{ type: 'text', text: JSON.stringify(out) }], structuredContent: out };
    },
  );
  return server;
}

const port = 0;
const app = new Hono();
app.all('/mcp', async (c) => {
  const host = c.req.header('host') ?? '';
  const origin = c.req.header('origin');
  const self = `127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  if (host !== self && host !== `localhost:${self.split(':')[1]}`) return c.text('bad host', 421);
  if (origin !== undefined && origin !== `http://${host}`) return c.text('bad origin', 403);
  if (c.req.header('authorization') !== `Bearer ${token}`) return c.text('unauthorized', 401);
  const sid = c.req.header('mcp-session-id');
  let transport = sid ? sessions.get(sid) : undefined;
  if (sid && !transport)
    return c.json({ jsonrpc: '2.0', error: { code: -32001, message: 'no session' } }, 404);
  if (!transport) {
    const t = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => void sessions.set(id, t),
      onsessionclosed: (id) => void sessions.delete(id),
    });
    transport = t;
    await newServer().connect(t);
  }
  return transport.handleRequest(c.req.raw);
});
const httpServer = createAdaptorServer({ fetch: app.fetch, hostname: '127.0.0.1' }) as Server;
httpServer.listen(port, '127.0.0.1', () => {
  const p = (httpServer.address() as AddressInfo).port;
  console.log(
    JSON.stringify({
      event: 'ready',
      mcpUrl: `http://127.0.0.1:${p}/mcp`,
      uiUrl: `http://127.0.0.1:${p}/`,
      token,
      sandboxUrl: sandbox.url,
    }),
  );
});
process.on('SIGTERM', () => {
  httpServer.close();
  httpServer.closeAllConnections();
  void sandbox.close();
});
