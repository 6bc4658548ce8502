// undo_change over the sandbox: each kind of change put back and read back, the conflict when someone
// changed the object since, and what cannot be undone said plainly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, resultText, type Harness } from '../../testing/harness.js';
import type { ChangeInfo } from '../kit/write-args.js';

let h: Harness;
let taskId: string;

const changeIdOf = (r: { structuredContent?: Record<string, unknown> }) =>
  (r.structuredContent?.change as ChangeInfo).id!;
const task = () => h.sandbox.data.tasks.get(Number(taskId))!;
const readTask = async () =>
  (await h.callTool('get_task', { task_id: taskId, fresh: true })).structuredContent as Record<
    string,
    unknown
  >;

beforeAll(async () => {
  h = await createHarness();
  const all = [...h.sandbox.data.tasks.values()];
  // Without subtasks, so completing it needs nothing else.
  const open = all.find((t) => t.status === 'active' && !t.parentId && !all.some((c) => c.parentId === t.id));
  if (!open) throw new Error('the sandbox has no open top-level task');
  taskId = String(open.id);
});
afterAll(() => h.close());

describe('undo_change', () => {
  it('puts task fields back and says so; a second undo is refused', async () => {
    const old = { name: task().name, priority: task().priority };
    const r = await h.callTool('update_task', { task_id: taskId, title: 'Changed for undo', priority: 9 });
    const id = changeIdOf(r);
    const undone = await h.callTool('undo_change', { change_id: id });
    expect(undone.structuredContent).toMatchObject({ undone: id, restored: { title: old.name } });
    expect(await readTask()).toMatchObject({ name: old.name, priority: old.priority });
    const listed = await h.callTool('list_changes', {});
    const rows = (listed.structuredContent as { changes: { id: number; state: string }[] }).changes;
    expect(rows.find((c) => c.id === id)?.state).toBe('undone');
    const again = await h.callTool('undo_change', { change_id: id, allow_duplicate: true });
    expect(resultText(again)).toContain('was undone already');
  });

  it('puts a status back, subscribers back, and removes a logged entry', async () => {
    const done = await h.callTool('set_task_status', { task_id: taskId, status: 'done' });
    await h.callTool('undo_change', { change_id: changeIdOf(done) });
    expect(task().status).toBe('active');

    const outsider = [...h.sandbox.data.users.values()].find(
      (u) => u.id > 2 && !task().subscriberIds.includes(u.id) && u.email.includes('@'),
    )!;
    const sub = await h.callTool('manage_task_subscribers', {
      task_id: taskId,
      action: 'subscribe',
      people: [outsider.email],
    });
    expect(task().subscriberIds).toContain(outsider.id);
    const undoSub = await h.callTool('undo_change', { change_id: changeIdOf(sub) });
    expect(undoSub.isError).toBeFalsy();
    expect(task().subscriberIds).not.toContain(outsider.id);

    const logged = await h.callTool('log_time', { task_id: taskId, time: '0:45', allow_duplicate: true });
    const entryId = Number(logged.structuredContent?.id);
    expect(h.sandbox.data.costs.has(entryId)).toBe(true);
    await h.callTool('undo_change', { change_id: changeIdOf(logged) });
    expect(h.sandbox.data.costs.has(entryId)).toBe(false);
  });

  it('answers the conflict when the object changed since, and overwrites only with confirm', async () => {
    const r = await h.callTool('update_task', { task_id: taskId, title: 'Mine' });
    // Someone else renames it in Worksection meanwhile.
    task().name = 'Theirs';
    const held = await h.callTool('undo_change', { change_id: changeIdOf(r) });
    expect(held.isError).toBe(true);
    expect(resultText(held)).toMatch(
      /changed since change \d+: title is now "Theirs" \(the change set "Mine"\)/,
    );
    expect(task().name).toBe('Theirs');
    await h.callTool('undo_change', { change_id: changeIdOf(r), confirm: true });
    expect(task().name).not.toBe('Theirs');
  });

  it('says plainly what cannot be undone', async () => {
    const c = await h.callTool('post_comment', { task_id: taskId, text: 'Cannot take this back' });
    const r = await h.callTool('undo_change', { change_id: changeIdOf(c) });
    expect(r.isError).toBe(true);
    expect(resultText(r)).toMatch(
      /cannot be undone.*\nHint: Worksection's API cannot delete or edit comments/s,
    );
  });
});
