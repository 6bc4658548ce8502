// Cache figures and series, clearing a cache, and syncing the local mirror now.
import type { Hono } from 'hono';
import { cacheClearSchema } from '../../../shared/api/cache.js';
import type { ControlServices } from '../services.js';
import { json, readBody } from '../request.js';

export function registerCache(api: Hono, s: ControlServices): void {
  api.get('/cache', () => json(s.cache.view()));
  api.post('/cache/sync-now', () => json(s.cache.syncNow()));
  api.post('/cache/clear', async (c) => json(s.cache.clear((await readBody(c, cacheClearSchema)).cache)));
}
