// `wsmcp status` beside a running `wsmcp serve`, and a damaged store set aside on start: the compiled CLI
// in child processes, a real MCP client.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cleanUp, exitOf, firstLine, run, start, tempDir, type Child } from './testing/cli.js';
import type { StatusReport } from '../store/status-report.js';

beforeAll(buildCli);
afterEach(cleanUp);

interface Ready {
  mcpUrl: string;
  token: string;
}

async function serve(dataDir: string): Promise<{ child: Child; ready: Ready; stderr: () => string }> {
  const child = start(['serve', '--demo', '--json', '--port', '0', '--data-dir', dataDir]);
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const ready = JSON.parse(await firstLine(child.stdout)) as Ready;
  return { child, ready, stderr: () => stderr };
}

async function connect(ready: Ready): Promise<Client> {
  const client = new Client({ name: 'status-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(ready.mcpUrl), {
      requestInit: { headers: { Authorization: `Bearer ${ready.token}` } },
    }),
  );
  return client;
}

type Report = StatusReport & { account?: unknown };

async function status(dataDir: string): Promise<Report> {
  const res = await run(['status', '--demo', '--json', '--data-dir', dataDir]);
  expect(res.stderr).toBe('');
  expect(res.code).toBe(0);
  return JSON.parse(res.stdout) as Report;
}

// The first project with a file, through the tools as a model would find it.
async function someFileId(client: Client): Promise<string> {
  const projects = (await client.callTool({ name: 'list_projects', arguments: {} })).structuredContent as {
    items: Array<{ id: string }>;
  };
  for (const p of projects.items) {
    const files = (await client.callTool({ name: 'list_files', arguments: { project_id: p.id } }))
      .structuredContent as { items: Array<{ id: string }> };
    if (files.items[0]) return files.items[0].id;
  }
  throw new Error('the demo account has no project files');
}

describe('wsmcp status', () => {
  it('reads a running server’s live figures and the store beside it', { timeout: 60_000 }, async () => {
    const dataDir = tempDir();
    const { child, ready } = await serve(dataDir);
    const client = await connect(ready);
    try {
      const fileId = await someFileId(client);
      for (let i = 0; i < 2; i++) {
        const read = await client.callTool({ name: 'read_file', arguments: { file_id: fileId } });
        expect(read.isError).toBeFalsy();
      }
      // The server publishes its figures every few seconds and writes its log in batches: wait for both.
      let report = await status(dataDir);
      while (!report.stats.files?.hits || (report.stats.calls?.calls ?? 0) < 4) {
        await new Promise((r) => setTimeout(r, 250));
        report = await status(dataDir);
      }
      expect(report.server).toMatchObject({ running: true, pid: child.pid, info: { mcpUrl: ready.mcpUrl } });
      expect(report.live).toBe(true);
      expect(report.stats.files).toMatchObject({ files: 1, hits: 1, misses: 1, capBytes: 500 * 1_048_576 });
      expect(report.stats.upstream?.ratePerSecond).toBe(1);
      expect(report.stats.responses?.entries).toBeGreaterThan(0);
      expect(report.stored.files?.files).toBe(1);
      const readFile = report.stats.calls?.byTool.find((t) => t.name === 'read_file');
      expect(readFile).toMatchObject({ calls: 2, errors: 0 });
      expect(report.stats.calls?.byClient.map((c) => c.name)).toEqual(['demo']);

      const text = await run(['status', '--demo', '--data-dir', dataDir]);
      expect(text.stdout).toMatch(new RegExp(`Server +running, pid ${child.pid}`));
      expect(text.stdout).toMatch(/File cache +1 file, .* of 500\.0 MB; hit rate 50% \(1 hits, 1 downloads/);
      expect(text.stdout).toMatch(/by tool +.*read_file 2/);
      expect(report.stats.mirror).toMatchObject({ objects: { projects: expect.any(Number) } });
      expect(text.stdout).toMatch(/Mirror +(not syncing|first sync|syncing|up to date); \d+ projects?/);
    } finally {
      await client.close();
    }
    child.kill('SIGTERM');
    expect(await exitOf(child)).toBe(0);
    const after = await status(dataDir);
    expect(after.server).toEqual({ running: false });
    expect(after.live).toBe(false);
    expect(after.stored.files?.files).toBe(1);
    expect(after.stats.calls?.calls).toBeGreaterThanOrEqual(4);
  });

  it('says so when no server has run with the data dir yet', async () => {
    const res = await run(['status', '--demo', '--data-dir', tempDir()]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/No store at .*wsmcp\.db yet/);
  });
});

describe('a damaged store on start', () => {
  it(
    'is moved aside with a clear message, and the server starts on a fresh one',
    { timeout: 60_000 },
    async () => {
      const dataDir = tempDir();
      mkdirSync(join(dataDir, 'demo'), { recursive: true });
      writeFileSync(join(dataDir, 'demo', 'wsmcp.db'), Buffer.alloc(16_384, 0x42));
      const { child, ready, stderr } = await serve(dataDir);
      const client = await connect(ready);
      try {
        const tags = await client.callTool({ name: 'list_tags', arguments: {} });
        expect(tags.isError).toBeFalsy();
      } finally {
        await client.close();
      }
      expect(stderr()).toMatch(/the data store .*wsmcp\.db was damaged \(file is not a database\)/);
      expect(stderr()).toMatch(/moved aside to .*wsmcp\.db\.corrupt-\S+ and a fresh store was created/);
      const aside = readdirSync(join(dataDir, 'demo')).filter((f) => f.startsWith('wsmcp.db.corrupt-'));
      expect(aside).toHaveLength(1);
      child.kill('SIGTERM');
      expect(await exitOf(child)).toBe(0);
    },
  );
});
