// The UI's files (the built renderer) with a strict Content-Security-Policy: scripts, styles and
// everything else only from this origin, nothing inline, no frames. Hashed assets are cached for good;
// the page itself never is (a new build must show at once).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  // The address bar may have held a one-time code: never pass it on.
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** dist/renderer of this checkout or package, found from wherever this module runs (source or dist). */
export function defaultRendererDir(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i += 1) {
    const candidate = join(dir, 'dist', 'renderer');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    dir = dirname(dir);
  }
  return undefined;
}

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Worksection MCP</title>
<p>The app's pages are not built. From a checkout run <code>npm run build</code>, then open the address again.</p>`;

export function registerStatic(app: Hono, dir: string | undefined): void {
  const send = (body: string | Uint8Array<ArrayBuffer>, type: string, cache: string, status = 200) =>
    new Response(body, {
      status,
      headers: { ...SECURITY_HEADERS, 'content-type': type, 'cache-control': cache },
    });

  app.get('/', async () => {
    if (!dir) return send(NOT_BUILT, TYPES['.html']!, 'no-store', 503);
    return send(await readFile(join(dir, 'index.html')), TYPES['.html']!, 'no-store');
  });

  app.get('/assets/*', async (c) => {
    if (!dir) return c.notFound();
    const root = join(dir, 'assets') + sep;
    const file = normalize(join(dir, decodeURIComponent(c.req.path)));
    const type = TYPES[extname(file)];
    if (!file.startsWith(root) || !type) return c.notFound();
    try {
      return send(await readFile(file), type, 'public, max-age=31536000, immutable');
    } catch {
      return c.notFound();
    }
  });
}
