import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxData, TaskRec } from '../../../sandbox/model.js';
import { addDays, isoToday } from '../kit/dates.js';
import type { AnyTool } from '../kit/define-tool.js';
import { createSandboxContext, type SandboxContext } from '../../testing/sandbox-context.js';
import type { ToolContext } from '../kit/context.js';
import { analyticsTools } from './index.js';

const tool = (name: string): AnyTool => analyticsTools.find((t) => t.name === name) as AnyTool;
const run = async <T>(name: string, args: Record<string, unknown>, ctx: ToolContext): Promise<T> =>
  (await tool(name).handle(tool(name).input.parse(args), ctx)) as T;

interface Page<T> {
  items: T[];
  total_count: number;
  next_cursor?: string;
}

/** Every item of a paged answer, following next_cursor. */
async function everything<T>(name: string, args: Record<string, unknown>, ctx: ToolContext): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await run<Page<T>>(name, { ...args, limit: 200, ...(cursor ? { cursor } : {}) }, ctx);
    out.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return out;
}

const NOW = Date.now();
const today = isoToday(new Date(NOW));
let s: SandboxContext;
let data: SandboxData;
beforeAll(async () => {
  s = await createSandboxContext({
    authMode: 'oauth',
    sandbox: { now: () => NOW },
    now: () => new Date(NOW),
  });
  data = s.sandbox.data;
});
afterAll(() => s.close());

/** Listed by Worksection: published, and so are all its ancestors. */
function visible(t: TaskRec): boolean {
  if (t.publishAt !== undefined && t.publishAt > NOW) return false;
  const parent = t.parentId === undefined ? undefined : data.tasks.get(t.parentId);
  return parent === undefined || visible(parent);
}
const tasks = () => [...data.tasks.values()].filter(visible);
const overdue = (t: TaskRec) => t.status === 'active' && t.dateEnd !== undefined && t.dateEnd < today;

describe('project_stats', () => {
  it("counts a project's tasks and time from the sandbox's records", async () => {
    const project = [...data.projects.values()][0];
    const pid = project?.id as number;
    const mine = tasks().filter((t) => t.projectId === pid);
    const costs = [...data.costs.values()].filter((c) => data.tasks.get(c.taskId)?.projectId === pid);
    const stats = await run<{
      project: { id: string; name: string };
      tasks: Record<string, number>;
      by_priority: { priority: number; open: number; done: number }[];
      by_assignee: { assignee: { id: string } | null; open: number; overdue: number }[];
      time: { minutes: number; entries: number; money: number };
    }>('project_stats', { project_id: pid }, s.ctx());
    expect(stats.project).toMatchObject({ id: String(pid), name: project?.name });
    const open = mine.filter((t) => t.status === 'active');
    expect(stats.tasks).toMatchObject({
      total: mine.length,
      open: open.length,
      done: mine.length - open.length,
      overdue: open.filter(overdue).length,
    });
    expect(stats.by_priority.reduce((n, p) => n + p.open + p.done, 0)).toBe(mine.length);
    expect(stats.by_assignee.reduce((n, a) => n + a.overdue, 0)).toBe(open.filter(overdue).length);
    expect(stats.time).toMatchObject({
      entries: costs.length,
      minutes: costs.reduce((n, c) => n + c.minutes, 0),
      money: costs.reduce((n, c) => n + c.moneyCents, 0) / 100,
    });
  });

  it('rejects an unknown project with a hint', async () => {
    await expect(run('project_stats', { project_id: 424242 }, s.ctx())).rejects.toThrow(
      /Project 424242 was not found/,
    );
  });
});

describe('team_workload', () => {
  it('shows per person the open tasks and the time logged in the last 7 days', async () => {
    const rows = await everything<{
      user: { id: string };
      open_tasks: number;
      overdue: number;
      logged: { minutes: number };
    }>('team_workload', { include_idle: true }, s.ctx());
    expect(rows).toHaveLength(data.users.size);
    const from = addDays(today, -6);
    const openOf = (uid: number) =>
      tasks().filter(
        (t) =>
          t.status === 'active' && t.userToId === uid && data.projects.get(t.projectId)?.status !== 'archive',
      );
    for (const row of rows) {
      const uid = Number(row.user.id);
      expect(row.open_tasks).toBe(openOf(uid).length);
      expect(row.overdue).toBe(openOf(uid).filter(overdue).length);
      const minutes = [...data.costs.values()]
        .filter((c) => c.userFromId === uid && c.date >= from && c.date <= today)
        .reduce((n, c) => n + c.minutes, 0);
      expect(row.logged.minutes).toBe(minutes);
    }
    const open = rows.map((r) => r.open_tasks);
    expect(open).toEqual([...open].sort((a, b) => b - a));
  });

  it('leaves out idle people by default and narrows to a project', async () => {
    const pid = [...data.projects.values()][0]?.id as number;
    const page = await run<
      Page<{ open_tasks: number; logged: { minutes: number } }> & { unassigned_open: number }
    >('team_workload', { project_id: pid, date_from: '2020-01-01', date_to: today }, s.ctx());
    expect(page.items.every((r) => r.open_tasks > 0 || r.logged.minutes > 0)).toBe(true);
    const open = tasks().filter((t) => t.projectId === pid && t.status === 'active');
    expect(page.items.reduce((n, r) => n + r.open_tasks, 0) + page.unassigned_open).toBeLessThanOrEqual(
      open.length,
    );
    const logged = [...data.costs.values()]
      .filter((c) => data.tasks.get(c.taskId)?.projectId === pid && c.date <= today)
      .reduce((n, c) => n + c.minutes, 0);
    expect(page.items.reduce((n, r) => n + r.logged.minutes, 0)).toBe(logged);
  });
});
