// The services a started app offers the CLI, the control API and the desktop shell, on the demo account:
// live server state, tool settings with what the config locks, tokens, the live call log, figures and
// caches, and a sub-app mounted beside /mcp that is handed the services.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import type { CallLogRow } from '../store/call-log.js';
import { createApp, type App, type AppEndpoints } from './app.js';
import type { AppServices } from './services.js';

let dataDir: string;
let app: App;
let endpoints: AppEndpoints;
let services: AppServices;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'wsmcp-services-'));
  writeFileSync(
    join(dataDir, 'config.json'),
    JSON.stringify({ toolSettings: { disabledToolsets: ['time'] } }),
  );
  app = createApp(loadConfig({ flags: { demo: true, port: '0', dataDir }, env: {} }), {
    log: () => undefined,
  });
  expect(app.services()).toBeUndefined();
  endpoints = await app.start({
    mounts: (s) => {
      const api = new Hono();
      api.get('/', (c) => c.json(s.server()));
      return [{ path: '/api', app: api }];
    },
  });
  const started = app.services();
  if (!started) throw new Error('no services after start');
  services = started;
});
afterAll(async () => {
  await app.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('app services', () => {
  it('say the server runs and where, also to a mounted sub-app, and that it stopped', async () => {
    expect(services.server()).toEqual({ running: true, mcpUrl: endpoints.mcpUrl });
    const res = await fetch(new URL('/api', endpoints.mcpUrl));
    expect(await res.json()).toEqual({ running: true, mcpUrl: endpoints.mcpUrl });
    expect(services.account.state()).toMatchObject({ kind: 'signed_in' });
  });

  it('show the tool settings as saved, as locked by the config, and as they apply', () => {
    expect(services.toolSettings.locked.disabledToolsets).toEqual(['time']);
    expect(services.toolSettings.saved().disabledToolsets).toEqual([]);
    const heard: unknown[] = [];
    const off = services.toolSettings.subscribe((s) => heard.push(s));
    const effective = services.toolSettings.update({ disabledTools: ['list_tags'] });
    off();
    expect(effective).toMatchObject({ disabledToolsets: ['time'], disabledTools: ['list_tags'] });
    expect(heard).toEqual([effective]);
    expect(services.toolSettings.saved()).toMatchObject({
      disabledToolsets: [],
      disabledTools: ['list_tags'],
    });
    const enabled = new Map(services.toolSettings.tools().map((t) => [t.tool.name, t.enabled]));
    expect(enabled.get('log_time')).toBe(false);
    expect(enabled.get('list_tags')).toBe(false);
    expect(enabled.get('list_projects')).toBe(true);
    services.toolSettings.update({ disabledTools: [] });
  });

  it('log each call live, count it in the figures, and clear the caches', async () => {
    const demo = endpoints.demo;
    if (!demo) throw new Error('the demo app has no token');
    expect(services.tokens.list().map((t) => t.name)).toContain('demo');
    const rows: CallLogRow[] = [];
    const off = services.callLog.subscribe((row) => rows.push(row));
    const client = new Client({ name: 'services-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(endpoints.mcpUrl), {
        requestInit: { headers: { Authorization: `Bearer ${demo.token}` } },
      }),
    );
    try {
      await client.callTool({ name: 'list_tags', arguments: {} });
    } finally {
      await client.close();
    }
    await expect.poll(() => rows.map((r) => r.target)).toContain('list_tags');
    off();
    expect(services.callLog.reader.query({ target: 'list_tags' }).rows.length).toBeGreaterThan(0);
    expect(services.stats().calls?.calls).toBeGreaterThan(0);
    expect(services.caches.responses.stats()?.entries).toBeGreaterThan(0);
    services.caches.responses.clear();
    expect(services.caches.responses.stats()?.entries).toBe(0);
    expect(services.caches.files.stats()).toMatchObject({ files: 0 });
  });
});
