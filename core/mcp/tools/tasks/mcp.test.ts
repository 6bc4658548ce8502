// The task-side toolsets through a real MCP client (in-process SDK Client ⇄ createMcpServer): schemas
// and annotations as clients see them, structuredContent checked by the client, errors as isError results.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, resultText, type Harness } from '../../testing/harness.js';
import { commentsTools } from '../comments.js';
import { projectsTools } from '../projects/index.js';
import { tagsTools } from '../tags/index.js';
import { tasksTools } from './index.js';
import { ids, richestProject, topLevel } from '../../testing/task-tree.js';

const MINE = [...projectsTools, ...tasksTools, ...commentsTools, ...tagsTools];

describe('tasks, comments, tags and projects over MCP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ tools: MINE, authMode: 'admin' });
  });
  afterAll(() => h.close());

  it('lists every tool with output schemas and annotations derived from its effect', async () => {
    const tools = await h.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(MINE.map((t) => t.name).sort());
    const byName = new Map(tools.map((t) => [t.name, t]));
    expect(byName.get('list_tasks')?.annotations).toMatchObject({ readOnlyHint: true, openWorldHint: false });
    expect(byName.get('create_task')?.annotations).toMatchObject({
      readOnlyHint: false,
      idempotentHint: false,
    });
    expect(byName.get('set_task_status')?.annotations).toMatchObject({
      readOnlyHint: false,
      idempotentHint: true,
    });
    for (const t of tools) expect(t.outputSchema, t.name).toBeDefined();
  });

  it('list_tasks answers structured content matching the sandbox', async () => {
    const { data } = h.sandbox;
    const pid = richestProject(data, (t) => t.status === 'active' && t.parentId === undefined);
    const expected = topLevel(data, pid).filter((t) => t.status === 'active');
    const res = await h.callTool('list_tasks', {
      project_id: String(pid),
      include_subtasks: false,
      limit: 200,
    });
    expect(res.isError).toBeFalsy();
    const sc = res.structuredContent as { items: { id: string }[]; total_count: number };
    expect(ids(sc.items)).toEqual(ids(expected));
    expect(sc.total_count).toBe(expected.length);
    expect(JSON.parse(resultText(res))).toEqual(sc);
  });

  it('create, complete and read back a task; errors come back as isError with hints', async () => {
    const { data } = h.sandbox;
    const pid = [...data.projects.values()].find((p) => p.status === 'active')!.id;
    const created = await h.callTool('create_task', {
      project_id: pid,
      title: 'Via MCP',
      due_date: '2030-02-28',
      confirm: true, // years ahead: the sanity check asks to confirm it
    });
    expect(created.isError).toBeFalsy();
    const id = (created.structuredContent as { task: { id: string } }).task.id;
    expect(data.tasks.get(Number(id))).toMatchObject({ name: 'Via MCP', dateEnd: '2030-02-28' });

    const done = await h.callTool('set_task_status', { task_id: id, status: 'done' });
    expect(done.structuredContent).toMatchObject({ already: false, task: { status: 'done' } });
    const read = await h.callTool('get_task', { task_id: id, include: ['text'] });
    expect(read.structuredContent).toMatchObject({ id, status: 'done' });

    const missing = await h.callTool('get_task', { task_id: '999999999' });
    expect(missing.isError).toBe(true);
    expect(resultText(missing)).toContain('list_tasks finds task ids');

    const bad = await h.callTool('create_task', { project_id: pid, title: 'x', priority: 11 });
    expect(bad.isError).toBe(true);
    expect(data.tasks.size).toBeGreaterThan(0);
  });
});
