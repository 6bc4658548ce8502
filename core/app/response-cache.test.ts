// The response cache as the app wires it: a demo server over real HTTP, its sandbox's request log saying
// what reached Worksection, and the config switching the cache off.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from './app.js';
import { loadConfig } from '../config.js';

const dirs: string[] = [];
const apps: App[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Calls list_tags twice on a demo app; answers what the sandbox was asked and the two answers. */
async function twice(settings: Record<string, unknown>, between?: (app: App) => void) {
  const dataDir = mkdtempSync(join(tmpdir(), 'wsmcp-app-rc-'));
  dirs.push(dataDir);
  writeFileSync(join(dataDir, 'config.json'), JSON.stringify(settings));
  const app = createApp(loadConfig({ flags: { demo: true, port: '0', dataDir }, env: {} }), {
    log: () => undefined,
  });
  apps.push(app);
  const endpoints = await app.start();
  const demo = endpoints.demo;
  if (!demo) throw new Error('the demo app has no sandbox');
  const client = new Client({ name: 'app-rc-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(endpoints.mcpUrl), {
      requestInit: { headers: { Authorization: `Bearer ${demo.token}` } },
    }),
  );
  try {
    const first = await client.callTool({ name: 'list_tags', arguments: {} });
    between?.(app);
    const second = await client.callTool({ name: 'list_tags', arguments: {} });
    const log = (await (await fetch(`${demo.sandboxUrl}/__sandbox/requests`)).json()) as { action: string }[];
    const asked = log.filter((r) => r.action === 'get_task_tag_groups').length;
    return { asked, answers: [first, second].map((r) => r.structuredContent as Record<string, unknown>) };
  } finally {
    await client.close();
  }
}

describe('the app with its response cache', () => {
  it('answers a repeated read from the store', async () => {
    const { asked, answers } = await twice({});
    expect(asked).toBe(1);
    // The repeat tells the age of the one fetch: the cache stamps it when it keeps the answer, a moment
    // after the fetching layer stamped the first answer (two reads of the clock, a millisecond apart).
    const at = answers.map((a) => Date.parse(String(a?.fetched_at)));
    expect(Math.abs((at[1] ?? NaN) - (at[0] ?? NaN))).toBeLessThan(100);
  });

  it('drops held answers when another user signs in while serving', async () => {
    const { asked } = await twice({}, (app) => {
      app.account()?.set({
        kind: 'signed_in',
        mode: 'oauth',
        scopes: [],
        expiresAt: Date.now() + 3_600_000,
        user: { id: '999999', name: 'Someone Else', email: 'someone@example.com' },
      });
    });
    expect(asked).toBe(2);
  });

  it('goes upstream for every read when the config switches the cache off', async () => {
    const { asked, answers } = await twice({ responseCache: { enabled: false } });
    expect(asked).toBe(2);
    expect(answers[0]?.fetched_at).toEqual(expect.any(String));
  });
});
