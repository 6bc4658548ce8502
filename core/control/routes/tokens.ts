// MCP client tokens: list, create (the secret is in this one answer only), revoke.
import type { Hono } from 'hono';
import { createTokenSchema } from '../../../shared/api/tokens.js';
import { ControlError } from '../errors.js';
import type { Hub } from '../hub.js';
import type { ControlServices } from '../services.js';
import { json, readBody } from '../request.js';

export function registerTokens(api: Hono, s: ControlServices, hub: Hub): void {
  const changed = () => hub.emit('tokens', { count: s.tokens.list().length });

  api.get('/tokens', () => json({ tokens: s.tokens.list() }));

  api.post('/tokens', async (c) => {
    const created = s.tokens.create(await readBody(c, createTokenSchema));
    changed();
    return json(created, 201);
  });

  api.delete('/tokens/:name', (c) => {
    const name = c.req.param('name');
    if (!s.tokens.revoke(name)) throw new ControlError('not_found', `No token is named "${name}".`);
    changed();
    return json({ tokens: s.tokens.list() });
  });
}
