// get_comments derived from held answers must be the sandbox's own answer: from a held discussion (with or
// without files) and from task answers that show the whole discussion (fewer than 5 comments); refused
// where a held answer cannot tell (5 shown, files of comments a task does not show, no comments part).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CachedEntry, EntrySelector } from '../../store/response-cache.js';
import type { JsonActionName } from '../../worksection/schemas.js';
import type { WsParams } from '../../worksection/transport.js';
import { createSandboxContext, type SandboxContext } from '../../mcp/testing/sandbox-context.js';
import { cacheKeyOf, extraSet } from '../cache-policy.js';
import { deriveComments } from './comments.js';
import type { DeriveSource } from './tasks.js';

type Cached = CachedEntry & { body: unknown };

/** A DeriveSource over answers fetched from the sandbox, matching selectors as the store does. */
function sourceOf(cached: Cached[]): DeriveSource {
  const matches = (e: Cached, s: EntrySelector) =>
    s.actions.includes(e.action) &&
    (!s.param || e.params[s.param[0]] === s.param[1]) &&
    (s.bodyHas === undefined || JSON.stringify(e.body).includes(s.bodyHas)) &&
    (s.extraHas === undefined || extraSet(e.params.extra).has(s.extraHas));
  return {
    find: (s) => cached.filter((e) => matches(e, s)),
    body: (key) => cached.find((e) => e.key === key)?.body,
  };
}

let sc: SandboxContext;
beforeAll(async () => {
  sc = await createSandboxContext();
});
afterAll(() => sc.close());

async function held(action: JsonActionName, params: WsParams): Promise<Cached> {
  const body = await sc.client.call(action, params);
  return { ...cacheKeyOf(action, params), action, fetchedAt: 1, body };
}

const derive = (params: WsParams, cached: Cached[]) =>
  deriveComments(cacheKeyOf('get_comments', params).params, sourceOf(cached));

async function expectUpstream(params: WsParams, cached: Cached[]) {
  const derived = derive(params, cached);
  expect(derived, `get_comments ${JSON.stringify(params)} derivable`).toBeDefined();
  expect(derived?.body).toEqual(await sc.client.call('get_comments', params));
}

/** A visible top-level task of an active project whose discussion has this many comments (range). */
function taskWith(min: number, max: number, withFiles = false): { task: string; project: string } {
  const { data } = sc.sandbox;
  const fileComments = new Set([...data.files.values()].map((f) => f.commentId));
  for (const t of data.tasks.values()) {
    const comments = data.index.commentsByTask.get(t.id) ?? [];
    if (t.publishAt !== undefined || t.parentId !== undefined) continue;
    if (data.projects.get(t.projectId)?.status !== 'active') continue;
    if (comments.length < min || comments.length > max) continue;
    if (withFiles && !comments.some((c) => fileComments.has(c))) continue;
    return { task: String(t.id), project: String(t.projectId) };
  }
  throw new Error(`no task with ${min}..${max} comments`);
}

describe('get_comments derived', () => {
  it('from a held discussion with files: both forms', async () => {
    const { task } = taskWith(1, 100, true);
    const discussion = await held('get_comments', { id_task: task, extra: 'files' });
    expect(JSON.stringify(discussion.body)).toContain('"files"');
    await expectUpstream({ id_task: task, extra: 'files' }, [discussion]);
    await expectUpstream({ id_task: task }, [discussion]);
  });

  it('from a held discussion without files: only without', async () => {
    const { task } = taskWith(1, 100, true);
    const bare = await held('get_comments', { id_task: task });
    await expectUpstream({ id_task: task }, [bare]);
    expect(derive({ id_task: task, extra: 'files' }, [bare])).toBeUndefined();
  });

  it('from a task list, a get_task with comments showing fewer than 5', async () => {
    const { task, project } = taskWith(1, 4);
    const list = await held('get_tasks', { id_project: project, extra: 'comments,text' });
    await expectUpstream({ id_task: task }, [list]);
    const one = await held('get_task', { id_task: task, extra: 'comments' });
    await expectUpstream({ id_task: task }, [one]);
    // A task does not say which of its comments have files.
    expect(derive({ id_task: task, extra: 'files' }, [list, one])).toBeUndefined();
  });

  it('an empty discussion in both forms from a task with none', async () => {
    const { task, project } = taskWith(0, 0);
    const list = await held('get_tasks', { id_project: project, extra: 'comments' });
    await expectUpstream({ id_task: task }, [list]);
    await expectUpstream({ id_task: task, extra: 'files' }, [list]);
  });

  it('refuses a task showing 5 comments (there may be more) and a list without comments', async () => {
    const five = taskWith(5, 1000);
    const list = await held('get_tasks', { id_project: five.project, extra: 'comments' });
    expect(derive({ id_task: five.task }, [list])).toBeUndefined();
    const few = taskWith(1, 4);
    const plain = await held('get_tasks', { id_project: few.project, extra: 'text' });
    expect(derive({ id_task: few.task }, [plain])).toBeUndefined();
    expect(derive({ id_task: few.task, extra: 'files,text' }, [plain])).toBeUndefined();
  });
});
