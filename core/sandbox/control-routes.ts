// /__sandbox/: the sandbox's own controls (faults) and observations (request log, counters), for tests,
// benchmarks and a curious developer. They exist only on the sandbox server, never in the product.
import { Hono } from 'hono';
import { z } from 'zod';
import { faultSettingsSchema } from './faults.js';
import type { SandboxState } from './state.js';

const revokeSchema = z.object({ refresh_token: z.string().min(1) });

export function controlRoutes(state: SandboxState): Hono {
  const app = new Hono();
  const bad = (message: string): Response =>
    new Response(JSON.stringify({ status: 'error', message }), {
      status: 400,
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });

  async function jsonBody(req: Request): Promise<unknown> {
    const text = await req.text();
    return text ? (JSON.parse(text) as unknown) : {};
  }

  app.get('/__sandbox/faults', (c) => c.json(state.faults.current()));
  app.post('/__sandbox/faults', async (c) => {
    let body: unknown;
    try {
      body = await jsonBody(c.req.raw);
    } catch {
      return bad('body must be JSON');
    }
    const parsed = faultSettingsSchema.safeParse(body);
    if (!parsed.success) return bad(z.prettifyError(parsed.error));
    try {
      state.faults.set(parsed.data);
    } catch (err) {
      return bad((err as Error).message);
    }
    return c.json(state.faults.current());
  });
  app.delete('/__sandbox/faults', (c) => {
    state.faults.reset();
    return c.json(state.faults.current());
  });

  app.post('/__sandbox/expire-tokens', (c) => {
    const expired = state.faults.expireAccessTokens();
    return c.json({ status: 'ok', expired });
  });

  app.post('/__sandbox/revoke', async (c) => {
    let body: unknown;
    try {
      body = await jsonBody(c.req.raw);
    } catch {
      return bad('body must be JSON');
    }
    const parsed = revokeSchema.safeParse(body);
    if (!parsed.success) return bad('body must be {"refresh_token": "..."}');
    const revoked = state.faults.revokeRefreshToken(parsed.data.refresh_token);
    return c.json({ status: 'ok', revoked });
  });

  app.get('/__sandbox/requests', (c) => {
    const since = c.req.query('since');
    if (since !== undefined && !/^\d+$/.test(since)) return bad('since must be epoch milliseconds');
    return c.json(state.log.rows(since === undefined ? undefined : Number(since)));
  });
  app.delete('/__sandbox/requests', (c) => {
    state.log.clear();
    return c.json({ status: 'ok' });
  });

  app.get('/__sandbox/counters', (c) => c.json(state.log.counters()));
  app.delete('/__sandbox/counters', (c) => {
    state.log.resetCounters();
    return c.json({ status: 'ok' });
  });

  return app;
}
