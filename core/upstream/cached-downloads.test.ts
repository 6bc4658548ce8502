// read_file and the file resource through the file cache: one download, then answers from disk, with the
// call's stats saying what each call cost and how old its bytes are.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../store/db.js';
import { FileCache } from '../store/file-cache.js';
import { WorksectionClient } from '../worksection/client.js';
import { startSandbox, type RunningSandbox } from '../sandbox/server.js';
import { allocateId, insertFile } from '../sandbox/records.js';
import { createFileCacheScope } from './cached-downloads.js';
import { sniff } from '../files/extract/sniff.js';
import { ALL_TOOLS } from '../mcp/inventory/registry.js';
import { createResourceProvider } from '../mcp/resources/index.js';
import { createToolContextFactory, type ToolContextFactory } from '../mcp/tools/kit/context-factory.js';
import { ToolError } from '../mcp/tools/kit/errors.js';

describe('downloads through the file cache', () => {
  let sb: RunningSandbox;
  let client: WorksectionClient;
  let dir: string;
  let db: Db;
  let contextFor: ToolContextFactory;
  const KB = 1024;
  const readFile = ALL_TOOLS.find((t) => t.name === 'read_file')!;
  const downloads = () => sb.requests().filter((r) => r.action === 'download').length;
  const ctx = () => contextFor({ caller: 'test', signal: new AbortController().signal });

  function addFile(name: string, bytes: Uint8Array): string {
    const id = allocateId(sb.data);
    insertFile(sb.data, {
      id,
      name,
      kind: 'txt',
      size: bytes.length,
      dateAdded: Date.now(),
      userFromId: sb.data.ownerId,
      projectId: [...sb.data.projects.values()][0]!.id,
      bytes,
    });
    return String(id);
  }

  beforeAll(async () => {
    sb = await startSandbox({ rateLimit: 0 });
    client = new WorksectionClient({
      accountUrl: sb.url,
      auth: { kind: 'admin', apiKey: sb.apiKey },
      scheduler: { ratePerSecond: 0 },
    });
    dir = mkdtempSync(join(tmpdir(), 'wsmcp-cached-download-'));
    db = openDatabase(join(dir, 'wsmcp.db'));
    const cache = new FileCache({
      db,
      dir: join(dir, 'files'),
      account: sb.url,
      maxFileBytes: 256 * KB,
      sniff: (b, n) => sniff(b, n).mimeType,
    });
    contextFor = createToolContextFactory({
      client,
      meEmail: sb.data.users.get(sb.data.ownerId)?.email,
      files: createFileCacheScope(cache, client),
    });
  });
  afterAll(async () => {
    client.close();
    await sb.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('downloads a file once for read_file and the file resource, and says what each call cost', async () => {
    const id = addFile('plan.md', new TextEncoder().encode('# Plan\n\nShip the store.\n'));
    const before = downloads();
    const first = ctx();
    const answer = JSON.stringify(await readFile.handle({ file_id: id }, first));
    expect(answer).toContain('Ship the store.');
    expect(first.stats).toMatchObject({ upstreamRequests: 1, cacheHits: 0 });
    const fetchedAt = first.stats?.fetchedAt;
    expect(fetchedAt).toBeTypeOf('number');

    const second = ctx();
    expect(JSON.stringify(await readFile.handle({ file_id: id }, second))).toContain('Ship the store.');
    expect(second.stats).toMatchObject({ upstreamRequests: 0, cacheHits: 1, fetchedAt });

    const third = ctx();
    const resource = await createResourceProvider().read(`worksection://file/${id}`, third);
    expect(resource.contents[0]).toMatchObject({
      mimeType: 'text/markdown',
      text: '# Plan\n\nShip the store.\n',
    });
    expect(third.stats).toMatchObject({ upstreamRequests: 0, cacheHits: 1 });
    expect(downloads() - before).toBe(1);
  });

  it('tells the model a file is over the download limit, with what to do instead', async () => {
    const id = addFile('video.bin', new Uint8Array(600 * KB).fill(1));
    const call = ctx();
    const err = await readFile.handle({ file_id: id }, call).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ToolError);
    expect((err as ToolError).message).toBe(
      `File ${id} is larger (600 KB) than the 256 KB this app downloads.`,
    );
    expect((err as ToolError).hint).toMatch(/Open it in Worksection/);
    expect(call.stats).toMatchObject({ upstreamRequests: 1, cacheHits: 0 });
  });

  it('still reports a missing file the way read_file explains it', async () => {
    const err = await readFile.handle({ file_id: '99999999' }, ctx()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ToolError);
    expect((err as ToolError).message).toMatch(/File 99999999 was not found/);
  });
});
