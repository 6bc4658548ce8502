// startSandbox: a faithful local Worksection for tests, benchmarks and demo mode. One loopback HTTP server
// answers the Client API (/api/oauth2, /api/admin/v2), the OAuth2 server (/oauth2/*) and the sandbox's own
// controls (/__sandbox/*) over generated data. Fidelity notes live beside each concern:
// api-routes.ts, api-auth.ts, oauth-server.ts, rate-limit.ts, faults.ts.
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import { jsonBodiesOnly, sandboxLoopbackGuard } from './loopback-guard.js';
import type { Scope } from '../worksection/actions.js';
import { SCOPES } from '../worksection/actions.js';
import { handlers as defaultHandlers } from './handlers/index.js';
import { createApiHandler } from './api-routes.js';
import { controlRoutes } from './control-routes.js';
import type { SandboxFaults } from './faults.js';
import { FaultInjector, nginxPage } from './faults.js';
import type { SandboxSize } from './generate/index.js';
import { generateAccount } from './generate/index.js';
import type { ActionHandlers } from './handler.js';
import type { SandboxData } from './model.js';
import { oauthRoutes } from './oauth-server.js';
import { SlidingWindowLimiter } from './rate-limit.js';
import type { SandboxRequest } from './request-log.js';
import { RequestLog } from './request-log.js';
import type { SandboxState } from './state.js';
import { HeldRequests } from './state.js';
import { DEFAULT_LIFETIMES, TokenStore } from './tokens.js';

export type { SandboxRequest } from './request-log.js';

export interface SandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  seed?: number;
  size?: SandboxSize;
  /** Pre-generated data; seed and size then only seed the fault PRNG. */
  data?: SandboxData;
  /** Requests per second per token (the admin key is one token); default 1, 0 turns the limit off. */
  rateLimit?: number;
  lifetimes?: { codeSeconds?: number; accessSeconds?: number; refreshSeconds?: number };
  /** The sandbox clock (epoch ms) for token lifetimes, the rate limit, the request log and the handlers. */
  now?: () => number;
  /** Tests only: replace some action handlers (e.g. to observe the params the HTTP layer passes on). */
  handlers?: Partial<ActionHandlers>;
}

export interface RunningSandbox {
  /** Serves /api/*, /oauth2/* and /__sandbox/*. */
  url: string;
  apiKey: string;
  oauthClient: { id: string; secret: string };
  data: SandboxData;
  faults: SandboxFaults;
  requests(): SandboxRequest[];
  /** Test convenience: mints a token pair without the browser flow (default: the owner, all scopes). */
  issueTokens(opts?: { userId?: number; scopes?: Scope[] }): { accessToken: string; refreshToken: string };
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<RunningSandbox> {
  const now = opts.now ?? Date.now;
  const seed = opts.seed ?? 1;
  const host = opts.host ?? '127.0.0.1';
  const data = opts.data ?? generateAccount({ seed, size: opts.size ?? 'small', now: now() });
  const tokens = new TokenStore({ ...DEFAULT_LIFETIMES, ...opts.lifetimes }, now);
  const log = new RequestLog();
  const faults = new FaultInjector(seed, {
    expireAccessTokens: () => {
      log.countFault('expire');
      return tokens.expireAllAccess();
    },
    revokeRefreshToken: (token) => {
      const revoked = tokens.revokeRefresh(token);
      if (revoked) log.countFault('revoke');
      return revoked;
    },
  });
  // Print-once secrets of this run, random so nothing outside the run can call it.
  const state: SandboxState = {
    data,
    apiKey: randomBytes(16).toString('hex'),
    client: { id: randomBytes(16).toString('hex'), secret: randomBytes(32).toString('hex') },
    tokens,
    limiter: new SlidingWindowLimiter(opts.rateLimit ?? 1),
    faults,
    log,
    holds: new HeldRequests(),
    now,
    url: '',
  };

  const app = new Hono();
  app.use(
    '*',
    sandboxLoopbackGuard(() => state.url),
  );
  app.use('/__sandbox/*', jsonBodiesOnly());
  app.route('/', oauthRoutes(state));
  app.route('/', controlRoutes(state));
  const api = createApiHandler(state, { ...defaultHandlers, ...opts.handlers });
  app.on(['GET', 'POST'], ['/api/oauth2', '/api/oauth2/'], (c) => api(c.req.raw, 'user'));
  app.on(['GET', 'POST'], ['/api/admin/v2', '/api/admin/v2/'], (c) => api(c.req.raw, 'admin'));
  app.notFound(() => nginxPage(404));

  const server = createAdaptorServer({ fetch: app.fetch, hostname: host }) as Server;
  await listen(server, opts.port ?? 0, host);
  const { port } = server.address() as AddressInfo;
  state.url = `http://${urlHost(host)}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url: state.url,
    apiKey: state.apiKey,
    oauthClient: { ...state.client },
    data,
    faults,
    requests: () => log.rows(),
    issueTokens: (o = {}) =>
      tokens.issuePair({
        userId: o.userId ?? data.ownerId,
        clientId: state.client.id,
        scopes: o.scopes ?? [...SCOPES],
      }),
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        state.holds.releaseAll();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      })),
  };
}
