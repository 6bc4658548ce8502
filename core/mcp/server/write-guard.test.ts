// The write guard through a real MCP client over the sandbox: repeats answered from the journal, previews
// that send no write (the sandbox's request log), the write policy, and garbled answers after a write.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  changeOf,
  createHarness,
  openTopLevelTask,
  resultText,
  writesSince,
  type Harness,
} from '../testing/harness.js';

let h: Harness;
let projectId: string;
let taskId: string;

const writesSent = (from: number, action: string) =>
  writesSince(h, from).filter((r) => r.action === action).length;
const tasksNamed = (title: string) => [...h.sandbox.data.tasks.values()].filter((t) => t.name === title);

beforeAll(async () => {
  h = await createHarness();
  ({ taskId, projectId } = openTopLevelTask(h));
});
afterAll(() => h.close());
beforeEach(() => {
  h.sandbox.faults.reset();
  h.toolSettings.update({ writePolicy: 'confirm_destructive' });
});

describe('no accidental repeats', () => {
  it('answers the same create within the window with the first task, unless allow_duplicate', async () => {
    const args = { project_id: projectId, title: 'Repeat me once' };
    const first = await h.callTool('create_task', args);
    const from = h.sandbox.requests().length;
    const again = await h.callTool('create_task', args);
    expect(tasksNamed('Repeat me once')).toHaveLength(1);
    expect(writesSent(from, 'post_task')).toBe(0);
    expect(changeOf(again)).toMatchObject({ state: 'duplicate', duplicate_of: changeOf(first)?.id });
    expect(again.structuredContent?.task).toEqual(first.structuredContent?.task);
    await h.callTool('create_task', { ...args, allow_duplicate: true });
    expect(tasksNamed('Repeat me once')).toHaveLength(2);
  });

  it('replays a repeat with the same idempotency_key and sends nothing upstream', async () => {
    const args = { task_id: taskId, text: 'Keyed comment', idempotency_key: 'c-1', allow_duplicate: true };
    const first = await h.callTool('post_comment', args);
    expect(changeOf(first)).toMatchObject({ state: 'applied' });
    const from = h.sandbox.requests().length;
    const again = await h.callTool('post_comment', args);
    expect(h.sandbox.requests().length).toBe(from);
    expect(changeOf(again)).toMatchObject({ state: 'replayed', id: changeOf(first)?.id });
    expect(again.structuredContent?.comment).toEqual(first.structuredContent?.comment);
    const other = await h.callTool('post_comment', { ...args, text: 'Another text' });
    expect(other.isError).toBe(true);
    expect(resultText(other)).toContain('was used for a different call');
  });
});

describe('previews', () => {
  it('dry_run resolves names and names the request, and writes nothing', async () => {
    const from = h.sandbox.requests().length;
    const before = h.sandbox.data.tasks.size;
    const r = await h.callTool('create_task', {
      project_id: projectId,
      title: 'Only a preview',
      assignee: 'nobody',
      due_date: '2026-04-01',
      dry_run: true,
    });
    expect(r.isError).toBeFalsy();
    expect(changeOf(r)).toMatchObject({
      state: 'preview',
      requests: [{ action: 'post_task', params: expect.objectContaining({ title: 'Only a preview' }) }],
    });
    expect(h.sandbox.data.tasks.size).toBe(before);
    const sent = h.sandbox.requests().slice(from);
    expect(sent.filter((q) => q.action === 'post_task')).toEqual([]);
  });

  it('a preview still fails what the write would fail (an unknown tag), sending nothing', async () => {
    const r = await h.callTool('create_task', {
      project_id: projectId,
      title: 'Bad tag',
      tags: ['no-such-tag-anywhere'],
      dry_run: true,
    });
    expect(r.isError).toBe(true);
    expect(resultText(r)).toContain('Unknown task tag');
  });
});

describe('the write policy', () => {
  it('holds back a destructive write until confirm: true (default policy), with its preview', async () => {
    const logged = await h.callTool('log_time', { task_id: taskId, time: '0:30', allow_duplicate: true });
    const entryId = logged.structuredContent?.id as string;
    const held = await h.callTool('delete_time_entry', { entry_id: entryId });
    expect(held.isError).toBe(true);
    expect(resultText(held)).toMatch(/needs confirm: true .*delete_costs/s);
    const done = await h.callTool('delete_time_entry', { entry_id: entryId, confirm: true });
    expect(done.isError).toBeFalsy();
  });

  it('confirm_all holds back every write; apply lets destructive ones through', async () => {
    h.toolSettings.update({ writePolicy: 'confirm_all' });
    const held = await h.callTool('post_comment', { task_id: taskId, text: 'Held back' });
    expect(resultText(held)).toContain('asks to confirm every write');
    h.toolSettings.update({ writePolicy: 'apply' });
    const logged = await h.callTool('log_time', { task_id: taskId, time: '0:20', allow_duplicate: true });
    const entryId = logged.structuredContent?.id as string;
    expect((await h.callTool('delete_time_entry', { entry_id: entryId })).isError).toBeFalsy();
  });
});

describe('answers Worksection garbles after a write', () => {
  it('says the change may have been applied, with the journal id; a keyed retry checks, not repeats', async () => {
    h.sandbox.faults.set({ malformedRate: 1 });
    const args = { task_id: taskId, text: 'Garbled answer', idempotency_key: 'g-1' };
    const r = await h.callTool('post_comment', args);
    h.sandbox.faults.reset();
    expect(r.isError).toBe(true);
    const text = resultText(r);
    expect(text).toMatch(/cut off .* may have been applied \(change \d+ in the journal\)/);
    expect(text).not.toContain('Internal error');
    const id = Number(/change (\d+)/.exec(text)?.[1]);
    expect(h.server.writes.journal.get(id)).toMatchObject({ state: 'unknown', tool: 'post_comment' });
    const from = h.sandbox.requests().length;
    // The retry asks Worksection whether the comment is there (it is) instead of posting it again.
    const retry = await h.callTool('post_comment', args);
    expect(changeOf(retry)).toMatchObject({
      id,
      state: 'replayed',
      note: expect.stringMatching(/found applied/),
    });
    expect(writesSent(from, 'post_comment')).toBe(0);
    expect(h.server.writes.journal.get(id)?.state).toBe('applied');
  });
});
