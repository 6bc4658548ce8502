// Until the UI is served: a page at / saying the server runs and where, with nothing secret on it.
import { Hono } from 'hono';
import type { HttpMount } from '../http/server.js';

export function statusPage(): HttpMount {
  const page = new Hono();
  page.get('/', (c) => {
    const mcpUrl = `${new URL(c.req.url).origin}/mcp`;
    return c.html(`<!doctype html><meta charset="utf-8"><title>Worksection MCP</title>
<h1>Worksection MCP is running</h1>
<p>MCP endpoint: <code>${mcpUrl}</code>. Clients need a token: <code>wsmcp token create --name NAME</code>.</p>
<p>The app's window arrives in a later version.</p>`);
  });
  return { path: '/', app: page };
}
