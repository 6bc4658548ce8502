// The control API and the UI's pages as one Hono app, mounted beside /mcp on the loopback port behind its
// Host/Origin guard (wire/wire-app.ts makes it the sub-app at /):
//   GET  /open?code=…   a one-time code becomes the session cookie, then a redirect to the clean address
//   /api/*              JSON (schemas in shared/api), behind the session, same-origin and CSRF checks
//   GET  /api/events    server-sent events
//   GET  /, /assets/*   the built renderer, with a strict CSP
import { Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { OPEN_PATH } from '../../shared/api/protocol.js';
import { ControlError, errorResponse } from './errors.js';
import { bodyCap, sameOriginApi } from './guard.js';
import { createHub } from './hub.js';
import { registerAccount } from './routes/account.js';
import { registerCache } from './routes/cache.js';
import { registerClients } from './routes/clients.js';
import { registerEvents } from './routes/events.js';
import { registerLogs } from './routes/logs.js';
import { registerOverview } from './routes/overview.js';
import { registerSettings } from './routes/settings.js';
import { registerTokens } from './routes/tokens.js';
import { registerTools } from './routes/tools.js';
import { registerChanges } from './routes/changes.js';
import type { ControlServices } from './services.js';
import { registerStatic } from './static.js';
import { sessionCookieName, UiSessions } from './ui-session.js';

export interface ControlOptions {
  services: ControlServices;
  /** The loopback port (known once listening). */
  port: () => number;
  /** True once for a valid one-time code (open-codes.ts). */
  takeCode: (code: string) => boolean;
  /** The built renderer; undefined serves a page saying to build it. */
  rendererDir: string | undefined;
  /** Default 64 KB: the largest request is a settings change. */
  maxBodyBytes?: number;
  /** A bug in a route (the UI sees a generic 500). */
  onError?: (err: unknown) => void;
}

export interface ControlRoutes {
  app: Hono;
  /** Ends the live streams' subscriptions. */
  close(): void;
}

const REFUSED_PAGE = `<!doctype html><meta charset="utf-8"><title>Worksection MCP</title>
<h1>This address was already used</h1>
<p>An app address works once and only for a while. For a new one, run <code>wsmcp open</code> (or use
"Open window" in the tray).</p>`;

const NO_SESSION =
  'Open the app through the address `wsmcp serve` printed, or run `wsmcp open` for a new one.';

export function createControlRoutes(opts: ControlOptions): ControlRoutes {
  const sessions = new UiSessions({ takeCode: opts.takeCode });
  const hub = createHub(opts.services);
  const cookie = () => sessionCookieName(opts.port());
  const app = new Hono();

  app.get(OPEN_PATH, (c) => {
    const id = sessions.exchange(c.req.query('code') ?? '');
    if (!id) {
      return c.html(REFUSED_PAGE, 403, { 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
    }
    setCookie(c, cookie(), id, { httpOnly: true, sameSite: 'Strict', path: '/' });
    c.header('cache-control', 'no-store');
    c.header('referrer-policy', 'no-referrer');
    return c.redirect('/', 303);
  });

  const api = new Hono();
  api.use('*', sameOriginApi(), bodyCap(opts.maxBodyBytes ?? 65_536), async (c, next) => {
    if (!sessions.valid(getCookie(c, cookie()))) return errorResponse('unauthorized', NO_SESSION);
    await next();
    return undefined;
  });
  registerOverview(api, opts.services);
  registerAccount(api, opts.services);
  registerTokens(api, opts.services, hub);
  registerClients(api, opts.services, hub);
  registerTools(api, opts.services);
  registerChanges(api, opts.services);
  registerCache(api, opts.services);
  registerLogs(api, opts.services);
  registerSettings(api, opts.services);
  registerEvents(api, hub);
  api.all('*', (c) => errorResponse('not_found', `There is no ${c.req.method} ${c.req.path}.`));
  api.onError((err) => {
    if (err instanceof ControlError) return errorResponse(err.code, err.message);
    opts.onError?.(err);
    return errorResponse('internal', 'Something went wrong in the app; its log has the details.');
  });
  app.route('/api', api);
  registerStatic(app, opts.rendererDir);
  return { app, close: () => hub.close() };
}
