// The app's one loopback HTTP server: http://127.0.0.1:PORT, every route behind the Host/Origin guard.
// Sub-apps mount on it by path: the MCP endpoint at /mcp (mcp/transports/http.ts), and the control API at
// /api and the UI's files at / (added by createApp as further `mounts`). Each sub-app owns its protocol:
// its errors, and how the guard's refusals are written (JSON-RPC under /mcp, plain text elsewhere).
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import { UserFacingError } from '../user-facing-error.js';
import { guardConnections, type ConnectionLimits } from './connection-guard.js';
import { loopbackGuard, plainRefusal, type Refusal } from './loopback-guard.js';

const LOOPBACK = '127.0.0.1';

export class PortInUseError extends UserFacingError {
  constructor(readonly port: number) {
    super(`port ${port} is already in use`);
    this.name = 'PortInUseError';
  }
}

/** A sub-app served under `path` ('/mcp', '/api', '/'), matched longest path first. */
export interface HttpMount {
  path: string;
  app: Hono;
  /** How the guard refuses requests to this path; plain text when absent. */
  refusal?: Refusal;
  /** Ends what the sub-app holds open (sessions, streams) before the listener closes. */
  close?(): Promise<void>;
  /** Web origins whose pages may call this path (the sub-app sends their CORS headers); none by default. */
  allowedOrigins?: readonly string[];
}

export interface HttpServerOptions {
  /** 0 picks a free port (tests). */
  port: number;
  mounts: HttpMount[];
  /** Hears every error a route threw (answered 500). */
  onError?: (err: unknown) => void;
  connections?: ConnectionLimits;
}

export interface HttpServer {
  port: number;
  /** http://127.0.0.1:PORT */
  origin: string;
  /** Ends every mount and the listener; idempotent. */
  close(): Promise<void>;
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new PortInUseError(port) : err);
    server.once('error', fail);
    server.listen(port, LOOPBACK, () => {
      server.off('error', fail);
      resolve();
    });
  });
}

const under = (path: string, mount: string): boolean =>
  mount === '/' || path === mount || path.startsWith(`${mount}/`);

export async function startHttpServer(opts: HttpServerOptions): Promise<HttpServer> {
  const mounts = [...opts.mounts].sort((a, b) => b.path.length - a.path.length);
  let port = opts.port;
  const app = new Hono();
  const mountOf = (path: string) => mounts.find((m) => under(path, m.path));
  app.use(
    '*',
    loopbackGuard(
      () => port,
      (path) => mountOf(path)?.refusal ?? plainRefusal,
      (path) => mountOf(path)?.allowedOrigins ?? [],
    ),
  );
  for (const mount of mounts) app.route(mount.path, mount.app);
  app.onError((err) => {
    opts.onError?.(err);
    return new Response('Internal error; see the app log.\n', { status: 500 });
  });

  const server = createAdaptorServer({ fetch: app.fetch, hostname: LOOPBACK }) as Server;
  guardConnections(server, opts.connections);
  await listen(server, opts.port);
  port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  return {
    port,
    origin: `http://${LOOPBACK}:${port}`,
    close: () =>
      (closing ??= (async () => {
        await Promise.all(mounts.map((m) => m.close?.()));
        await new Promise<void>((resolve, reject) => {
          server.close((err) => (err ? reject(err) : resolve()));
          // SSE streams and keep-alive sockets would hold close() open.
          server.closeAllConnections();
        });
      })()),
  };
}
