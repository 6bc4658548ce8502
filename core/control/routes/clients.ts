// Connecting MCP clients: the list, a connect's preview (a diff, tokens masked), the connect and the
// disconnect, copies of a config, link, command or token, the Claude Desktop extension as a download, and
// the OpenAPI entry (URL, a token, the Open WebUI steps).
// Each change that makes or revokes a client token tells the open pages, so the token table follows.
import type { Hono } from 'hono';
import { connectRequestSchema, copyRequestSchema, removeRequestSchema } from '../../../shared/api/clients.js';
import { openApiTokenRequestSchema } from '../../../shared/api/openapi.js';
import { MCPB_PATH } from '../../../shared/api/protocol.js';
import type { Hub } from '../hub.js';
import type { ControlServices } from '../services.js';
import { json, readBody } from '../request.js';

export function registerClients(api: Hono, s: ControlServices, hub: Hub): void {
  const tokensChanged = () => hub.emit('tokens', { count: s.tokens.list().length });

  api.get('/clients', () => json({ clients: s.clients.list() }));

  api.post('/clients/preview', async (c) => json(s.clients.preview(await readBody(c, connectRequestSchema))));

  api.post('/clients/connect', async (c) => {
    const written = await s.clients.connect(await readBody(c, connectRequestSchema));
    if (written.change !== 'none') tokensChanged();
    return json(written);
  });

  api.post('/clients/disconnect', async (c) => {
    const removed = await s.clients.disconnect((await readBody(c, removeRequestSchema)).client);
    if (removed.tokenRevoked) tokensChanged();
    return json(removed);
  });

  api.post('/clients/copy', async (c) => {
    const copied = s.clients.copy(await readBody(c, copyRequestSchema));
    if (copied.tokenCreated) tokensChanged();
    return json(copied);
  });

  // OpenAPI clients (Open WebUI, scripts) are given a URL and a token rather than a config file.
  api.get('/clients/openapi', () => json(s.clients.openApi()));

  api.post('/clients/openapi/token', async (c) => {
    const connection = s.clients.openApi((await readBody(c, openApiTokenRequestSchema)).scope);
    tokensChanged();
    return json(connection);
  });

  api.get(MCPB_PATH, async () => {
    const bytes = await s.clients.extension();
    return new Response(bytes, {
      headers: {
        'content-type': 'application/zip',
        'content-disposition': 'attachment; filename="worksection.mcpb"',
        'cache-control': 'no-store',
      },
    });
  });
}
