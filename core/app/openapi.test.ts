// The OpenAPI routes as the app serves them (a demo app over the sandbox on a real port): mounted beside
// /mcp with the app's tokens, tool settings and call log, and CORS for exactly the origins in the config.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App, type AppEndpoints } from './app.js';
import { loadConfig } from '../config.js';

describe('the app serves the OpenAPI routes', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'wsmcp-app-openapi-'));
  let app: App;
  let ready: AppEndpoints;
  let origin: string;
  beforeAll(async () => {
    const config = loadConfig({
      flags: { demo: true, port: '0', dataDir },
      env: { WSMCP_OPENAPI_CORS_ORIGINS: 'http://localhost:3000', WSMCP_READ_ONLY: '1' },
    });
    app = createApp(config, { log: () => undefined });
    ready = await app.start();
    origin = new URL(ready.mcpUrl).origin;
  });
  afterAll(async () => {
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const post = (tool: string, headers: Record<string, string> = {}) =>
    fetch(`${origin}/tools/${tool}`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${ready.demo?.token}`,
        'Content-Type': 'application/json',
        ...headers,
      },
      body: '{}',
    });

  it('answers a tool with the demo token, and follows the config floor (read-only)', async () => {
    const me = await post('get_me');
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ user: { email: expect.any(String) } });
    const doc = (await (await fetch(`${origin}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain('/tools/get_me');
    expect(Object.keys(doc.paths)).not.toContain('/tools/create_task');
    expect((await post('create_task')).status).toBe(403);
  });

  it('lets only the configured origin call from a browser', async () => {
    const allowed = await post('get_me', { Origin: 'http://localhost:3000' });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect((await post('get_me', { Origin: 'http://localhost:3001' })).status).toBe(403);
  });

  it('serves the docs page', async () => {
    const docs = await fetch(`${origin}/docs`);
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-security-policy')).toContain("default-src 'none'");
  });
});
