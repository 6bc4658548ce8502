import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, resultText, type Harness } from '../testing/harness.js';
import { FIXTURE_TOOLS } from '../testing/fixture-tools.js';
import { INTERNAL_ERROR_TEXT, SIGN_IN_HINT } from '../tools/kit/errors.js';

describe('MCP server through an in-process SDK client', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({
      tools: FIXTURE_TOOLS,
      limits: { budgetTokens: 1000, defaultPageSize: 50, maxPageSize: 200 },
    });
  });
  afterAll(() => h.close());

  it('lists tools in toolset order with JSON Schemas and effect-derived annotations', async () => {
    const tools = await h.listTools();
    expect(tools.map((t) => t.name)).toEqual([
      'get_task_name',
      'update_failing',
      'read_picture',
      'delete_thing',
      'get_whoami',
      'list_big',
      'get_echo',
    ]);
    const echo = tools.find((t) => t.name === 'get_echo');
    expect(echo?.inputSchema).toMatchObject({
      type: 'object',
      required: ['id'],
      properties: {
        id: { type: 'string' },
        when: { type: 'string' },
      },
    });
    // No zod noise: no $schema, no ±2^53 bounds.
    expect(JSON.stringify(echo?.inputSchema)).not.toMatch(/\$schema|9007199254740991/);
    expect(echo?.outputSchema).toMatchObject({ type: 'object', required: ['id', 'tags'] });
    expect(echo?.annotations).toEqual({ readOnlyHint: true, openWorldHint: false });
    expect(echo?.title).toBe('Echo');
    const del = tools.find((t) => t.name === 'delete_thing');
    expect(del?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    expect(tools.find((t) => t.name === 'read_picture')?.outputSchema).toBeUndefined();
  });

  it('answers with structuredContent and the same JSON as text', async () => {
    const result = await h.callTool('get_echo', { id: 42, when: '31.03.2026' });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({ id: '42', when: '2026-03-31', tags: [] });
    expect(JSON.parse(resultText(result))).toEqual(result.structuredContent);
  });

  it('reaches the sandbox upstream through the call context', async () => {
    const owner = h.sandbox.data.users.get(h.sandbox.data.ownerId);
    const result = await h.callTool('get_whoami');
    expect(result.structuredContent).toMatchObject({
      email: owner?.email,
      name: `${owner?.firstName} ${owner?.lastName}`,
    });
    const [taskId, task] = [...h.sandbox.data.tasks.entries()][0] ?? [];
    const named = await h.callTool('get_task_name', { task_id: taskId });
    // A read answer says when its data was fetched (define-tool.ts).
    expect(named.structuredContent).toEqual({ name: task?.name, fetched_at: expect.any(String) });
  });

  it('names bad and unknown arguments in an isError result, not a protocol error', async () => {
    const bad = await h.callTool('get_echo', { id: 'abc', when: '2026-02-30' });
    expect(bad.isError).toBe(true);
    const text = resultText(bad);
    expect(text).toContain('`id`: a numeric id');
    expect(text).toContain('`when`: "2026-02-30" is not a date');
    expect(text).toContain('get_echo takes: id, when, tags');

    const missing = await h.callTool('get_echo', {});
    expect(missing.isError).toBe(true);
    expect(resultText(missing)).toContain('`id`');

    const unknown = await h.callTool('get_echo', { id: 1, project: 'x' });
    expect(unknown.isError).toBe(true);
    expect(resultText(unknown)).toContain('`project` is not an argument of this tool');
  });

  it('maps each failure to a helpful isError and keeps internals out', async () => {
    const call = async (how: string) => resultText(await h.callTool('update_failing', { how }));
    expect(await call('tool_error')).toBe('Task 123 not found.\nHint: list_tasks finds task ids.');
    expect(await call('api_error')).toMatch(
      /^Worksection refused: Task has children[\s\S]*Hint: .*complete them first/,
    );
    expect(await call('auth_expired')).toContain(SIGN_IN_HINT);
    expect(await call('unavailable_write')).toContain('Check before retrying');

    const before = h.logs.length;
    const bug = await call('bug');
    expect(bug).toBe(INTERNAL_ERROR_TEXT);
    expect(bug).not.toContain('secret');
    expect(h.logs.slice(before)).toEqual([
      expect.objectContaining({ level: 'error', tool: 'update_failing', err: expect.any(Error) }),
    ]);

    const badOutput = await h.callTool('update_failing', { how: 'bad_output' });
    expect(badOutput).toMatchObject({ isError: true });
    expect(resultText(badOutput)).toBe(INTERNAL_ERROR_TEXT);
    expect(h.logs.at(-1)).toMatchObject({ msg: expect.stringContaining('output schema') });
  });

  it('maps a real upstream business error (unknown task) with a hint', async () => {
    const result = await h.callTool('get_task_name', { task_id: '999999999' });
    expect(result.isError).toBe(true);
    expect(resultText(result)).toMatch(/^Worksection refused: [\s\S]*list_tasks finds task ids/);
  });

  it('passes media content through and holds every answer to the token budget', async () => {
    const media = await h.callTool('read_picture', { size: 10 });
    expect(media.content.map((c) => c.type)).toEqual(['image', 'text']);
    expect(media.structuredContent).toBeUndefined();
    const hugeMedia = await h.callTool('read_picture', { size: 5000 });
    expect(hugeMedia.isError).toBe(true);

    expect((await h.callTool('list_big', { chars: 3000 })).isError).toBeFalsy();
    const huge = await h.callTool('list_big', { chars: 5000 });
    expect(huge.isError).toBe(true);
    expect(resultText(huge)).toMatch(/too large.*limit is 1000[\s\S]*Narrow the query/);
  });

  it('answers an unknown tool with a protocol error', async () => {
    await expect(h.client.callTool({ name: 'no_such_tool', arguments: {} })).rejects.toThrow(
      /Unknown tool: no_such_tool/,
    );
  });
});

describe('tool settings and token scope', () => {
  it('re-filters tools/list at once and notifies the client', async () => {
    const h = await createHarness({ tools: FIXTURE_TOOLS });
    try {
      let notified = 0;
      h.client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
        notified += 1;
      });
      h.toolSettings.update({ disabledToolsets: ['tasks'], disabledTools: ['get_echo'] });
      const names = (await h.listTools()).map((t) => t.name);
      expect(names).toEqual(['read_picture', 'delete_thing', 'get_whoami', 'list_big']);
      expect(notified).toBe(1);

      const off = await h.callTool('get_echo', { id: 1 });
      expect(off.isError).toBe(true);
      expect(resultText(off)).toContain("switched off in the app's tool settings");

      h.toolSettings.update({ readOnly: true });
      expect((await h.listTools()).map((t) => t.name)).toEqual(['read_picture', 'get_whoami', 'list_big']);
      expect(resultText(await h.callTool('delete_thing', { id: 1 }))).toContain('read-only mode');
      expect(notified).toBe(2);

      h.toolSettings.update({ readOnly: true }); // no change, no notification
      h.toolSettings.update({ disabledToolsets: [], disabledTools: [], readOnly: false });
      expect(await h.listTools()).toHaveLength(FIXTURE_TOOLS.length);
      expect(notified).toBe(3);
    } finally {
      await h.close();
    }
  });

  it('shows and runs only read tools for a read-scoped session', async () => {
    const h = await createHarness({ tools: FIXTURE_TOOLS, session: { scope: 'read' } });
    try {
      const names = (await h.listTools()).map((t) => t.name);
      expect(names).not.toContain('delete_thing');
      expect(names).not.toContain('update_failing');
      const refused = await h.callTool('delete_thing', { id: 1 });
      expect(resultText(refused)).toContain('read-only scope');
      expect(h.server.access('delete_thing', 'read')).toBe('unavailable');
      expect(h.server.access('delete_thing', 'write')).toBe('allowed');
      expect(h.server.access('nope', 'write')).toBe('unknown');
    } finally {
      await h.close();
    }
  });

  it('closes every session with the server', async () => {
    const h = await createHarness({ tools: FIXTURE_TOOLS });
    expect(h.server.sessionCount()).toBe(1);
    await h.close();
    expect(h.server.sessionCount()).toBe(0);
  });
});

describe('admin-key mode', () => {
  it('resolves "me" to the configured user through the same server', async () => {
    const h = await createHarness({ tools: FIXTURE_TOOLS, authMode: 'admin' });
    try {
      const owner = h.sandbox.data.users.get(h.sandbox.data.ownerId);
      const result = await h.callTool('get_whoami');
      expect(result.structuredContent).toMatchObject({ email: owner?.email });
    } finally {
      await h.close();
    }
  });
});
