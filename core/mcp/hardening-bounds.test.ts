// Issue 16, item 1: a value past a sane bound is refused before anything is sent, and a record Worksection
// sends that our schemas cannot read does not take a tool down: it is shown as it came with a note, the
// rest of the answer stands, and the log names the record. The real sandbox over HTTP is the upstream.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, resultText, type Harness } from './testing/harness.js';

let h: Harness;
let projectId: string;
let taskId: string;

beforeAll(async () => {
  h = await createHarness();
  const projects = await h.callTool('list_projects', {});
  projectId = (projects.structuredContent as { items: { id: string }[] }).items[0]!.id;
  const tasks = await h.callTool('list_tasks', { project_id: projectId, limit: 1 });
  taskId = (tasks.structuredContent as { items: { id: string }[] }).items[0]!.id;
});
afterAll(() => h.close());

const addCostsSent = () => h.sandbox.requests().filter((r) => r.action === 'add_costs').length;

describe('bounds on numeric and duration inputs', () => {
  it.each([
    ['time', 2 ** 53 + 2, /more than 24 hours/],
    ['time', '150000000000h', /more than 24 hours/],
    ['time', 2147483648, /more than 24 hours/],
    ['time', '24:01', /more than 24 hours/],
    ['money', 1e21, /`money`: Too big/],
    ['task_id', 1e20, /`task_id`/],
    ['task_id', '9'.repeat(40), /`task_id`/],
  ])('log_time refuses %s = %s without sending anything', async (field, value, message) => {
    const before = addCostsSent();
    const res = await h.callTool('log_time', { task_id: taskId, time: '1:00', [field]: value });
    expect(res.isError).toBe(true);
    expect(resultText(res)).toMatch(/^Invalid arguments for log_time: /);
    expect(resultText(res)).toMatch(message);
    expect(addCostsSent()).toBe(before);
  });

  it('accepts the bound itself', async () => {
    const res = await h.callTool('log_time', { task_id: taskId, time: '24:00', money: 1e9 });
    expect(res.isError).toBeFalsy();
  });

  it.each([
    ['create_task', { project_id: '1', title: 't', time_estimate: 1e7 }, /`time_estimate`/],
    ['create_task', { project_id: '1', title: 't', budget: 1e13 }, /`budget`/],
    ['create_task', { project_id: '1', title: 't', priority: 11 }, /`priority`/],
  ])('%s refuses an out-of-range number', async (tool, args, message) => {
    const res = await h.callTool(tool, args);
    expect(res.isError).toBe(true);
    expect(resultText(res)).toMatch(message);
  });
});

describe('a record that does not fit our schema', () => {
  it('is shown as it came with a note; the rest of every answer stands; the log names it', async () => {
    // Entered elsewhere (another client, the web UI): our own tools can no longer send such a value.
    const poisoned = await h.upstream.call('add_costs', { id_task: taskId, time: '150000000000:00' });
    const id = String(poisoned.id);
    h.logs.length = 0;

    const entries = await h.callTool('list_time_entries', { fresh: true, limit: 200 });
    expect(entries.isError).toBeFalsy();
    const items = (entries.structuredContent as { items: { id: string }[] }).items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.map((i) => i.id)).not.toContain(id);
    const note = entries.content[1];
    expect(note?.type === 'text' && note.text).toMatch(/could not read/);
    expect(note?.type === 'text' && note.text).toContain(`"id":"${id}"`);
    expect(note?.type === 'text' && note.text).toContain('150000000000:00');
    expect(h.logs).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        action: 'get_costs',
        record_id: id,
        tool: 'list_time_entries',
      }),
    );

    // Cached or fresh, the other tools over the same entries answer too.
    for (const [tool, args] of [
      ['list_time_entries', { limit: 200 }],
      ['list_time_entries', { group_by: 'user' }],
      ['project_stats', { project_id: projectId }],
      ['team_workload', { project_id: projectId }],
    ] as const) {
      const res = await h.callTool(tool, args);
      expect(res.isError, `${tool}: ${resultText(res)}`).toBeFalsy();
    }
  });
});
