// The baseline of `npm run bench -- mcp`: a bare MCP SDK server with one echo tool, on the same HTTP stack
// as ours (Hono on @hono/node-server, the SDK's Web Standard Streamable HTTP transport, one session per
// client, SSE answers) but with nothing of the product: no Host/Origin guard, token, body cap, toolSettings,
// argument/output checks or logging. Run as its own process (like `wsmcp serve`); prints one ready line.
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { Hono } from 'hono';
import { z } from 'zod';

const sessions = new Map<string, WebStandardStreamableHTTPServerTransport>();

function echoServer(): McpServer {
  const server = new McpServer({ name: 'bare-echo', version: '1.0.0' });
  server.registerTool(
    'echo',
    { description: 'Echoes its text', inputSchema: { text: z.string().describe('what to echo') } },
    ({ text }) => ({ content: [{ type: 'text', text }] }),
  );
  return server;
}

const app = new Hono();
app.post('/mcp', async (c) => {
  const body: unknown = await c.req.json();
  const id = c.req.header('mcp-session-id');
  const known = id === undefined ? undefined : sessions.get(id);
  if (known) return known.handleRequest(c.req.raw, { parsedBody: body });
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: randomUUID,
    onsessioninitialized: (sid) => void sessions.set(sid, transport),
  });
  transport.onclose = () => {
    if (transport.sessionId !== undefined) sessions.delete(transport.sessionId);
  };
  await echoServer().connect(transport);
  return transport.handleRequest(c.req.raw, { parsedBody: body });
});
app.on(['GET', 'DELETE'], '/mcp', (c) => {
  const transport = sessions.get(c.req.header('mcp-session-id') ?? '');
  return transport ? transport.handleRequest(c.req.raw) : c.text('unknown session', 404);
});

const server = createAdaptorServer({ fetch: app.fetch, hostname: '127.0.0.1' }) as Server;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(JSON.stringify({ event: 'ready', mcpUrl: `http://127.0.0.1:${port}/mcp` }));
});
process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
});
