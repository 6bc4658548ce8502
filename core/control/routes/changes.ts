// The change journal for the Changes panel, and Undo (through undo_change, so it is journaled too).
import type { Hono } from 'hono';
import type { ControlServices } from '../services.js';
import { json } from '../request.js';
import { ControlError } from '../errors.js';

export function registerChanges(api: Hono, s: ControlServices): void {
  api.get('/changes', () => json(s.changes.view()));
  api.post('/changes/:id/undo', async (c) => {
    const id = Number(c.req.param('id'));
    if (!Number.isInteger(id) || id < 1) throw new ControlError('not_found', 'There is no such change.');
    return json(await s.changes.undo(id));
  });
}
