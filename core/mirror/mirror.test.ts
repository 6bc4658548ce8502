// The mirror against the sandbox: a first sync from listings only, search over what it holds (a word only
// in a comment, only in a description, Cyrillic in another case, a prefix, a typo), changes made
// elsewhere arriving through the activity log, a deleted task leaving, and our own writes at once.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChangedScope } from '../upstream/changed-scope.js';
import { FILES_READ_MAX } from './mirror-store.js';
import { apiActions, mirrorHarness, type MirrorHarness } from './testing/mirror-harness.js';

let h: MirrorHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function seeded() {
  const x = (h = await mirrorHarness());
  const project = [...x.sandbox.data.projects.values()].find((p) => p.status === 'active');
  if (!project) throw new Error('no active project');
  const described = await x.elsewhere.call('post_task', {
    id_project: project.id,
    title: 'Quarterly planning',
    text: 'Bring the Ölmühle figures and the zanzibarite samples.',
    email_user_from: x.sandbox.data.users.get(x.sandbox.data.ownerId)?.email ?? '',
  });
  const discussed = await x.elsewhere.call('post_task', {
    id_project: project.id,
    title: 'Office move',
    email_user_from: x.sandbox.data.users.get(x.sandbox.data.ownerId)?.email ?? '',
  });
  await x.elsewhere.call('post_comment', {
    id_task: discussed.data.id,
    text: 'Обговоримо на ПЛАНЁРКЕ у четвер, квазиморда принесе каву.',
    email_user_from: x.sandbox.data.users.get(x.sandbox.data.ownerId)?.email ?? '',
  });
  return { x, project, described: described.data, discussed: discussed.data };
}

const ids = (x: MirrorHarness, text: string, extra = {}) =>
  x.mirror.search({ text, limit: 10, ...extra })?.hits.map((hit) => `${hit.kind}:${hit.id}`) ?? [];

describe('mirror: first sync', () => {
  it('mirrors every task from one listing per project, then reads the discussions tools ask with files', async () => {
    const x = (h = await mirrorHarness({ mirror: { feedsCache: true } }));
    expect(x.mirror.accountTasks()).toBeUndefined();
    const read = vi.spyOn(x.client, 'call');
    await x.syncAll();
    const actions = apiActions(x);
    const projects = x.sandbox.data.projects.size;
    expect(actions.filter((a) => a === 'get_tasks')).toHaveLength(projects);
    expect(actions.filter((a) => a === 'get_task')).toHaveLength(0);
    // Who signed in, and the tag groups beside the tags: once each, for the response cache to hold.
    for (const once of ['me', 'get_task_tag_groups', 'get_task_tags', 'get_users'])
      expect(
        actions.filter((a) => a === once),
        once,
      ).toHaveLength(1);
    // Every discussion read once, whole, with its files (fewer than FILES_READ_MAX here), longer ones first.
    const discussions = read.mock.calls.filter(([action]) => action === 'get_comments');
    expect(discussions.every(([, params]) => params?.extra === 'files')).toBe(true);
    const readIds = discussions.map(([, params]) => Number(params?.id_task));
    const discussed = x.db
      .prepare<[], { id: number; n: number }>(
        `SELECT t.id, (SELECT count(*) FROM mirror_comments c WHERE c.task_id = t.id) n FROM mirror_tasks t
          WHERE t.has_comments = 1`,
      )
      .all();
    expect(discussed.length).toBeLessThan(FILES_READ_MAX);
    expect([...readIds].sort()).toEqual(discussed.map((t) => t.id).sort());
    const long = new Set(discussed.filter((t) => t.n >= 5).map((t) => t.id));
    expect(long.size).toBeGreaterThan(0);
    expect(new Set(readIds.slice(0, long.size))).toEqual(long);
    const progress = x.mirror.progress();
    expect(progress.firstSyncDone).toBe(true);
    expect(progress.counts.projects).toBe(projects);
    const listed = await x.client.call('get_all_tasks', { extra: 'subtasks,archive' });
    const count = (ts: Array<{ child?: unknown[] }>): number =>
      ts.reduce((n, t) => n + 1 + count((t.child ?? []) as Array<{ child?: unknown[] }>), 0);
    expect(progress.counts.tasks).toBe(count(listed.data));
    // What the response cache reads to list a small account whole: every task, archived projects' too.
    expect(x.mirror.accountTasks()).toBe(count(listed.data));
    expect(progress.counts.crawledTasks).toBe(progress.counts.discussedTasks);
    expect(progress.requestsLeft).toBe(0);
    expect(progress.requestsMade).toBe(actions.length);
  }, 60_000);
});

describe('mirror: without the response cache', () => {
  it('reads only what the mirror keeps: no "me", no tag groups, only the longer discussions', async () => {
    const x = (h = await mirrorHarness());
    await x.syncAll();
    const actions = apiActions(x);
    expect(actions).not.toContain('me');
    expect(actions).not.toContain('get_task_tag_groups');
    const long = x.db
      .prepare<[], { n: number }>(
        `SELECT count(*) n FROM mirror_tasks t
          WHERE (SELECT count(*) FROM mirror_comments c WHERE c.task_id = t.id) >= 5`,
      )
      .get()?.n;
    expect(long).toBeGreaterThan(0);
    expect(actions.filter((a) => a === 'get_comments')).toHaveLength(long ?? -1);
    expect(x.mirror.progress().requestsLeft).toBe(0);
  }, 60_000);
});

describe('mirror: search', () => {
  it('finds a word only in a comment, only in a description, Cyrillic in another case, a prefix', async () => {
    const { x, described, discussed } = await seeded();
    await x.syncAll();
    expect(ids(x, 'квазиморда')[0]).toMatch(/^comment:/);
    expect(x.mirror.search({ text: 'квазиморда', limit: 5 })?.hits[0]?.task?.id).toBe(discussed.id);
    expect(ids(x, 'zanzibarite')).toEqual([`task:${described.id}`]);
    expect(ids(x, 'планёрке')[0]).toMatch(/^comment:/);
    expect(ids(x, 'ОБГОВОРИМО')[0]).toMatch(/^comment:/);
    expect(ids(x, 'olmuhle')).toEqual([`task:${described.id}`]);
    expect(ids(x, 'zanzib')).toEqual([`task:${described.id}`]);
    expect(ids(x, '"zanzibarite samples"')).toEqual([`task:${described.id}`]);
    expect(ids(x, '"samples zanzibarite"')).toEqual([]);
  }, 60_000);

  it('falls back to close spellings when the exact words find nothing', async () => {
    const { x, described } = await seeded();
    await x.syncAll();
    const answer = x.mirror.search({ text: 'zanzibarrite', limit: 5 });
    expect(answer?.hits.map((hit) => hit.id)).toEqual([described.id]);
    expect(answer?.correctedTo).toEqual(['zanzibarite']);
  }, 60_000);

  it('ranks a name match over a description match over a comment match, and filters', async () => {
    const { x, project, described, discussed } = await seeded();
    await x.elsewhere.call('post_task', {
      id_project: project.id,
      title: 'Zanzibarite order',
      email_user_from: x.sandbox.data.users.get(x.sandbox.data.ownerId)?.email ?? '',
    });
    await x.elsewhere.call('post_comment', {
      id_task: discussed.id,
      text: 'zanzibarite arrived',
      email_user_from: x.sandbox.data.users.get(x.sandbox.data.ownerId)?.email ?? '',
    });
    await x.syncAll();
    const hits = x.mirror.search({ text: 'zanzibarite', limit: 10 })?.hits ?? [];
    expect(hits.map((hit) => hit.kind)).toEqual(['task', 'task', 'comment']);
    expect(hits[0]?.title).toBe('Zanzibarite order');
    expect(hits[1]?.id).toBe(described.id);
    expect(ids(x, 'zanzibarite', { kind: 'comment' })).toHaveLength(1);
    expect(ids(x, 'zanzibarite', { projectId: Number(project.id) + 100_000 })).toEqual([]);
    expect(ids(x, 'zanzibarite', { status: 'done' })).toEqual([]);
  }, 60_000);
});

describe('mirror: incremental', () => {
  it('shows a task changed elsewhere after the next events poll, and drops a deleted one', async () => {
    const { x, described, discussed } = await seeded();
    await x.syncAll();
    // The first poll brings the sandbox's recent history and the seeding; the next ones bring them again
    // (polls overlap), which is not news.
    await x.syncChanges();
    await x.elsewhere.call('update_task', { id_task: described.id, title: 'Yearly zephyrine review' });
    const before = apiActions(x).length;
    await x.syncChanges();
    // The account is small: its whole task list, as tools' reads are widened.
    expect(apiActions(x).slice(before)).toEqual(['get_events', 'get_all_tasks']);
    expect(ids(x, 'zephyrine')).toEqual([`task:${described.id}`]);
    expect(ids(x, 'quarterly')).not.toContain(`task:${described.id}`);
    // Worksection's API cannot delete a task; its web app can, and the activity log says so.
    const data = x.sandbox.data;
    const rec = data.tasks.get(Number(discussed.id));
    if (!rec) throw new Error('task missing');
    data.tasks.delete(rec.id);
    const top = data.index.tasksByProject.get(rec.projectId) ?? [];
    data.index.tasksByProject.set(
      rec.projectId,
      top.filter((id) => id !== rec.id),
    );
    data.events.push({
      action: 'delete',
      objectType: 'task',
      objectId: rec.id,
      page: discussed.page,
      dateAdded: Date.now(),
      userFromId: data.ownerId,
    });
    await x.syncChanges();
    expect(ids(x, 'квазиморда')).toEqual([]);
    expect(ids(x, 'office move', { kind: 'task' })).not.toContain(`task:${discussed.id}`);
  }, 60_000);

  it('makes our own writes searchable at once, before any sync', async () => {
    const { x, discussed } = await seeded();
    await x.syncAll();
    const before = apiActions(x).length;
    const params = { id_task: discussed.id, text: 'The xylograph proofs are in' };
    const answer = await x.client.call('post_comment', params);
    x.mirror.noteWrite('post_comment', params, answer);
    expect(ids(x, 'xylograph')).toEqual([`comment:${answer.data.id}`]);
    expect(apiActions(x).length).toBe(before + 1);
    const done = { id_task: discussed.id };
    x.mirror.noteWrite('complete_task', done, await x.client.call('complete_task', done));
    expect(ids(x, 'xylograph', { status: 'done' })).toEqual([`comment:${answer.data.id}`]);
    expect(ids(x, 'xylograph', { status: 'active' })).toEqual([]);
  }, 60_000);

  it("takes our own writes' events as already applied: no list or discussion read again, and the poll confirms", async () => {
    const polls: ChangedScope[] = [];
    const x = (h = await mirrorHarness({
      beginConfirm: () => (_since, _at, changed) => changed && polls.push(changed),
    }));
    await x.syncAll();
    await x.syncChanges(); // the sandbox's recent history, once
    const task = [...x.sandbox.data.tasks.values()].find(
      (t) => t.parentId === undefined && t.status === 'active',
    );
    if (!task) throw new Error('no open task');
    const comment = { id_task: String(task.id), text: 'Proofs are in' };
    x.mirror.noteWrite('post_comment', comment, await x.client.call('post_comment', comment));
    const update = { id_task: String(task.id), title: 'Proofs, second round' };
    x.mirror.noteWrite('update_task', update, await x.client.call('update_task', update));
    // The update's own re-list (its answer does not show everything a list does).
    await x.syncAll();
    const before = apiActions(x).length;
    await x.syncChanges();
    expect(apiActions(x).slice(before)).toEqual(['get_events']);
    // Only history the previous poll brought already may count as changed (polls overlap), never ours.
    expect(polls.at(-1)?.everythingFrom).toBe(0);
    expect(polls.at(-1)?.tasks.has(String(task.id))).toBe(false);
    // Someone else's change in the same poll is still news: the list is read again, nothing confirmed.
    x.mirror.noteWrite(
      'update_task',
      update,
      await x.client.call('update_task', { ...update, title: 'Ours' }),
    );
    await x.elsewhere.call('update_task', { id_task: String(task.id), title: 'Theirs' });
    await x.syncAll();
    const later = apiActions(x).length;
    await x.syncChanges();
    expect(apiActions(x).slice(later)).toEqual(['get_events', 'get_all_tasks']);
    expect(polls.at(-1)?.everythingFrom).toBe(0);
    expect(polls.at(-1)?.projects.has(String(task.projectId))).toBe(true);
    expect(polls.at(-1)?.tasks.has(String(task.id))).toBe(true);
    expect(ids(x, 'theirs', { kind: 'task' })).toEqual([`task:${task.id}`]);
  }, 60_000);
});
