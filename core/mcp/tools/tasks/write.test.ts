import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToolContextFactory } from '../kit/context-factory.js';
import { createSandboxContext, type SandboxContext } from '../../testing/sandbox-context.js';
import { ToolError } from '../kit/errors.js';
import { getTask } from './get.js';
import { listTasks } from './list.js';
import { manageTaskSubscribers, setTaskStatus } from './status.js';
import { allPublished, childrenOf, ids, run, topLevel } from '../../testing/task-tree.js';
import { createTask, updateTask } from './write.js';

type Obj = Record<string, unknown>;

describe.each(['oauth', 'admin'] as const)('task writes (%s)', (authMode) => {
  let sc: SandboxContext;
  beforeAll(async () => {
    sc = await createSandboxContext({ authMode });
  });
  afterAll(() => sc.close());

  const liveProject = () => [...sc.sandbox.data.projects.values()].find((p) => p.status === 'active')!;
  const someUser = () =>
    [...sc.sandbox.data.users.values()].find((u) => u.id !== sc.sandbox.data.ownerId && u.role !== 'Reader')!;

  it('creates a subtask under a parent: project inferred, assignee, dates, checklist, tags, subscribers', async () => {
    const { data } = sc.sandbox;
    const parent = topLevel(data, liveProject().id).find((t) => t.status === 'active')!;
    const kate = someUser();
    const tag = [...data.tags.values()].find((t) => data.tagGroups.get(t.groupId)?.scope === 'task')!;
    const { task } = await run<{ task: Obj }>(
      createTask,
      {
        parent_id: parent.id,
        title: 'Draft the release notes',
        assignee: kate.email,
        priority: 7,
        text: 'Collect the changes',
        todo: ['features', 'fixes'],
        start_date: '2030-05-01',
        due_date: '03.05.2030',
        tags: [tag.title.toLowerCase()],
        subscribers: ['me', kate.email],
      },
      sc.ctx(),
    );
    const rec = data.tasks.get(Number(task.id))!;
    expect(rec).toMatchObject({
      projectId: parent.projectId,
      parentId: parent.id,
      name: 'Draft the release notes',
      priority: 7,
      userToId: kate.id,
      dateStart: '2030-05-01',
      dateEnd: '2030-05-03',
      tagIds: [tag.id],
    });
    expect(rec.text).toContain('• features');
    expect(rec.subscriberIds.sort()).toEqual([data.ownerId, kate.id].sort());
    expect(task).toMatchObject({
      parent_id: String(parent.id),
      due_date: '2030-05-03',
      assignee: { email: kate.email },
      tags: [tag.title],
      priority: 7,
    });
    // Visible in the next read.
    const page = await run<{ items: Obj[] }>(listTasks, { parent_id: parent.id, status: 'all' }, sc.ctx());
    expect(ids(page.items as { id: string }[])).toContain(task.id);
  });

  it('refuses unknown tags, people and a missing project before writing anything', async () => {
    const before = sc.sandbox.data.tasks.size;
    const pid = liveProject().id;
    await expect(
      run(createTask, { project_id: pid, title: 'x', tags: ['no-such-tag'] }, sc.ctx()),
    ).rejects.toMatchObject({
      hint: expect.stringContaining('create_tags') as unknown,
    });
    await expect(
      run(createTask, { project_id: pid, title: 'x', assignee: 'ghost@example.com' }, sc.ctx()),
    ).rejects.toThrow(ToolError);
    await expect(run(createTask, { title: 'x' }, sc.ctx())).rejects.toThrow(ToolError);
    await expect(run(createTask, { project_id: 999999999, title: 'x' }, sc.ctx())).rejects.toMatchObject({
      hint: expect.stringContaining('list_projects') as unknown,
    });
    expect(sc.sandbox.data.tasks.size).toBe(before);
  });

  it('updates only the fields given and says which', async () => {
    const { data } = sc.sandbox;
    const t = topLevel(data, liveProject().id).find((x) => x.status === 'active')!;
    const name = t.name;
    const { task, changed } = await run<{ task: Obj; changed: string[] }>(
      updateTask,
      { task_id: String(t.id), assignee: 'anyone', due_date: '2031-01-31', priority: 2 },
      sc.ctx(),
    );
    expect(changed.sort()).toEqual(['assignee', 'due_date', 'priority']);
    expect(data.tasks.get(t.id)).toMatchObject({ name, priority: 2, dateEnd: '2031-01-31', userToId: 2 });
    expect(task).toMatchObject({ assignee: null, assigned_to_anyone: true, due_date: '2031-01-31' });
    await expect(run(updateTask, { task_id: t.id }, sc.ctx())).rejects.toThrow(ToolError);
    await expect(run(updateTask, { task_id: 999999999, priority: 1 }, sc.ctx())).rejects.toMatchObject({
      hint: expect.stringContaining('list_tasks') as unknown,
    });
  });

  it('completing a task with open subtasks names them; with_subtasks completes the whole tree', async () => {
    const { data } = sc.sandbox;
    const { task } = await run<{ task: Obj }>(
      createTask,
      { project_id: liveProject().id, title: 'Parent' },
      sc.ctx(),
    );
    const child = await run<{ task: Obj }>(createTask, { parent_id: task.id, title: 'Child' }, sc.ctx());
    const grand = await run<{ task: Obj }>(
      createTask,
      { parent_id: child.task.id, title: 'Grandchild' },
      sc.ctx(),
    );
    await expect(
      run(createTask, { parent_id: grand.task.id, title: 'Too deep' }, sc.ctx()),
    ).rejects.toMatchObject({ hint: expect.stringContaining("parent's parent") as unknown });

    const err = await run(setTaskStatus, { task_id: task.id, status: 'done' }, sc.ctx()).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ToolError);
    expect((err as ToolError).message).toContain(String(child.task.id));
    expect((err as ToolError).message).toContain(String(grand.task.id));
    expect((err as ToolError).hint).toContain('with_subtasks=true');
    expect(data.tasks.get(Number(task.id))!.status).toBe('active');

    const done = await run<Obj>(
      setTaskStatus,
      { task_id: task.id, status: 'done', with_subtasks: true },
      sc.ctx(),
    );
    expect(done).toMatchObject({ already: false, task: { status: 'done' } });
    expect(done.completed_subtasks).toEqual([grand.task.id, child.task.id]);
    for (const id of [task.id, child.task.id, grand.task.id])
      expect(data.tasks.get(Number(id))!.status).toBe('done');

    // Repeating is harmless.
    expect(await run<Obj>(setTaskStatus, { task_id: task.id, status: 'done' }, sc.ctx())).toMatchObject({
      already: true,
      task: { status: 'done' },
    });
    // A subtask cannot be reopened under a completed parent: the error names the parent.
    await expect(
      run(setTaskStatus, { task_id: grand.task.id, status: 'active' }, sc.ctx()),
    ).rejects.toMatchObject({
      message: expect.stringContaining(String(child.task.id)) as unknown,
    });
    const reopened = await run<Obj>(setTaskStatus, { task_id: task.id, status: 'active' }, sc.ctx());
    expect(reopened).toMatchObject({ already: false, task: { status: 'active' } });
    expect(data.tasks.get(Number(task.id))!.status).toBe('active');
    // A completed parent takes no new subtasks.
    await run(setTaskStatus, { task_id: child.task.id, status: 'active' }, sc.ctx());
    await run(setTaskStatus, { task_id: child.task.id, status: 'done', with_subtasks: true }, sc.ctx());
    await expect(
      run(createTask, { parent_id: child.task.id, title: 'late' }, sc.ctx()),
    ).rejects.toMatchObject({
      hint: expect.stringContaining('set_task_status') as unknown,
    });
  });

  it('subscribes and unsubscribes people', async () => {
    const { data } = sc.sandbox;
    const t = topLevel(data, liveProject().id)[0]!;
    const u = someUser();
    const added = await run<{ subscribers: Obj[] }>(
      manageTaskSubscribers,
      { task_id: t.id, action: 'subscribe', people: [u.email, 'me'] },
      sc.ctx(),
    );
    expect(added.subscribers.map((p) => p.email)).toEqual(expect.arrayContaining([u.email]));
    expect(data.tasks.get(t.id)!.subscriberIds).toEqual(expect.arrayContaining([u.id, data.ownerId]));
    const removed = await run<{ subscribers: Obj[] }>(
      manageTaskSubscribers,
      { task_id: t.id, action: 'unsubscribe', people: [u.email] },
      sc.ctx(),
    );
    expect(removed.subscribers.map((p) => p.email)).not.toContain(u.email);
    expect(data.tasks.get(t.id)!.subscriberIds).not.toContain(u.id);
  });
});

describe('get_task', () => {
  let sc: SandboxContext;
  beforeAll(async () => {
    sc = await createSandboxContext();
  });
  afterAll(() => sc.close());

  it('answers a task with its subtasks, subscribers and the 5 newest comments (and says there are more)', async () => {
    const { data } = sc.sandbox;
    const t = allPublished(data).find(
      (x) => childrenOf(data, x.id).length > 0 && (data.index.commentsByTask.get(x.id)?.length ?? 0) > 5,
    )!;
    const out = await run<Obj>(getTask, { task_id: String(t.id) }, sc.ctx());
    expect(out).toMatchObject({ id: String(t.id), name: t.name, text: t.text, status: t.status });
    expect(ids(out.subtasks as { id: string }[])).toEqual(ids(childrenOf(data, t.id)));
    expect((out.subtasks as Obj[]).length).toBeGreaterThan(0);
    const comments = data.index.commentsByTask.get(t.id) ?? [];
    const latest = out.latest_comments as Obj[];
    expect(latest.map((c) => c.id)).toEqual(comments.slice(-5).reverse().map(String));
    expect(out.comments_note).toContain('list_comments');
    expect((out.subscribers as Obj[]).map((p) => p.id).sort()).toEqual(
      t.subscriberIds
        .filter((id) => id > 2)
        .map(String)
        .sort(),
    );
  });

  it('answers dependencies both ways and the files of the description', async () => {
    const { data } = sc.sandbox;
    const rel = data.relations[0]!;
    const out = await run<Obj>(getTask, { task_id: String(rel.toTaskId) }, sc.ctx());
    const preds = data.relations.filter((r) => r.toTaskId === rel.toTaskId).map((r) => String(r.fromTaskId));
    const succs = data.relations.filter((r) => r.fromTaskId === rel.toTaskId).map((r) => String(r.toTaskId));
    expect((out.depends_on as { task: Obj }[]).map((r) => r.task.id).sort()).toEqual(preds.sort());
    expect((out.blocks as { task: Obj }[]).map((r) => r.task.id).sort()).toEqual(succs.sort());
    const file = [...data.files.values()].find((f) => f.taskId !== undefined && f.commentId === undefined)!;
    const withFile = await run<Obj>(getTask, { task_id: String(file.taskId), include: ['files'] }, sc.ctx());
    expect(withFile.files).toEqual(
      expect.arrayContaining([{ id: String(file.id), name: file.name, size_bytes: file.size }]),
    );
  });

  it('answers only the parts asked for, and a clear error for an unknown id', async () => {
    const t = allPublished(sc.sandbox.data)[0]!;
    const out = await run<Obj>(getTask, { task_id: t.id, include: ['subtasks'] }, sc.ctx());
    expect(out.subtasks).toBeDefined();
    expect(out.text).toBeUndefined();
    expect(out.latest_comments).toBeUndefined();
    await expect(run(getTask, { task_id: '999999999' }, sc.ctx())).rejects.toMatchObject({
      name: 'ToolError',
      hint: 'list_tasks finds task ids.',
    });
  });
});

describe('writes in admin-key mode are made as "me"', () => {
  it('credits the configured "me" user, not the account owner', async () => {
    const sc = await createSandboxContext({ authMode: 'admin' });
    try {
      const { data } = sc.sandbox;
      const other = [...data.users.values()].find((u) => u.id !== data.ownerId)!;
      const ctx = createToolContextFactory({ client: sc.client, meEmail: other.email })({
        caller: 'test',
        signal: new AbortController().signal,
      });
      const pid = [...data.projects.values()].find((p) => p.status === 'active')!.id;
      const { task } = await run<{ task: Obj }>(
        createTask,
        { project_id: pid, title: 'As me', assignee: 'me' },
        ctx,
      );
      expect(data.tasks.get(Number(task.id))).toMatchObject({ userFromId: other.id, userToId: other.id });
    } finally {
      await sc.close();
    }
  });
});
