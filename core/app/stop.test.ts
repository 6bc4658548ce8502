// Stopping the app while calls are in flight (the tray's Quit, Ctrl+C): a running call finishes and is
// answered within the grace period, one still running after it gets a clear error, a call arriving while
// the app stops is refused with a clear error, and the call log has one row for each, on disk, after stop.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App, type AppEndpoints } from './app.js';
import { loadConfig } from '../config.js';
import { storeLocation } from '../data-dir/paths.js';
import { ABANDONED_MESSAGE, STOPPING_MESSAGE } from './in-flight.js';
import { createCallLogReader } from '../store/call-log-query.js';
import { openDatabaseReadOnly } from '../store/db.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function started(): Promise<{ app: App; endpoints: AppEndpoints; client: Client; dbFile: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wsmcp-stop-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const config = loadConfig({ flags: { demo: true, port: '0', dataDir }, env: {} });
  const app = createApp(config, { log: () => undefined });
  cleanups.push(() => app.stop({ graceMs: 0 }));
  const endpoints = await app.start();
  const client = new Client({ name: 'stop-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(endpoints.mcpUrl), {
      requestInit: { headers: { Authorization: `Bearer ${endpoints.demo!.token}` } },
    }),
  );
  cleanups.push(() => client.close());
  return { app, endpoints, client, dbFile: storeLocation(config).dbFile };
}

// Every upstream request of the sandbox takes this long from now on.
async function slowUpstream(sandboxUrl: string, latencyMs: number): Promise<void> {
  const res = await fetch(`${sandboxUrl}/__sandbox/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ latencyMs }),
  });
  expect(res.status).toBe(200);
}

function loggedCalls(dbFile: string, method = 'tools/call') {
  const db = openDatabaseReadOnly(dbFile);
  try {
    return createCallLogReader(db)
      .query({ method })
      .rows.map((r) => ({ target: r.target, status: r.status, error: r.error }));
  } finally {
    db.close();
  }
}

const textOf = (result: object) =>
  ((result as { content?: Array<{ type: string; text?: string }> }).content ?? [])[0]?.text ?? '';

describe('stopping with calls in flight', () => {
  it('lets a running call finish and answer, refuses a new one, and logs both', async () => {
    const { app, endpoints, client, dbFile } = await started();
    await slowUpstream(endpoints.demo!.sandboxUrl, 400);
    const running = client.callTool({ name: 'list_projects', arguments: {} });
    // Let the request reach the server before stopping.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stopping = app.stop({ graceMs: 10_000 });
    const refused = client.callTool({ name: 'list_tags', arguments: {} });
    await expect(refused).rejects.toThrow(STOPPING_MESSAGE);
    const result = await running;
    expect(result.isError).toBeFalsy();
    expect(textOf(result)).toContain('"total_count"');
    await stopping;
    expect(loggedCalls(dbFile)).toEqual(
      expect.arrayContaining([
        { target: 'list_projects', status: 'ok', error: null },
        { target: 'list_tags', status: 'protocol_error', error: STOPPING_MESSAGE },
      ]),
    );
    expect(loggedCalls(dbFile)).toHaveLength(2);
  });

  it('answers a call still running after the grace period with a clear error and logs it once', async () => {
    const { app, endpoints, client, dbFile } = await started();
    await slowUpstream(endpoints.demo!.sandboxUrl, 3_000);
    const running = client.callTool({ name: 'list_projects', arguments: {} });
    const answered = expect(running).rejects.toThrow(ABANDONED_MESSAGE);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const before = Date.now();
    await app.stop({ graceMs: 200 });
    expect(Date.now() - before).toBeLessThan(2_500);
    await answered;
    expect(loggedCalls(dbFile)).toEqual([
      { target: 'list_projects', status: 'protocol_error', error: ABANDONED_MESSAGE },
    ]);
  });

  it('does the same for OpenAPI calls: a stuck one is answered 503, a late one is not run', async () => {
    const { app, endpoints, dbFile } = await started();
    await slowUpstream(endpoints.demo!.sandboxUrl, 3_000);
    const post = (tool: string) =>
      fetch(`${endpoints.uiUrl}tools/${tool}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${endpoints.demo!.token}`, 'Content-Type': 'application/json' },
        body: '{}',
      });
    const running = post('list_projects');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stopping = app.stop({ graceMs: 200 });
    const late = await post('list_tag_groups').catch(() => undefined);
    const stuck = await running;
    expect(stuck.status).toBe(503);
    expect(await stuck.json()).toEqual({ error: ABANDONED_MESSAGE });
    await stopping;
    const rows = loggedCalls(dbFile, 'openapi');
    expect(rows).toContainEqual({
      target: 'list_projects',
      status: 'protocol_error',
      error: ABANDONED_MESSAGE,
    });
    // The listener may close before a late request gets in; if it got in, it was refused and logged.
    if (late) {
      expect(late.status).toBe(503);
      expect(rows).toContainEqual({
        target: 'list_tag_groups',
        status: 'protocol_error',
        error: STOPPING_MESSAGE,
      });
    }
    expect(rows.filter((r) => r.target === 'list_projects')).toHaveLength(1);
  });

  it('stops at once when nothing is in flight', async () => {
    const { app } = await started();
    const before = Date.now();
    await app.stop({ graceMs: 10_000 });
    expect(Date.now() - before).toBeLessThan(2_000);
  });
});
