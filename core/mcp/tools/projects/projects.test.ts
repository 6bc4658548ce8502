import { testNow } from '../../../worksection/testing/test-clock.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoToday } from '../kit/dates.js';
import type { ProjectSummary } from '../shapes/project.js';
import { createSandboxContext, type SandboxContext } from '../../testing/sandbox-context.js';
import { ToolError } from '../kit/errors.js';
import { getProject, listProjects } from './index.js';
import { createProject, manageProjectMembers, setProjectStatus, updateProject } from './write.js';
import { allPublished, run, topLevel, tree } from '../../testing/task-tree.js';

type Obj = Record<string, unknown>;

describe.each(['oauth', 'admin'] as const)('projects (%s)', (authMode) => {
  let sc: SandboxContext;
  beforeAll(async () => {
    sc = await createSandboxContext({ authMode });
  });
  afterAll(() => sc.close());

  it('lists projects by status, folder and name, as the sandbox holds them', async () => {
    const { data } = sc.sandbox;
    const all = [...data.projects.values()];
    for (const status of ['active', 'pending', 'archive'] as const) {
      const page = await run<{ items: ProjectSummary[] }>(listProjects, { status }, sc.ctx());
      expect(page.items.map((p) => p.id)).toEqual(
        all.filter((p) => p.status === status).map((p) => String(p.id)),
      );
    }
    const every = await run<{ items: ProjectSummary[]; total_count: number }>(
      listProjects,
      { status: 'all', include: ['members', 'text'] },
      sc.ctx(),
    );
    expect(every.total_count).toBe(all.length);
    for (const p of every.items) {
      const rec = data.projects.get(Number(p.id))!;
      expect(p.text).toBe(rec.text);
      expect(p.members?.map((m) => m.id).sort()).toEqual(rec.memberIds.map(String).sort());
      expect(p.folder).toBe(rec.company);
    }
    const first = all[0]!;
    const byFolder = await run<{ items: ProjectSummary[] }>(
      listProjects,
      { status: 'all', folder: first.company.toUpperCase() },
      sc.ctx(),
    );
    expect(byFolder.items.map((p) => p.id)).toEqual(
      all.filter((p) => p.company === first.company).map((p) => String(p.id)),
    );
  });

  it('gets a project with options, members and task counts that match the records', async () => {
    const { data } = sc.sandbox;
    const p = [...data.projects.values()].find((x) => x.status === 'active')!;
    const out = await run<Obj>(getProject, { project_id: p.id }, sc.ctx());
    const today = isoToday(new Date(testNow()));
    const open = tree(data, topLevel(data, p.id), (t) => t.status === 'active');
    const done = allPublished(data).filter((t) => t.projectId === p.id && t.status === 'done');
    expect(out.task_counts).toEqual({
      open: open.length,
      open_top_level: open.filter((t) => t.parentId === undefined).length,
      overdue: open.filter((t) => t.dateEnd !== undefined && t.dateEnd < today).length,
      unassigned_open: open.filter((t) => t.userToId === 1).length,
      done: done.length,
    });
    const enabled = Object.entries(p.options)
      .filter(([, v]) => v === 1)
      .map(([k]) => k);
    expect((out.options as { name: string }[]).map((o) => o.name)).toEqual(enabled);
    expect((out.members as Obj[]).length).toBe(p.memberIds.length);
    await expect(run(getProject, { project_id: 999999999 }, sc.ctx())).rejects.toMatchObject({
      hint: 'list_projects finds project ids.',
    });
  });

  it('lists "my projects" in one call: by membership and any set of statuses, on hold included', async () => {
    const { data } = sc.sandbox;
    const want = [...data.projects.values()].filter(
      (p) => p.memberIds.includes(data.ownerId) && (p.status === 'active' || p.status === 'pending'),
    );
    expect(want.some((p) => p.status === 'pending')).toBe(true);
    const page = await run<{ items: ProjectSummary[] }>(
      listProjects,
      { member: 'me', status: ['active', 'pending'], limit: 200 },
      sc.ctx(),
    );
    expect(page.items.map((p) => p.id).sort()).toEqual(want.map((p) => String(p.id)).sort());
    // The member filter needs the member lists; the answer leaves them out unless asked.
    expect(page.items.every((p) => p.members === undefined)).toBe(true);
  });

  it('creates, updates, closes, reopens a project and manages its members', async () => {
    const { data } = sc.sandbox;
    const users = [...data.users.values()].filter((u) => u.id !== data.ownerId);
    const [manager, member] = [users[0]!, users[1]!];
    const tag = [...data.tags.values()].find((t) => data.tagGroups.get(t.groupId)?.scope === 'project')!;
    const { project } = await run<{ project: Obj }>(
      createProject,
      {
        title: 'Launch',
        folder: [...data.folders.values()][0]!.title,
        manager: manager.email,
        members: [member.email],
        text: 'Go live',
        start_date: '2030-01-01',
        due_date: '2030-03-31',
        budget: 5000,
        tags: [tag.title],
        options: { timer_only: true, allow_close: true },
      },
      sc.ctx(),
    );
    const rec = data.projects.get(Number(project.id))!;
    expect(rec).toMatchObject({
      name: 'Launch',
      userToId: manager.id,
      dateEnd: '2030-03-31',
      maxMoney: 5000,
      tagIds: [tag.id],
    });
    expect(rec.options.timer_only).toBe(1);
    expect(rec.memberIds).toEqual(expect.arrayContaining([data.ownerId, manager.id, member.id]));
    expect(project.options).toEqual(['allow_close', 'timer_only']);

    await expect(
      run(createProject, { title: 'x', options: { timer_only: true, time_today: true } }, sc.ctx()),
    ).rejects.toThrow(ToolError);

    const upd = await run<{ project: Obj; changed: string[] }>(
      updateProject,
      { project_id: project.id, title: 'Launch v2', manager: 'nobody', options: { timer_only: false } },
      sc.ctx(),
    );
    expect(upd.changed).toEqual(['title', 'manager', 'options']);
    expect(upd.project).toMatchObject({ name: 'Launch v2', manager: null, options: ['allow_close'] });
    expect(data.projects.get(rec.id)).toMatchObject({ name: 'Launch v2', userToId: 0 });

    const closed = await run<Obj>(setProjectStatus, { project_id: rec.id, status: 'archive' }, sc.ctx());
    expect(closed).toMatchObject({ already: false, project: { status: 'archive' } });
    expect(
      await run<Obj>(setProjectStatus, { project_id: rec.id, status: 'archive' }, sc.ctx()),
    ).toMatchObject({
      already: true,
    });
    await run(setProjectStatus, { project_id: rec.id, status: 'active' }, sc.ctx());
    expect(data.projects.get(rec.id)!.status).toBe('active');

    const removed = await run<{ members: Obj[] }>(
      manageProjectMembers,
      { project_id: rec.id, action: 'remove', people: [member.email] },
      sc.ctx(),
    );
    expect(removed.members.map((m) => m.email)).not.toContain(member.email);
    expect(data.projects.get(rec.id)!.memberIds).not.toContain(member.id);
    const added = await run<{ members: Obj[] }>(
      manageProjectMembers,
      { project_id: rec.id, action: 'add', people: [String(member.id)] },
      sc.ctx(),
    );
    expect(added.members.map((m) => m.email)).toContain(member.email);
    await expect(
      run(manageProjectMembers, { project_id: 999999999, action: 'add', people: ['me'] }, sc.ctx()),
    ).rejects.toMatchObject({ hint: 'list_projects finds project ids.' });
  });
});
