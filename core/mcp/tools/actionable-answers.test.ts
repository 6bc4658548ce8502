// Defects found reviewing what the model reads (issue 12), each through a real MCP client (the SDK Client over the server over the sandbox): the
// model is told what it can act on, never an internal action name, and fetched_at is the age of the data.
import { afterEach, describe, expect, it } from 'vitest';
import type { SandboxData } from '../../sandbox/model.js';
import { TEST_FRESH_SECONDS } from '../../upstream/testing/fresh-seconds.js';
import { createHarness, resultText, type Harness } from '../testing/harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const NO_TASK = '999999';

const openTask = (data: SandboxData) =>
  [...data.tasks.values()].find(
    (t) => t.status === 'active' && t.publishAt === undefined && t.parentId === undefined,
  );

describe('errors the model can act on', () => {
  it('stop_timer with timer_id on a personal sign-in says timer_id needs the admin key', async () => {
    h = await createHarness({ authMode: 'oauth' });
    const result = await h.callTool('stop_timer', { timer_id: '123' });
    expect(result.isError).toBe(true);
    expect(resultText(result)).toMatch(/timer_id works only with the account's admin API key/);
    expect(resultText(result)).toMatch(/without timer_id/);
    expect(resultText(result)).not.toMatch(/no running timer/i);
  });

  it.each([
    ['log_time', { task_id: NO_TASK, time: '1:00' }],
    ['start_timer', { task_id: NO_TASK }],
  ])('%s on an unknown task says the task was not found, naming no internal action', async (tool, args) => {
    h = await createHarness({ authMode: 'oauth' });
    const result = await h.callTool(tool, args);
    expect(result.isError).toBe(true);
    const text = resultText(result);
    expect(text).toContain(`Task ${NO_TASK} was not found`);
    expect(text).toMatch(/list_tasks/);
    expect(text).not.toMatch(/add_costs|start_my_timer|rejected|code \d/);
  });

  it.each(['project_id', 'parent_id'])(
    'update_task with %s says Worksection cannot move tasks, and what to do instead',
    async (arg) => {
      h = await createHarness();
      const task = openTask(h.sandbox.data);
      const other = [...h.sandbox.data.projects.values()].find((p) => p.id !== task?.projectId);
      const result = await h.callTool('update_task', { task_id: String(task?.id), [arg]: String(other?.id) });
      expect(result.isError).toBe(true);
      const text = resultText(result);
      expect(text).toMatch(/cannot move a task/);
      expect(text).toMatch(/create_task/);
      expect(text).not.toMatch(/not an argument/);
      expect(h.sandbox.data.tasks.get(task?.id ?? 0)?.projectId).toBe(task?.projectId);
    },
  );
});

describe('fetched_at', () => {
  const START = Date.UTC(2026, 2, 2, 9);

  it('is the age of the data an answer shows, not of the "me" look-up behind it', async () => {
    let clock = START;
    h = await createHarness({ cache: TEST_FRESH_SECONDS, now: () => new Date(clock) });
    await h.callTool('get_me');
    clock += 5 * 60_000;
    const mine = await h.callTool('list_tasks', { assignee: 'me' });
    expect(mine.isError).toBeFalsy();
    expect(mine.structuredContent?.fetched_at).toBe(new Date(clock).toISOString());
    // get_me itself shows the held "me", as old as it is.
    const me = await h.callTool('get_me');
    expect(me.structuredContent?.fetched_at).toBe(new Date(START).toISOString());
  });
});
