import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxContext, type SandboxContext } from '../testing/sandbox-context.js';
import { ToolError } from './kit/errors.js';
import type { CommentOut } from './shapes/comment.js';
import { listComments, postComment } from './comments.js';
import { allPublished, run } from '../testing/task-tree.js';

interface Page {
  task_id: string;
  items: CommentOut[];
  total_count: number;
  next_cursor?: string;
  truncated: boolean;
}

describe.each(['oauth', 'admin'] as const)('comments (%s)', (authMode) => {
  let sc: SandboxContext;
  beforeAll(async () => {
    sc = await createSandboxContext({ authMode });
  });
  afterAll(() => sc.close());

  const busiest = () => {
    const { data } = sc.sandbox;
    return allPublished(data).sort(
      (a, b) =>
        (data.index.commentsByTask.get(b.id)?.length ?? 0) -
        (data.index.commentsByTask.get(a.id)?.length ?? 0),
    )[0]!;
  };

  it('lists the whole discussion newest first, with files, across pages', async () => {
    const { data } = sc.sandbox;
    const t = busiest();
    const expected = [...(data.index.commentsByTask.get(t.id) ?? [])].reverse().map(String);
    expect(expected.length).toBeGreaterThan(5);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await run<Page>(listComments, { task_id: t.id, limit: 3, cursor }, sc.ctx());
      expect(page.total_count).toBe(expected.length);
      seen.push(...page.items.map((c) => c.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual(expected);

    const all = await run<Page>(listComments, { task_id: t.id, order: 'oldest' }, sc.ctx());
    expect(all.items.map((c) => c.id)).toEqual([...expected].reverse());
    for (const c of all.items) {
      const rec = data.comments.get(Number(c.id))!;
      expect(c.text).toBe(rec.text);
      expect(c.author?.id).toBe(String(rec.userFromId));
      expect(c.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
      expect((c.files ?? []).map((f) => f.id)).toEqual(rec.fileIds.map(String));
    }
  });

  it('filters by author', async () => {
    const { data } = sc.sandbox;
    const t = busiest();
    const first = data.comments.get(data.index.commentsByTask.get(t.id)![0]!)!;
    const author = data.users.get(first.userFromId)!;
    const page = await run<Page>(listComments, { task_id: t.id, author: author.email }, sc.ctx());
    const expected = (data.index.commentsByTask.get(t.id) ?? []).filter(
      (id) => data.comments.get(id)!.userFromId === author.id,
    );
    expect(page.items.map((c) => c.id).sort()).toEqual(expected.map(String).sort());
  });

  it('posts a comment with a checklist and a mention; it shows up first in the discussion', async () => {
    const { data } = sc.sandbox;
    const t = busiest();
    const mate = [...data.users.values()].find((u) => u.id !== data.ownerId)!;
    const { comment } = await run<{ comment: CommentOut }>(
      postComment,
      { task_id: String(t.id), text: 'Status update', todo: ['check logs'], mention: [mate.email] },
      sc.ctx(),
    );
    const rec = data.comments.get(Number(comment.id))!;
    expect(rec.taskId).toBe(t.id);
    expect(rec.userFromId).toBe(data.ownerId);
    expect(rec.text).toContain('Status update');
    expect(rec.text).toContain('• check logs');
    expect(rec.text).toContain(mate.firstName);
    const page = await run<Page>(listComments, { task_id: t.id, limit: 1 }, sc.ctx());
    expect(page.items[0]?.id).toBe(comment.id);
  });

  it('errors the model can act on', async () => {
    await expect(run(postComment, { task_id: busiest().id }, sc.ctx())).rejects.toThrow(ToolError);
    await expect(run(listComments, { task_id: 999999999 }, sc.ctx())).rejects.toMatchObject({
      hint: 'list_tasks finds task ids.',
    });
    await expect(run(postComment, { task_id: 999999999, text: 'hi' }, sc.ctx())).rejects.toThrow(ToolError);
  });
});
