// The server's per-request hook feeding the real call log (SQLite in a temp dir), through a real MCP client
// over the sandbox: every tool call, resource read and prompt get becomes one row, failures included.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallLog, type CallLog, type CallLogRow } from '../../store/call-log.js';
import { openDatabase, type Db } from '../../store/db.js';
import { createPromptProvider } from '../prompts.js';
import { ALL_TOOLS } from '../inventory/registry.js';
import { createResourceProvider } from '../resources/index.js';
import { FIXTURE_TOOLS } from '../testing/fixture-tools.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { INTERNAL_ERROR_TEXT } from '../tools/kit/errors.js';

describe('request observer → call log', () => {
  let dir: string;
  let db: Db;
  let log: CallLog;
  let h: Harness;
  const thrown: unknown[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wsmcp-observe-'));
    db = openDatabase(join(dir, 'wsmcp.db'));
    log = createCallLog(db, { flushMs: 200 });
    const listTags = ALL_TOOLS.find((t) => t.name === 'list_tags');
    h = await createHarness({
      tools: [...FIXTURE_TOOLS, ...(listTags ? [listTags] : [])],
      resources: createResourceProvider(),
      prompts: createPromptProvider(),
      session: { caller: 'cursor', scope: 'write' },
      observe: (r) => log.record({ ...r, client: r.caller }),
    });
  });
  afterAll(async () => {
    await h.close();
    log.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Runs `act`, then answers the rows it logged. */
  async function rowsOf(act: () => Promise<unknown>): Promise<CallLogRow[]> {
    const from = log.lastId();
    await act().catch((err: unknown) => thrown.push(err));
    log.flush();
    return log.after(from);
  }

  it('logs a tool call with its client, arguments, status, timing and answer size', async () => {
    const started = Date.now();
    const [row, ...rest] = await rowsOf(() => h.callTool('get_echo', { id: 5, tags: ['a'] }));
    expect(rest).toEqual([]);
    expect(row).toMatchObject({
      client: 'cursor',
      method: 'tools/call',
      target: 'get_echo',
      args: '{"id":5,"tags":["a"]}',
      status: 'ok',
      error: null,
      upstreamRequests: 0,
      cacheHits: 0,
      bytes: Buffer.byteLength('{"id":"5","tags":["a"]}'),
      truncated: false,
    });
    expect(Date.parse(row!.time)).toBeGreaterThanOrEqual(started - 1);
    expect(row!.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('logs tool failures as tool errors with what the model was told, never internals', async () => {
    const [notFound] = await rowsOf(() => h.callTool('update_failing', { how: 'tool_error' }));
    expect(notFound).toMatchObject({
      status: 'tool_error',
      error: 'Task 123 not found.\nHint: list_tasks finds task ids.',
    });
    const [bug] = await rowsOf(() => h.callTool('update_failing', { how: 'bug' }));
    expect(bug).toMatchObject({ status: 'tool_error', error: INTERNAL_ERROR_TEXT });
    const [badArgs] = await rowsOf(() => h.callTool('get_echo', { id: 1, api_key: 'k-123' }));
    expect(badArgs).toMatchObject({ status: 'tool_error', args: '{"id":1,"api_key":"[redacted]"}' });
    expect(badArgs!.error).toContain('`api_key` is not an argument');
  });

  it('logs unknown tools as protocol errors and switched-off tools as tool errors', async () => {
    const [unknown] = await rowsOf(() => h.callTool('no_such_tool', {}));
    expect(unknown).toMatchObject({ target: 'no_such_tool', status: 'protocol_error' });
    expect(unknown!.error).toContain('Unknown tool: no_such_tool');
    h.toolSettings.update({ disabledTools: ['delete_thing'] });
    const [off] = await rowsOf(() => h.callTool('delete_thing', { id: 1 }));
    expect(off).toMatchObject({ status: 'tool_error', error: expect.stringContaining('is not available') });
    h.toolSettings.update({ disabledTools: [] });
  });

  it("writes down what the call cost upstream (the context's CallStats)", async () => {
    const taskId = [...h.sandbox.data.tasks.keys()][0];
    const [row] = await rowsOf(() => h.callTool('get_task_name', { task_id: taskId }));
    expect(row).toMatchObject({ target: 'get_task_name', status: 'ok', upstreamRequests: 1 });
  });

  it('flags truncated answers', async () => {
    const [row] = await rowsOf(() => h.callTool('list_tags', { limit: 1 }));
    expect(row).toMatchObject({ status: 'ok', truncated: true });
  });

  it('logs resource reads and prompt gets, failures as protocol errors', async () => {
    const taskId = [...h.sandbox.data.tasks.keys()][0];
    const uri = `worksection://task/${taskId}/context`;
    const [read] = await rowsOf(() => h.client.readResource({ uri }));
    expect(read).toMatchObject({ method: 'resources/read', target: uri, status: 'ok', args: null });
    expect(read!.bytes).toBeGreaterThan(0);
    const [missing] = await rowsOf(() => h.client.readResource({ uri: 'worksection://nope' }));
    expect(missing).toMatchObject({ method: 'resources/read', status: 'protocol_error' });
    expect(missing!.error).toContain('Unknown resource worksection://nope');

    const [prompt] = await rowsOf(() => h.client.getPrompt({ name: 'daily_standup', arguments: {} }));
    expect(prompt).toMatchObject({
      method: 'prompts/get',
      target: 'daily_standup',
      status: 'ok',
      args: '{}',
    });
    const [bad] = await rowsOf(() => h.client.getPrompt({ name: 'nope' }));
    expect(bad).toMatchObject({ method: 'prompts/get', target: 'nope', status: 'protocol_error' });
    expect(thrown).toHaveLength(3);
  });

  it('never lets a failing observer break a call', async () => {
    const broken = await createHarness({
      tools: FIXTURE_TOOLS,
      observe: () => {
        throw new Error('observer bug');
      },
    });
    try {
      const result = await broken.callTool('get_echo', { id: 1 });
      expect(result.isError).toBeFalsy();
      expect(broken.logs).toContainEqual(
        expect.objectContaining({ level: 'warn', msg: 'the request observer failed' }),
      );
    } finally {
      await broken.close();
    }
  });
});
