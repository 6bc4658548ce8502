// With the mirror warm (its listings fed into the response cache, as in the app), list_tasks searches by
// name, assignee and status, of one project or of the whole account, are answered from the held task lists
// without a request to Worksection, and answer exactly what the same call answers with no cache at all.
// Through a real MCP client over the sandbox; the sandbox's request log counts what reached it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pinnedClock, TEST_EPOCH } from '../../../worksection/testing/test-clock.js';
import { TEST_FRESH_SECONDS } from '../../../upstream/testing/fresh-seconds.js';
import { createHarness, resultText, type Harness } from '../../testing/harness.js';

let warm: Harness;
let uncached: Harness;
beforeAll(async () => {
  const clock = pinnedClock(TEST_EPOCH);
  warm = await createHarness({ clock, cache: TEST_FRESH_SECONDS, mirror: true });
  uncached = await createHarness({ clock });
});
afterAll(async () => {
  await warm?.close();
  await uncached?.close();
});

const apiRequests = (h: Harness) => h.sandbox.requests().filter((r) => r.path.startsWith('/api/')).length;

/** The answer without its fetched_at (when each run read the data is not part of what it says). */
async function answer(h: Harness, args: Record<string, unknown>): Promise<Record<string, unknown>> {
  const result = await h.callTool('list_tasks', args);
  expect(result.isError, resultText(result)).toBeFalsy();
  const { fetched_at: _at, ...rest } = result.structuredContent ?? {};
  return rest;
}

/** A project with done tasks, a word of one of its published task names, and an assignee of its tasks. */
function subject(h: Harness) {
  const { data } = h.sandbox;
  const tasks = [...data.tasks.values()].filter((t) => t.publishAt === undefined && t.parentId === undefined);
  const done = tasks.find((t) => t.status === 'done' && data.users.has(t.userToId));
  if (!done) throw new Error('the generated account has no done task with an assignee');
  const word = done.name.split(/\s+/).find((w) => w.length >= 4) ?? done.name;
  return {
    project: String(done.projectId),
    word: word.slice(1, 4).toUpperCase(),
    assignee: data.users.get(done.userToId)?.email ?? '',
  };
}

describe('list_tasks searches from the warm mirror', () => {
  it('make no request and answer what the uncached product answers', async () => {
    const { project, word, assignee } = subject(warm);
    const calls = [
      { project_id: project, name_contains: word, status: 'all' },
      { project_id: project, assignee, status: 'done' },
      { name_contains: word },
      { assignee, status: 'done' },
      { assignee, status: 'active', include_subtasks: true },
    ];
    let found = 0;
    for (const args of calls) {
      const before = apiRequests(warm);
      const got = await answer(warm, args);
      expect(apiRequests(warm) - before, JSON.stringify(args)).toBe(0);
      expect(got, JSON.stringify(args)).toEqual(await answer(uncached, args));
      found += (got.items as unknown[]).length;
    }
    expect(found, 'the searches find tasks').toBeGreaterThan(calls.length);
  });

  it("still does after a task of another project changed (that project's lists alone are dropped)", async () => {
    const { project, word } = subject(warm);
    const { data } = warm.sandbox;
    const other = [...data.tasks.values()].find(
      (t) =>
        String(t.projectId) !== project &&
        t.status === 'active' &&
        t.publishAt === undefined &&
        ![...data.tasks.values()].some((c) => c.parentId === t.id) &&
        data.projects.get(t.projectId)?.status === 'active',
    );
    expect(other, 'an open task in another project').toBeDefined();
    for (const h of [warm, uncached]) {
      const done = await h.callTool('set_task_status', { task_id: String(other?.id), status: 'done' });
      expect(done.isError, resultText(done)).toBeFalsy();
    }
    const args = { project_id: project, name_contains: word, status: 'all' };
    const before = apiRequests(warm);
    const got = await answer(warm, args);
    expect(apiRequests(warm) - before).toBe(0);
    expect(got).toEqual(await answer(uncached, args));
    // The changed task's own project is read again.
    const own = { project_id: String(other?.projectId), status: 'done' };
    const mark = apiRequests(warm);
    expect(await answer(warm, own)).toEqual(await answer(uncached, own));
    expect(apiRequests(warm) - mark).toBeGreaterThan(0);
  });
});
