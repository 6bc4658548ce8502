// What a browser-facing API needs besides the loopback guard every route of the port passes (Host and
// Origin pinned to this server against DNS rebinding: core/http/loopback-guard.ts). A page of another
// site (even another port on this machine, which counts as the same *site* for SameSite cookies) is
// refused by its Origin or Sec-Fetch-Site; a state change needs a header no form or <img> can add (CSRF);
// bodies are capped before they are read. No CORS headers are ever sent.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { CSRF_HEADER, CSRF_VALUE } from '../../shared/api/protocol.js';
import { errorResponse } from './errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** For /api: only the app's own pages may ask, and a change needs the CSRF header. */
export function sameOriginApi(): MiddlewareHandler {
  return async (c, next) => {
    // Browsers say where a request comes from: the app's own pages, or an address the user typed.
    const site = c.req.header('sec-fetch-site');
    if (site !== undefined && site !== 'same-origin' && site !== 'none') {
      return errorResponse('forbidden', 'Requests from other sites are refused.');
    }
    if (!SAFE_METHODS.has(c.req.method) && c.req.header(CSRF_HEADER) !== CSRF_VALUE) {
      return errorResponse('forbidden', `Changes need the ${CSRF_HEADER} header (the app's pages send it).`);
    }
    await next();
    return undefined;
  };
}

export function bodyCap(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => errorResponse('too_large', `Requests are limited to ${maxBytes} bytes.`),
  });
}
