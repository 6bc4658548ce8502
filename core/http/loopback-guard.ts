// The Host/Origin check in front of every route of the app's port (MCP spec 2025-11-25, transports
// "Security Warning"): only requests addressed to this server by its loopback name pass. A DNS-rebinding
// page reaches us under its own host name (wrong Host: 421 Misdirected Request) and, from a browser, with
// its own Origin (403). Requests without Origin come from non-browser clients and pass. Pages of other
// origins get nothing they can read, unless the user allowed that origin for a path (the OpenAPI routes'
// `openapi.corsOrigins`): then it passes here, and the route answers it with CORS headers.
import type { MiddlewareHandler } from 'hono';

/** How a refusal is written: each mounted sub-app answers in its own protocol (plain text by default). */
export type Refusal = (status: 421 | 403, message: string) => Response;

export const plainRefusal: Refusal = (status, message) =>
  new Response(`${message}\n`, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

export function loopbackGuard(
  port: () => number,
  refusalFor: (path: string) => Refusal,
  /** Foreign origins the user allowed for a path; none unless said. */
  allowedOrigins: (path: string) => readonly string[] = () => [],
): MiddlewareHandler {
  return async (c, next) => {
    const p = port();
    const refuse = refusalFor(c.req.path);
    const host = c.req.header('host')?.toLowerCase();
    if (host !== `127.0.0.1:${p}` && host !== `localhost:${p}`) {
      return refuse(421, `Misdirected request: this server answers only as 127.0.0.1:${p} or localhost:${p}`);
    }
    const origin = c.req.header('origin');
    const own = origin === `http://127.0.0.1:${p}` || origin === `http://localhost:${p}`;
    if (origin !== undefined && !own && !allowedOrigins(c.req.path).includes(origin)) {
      return refuse(403, 'Forbidden: requests from web pages of other origins are refused');
    }
    await next();
    return undefined;
  };
}
