// The sandbox answers only as itself. It listens on loopback, but a web page in the user's browser can
// still reach loopback: under its own host name after DNS rebinding (a foreign Host header) or directly
// from its own origin (a foreign Origin header; a cross-origin `text/plain` POST needs no preflight). The
// same rule as the app's own server: the Host must name this server, and a browser's Origin must be this
// server's (its consent page posts to itself). Requests without Origin come from non-browser clients.
import type { MiddlewareHandler } from 'hono';

const plain = (status: number, message: string): Response =>
  new Response(`${message}\n`, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });

/** `url` is the sandbox's own base URL, known once it listens. */
export function sandboxLoopbackGuard(url: () => string): MiddlewareHandler {
  return async (c, next) => {
    const self = new URL(url());
    const hosts = new Set([self.host]);
    if (self.hostname === '127.0.0.1' || self.hostname === '[::1]') hosts.add(`localhost:${self.port}`);
    const host = c.req.header('host')?.toLowerCase();
    if (host === undefined || !hosts.has(host)) {
      return plain(421, `Misdirected request: this sandbox answers only as ${[...hosts].join(' or ')}`);
    }
    const origin = c.req.header('origin');
    if (origin !== undefined && ![...hosts].some((h) => origin === `${self.protocol}//${h}`)) {
      return plain(403, 'Forbidden: requests from web pages of other origins are refused');
    }
    await next();
    return undefined;
  };
}

/** The sandbox's control routes change its behaviour: they take JSON bodies only, never a simple form. */
export function jsonBodiesOnly(): MiddlewareHandler {
  return async (c, next) => {
    const method = c.req.method;
    const type = c.req.header('content-type') ?? '';
    const hasBody = (c.req.header('content-length') ?? '0') !== '0' || c.req.header('transfer-encoding');
    if ((method === 'POST' || method === 'PUT') && hasBody && !/^application\/json\b/i.test(type)) {
      return plain(415, 'Unsupported media type: send the body as application/json');
    }
    await next();
    return undefined;
  };
}
