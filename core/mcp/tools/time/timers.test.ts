import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorksectionApiError } from '../../../worksection/errors.js';
import type { SandboxData, TaskRec } from '../../../sandbox/model.js';
import type { AnyTool } from '../kit/define-tool.js';
import { createSandboxContext, type SandboxContext } from '../../testing/sandbox-context.js';
import type { ToolContext } from '../kit/context.js';
import { ToolError } from '../kit/errors.js';
import { timeTools } from './index.js';

const tool = (name: string): AnyTool => timeTools.find((t) => t.name === name) as AnyTool;
const run = async <T>(name: string, args: Record<string, unknown>, ctx: ToolContext): Promise<T> =>
  (await tool(name).handle(tool(name).input.parse(args), ctx)) as T;

interface TimerItem {
  id?: string;
  user: { id: string } | null;
  task: { id: string };
  running_minutes: number;
}
interface TimerList {
  scope: 'all' | 'mine';
  items: TimerItem[];
  total_count: number;
}

const openTask = (data: SandboxData): TaskRec =>
  [...data.tasks.values()].find(
    (t) =>
      t.status === 'active' &&
      t.publishAt === undefined &&
      data.projects.get(t.projectId)?.status === 'active',
  ) as TaskRec;

describe('timers with the admin key', () => {
  // A frozen sandbox clock makes the running time of each timer exact.
  const NOW = Date.now();
  let s: SandboxContext;
  beforeAll(async () => {
    s = await createSandboxContext({ authMode: 'admin', sandbox: { now: () => NOW } });
  });
  afterAll(() => s.close());

  it('lists every running timer of the account', async () => {
    const timers = [...s.sandbox.data.timers.values()];
    expect(timers.length).toBeGreaterThan(0);
    const list = await run<TimerList>('list_timers', {}, s.ctx());
    expect(list.scope).toBe('all');
    expect(list.items.map((t) => t.id).sort()).toEqual(timers.map((t) => String(t.id)).sort());
    for (const item of list.items) {
      const rec = s.sandbox.data.timers.get(Number(item.id));
      expect(item.user?.id).toBe(String(rec?.userId));
      expect(item.task.id).toBe(String(rec?.taskId));
      expect(item.running_minutes).toBe(Math.floor((NOW - (rec?.startedAt ?? 0)) / 60_000));
    }
  });

  it('cannot start a timer, and says why', async () => {
    const err = await run('start_timer', { task_id: openTask(s.sandbox.data).id }, s.ctx()).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ToolError);
    expect((err as ToolError).message).toMatch(/personal Worksection sign-in/);
    expect((err as ToolError).hint).toMatch(/log_time/);
  });

  it('stops a timer by id, which logs its time', async () => {
    await expect(run('stop_timer', {}, s.ctx())).rejects.toThrow(/say which timer/);
    const [timer] = [...s.sandbox.data.timers.values()];
    if (!timer) throw new Error('no timer');
    await expect(run('stop_timer', { timer_id: timer.id, comment: 'x' }, s.ctx())).rejects.toThrow(ToolError);
    const before = s.sandbox.data.costs.size;
    const out = await run<{ stopped: TimerItem }>('stop_timer', { timer_id: timer.id }, s.ctx());
    expect(out.stopped.id).toBe(String(timer.id));
    expect(s.sandbox.data.timers.has(timer.id)).toBe(false);
    expect(s.sandbox.data.costs.size).toBe(before + 1);
    await expect(run('stop_timer', { timer_id: timer.id }, s.ctx())).rejects.toThrow(
      /No running timer has id/,
    );
  });
});

describe('timers with a personal sign-in', () => {
  let s: SandboxContext;
  beforeAll(async () => {
    s = await createSandboxContext({ authMode: 'oauth' });
  });
  afterAll(() => s.close());

  const mine = () => [...s.sandbox.data.timers.values()].filter((t) => t.userId === s.sandbox.data.ownerId);

  it('sees, starts and stops only its own timer', async () => {
    if (mine().length > 0) await run('stop_timer', {}, s.ctx());
    const empty = await run<TimerList>('list_timers', {}, s.ctx());
    expect(empty).toMatchObject({ scope: 'mine', items: [], total_count: 0 });
    expect(s.sandbox.data.timers.size).toBeGreaterThan(0);

    const task = openTask(s.sandbox.data);
    await run('start_timer', { task_id: task.id }, s.ctx());
    expect(mine().map((t) => t.taskId)).toEqual([task.id]);
    const list = await run<TimerList>('list_timers', {}, s.ctx());
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      task: { id: String(task.id) },
      user: { id: String(s.sandbox.data.ownerId) },
    });

    const again = await run('start_timer', { task_id: task.id }, s.ctx()).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(WorksectionApiError);
    expect((again as WorksectionApiError).statusCode).toBe(6);

    const costs = s.sandbox.data.costs.size;
    const stopped = await run<{ stopped: TimerItem }>(
      'stop_timer',
      { comment: 'Pairing on the header' },
      s.ctx(),
    );
    expect(stopped.stopped.task.id).toBe(String(task.id));
    expect(mine()).toEqual([]);
    const cost = [...s.sandbox.data.costs.values()].at(-1);
    expect(s.sandbox.data.costs.size).toBe(costs + 1);
    expect(cost).toMatchObject({ taskId: task.id, comment: 'Pairing on the header', isTimer: true });

    await expect(run('stop_timer', {}, s.ctx())).rejects.toThrow(/no running timer/);
  });
});
