// The plans of the write tools over the sandbox: before → after in every update's answer, honest no-ops
// that send nothing, and the sanity checks that ask for confirm with their reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  changeOf,
  createHarness,
  openTopLevelTask,
  resultText,
  writesSince,
  type Harness,
} from '../testing/harness.js';

let h: Harness;
let taskId: string;

beforeAll(async () => {
  h = await createHarness();
  ({ taskId } = openTopLevelTask(h));
});
afterAll(() => h.close());

describe('before → after', () => {
  it('update_task answers the old and new value of what it changed, and what already was so', async () => {
    const task = h.sandbox.data.tasks.get(Number(taskId))!;
    const oldTitle = task.name;
    const r = await h.callTool('update_task', {
      task_id: taskId,
      title: 'Renamed by plan',
      priority: task.priority,
    });
    expect(changeOf(r)).toMatchObject({
      state: 'applied',
      before: { title: oldTitle },
      after: { title: 'Renamed by plan' },
      unchanged: ['priority'],
    });
    expect(h.sandbox.data.tasks.get(Number(taskId))?.name).toBe('Renamed by plan');
  });
});

describe('honest no-ops', () => {
  it('setting the status a task has, or removing a tag it lacks, answers unchanged and sends nothing', async () => {
    const from = h.sandbox.requests().length;
    const status = await h.callTool('set_task_status', { task_id: taskId, status: 'active' });
    expect(changeOf(status)).toEqual({ state: 'unchanged', unchanged: ['status'] });
    const tags = await h.callTool('set_tags', {
      task_id: taskId,
      remove: ['no-such-tag-here'],
      confirm: true,
    });
    expect(changeOf(tags)).toMatchObject({ state: 'unchanged', unchanged: ['no-such-tag-here'] });
    expect(writesSince(h, from)).toEqual([]);
  });

  it('unsubscribing someone who is not subscribed answers unchanged', async () => {
    const task = h.sandbox.data.tasks.get(Number(taskId))!;
    const outsider = [...h.sandbox.data.users.values()].find(
      (u) => u.id > 2 && !task.subscriberIds.includes(u.id) && u.email.includes('@'),
    )!;
    const r = await h.callTool('manage_task_subscribers', {
      task_id: taskId,
      action: 'unsubscribe',
      people: [outsider.email],
      confirm: true,
    });
    expect(changeOf(r)).toEqual({ state: 'unchanged', unchanged: [outsider.email] });
  });
});

describe('sanity checks', () => {
  it('asks to confirm more than 24 hours on one day, and a date more than a year away', async () => {
    const from = h.sandbox.requests().length;
    // Whatever that day held already, 20 + 5 hours are more than a day.
    await h.callTool('log_time', { task_id: taskId, time: '20:00', date: '2026-03-10', confirm: true });
    const over = await h.callTool('log_time', { task_id: taskId, time: '5:00', date: '2026-03-10' });
    expect(over.isError).toBe(true);
    expect(resultText(over)).toMatch(/more than 24 hours/);
    const far = await h.callTool('update_task', { task_id: taskId, due_date: '2028-06-01' });
    expect(resultText(far)).toMatch(/due_date 2028-06-01 is more than a year from today/);
    expect(writesSince(h, from).map((r) => r.action)).toEqual(['add_costs']);
    const confirmed = await h.callTool('log_time', {
      task_id: taskId,
      time: '5:00',
      date: '2026-03-10',
      confirm: true,
    });
    expect(confirmed.isError).toBeFalsy();
  });
});
