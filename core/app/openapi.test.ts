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

describe('a write over REST follows the write policy and is logged', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'wsmcp-app-openapi-write-'));
  let app: App;
  let ready: AppEndpoints;
  beforeAll(async () => {
    app = createApp(loadConfig({ flags: { demo: true, port: '0', dataDir }, env: {} }), {
      log: () => undefined,
    });
    ready = await app.start();
  });
  afterAll(async () => {
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const call = async (tool: string, args: Record<string, unknown>) => {
    const res = await fetch(`${new URL(ready.mcpUrl).origin}/tools/${tool}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ready.demo?.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(args),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('deleting a time entry waits for confirm, as over MCP, then applies and has its call-log row', async () => {
    const listed = await call('list_time_entries', { limit: 1 });
    expect(listed.status).toBe(200);
    const entry = (listed.body.items as Array<{ id: string }>)[0]!;

    const held = await call('delete_time_entry', { entry_id: entry.id });
    expect(held.status).toBeGreaterThanOrEqual(400);
    expect(String(held.body.error)).toMatch(/needs confirm: true/);
    const still = await call('list_time_entries', { limit: 1 });
    expect((still.body.items as Array<{ id: string }>)[0]?.id).toBe(entry.id);

    const done = await call('delete_time_entry', { entry_id: entry.id, confirm: true });
    expect(done).toMatchObject({ status: 200, body: { id: entry.id, deleted: true } });
    // Rows are written in batches: wait for the second.
    const rows = () =>
      app
        .services()!
        .callLog.reader.query({ limit: 5 })
        .rows.filter((r) => r.target === 'delete_time_entry')
        .map((r) => [r.method, r.status]);
    await expect.poll(rows).toEqual([
      ['openapi', 'ok'],
      ['openapi', 'tool_error'],
    ]);
  });
});
