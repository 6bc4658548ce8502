// /docs: Swagger UI over /openapi.json, where a user tries any tool with a token ("Authorize"). Everything
// is served from this origin out of the swagger-ui-dist package (no request leaves the machine; the online
// validator badge is off) under a strict Content-Security-Policy: scripts and styles from this origin
// only, nothing inline, no frames. The token typed in is kept in the page only, never stored.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';

export const DOCS_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Worksection MCP: API</title>
<link rel="icon" type="image/png" href="/docs/favicon-32x32.png">
<link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>
`;

// A file of our own rather than an inline script, so the CSP needs no 'unsafe-inline' or hash.
const INIT = `window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  validatorUrl: null,
  tryItOutEnabled: true,
  persistAuthorization: false,
  displayRequestDuration: true,
});
`;

const ASSETS: Record<string, string> = {
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui.css': 'text/css; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

const securityHeaders = {
  'Content-Security-Policy': DOCS_CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

function distDir(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('swagger-ui-dist/package.json'));
}

export function docsRoutes(): Hono {
  const files = new Map<string, Promise<Buffer>>();
  const load = (name: string) => {
    let file = files.get(name);
    if (!file) {
      file = readFile(join(distDir(), name));
      // A failed read is tried again next time rather than remembered.
      file.catch(() => files.delete(name));
      files.set(name, file);
    }
    return file;
  };

  const docs = new Hono();
  docs.get('/', (c) =>
    c.newResponse(PAGE, 200, {
      ...securityHeaders,
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
    }),
  );
  docs.get('/init.js', (c) =>
    c.newResponse(INIT, 200, { ...securityHeaders, 'Content-Type': 'text/javascript; charset=utf-8' }),
  );
  docs.get('/:file', async (c) => {
    const name = c.req.param('file');
    const type = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
    if (!type) return c.notFound();
    const body = await load(name);
    return c.newResponse(new Uint8Array(body), 200, {
      ...securityHeaders,
      'Content-Type': type,
      'Cache-Control': 'public, max-age=86400',
    });
  });
  return docs;
}
