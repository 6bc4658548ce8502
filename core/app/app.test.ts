// The composition root in-process: a demo app over the sandbox, served over real HTTP on 127.0.0.1.
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, NotSignedInError, type App } from './app.js';
import { loadConfig, type ConfigFlags } from '../config.js';
import { PortInUseError } from '../http/server.js';

const dirs: string[] = [];
const apps: App[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function app(
  flags: ConfigFlags = {},
  env: Record<string, string> = {},
): { app: App; dataDir: string; logs: string[] } {
  const dataDir = flags.dataDir ?? mkdtempSync(join(tmpdir(), 'wsmcp-app-'));
  if (!flags.dataDir) dirs.push(dataDir);
  const logs: string[] = [];
  const config = loadConfig({ flags: { demo: true, port: '0', ...flags, dataDir }, env });
  const a = createApp(config, { log: (line) => logs.push(line) });
  apps.push(a);
  return { app: a, dataDir, logs };
}

async function connect(mcpUrl: string, token: string): Promise<Client> {
  const client = new Client({ name: 'app-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(mcpUrl), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
    }),
  );
  return client;
}

// Listening sockets of this process: what a half-started app would leave behind. A closed server's handle
// is released on a later turn of the event loop, so let those turns pass first.
async function listeners(): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 20));
  return process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap').length;
}

describe('createApp', () => {
  it('serves the demo account with a ready token; stop is idempotent and frees the data dir', async () => {
    const { app: a, dataDir } = app();
    const endpoints = await a.start();
    expect(endpoints.uiUrl).toBe(endpoints.mcpUrl.replace(/mcp$/, ''));
    expect(endpoints.demo?.sandboxUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const client = await connect(endpoints.mcpUrl, endpoints.demo!.token);
    const result = await client.callTool({ name: 'list_tags', arguments: {} });
    expect(result.isError).toBeFalsy();
    // Resources and prompts are wired too.
    const templates = (await client.listResourceTemplates()).resourceTemplates.map((t) => t.uriTemplate);
    expect(templates).toContain('worksection://file/{id}');
    expect((await client.listPrompts()).prompts.map((p) => p.name)).toContain('daily_standup');
    await client.close();
    await expect(a.start()).rejects.toThrow('already started');

    await Promise.all([a.stop(), a.stop()]);
    await a.stop();
    expect(existsSync(join(dataDir, 'demo', 'wsmcp.lock'))).toBe(false);
    await expect(fetch(endpoints.demo!.sandboxUrl)).rejects.toThrow();

    // The same data dir serves again, with a new demo token; the old one is refused.
    const again = app({ dataDir }).app;
    const next = await again.start();
    expect(next.demo!.token).not.toBe(endpoints.demo!.token);
    const stale = await fetch(next.mcpUrl, {
      method: 'POST',
      headers: { Authorization: `Bearer ${endpoints.demo!.token}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(stale.status).toBe(401);
  });

  it('refuses to start without a signed-in account, creating nothing', async () => {
    const { app: a, dataDir } = app({ demo: false });
    await expect(a.start()).rejects.toBeInstanceOf(NotSignedInError);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('closes everything it opened when the port is taken', async () => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const before = await listeners();
    try {
      const { port } = blocker.address() as AddressInfo;
      const { app: a, dataDir } = app({ port: String(port) });
      await expect(a.start()).rejects.toBeInstanceOf(PortInUseError);
      expect(await listeners()).toBe(before);
      expect(existsSync(join(dataDir, 'demo', 'wsmcp.lock'))).toBe(false);
    } finally {
      blocker.close();
    }
  });

  it('a stop during start waits for it and closes everything', async () => {
    const before = await listeners();
    const { app: a } = app();
    const starting = a.start();
    await a.stop();
    await starting.catch(() => undefined);
    expect(await listeners()).toBe(before);
  });

  it('applies the tool settings from the config on top of the saved settings', async () => {
    const { app: a } = app({}, { WSMCP_READ_ONLY: 'true', WSMCP_DISABLED_TOOLSETS: 'files' });
    const endpoints = await a.start();
    const client = await connect(endpoints.mcpUrl, endpoints.demo!.token);
    const tools = (await client.listTools()).tools;
    expect(tools.length).toBeGreaterThan(0);
    expect(tools.every((t) => t.annotations?.readOnlyHint === true)).toBe(true);
    expect(tools.map((t) => t.name)).not.toContain('list_files');
    await client.close();
  });
});
