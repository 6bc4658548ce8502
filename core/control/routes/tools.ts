// Tool settings: the view, and one switch at a time (applied at once; clients get tools/list_changed).
import type { Hono } from 'hono';
import { toolsChangeSchema } from '../../../shared/api/tools.js';
import type { ControlServices } from '../services.js';
import { json, readBody } from '../request.js';

export function registerTools(api: Hono, s: ControlServices): void {
  api.get('/tools', () => json(s.tools.view()));
  api.patch('/tools', async (c) => json(s.tools.change(await readBody(c, toolsChangeSchema))));
}
