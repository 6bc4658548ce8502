// "My projects" in one call, through a real MCP client on the sandbox (issue 12): project_stats and
// get_activity take several project ids and answer what the one-project calls answer, each project once;
// list_tasks finds the tasks without a due date.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxData } from '../../sandbox/model.js';
import { allPublished, ids, nonArchivedProjectIds } from '../testing/task-tree.js';
import { createHarness, resultText, type Harness } from '../testing/harness.js';

type Json = Record<string, unknown>;

interface Stats {
  project: { id: string };
  tasks: Record<string, number>;
  time: { entries: number; minutes: number; money: number };
}

let h: Harness;
let data: SandboxData;
beforeAll(async () => {
  h = await createHarness();
  data = h.sandbox.data;
});
afterAll(() => h.close());

async function call(name: string, args: Json): Promise<Json> {
  const result = await h.callTool(name, args);
  expect(result.isError, resultText(result)).toBeFalsy();
  const { fetched_at: _fetched, ...rest } = result.structuredContent ?? {};
  return rest;
}

/** The two projects with the most published tasks. */
function twoProjects(): [string, string] {
  const counts = new Map<number, number>();
  for (const t of allPublished(data)) counts.set(t.projectId, (counts.get(t.projectId) ?? 0) + 1);
  const [a, b] = [...counts].sort((x, y) => y[1] - x[1]).map(([id]) => String(id));
  if (a === undefined || b === undefined) throw new Error('the sandbox has fewer than two projects');
  return [a, b];
}

describe('project_stats with several projects', () => {
  it('answers each project as its own call does, in the order asked, and their sum', async () => {
    const [a, b] = twoProjects();
    const both = await call('project_stats', { project_id: [b, a, b] });
    const one = (await call('project_stats', { project_id: a })) as unknown as Stats & { today: string };
    const other = (await call('project_stats', { project_id: Number(b) })) as unknown as Stats & {
      today: string;
    };
    const { today, ...single } = one;
    const { today: _same, ...otherSingle } = other;
    expect(both.today).toBe(today);
    expect(both.projects).toEqual([otherSingle, single]);
    const combined = both.combined as { tasks: Record<string, number>; time: Stats['time'] };
    for (const key of ['total', 'open', 'done', 'overdue', 'due_next_7_days', 'unassigned_open']) {
      expect(combined.tasks[key], key).toBe((one.tasks[key] ?? 0) + (other.tasks[key] ?? 0));
    }
    expect(combined.time.entries).toBe(one.time.entries + other.time.entries);
    expect(combined.time.minutes).toBe(one.time.minutes + other.time.minutes);
    // The one-project answer keeps its shape.
    expect(one.project.id).toBe(a);
    expect(one).not.toHaveProperty('projects');
  });

  it('names the project that does not exist', async () => {
    const [a] = twoProjects();
    const result = await h.callTool('project_stats', { project_id: [a, '424242'] });
    expect(result.isError).toBe(true);
    expect(resultText(result)).toMatch(/Project 424242 was not found/);
  });
});

describe('get_activity with several projects', () => {
  it('lists the events of each project once, newest first, as the one-project calls do', async () => {
    const [a, b] = twoProjects();
    const args = { period: '3d', limit: 200 };
    const both = await call('get_activity', { ...args, project_id: [a, b] });
    const one = await call('get_activity', { ...args, project_id: a });
    const other = await call('get_activity', { ...args, project_id: b });
    const items = (x: Json) => x.items as { date: string; project_id: string | null }[];
    expect(both.truncated).toBe(false);
    expect(items(one).length * items(other).length).toBeGreaterThan(0);
    expect(both.total_count).toBe((one.total_count as number) + (other.total_count as number));
    expect(items(both)).toHaveLength(items(one).length + items(other).length);
    expect(new Set(items(both).map((e) => e.project_id))).toEqual(new Set([a, b]));
    const dates = items(both).map((e) => e.date);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(both.projects).toEqual({ ...(one.projects as Json), ...(other.projects as Json) });
  });
});

describe('list_tasks without a due date', () => {
  it("answers the sandbox's open tasks that have no due date", async () => {
    const live = nonArchivedProjectIds(data);
    const want = allPublished(data).filter(
      (t) => t.status === 'active' && t.dateEnd === undefined && live.has(t.projectId),
    );
    expect(want.length).toBeGreaterThan(0);
    const page = await call('list_tasks', { no_due_date: true, limit: 200 });
    const got = page.items as { id: string; due_date?: string }[];
    expect(ids(got).sort()).toEqual(ids(want).sort());
    expect(got.every((t) => t.due_date === undefined)).toBe(true);
  });
});
