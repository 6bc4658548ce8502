// A comment written through into held task answers must give exactly what the sandbox answers after the
// comment: in lists (top-level tasks and nested subtasks, filtered or not), in get_task, for a task with
// no comments, a few, or 5 shown already; answers not showing the task stay as they were, and get_comments
// derived from the written-through task agrees with the sandbox's discussion.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSandboxContext, type SandboxContext } from '../mcp/testing/sandbox-context.js';
import type { JsonActionName } from '../worksection/schemas.js';
import type { WsParams } from '../worksection/transport.js';
import { cacheKeyOf } from './cache-policy.js';
import { withPostedComment } from './comment-write-through.js';
import { deriveComments } from './derive/comments.js';

let sc: SandboxContext;
beforeEach(async () => {
  sc = await createSandboxContext();
});
afterEach(() => sc.close());

interface Held {
  action: JsonActionName;
  params: WsParams;
  body: unknown;
}

const hold = async (action: JsonActionName, params: WsParams): Promise<Held> => ({
  action,
  params,
  body: await sc.client.call(action, params),
});

/** A visible task of an active project with this many comments (a range), top-level or a subtask. */
function taskWith(min: number, max: number, subtask = false): { task: string; project: string } {
  const { data } = sc.sandbox;
  for (const t of data.tasks.values()) {
    const comments = data.index.commentsByTask.get(t.id)?.length ?? 0;
    if (t.publishAt !== undefined || (t.parentId !== undefined) !== subtask) continue;
    if (t.status !== 'active' || data.projects.get(t.projectId)?.status !== 'active') continue;
    if (subtask && data.tasks.get(t.parentId!)?.status !== 'active') continue;
    if (comments >= min && comments <= max) return { task: String(t.id), project: String(t.projectId) };
  }
  throw new Error(`no ${subtask ? 'subtask' : 'task'} with ${min}..${max} comments`);
}

/** Posts a comment on the task and checks every held answer written through against the sandbox's own. */
async function expectWrittenThrough(task: string, held: Held[]): Promise<unknown[]> {
  const posted = await sc.client.call('post_comment', { id_task: task, text: `On ${task}` });
  const after: unknown[] = [];
  for (const h of held) {
    const written = withPostedComment(h.action, h.body, task, posted.data);
    expect(written, `${h.action} ${JSON.stringify(h.params)}`).toEqual(
      await sc.client.call(h.action, h.params),
    );
    after.push(written);
  }
  return after;
}

describe('a posted comment written through into task answers', () => {
  it('a top-level task with a few comments: lists, filtered lists and get_task', async () => {
    const { task, project } = taskWith(1, 3);
    await expectWrittenThrough(task, [
      await hold('get_tasks', { id_project: project, extra: 'comments,subtasks,text' }),
      await hold('get_tasks', { id_project: project, filter: 'active', extra: 'comments' }),
      await hold('get_all_tasks', { extra: 'comments,subtasks' }),
      await hold('get_task', { id_task: task, extra: 'comments,subtasks,files' }),
    ]);
  });

  it('a task with no comments gains has_comments and its first comment', async () => {
    const { task, project } = taskWith(0, 0);
    const list = await hold('get_tasks', { id_project: project, extra: 'comments' });
    const one = await hold('get_task', { id_task: task, extra: 'comments' });
    expect(JSON.stringify(one.body)).toContain('"has_comments":0');
    await expectWrittenThrough(task, [list, one]);
  });

  it('a task showing its 5 newest comments keeps 5, the oldest shown falling off', async () => {
    const { task, project } = taskWith(5, 1000);
    const one = await hold('get_task', { id_task: task, extra: 'comments' });
    const [written] = await expectWrittenThrough(task, [
      one,
      await hold('get_tasks', { id_project: project, extra: 'comments,subtasks' }),
    ]);
    expect((written as { data: { comments: unknown[] } }).data.comments).toHaveLength(5);
  });

  it('a subtask: nested in its project list, and get_task of its parent (slim children) unchanged', async () => {
    const { task, project } = taskWith(0, 3, true);
    const parent = String(sc.sandbox.data.tasks.get(Number(task))?.parentId);
    const parentOne = await hold('get_task', { id_task: parent, extra: 'comments,subtasks' });
    await expectWrittenThrough(task, [
      await hold('get_tasks', { id_project: project, extra: 'comments,subtasks' }),
      await hold('get_all_tasks', { extra: 'comments,subtasks' }),
      await hold('get_task', { id_task: task, extra: 'comments' }),
      parentOne,
    ]);
  });

  it("another task's answers stay as they were", async () => {
    const { task } = taskWith(1, 3);
    const other = taskWith(0, 0);
    const one = await hold('get_task', { id_task: other.task, extra: 'comments' });
    const posted = await sc.client.call('post_comment', { id_task: task, text: 'elsewhere' });
    expect(withPostedComment('get_task', one.body, task, posted.data)).toEqual(one.body);
  });

  it("leaves out the comment's files, as a task shows its comments", async () => {
    const { task } = taskWith(1, 3);
    const one = await hold('get_task', { id_task: task, extra: 'comments' });
    const posted = await sc.client.call('post_comment', { id_task: task, text: 'with files' });
    const withFiles = { ...posted.data, files: [{ id: '1', name: 'a.txt' }] };
    expect(withPostedComment('get_task', one.body, task, withFiles)).toEqual(
      await sc.client.call('get_task', { id_task: task, extra: 'comments' }),
    );
  });

  it('keeps get_comments derived from the task right: all of a short discussion, none past 5', async () => {
    const few = taskWith(3, 3);
    const one = await hold('get_task', { id_task: few.task, extra: 'comments' });
    const [written] = await expectWrittenThrough(few.task, [one]);
    const src = (body: unknown) => {
      const { key, params } = cacheKeyOf('get_task', one.params);
      const entry = { key, params, action: 'get_task', fetchedAt: 1 };
      return { find: () => [entry], body: () => body };
    };
    const asked = cacheKeyOf('get_comments', { id_task: few.task }).params;
    // 4 shown: the whole discussion.
    expect(deriveComments(asked, src(written))?.body).toEqual(
      await sc.client.call('get_comments', { id_task: few.task }),
    );
    const [fifth] = await expectWrittenThrough(few.task, [{ ...one, body: written }]);
    expect(deriveComments(asked, src(fifth))).toBeUndefined();
  });

  it('throws for an answer not shaped as a task answer (the caller drops it)', () => {
    const comment = { id: '1', text: 'x' };
    expect(() => withPostedComment('get_task', { status: 'ok' }, '5', comment)).toThrow();
    expect(() => withPostedComment('get_tasks', { status: 'ok', data: {} }, '5', comment)).toThrow();
    // The task shown without its comments part: not fetched with extra=comments.
    const bare = { status: 'ok', data: { id: '5', name: 'x' } };
    expect(() => withPostedComment('get_task', bare, '5', comment)).toThrow();
  });
});
