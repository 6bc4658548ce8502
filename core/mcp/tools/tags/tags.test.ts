import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxContext, type SandboxContext } from '../../testing/sandbox-context.js';
import { ToolError } from '../kit/errors.js';
import { createTags, listTags } from './index.js';
import { setTags } from './set.js';
import { run, topLevel } from '../../testing/task-tree.js';

type Obj = Record<string, unknown>;

describe('tags', () => {
  let sc: SandboxContext;
  beforeAll(async () => {
    sc = await createSandboxContext();
  });
  afterAll(() => sc.close());

  const tagsOf = (scope: 'task' | 'project') => {
    const { data } = sc.sandbox;
    return [...data.tags.values()].filter((t) => data.tagGroups.get(t.groupId)?.scope === scope);
  };

  type Group = { id: string; name: string; type: string; tags: Array<{ id: string; name: string }> };

  it('lists task and project tags grouped, each group once, filtered by group and type', async () => {
    const { data } = sc.sandbox;
    for (const scope of ['task', 'project'] as const) {
      const page = await run<{ items: Group[] }>(listTags, { scope }, sc.ctx());
      const groups = [...data.tagGroups.values()].filter((g) => g.scope === scope);
      expect(page.items.map((g) => g.name)).toEqual(groups.map((g) => g.title));
      expect(page.items.flatMap((g) => g.tags.map((t) => t.id)).sort()).toEqual(
        tagsOf(scope)
          .map((t) => String(t.id))
          .sort(),
      );
      for (const g of page.items) {
        for (const t of g.tags) expect(String(data.tags.get(Number(t.id))?.groupId)).toBe(g.id);
      }
    }
    const status = await run<{ items: Group[] }>(listTags, { type: 'status' }, sc.ctx());
    expect(status.items.length).toBeGreaterThan(0);
    expect(status.items.every((g) => g.type === 'status')).toBe(true);
    const group = [...data.tagGroups.values()].find((g) => g.scope === 'task')!;
    const inGroup = await run<{ items: Group[] }>(listTags, { group: group.title }, sc.ctx());
    expect(inGroup.items.map((g) => g.name)).toEqual([group.title]);
    expect(inGroup.items[0]?.tags.map((t) => t.name)).toEqual(
      tagsOf('task')
        .filter((t) => t.groupId === group.id)
        .map((t) => t.title),
    );
    await expect(run(listTags, { group: 'No such group' }, sc.ctx())).rejects.toThrow(/No task tag group/);
  });

  it('creates tags idempotently, and a new group on request', async () => {
    const { data } = sc.sandbox;
    const group = [...data.tagGroups.values()].find((g) => g.scope === 'task' && g.type === 'label')!;
    const existing = data.tags.get([...data.tags.values()].find((t) => t.groupId === group.id)!.id)!;
    const first = await run<Obj>(
      createTags,
      { group: group.title, names: ['needs-design', existing.title.toUpperCase()] },
      sc.ctx(),
    );
    expect(first).toMatchObject({
      group_created: false,
      existing: [{ id: String(existing.id), name: existing.title }],
    });
    const created = first.created as { id: string; name: string }[];
    expect(created.map((t) => t.name)).toEqual(['needs-design']);
    expect(data.tags.get(Number(created[0]!.id))).toMatchObject({ groupId: group.id, title: 'needs-design' });
    const again = await run<Obj>(createTags, { group: String(group.id), names: ['needs-design'] }, sc.ctx());
    expect(again).toMatchObject({ created: [], existing: [{ id: created[0]!.id }] });

    await expect(run(createTags, { group: 'Sprint', names: ['S1'] }, sc.ctx())).rejects.toMatchObject({
      hint: expect.stringContaining('create_group=true') as unknown,
    });
    const made = await run<Obj>(
      createTags,
      { scope: 'project', group: 'Quarter', names: ['Q1', 'Q2'], create_group: true },
      sc.ctx(),
    );
    expect(made).toMatchObject({ group_created: true, group: { name: 'Quarter' } });
    const g = [...data.tagGroups.values()].find((x) => x.title === 'Quarter')!;
    expect(g.scope).toBe('project');
    expect([...data.tags.values()].filter((t) => t.groupId === g.id).map((t) => t.title)).toEqual([
      'Q1',
      'Q2',
    ]);
    await expect(run(createTags, { group: group.title, names: ['a,b'] }, sc.ctx())).rejects.toThrow(
      ToolError,
    );
  });

  it('sets task tags: adds, removes, and a status tag replaces the previous status', async () => {
    const { data } = sc.sandbox;
    const project = [...data.projects.values()].find((p) => p.status === 'active')!;
    const t = topLevel(data, project.id)[0]!;
    const statusGroup = [...data.tagGroups.values()].find((g) => g.scope === 'task' && g.type === 'status')!;
    const [s1, s2] = [...data.tags.values()].filter((x) => x.groupId === statusGroup.id);
    const label = tagsOf('task').find((x) => data.tagGroups.get(x.groupId)!.type === 'label')!;
    t.tagIds = [];
    let out = await run<{ tags: string[] }>(
      setTags,
      { task_id: t.id, add: [s1!.title, label.title] },
      sc.ctx(),
    );
    expect(out.tags.sort()).toEqual([s1!.title, label.title].sort());
    out = await run<{ tags: string[] }>(setTags, { task_id: t.id, add: [s2!.title] }, sc.ctx());
    expect(out.tags.sort()).toEqual([s2!.title, label.title].sort());
    out = await run<{ tags: string[] }>(setTags, { task_id: t.id, remove: [String(label.id)] }, sc.ctx());
    expect(out.tags).toEqual([s2!.title]);
    expect(data.tasks.get(t.id)!.tagIds).toEqual([s2!.id]);
    // Repeating the same change is harmless.
    out = await run<{ tags: string[] }>(setTags, { task_id: t.id, remove: [label.title] }, sc.ctx());
    expect(out.tags).toEqual([s2!.title]);
  });

  it('sets project tags and refuses unknown names or a missing target', async () => {
    const { data } = sc.sandbox;
    const p = [...data.projects.values()][1]!;
    const tag = tagsOf('project').find(
      (x) => !p.tagIds.includes(x.id) && data.tagGroups.get(x.groupId)!.type === 'label',
    )!;
    const out = await run<{ tags: string[]; target: Obj }>(
      setTags,
      { project_id: p.id, add: [tag.title] },
      sc.ctx(),
    );
    expect(out.target).toEqual({ type: 'project', id: String(p.id) });
    expect(out.tags).toContain(tag.title);
    expect(data.projects.get(p.id)!.tagIds).toContain(tag.id);
    await expect(run(setTags, { project_id: p.id, add: ['nope'] }, sc.ctx())).rejects.toMatchObject({
      hint: expect.stringContaining('create_tags') as unknown,
    });
    await expect(run(setTags, { add: [tag.title] }, sc.ctx())).rejects.toThrow(ToolError);
    await expect(run(setTags, { task_id: 1, project_id: 2, add: ['x'] }, sc.ctx())).rejects.toThrow(
      ToolError,
    );
    const taskTag = tagsOf('task')[0]!;
    await expect(run(setTags, { task_id: 999999999, add: [taskTag.title] }, sc.ctx())).rejects.toMatchObject({
      hint: 'list_tasks finds task ids.',
    });
  });
});
