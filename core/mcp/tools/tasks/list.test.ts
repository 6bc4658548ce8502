import { testNow } from '../../../worksection/testing/test-clock.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, wsError } from '../../../sandbox/handler.js';
import { ANYONE, NOONE, type TaskRec } from '../../../sandbox/model.js';
import { addDays, isoToday } from '../kit/dates.js';
import { createSandboxContext, type SandboxContext } from '../../testing/sandbox-context.js';
import { ToolError } from '../kit/errors.js';
import type { TaskRow } from '../shapes/task-row.js';
import { listTasks } from './list.js';
import {
  allPublished,
  childrenOf,
  ids,
  nonArchivedProjectIds,
  richestProject,
  run,
  topLevel,
  tree,
} from '../../testing/task-tree.js';

interface Page {
  project?: { id: string; name: string };
  status?: string;
  items: (TaskRow & { days_overdue?: number })[];
  total_count: number;
  returned_count: number;
  truncated: boolean;
  next_cursor?: string;
  hint?: string;
}

const list = (sc: SandboxContext, args: Record<string, unknown>) => run<Page>(listTasks, args, sc.ctx());

const sorted = (a: string[]) => [...a].sort();

describe.each(['oauth', 'admin'] as const)('list_tasks (%s)', (authMode) => {
  let sc: SandboxContext;
  beforeAll(async () => {
    sc = await createSandboxContext({ authMode });
  });
  afterAll(() => sc.close());

  it('lists the open top-level tasks of a project, as the sandbox holds them', async () => {
    const { data } = sc.sandbox;
    const pid = richestProject(data, (t) => t.status === 'active' && t.parentId === undefined);
    const expected = topLevel(data, pid).filter((t) => t.status === 'active');
    const page = await list(sc, { project_id: pid, include_subtasks: false, limit: 200 });
    expect(ids(page.items)).toEqual(ids(expected));
    expect(page.total_count).toBe(expected.length);
    expect(page.truncated).toBe(false);
    // Said once for all rows, not on each.
    expect(page.project?.id).toBe(String(pid));
    expect(page.status).toBe('active');
    expect(page.items.every((t) => t.project === undefined && t.status === undefined)).toBe(true);
  });

  it('includes open subtasks by default, each with its parent_id', async () => {
    const { data } = sc.sandbox;
    const pid = richestProject(data, (t) => t.parentId !== undefined && t.status === 'active');
    const expected = tree(data, topLevel(data, pid), (t) => t.status === 'active');
    const page = await list(sc, { project_id: String(pid), limit: 200 });
    expect(ids(page.items)).toEqual(ids(expected));
    for (const item of page.items) {
      const rec = data.tasks.get(Number(item.id))!;
      expect(item.parent_id).toBe(rec.parentId === undefined ? undefined : String(rec.parentId));
    }
  });

  it('finds completed tasks of a project through search (subtasks included)', async () => {
    const { data } = sc.sandbox;
    const pid = richestProject(data, (t) => t.status === 'done');
    const expected = allPublished(data).filter((t) => t.projectId === pid && t.status === 'done');
    const page = await list(sc, { project_id: pid, status: 'done', limit: 200 });
    expect(sorted(ids(page.items))).toEqual(sorted(ids(expected)));
    expect(page.status).toBe('done');
    expect(page.items.every((t) => t.closed_at !== undefined)).toBe(true);
  });

  it('status=all of a project lists open and completed tasks alike', async () => {
    const { data } = sc.sandbox;
    const pid = richestProject(data, (t) => t.status === 'done');
    const expected = tree(data, topLevel(data, pid), () => true);
    const page = await list(sc, { project_id: pid, status: 'all', limit: 200 });
    expect(ids(page.items)).toEqual(ids(expected));
  });

  it('"me" means the same person in both auth modes: open tasks assigned to the owner', async () => {
    const { data } = sc.sandbox;
    const live = nonArchivedProjectIds(data);
    const expected = allPublished(data).filter(
      (t) => t.status === 'active' && t.userToId === data.ownerId && live.has(t.projectId),
    );
    expect(expected.length).toBeGreaterThan(0);
    const page = await list(sc, { assignee: 'me', limit: 200 });
    expect(sorted(ids(page.items))).toEqual(sorted(ids(expected)));
    const owner = data.users.get(data.ownerId)!;
    expect(page.items.every((t) => t.assignee?.id === String(owner.id))).toBe(true);
    // Rows name people without emails (list_users has those).
    expect(page.items.every((t) => t.assignee && !('email' in t.assignee))).toBe(true);
  });

  it('filters by the placeholders: unassigned and open to anyone', async () => {
    const { data } = sc.sandbox;
    const live = nonArchivedProjectIds(data);
    for (const [arg, uid] of [
      ['nobody', NOONE],
      ['anyone', ANYONE],
    ] as const) {
      const expected = allPublished(data).filter(
        (t) => t.status === 'active' && t.userToId === uid && live.has(t.projectId),
      );
      const page = await list(sc, { assignee: arg, limit: 200 });
      expect(sorted(ids(page.items))).toEqual(sorted(ids(expected)));
      expect(page.items.every((t) => t.assignee === null)).toBe(true);
      if (arg === 'anyone') expect(page.items.every((t) => t.assigned_to_anyone === true)).toBe(true);
    }
  });

  it('overdue = open and due before today, across projects, sorted by due date on request', async () => {
    const { data } = sc.sandbox;
    const today = isoToday(new Date(testNow()));
    const live = nonArchivedProjectIds(data);
    const expected = allPublished(data).filter(
      (t) => t.status === 'active' && t.dateEnd !== undefined && t.dateEnd < today && live.has(t.projectId),
    );
    expect(expected.length).toBeGreaterThan(0);
    const page = await list(sc, { overdue: true, sort: 'due_date', limit: 200 });
    expect(sorted(ids(page.items))).toEqual(sorted(ids(expected)));
    const dues = page.items.map((t) => t.due_date!);
    expect(dues).toEqual([...dues].sort());
    expect(page.items.every((t) => t.overdue === true)).toBe(true);
  });

  it('overdue alone: most overdue first, each row with its days overdue; narrows to a project and "me"', async () => {
    const { data } = sc.sandbox;
    const today = isoToday(new Date(testNow()));
    const live = nonArchivedProjectIds(data);
    const isOverdue = (t: TaskRec) =>
      t.status === 'active' && t.dateEnd !== undefined && t.dateEnd < today && live.has(t.projectId);
    const page = await list(sc, { overdue: true, limit: 200 });
    const days = page.items.map((t) => t.days_overdue ?? -1);
    expect(days).toEqual([...days].sort((a, b) => b - a));
    for (const t of page.items) expect(addDays(t.due_date!, t.days_overdue!), t.id).toBe(today);
    const pid = richestProject(data, isOverdue);
    const inProject = await list(sc, { overdue: true, project_id: pid, limit: 200 });
    expect(sorted(ids(inProject.items))).toEqual(
      sorted(ids(allPublished(data).filter((t) => isOverdue(t) && t.projectId === pid))),
    );
    const mine = await list(sc, { overdue: true, assignee: 'me', limit: 200 });
    expect(sorted(ids(mine.items))).toEqual(
      sorted(ids(allPublished(data).filter((t) => isOverdue(t) && t.userToId === data.ownerId))),
    );
  });

  it('no_due_date: the open tasks without a due date, alone or with other filters', async () => {
    const { data } = sc.sandbox;
    const live = nonArchivedProjectIds(data);
    const undated = (t: TaskRec) => t.status === 'active' && t.dateEnd === undefined && live.has(t.projectId);
    const expected = allPublished(data).filter(undated);
    expect(expected.length).toBeGreaterThan(0);
    const page = await list(sc, { no_due_date: true, limit: 200 });
    expect(sorted(ids(page.items))).toEqual(sorted(ids(expected)));
    expect(page.items.every((t) => t.due_date === undefined)).toBe(true);
    const pid = richestProject(data, undated);
    const mine = await list(sc, { no_due_date: true, project_id: pid, assignee: 'me', limit: 200 });
    expect(sorted(ids(mine.items))).toEqual(
      sorted(ids(expected.filter((t) => t.projectId === pid && t.userToId === data.ownerId))),
    );
    await expect(list(sc, { no_due_date: true, overdue: true })).rejects.toThrow(ToolError);
  });

  it('due range, name and tag filters match the records', async () => {
    const { data } = sc.sandbox;
    const pid = richestProject(data, (t) => t.dateEnd !== undefined);
    const dated = allPublished(data)
      .filter((t) => t.projectId === pid && t.dateEnd !== undefined)
      .map((t) => t.dateEnd!)
      .sort();
    const from = dated[Math.floor(dated.length / 4)]!;
    const to = dated[Math.floor((dated.length * 3) / 4)]!;
    const inRange = allPublished(data).filter(
      (t) => t.projectId === pid && t.dateEnd !== undefined && t.dateEnd >= from && t.dateEnd <= to,
    );
    const page = await list(sc, {
      project_id: pid,
      status: 'all',
      due_after: from,
      due_before: to,
      limit: 200,
    });
    expect(sorted(ids(page.items))).toEqual(sorted(ids(inRange)));

    const word = data.tasks.get(topLevel(data, pid)[0]!.id)!.name.split(' ')[0]!.toLowerCase();
    const named = allPublished(data).filter(
      (t) => t.projectId === pid && t.status === 'active' && t.name.toLowerCase().includes(word),
    );
    const byName = await list(sc, { project_id: pid, name_contains: word.toUpperCase(), limit: 200 });
    expect(sorted(ids(byName.items))).toEqual(sorted(ids(named)));

    const tagged = tree(data, topLevel(data, pid), (t) => t.status === 'active').filter(
      (t) => t.tagIds.length > 0,
    );
    const tag = data.tags.get(tagged[0]!.tagIds[0]!)!;
    const withTag = tagged.filter((t) => t.tagIds.includes(tag.id));
    const byTag = await list(sc, { project_id: pid, tag: tag.title.toUpperCase(), limit: 200 });
    expect(ids(byTag.items)).toEqual(ids(withTag));
  });

  it('lists the subtasks of a task with parent_id', async () => {
    const { data } = sc.sandbox;
    const parent = allPublished(data).find(
      (t) => childrenOf(data, t.id).some((c) => childrenOf(data, c.id).length > 0) && t.status === 'active',
    )!;
    const direct = childrenOf(data, parent.id);
    const all = tree(data, direct, () => true);
    const shallow = await list(sc, { parent_id: parent.id, status: 'all', include_subtasks: false });
    expect(sorted(ids(shallow.items))).toEqual(sorted(ids(direct)));
    const deep = await list(sc, { parent_id: parent.id, status: 'all' });
    expect(sorted(ids(deep.items))).toEqual(sorted(ids(all)));
  });

  it('filters the subtree of a parent, reaching grandchildren under non-matching children', async () => {
    const { data } = sc.sandbox;
    const parent = allPublished(data).find((t) =>
      childrenOf(data, t.id).some((c) => childrenOf(data, c.id).some((g) => g.userToId !== c.userToId)),
    )!;
    const child = childrenOf(data, parent.id).find((c) =>
      childrenOf(data, c.id).some((g) => g.userToId !== c.userToId),
    )!;
    const grand = childrenOf(data, child.id).find((g) => g.userToId !== child.userToId)!;
    const who = data.users.get(grand.userToId)?.email ?? (grand.userToId === NOONE ? 'nobody' : 'anyone');
    const expected = tree(data, childrenOf(data, parent.id), () => true).filter(
      (t) => t.userToId === grand.userToId,
    );
    const page = await list(sc, { parent_id: parent.id, status: 'all', assignee: who });
    expect(sorted(ids(page.items))).toEqual(sorted(ids(expected)));
    expect(ids(page.items)).toContain(String(grand.id));
  });

  it('finds names with a quote (the filter grammar has no escape: searched by fragment, matched exactly)', async () => {
    const { data } = sc.sandbox;
    const t = topLevel(data, [...data.projects.values()].find((p) => p.status === 'active')!.id)[0]!;
    const original = t.name;
    t.name = "Client's \\ brief";
    try {
      const page = await list(sc, { name_contains: "client's \\ BRIEF", status: 'all' });
      expect(ids(page.items)).toEqual([String(t.id)]);
    } finally {
      t.name = original;
    }
  });

  it('pages with a cursor: every task exactly once, in order', async () => {
    const { data } = sc.sandbox;
    const pid = richestProject(data, (t) => t.status === 'active');
    const whole = await list(sc, { project_id: pid, status: 'all', limit: 200 });
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await list(sc, { project_id: pid, status: 'all', limit: 7, cursor });
      expect(page.total_count).toBe(whole.total_count);
      expect(page.returned_count).toBe(page.items.length);
      seen.push(...ids(page.items));
      cursor = page.next_cursor;
      expect(page.truncated).toBe(cursor !== undefined);
      pages++;
    } while (cursor);
    expect(seen).toEqual(ids(whole.items));
    expect(pages).toBe(Math.ceil(whole.total_count / 7));
    // A cursor only pages the query it came from.
    const first = await list(sc, { project_id: pid, status: 'all', limit: 7 });
    await expect(list(sc, { project_id: pid, status: 'done', cursor: first.next_cursor })).rejects.toThrow(
      ToolError,
    );
  });

  it('rejects contradictory or unsupported queries with a hint', async () => {
    await expect(list(sc, { status: 'done' })).rejects.toMatchObject({
      name: 'ToolError',
      hint: expect.stringContaining('project_id') as unknown,
    });
    await expect(list(sc, { overdue: true, status: 'done' })).rejects.toThrow(ToolError);
    await expect(list(sc, { closed_after: '2020-01-01', status: 'active' })).rejects.toThrow(ToolError);
    await expect(list(sc, { assignee: 'nobody-here@example.com' })).rejects.toMatchObject({
      hint: expect.stringContaining('list_users') as unknown,
    });
    await expect(list(sc, { project_id: 999999999 })).rejects.toMatchObject({
      message: expect.stringContaining('999999999') as unknown,
      hint: expect.stringContaining('list_projects') as unknown,
    });
    expect(() => listTasks.input.parse({ due_before: '31/12/2026' })).toThrow();
  });

  it('completed tasks in a closing range, across projects', async () => {
    const { data } = sc.sandbox;
    const done = allPublished(data).filter((t) => t.status === 'done' && t.dateClosed !== undefined);
    const days = done.map((t) => new Date(t.dateClosed!).toISOString().slice(0, 10)).sort();
    const from = days[Math.floor(days.length / 2)]!;
    const live = nonArchivedProjectIds(data);
    const expected = done.filter(
      (t) => new Date(t.dateClosed!).toISOString().slice(0, 10) >= from && live.has(t.projectId),
    );
    const page = await list(sc, { closed_after: from, limit: 200 });
    expect(sorted(ids(page.items))).toEqual(sorted(ids(expected)));
  });
});

describe('list_tasks size control and upstream caps', () => {
  it('a tiny budget truncates honestly and the cursor gets the rest', async () => {
    const sc = await createSandboxContext({
      limits: { budgetTokens: 800, defaultPageSize: 50, maxPageSize: 200 },
    });
    try {
      const pid = richestProject(sc.sandbox.data, (t) => t.status === 'active');
      const full = tree(sc.sandbox.data, topLevel(sc.sandbox.data, pid), (t) => t.status === 'active');
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await list(sc, { project_id: pid, cursor });
        expect(page.total_count).toBe(full.length);
        expect(page.returned_count).toBeGreaterThan(0);
        expect(page.returned_count).toBeLessThan(full.length);
        if (page.truncated) expect(page.hint).toContain('cursor');
        expect(JSON.stringify(page.items).length / 4).toBeLessThan(800);
        seen.push(...ids(page.items));
        cursor = page.next_cursor;
      } while (cursor);
      expect(seen).toEqual(ids(full));
    } finally {
      await sc.close();
    }
  });

  it('turns "Too many tasks (10000 max)" into advice to narrow the query', async () => {
    const tooMany = () => wsError(9, 'Too many tasks (10000 max)');
    const sc = await createSandboxContext({
      sandbox: { handlers: { get_all_tasks: tooMany, get_tasks: () => ok({ data: [] }) } },
    });
    try {
      await expect(list(sc, {})).rejects.toMatchObject({
        name: 'ToolError',
        hint: expect.stringContaining('project_id') as unknown,
      });
      const empty = await list(sc, { project_id: [...sc.sandbox.data.projects.keys()][0] });
      expect(empty).toMatchObject({ items: [], total_count: 0, truncated: false });
    } finally {
      await sc.close();
    }
  });
});
