// A small account's task lists read again together: once the first sync has counted its tasks, the lists
// of the projects changed elsewhere (and those of a later full pass) cost one request, the whole account's
// list, as tools' task reads are widened. Worksection refusing the whole list, an answer the schemas reject
// as a whole, or one larger than the response cache keeps make the sync read project by project again; a
// failure that passes does not. In the store: a task moved out of a project read so moves with its
// discussion, what a write of ours changed while the list was on its way stays (whatever the clocks say),
// and an unknown or emptied project has the project list read, once.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Db } from '../store/db.js';
import { BadResponseError, UpstreamUnavailableError, WorksectionApiError } from '../worksection/errors.js';
import { createMirrorStore } from './mirror-store.js';
import { searchMirror } from './search.js';
import { apiActions, mirrorHarness, type MirrorHarness } from './testing/mirror-harness.js';
import { projectAnswer } from './testing/project-answer.js';
import { taskRowOf } from './testing/task-row.js';

let h: MirrorHarness | undefined;
let db: Db | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  db?.close();
  db = undefined;
});

const found = (x: MirrorHarness, text: string) =>
  x.mirror.search({ text, kind: 'task', limit: 10 })?.hits.map((hit) => Number(hit.id)) ?? [];

/** A synced mirror, and a top-level task in each of two active projects. */
async function syncedWithTwoProjects() {
  const x = (h = await mirrorHarness());
  await x.syncAll();
  await x.syncChanges();
  const data = x.sandbox.data;
  const picked = [...data.projects.values()]
    .filter((p) => p.status === 'active')
    .flatMap((p) => {
      const task = [...data.tasks.values()].find((t) => t.projectId === p.id && t.parentId === undefined);
      return task ? [task] : [];
    })
    .slice(0, 2);
  if (picked.length < 2) throw new Error('the sandbox has fewer than two active projects with tasks');
  return { x, tasks: picked };
}

describe("a small account's stale task lists", () => {
  it('are read in one request of the whole account, however many projects changed', async () => {
    const { x, tasks } = await syncedWithTwoProjects();
    const [a, b] = tasks;
    if (!a || !b) throw new Error('unreachable');
    expect(a.projectId).not.toBe(b.projectId);
    await x.elsewhere.call('update_task', { id_task: a.id, title: 'Quokka census' });
    await x.elsewhere.call('update_task', { id_task: b.id, title: 'Wombat census' });
    const before = apiActions(x).length;
    const read = vi.spyOn(x.client, 'call');
    x.mirror.sync.pollEventsSoon();
    expect(await x.mirror.sync.step()).toBe('events');
    // Two projects stale, one request left for them.
    expect(x.mirror.progress().requestsLeft).toBe(1);
    expect(await x.mirror.sync.step()).toBe('account_tasks');
    expect(await x.mirror.sync.step()).toBeUndefined();
    expect(apiActions(x).slice(before)).toEqual(['get_events', 'get_all_tasks']);
    // With archived projects: every project's list is in it.
    expect(String(read.mock.calls.at(-1)?.[1]?.extra).split(',')).toContain('archive');
    expect(found(x, 'quokka')).toEqual([Number(a.id)]);
    expect(found(x, 'wombat')).toEqual([Number(b.id)]);
  }, 60_000);

  it('make a later full pass one request for every project', async () => {
    const { x } = await syncedWithTwoProjects();
    const before = apiActions(x).length;
    const tasks = x.mirror.store.taskCount();
    x.mirror.sync.startFullPass();
    await x.syncAll();
    const pass = apiActions(x).slice(before);
    expect(pass.filter((a) => a === 'get_all_tasks')).toHaveLength(1);
    expect(pass.filter((a) => a === 'get_tasks')).toHaveLength(0);
    expect(x.mirror.store.staleProjects()).toEqual([]);
    // Archived projects' tasks too (the sandbox has one): none lost.
    expect([...x.sandbox.data.projects.values()].some((p) => p.status === 'archive')).toBe(true);
    expect(x.mirror.store.taskCount()).toBe(tasks);
  }, 60_000);

  it('are read project by project once Worksection refuses the whole list', async () => {
    const { x, tasks } = await syncedWithTwoProjects();
    const [a, b] = tasks;
    if (!a || !b) throw new Error('unreachable');
    const call = x.client.call.bind(x.client);
    const refused = vi
      .spyOn(x.client, 'call')
      .mockImplementation((action, ...rest) =>
        action === 'get_all_tasks'
          ? Promise.reject(new WorksectionApiError('get_all_tasks', 'Too many tasks (10000 max)'))
          : call(action, ...rest),
      );
    await x.elsewhere.call('update_task', { id_task: a.id, title: 'Quokka census' });
    await x.elsewhere.call('update_task', { id_task: b.id, title: 'Wombat census' });
    const before = apiActions(x).length;
    await x.syncChanges();
    expect(refused.mock.calls.filter(([action]) => action === 'get_all_tasks')).toHaveLength(1);
    expect(apiActions(x).slice(before)).toEqual(['get_events', 'get_tasks', 'get_tasks']);
    expect(found(x, 'quokka')).toEqual([Number(a.id)]);
    expect(found(x, 'wombat')).toEqual([Number(b.id)]);
    // Not asked again in this process.
    await x.elsewhere.call('update_task', { id_task: a.id, title: 'Quokka count' });
    await x.syncChanges();
    expect(refused.mock.calls.filter(([action]) => action === 'get_all_tasks')).toHaveLength(1);
  }, 60_000);

  it('stay in one request after a failure that passes (Worksection unavailable)', async () => {
    const { x, tasks } = await syncedWithTwoProjects();
    const [a] = tasks;
    if (!a) throw new Error('unreachable');
    const call = x.client.call.bind(x.client);
    let unavailable = true;
    vi.spyOn(x.client, 'call').mockImplementation((action, ...rest) => {
      if (action !== 'get_all_tasks' || !unavailable) return call(action, ...rest);
      unavailable = false;
      const reason = { attempts: 3, reason: 'server_error', httpStatus: 503 } as const;
      return Promise.reject(new UpstreamUnavailableError(action, reason));
    });
    await x.elsewhere.call('update_task', { id_task: a.id, title: 'Quokka census' });
    x.mirror.sync.pollEventsSoon();
    expect(await x.mirror.sync.step()).toBe('events');
    await expect(x.mirror.sync.step()).rejects.toThrow(UpstreamUnavailableError);
    const before = apiActions(x).length;
    expect(await x.mirror.sync.step()).toBe('account_tasks');
    expect(apiActions(x).slice(before)).toEqual(['get_all_tasks']);
    expect(found(x, 'quokka')).toEqual([Number(a.id)]);
  }, 60_000);
});

describe('a task list that does not parse', () => {
  it('returns the sync to project by project, and holds up only its own project', async () => {
    const logged: string[] = [];
    const x = (h = await mirrorHarness({ mirror: { log: (line) => logged.push(line) } }));
    await x.syncAll();
    await x.syncChanges();
    const data = x.sandbox.data;
    const topOf = (project: number) =>
      [...data.tasks.values()].filter((t) => t.projectId === project && t.parentId === undefined);
    const [a] =
      [...data.projects.values()]
        .filter((p) => p.status === 'active')
        .map((p) => topOf(p.id))
        .find((tasks) => tasks.length > 0) ?? [];
    const b = [...data.projects.values()]
      .filter((p) => p.status === 'active' && p.id !== a?.projectId)
      .flatMap((p) => topOf(p.id))[0];
    if (!a || !b) throw new Error('the sandbox lacks the projects this needs');
    // Answers whose shape the schemas reject as a whole (a record that does not parse is set aside, the
    // rest served): the account's list, and project A's.
    const call = x.client.call.bind(x.client);
    const sent = vi.spyOn(x.client, 'call').mockImplementation((action, params, ...rest) => {
      const listsA = action === 'get_tasks' && String(params?.id_project) === String(a.projectId);
      if (action !== 'get_all_tasks' && !listsA) return call(action, params, ...rest);
      return Promise.reject(new BadResponseError(action, { reason: 'schema_mismatch' }));
    });
    await x.elsewhere.call('update_task', { id_task: a.id, title: 'Quokka census' });
    await x.elsewhere.call('update_task', { id_task: b.id, title: 'Wombat census' });
    const before = apiActions(x).length;
    await x.syncChanges();
    // The refused reads never reach the sandbox: the account's list once, then A's and B's.
    const lists = sent.mock.calls.map(([action]) => action).filter((action) => action !== 'get_events');
    expect(lists).toEqual(['get_all_tasks', 'get_tasks', 'get_tasks']);
    expect(apiActions(x).slice(before)).toEqual(['get_events', 'get_tasks']);
    expect(x.mirror.sync.readsWhole()).toBe(false);
    expect(found(x, 'wombat')).toEqual([Number(b.id)]);
    // The broken project keeps what the mirror held until the next full pass; the rest goes on.
    expect(found(x, 'quokka')).toEqual([]);
    expect(x.mirror.store.staleProjects()).toEqual([]);
    expect(logged.join('\n')).toContain(`project ${a.projectId}'s task list did not parse`);
    const later = apiActions(x).length;
    await x.syncChanges();
    expect(apiActions(x).slice(later)).toEqual(['get_events']);
  }, 60_000);
});

describe("a small account's whole list too large for the response cache", () => {
  it('is read once, then the stale lists project by project (the cache keeps those)', async () => {
    const logged: string[] = [];
    const x = (h = await mirrorHarness({ mirror: { feedsCache: true, log: (line) => logged.push(line) } }));
    await x.syncAll();
    // The first poll brings the sandbox's recent history (other people's comments, at some hours).
    await x.syncChanges();
    const data = x.sandbox.data;
    const [a, b] = [...data.projects.values()]
      .filter((p) => p.status === 'active')
      .flatMap((p) =>
        [...data.tasks.values()].filter((t) => t.projectId === p.id && t.parentId === undefined).slice(0, 1),
      );
    if (!a || !b) throw new Error('the sandbox has fewer than two active projects with tasks');
    // Long descriptions: the whole list passes FEED_MAX_CHARS (1 MiB).
    a.text = 'Minutes of the planning meeting. '.repeat(40_000);
    await x.elsewhere.call('update_task', { id_task: a.id, title: 'Quokka census' });
    const before = apiActions(x).length;
    await x.syncChanges();
    expect(apiActions(x).slice(before)).toEqual(['get_events', 'get_all_tasks']);
    expect(x.mirror.sync.readsWhole()).toBe(false);
    expect(logged.join('\n')).toContain('larger than the response cache keeps');
    await x.elsewhere.call('update_task', { id_task: b.id, title: 'Wombat census' });
    const later = apiActions(x).length;
    await x.syncChanges();
    expect(apiActions(x).slice(later)).toEqual(['get_events', 'get_tasks']);
    expect(found(x, 'wombat')).toEqual([Number(b.id)]);
  }, 60_000);
});

describe('the whole list put into the store', () => {
  const AT = Date.UTC(2026, 2, 2, 9);

  const comment = (id: number, text: string) => ({
    id,
    task_id: 7,
    text,
    author_name: 'Ann Lee',
    author_email: 'ann@example.test',
    date_added: `2026-03-01 11:0${id}`,
    page: `/project/3/7/#com${id}`,
  });

  function storeWithTwoProjects() {
    db = openDatabase(':memory:');
    const store = createMirrorStore(db);
    store.bindAccount('https://lighthouse.example');
    store.putProjects([projectAnswer('3', 'Moves'), projectAnswer('4', 'Offices')], AT);
    store.putProjectTasks(
      3,
      [{ row: taskRowOf(7, 3, 'Pack the archive', 1) }, { row: taskRowOf(8, 3, 'Old lease') }],
      AT,
    );
    store.putProjectTasks(4, [], AT);
    const comments = [6, 5, 4, 3, 2, 1].map((id) =>
      comment(id, id === 1 ? 'The boxes are in the basement' : `Note ${id}`),
    );
    store.putComments(7, comments, AT, 1);
    return store;
  }

  it('moves a task out of a stale project with its whole discussion, and drops one gone', () => {
    const store = storeWithTwoProjects();
    store.markProjectStale(3);
    const since = store.beginList();
    // Its listing shows its five newest comments, one the mirror does not hold yet (its new project is
    // not stale: written for the moved task all the same).
    const newest = [7, 6, 5, 4, 3].map((id) =>
      id === 7 ? comment(7, 'Keys are with the porter') : comment(id, `Note ${id}`),
    );
    const moved = { row: taskRowOf(7, 4, 'Pack the archive', 1), comments: newest };
    const stays = { row: taskRowOf(10, 3, 'Label boxes') };
    store.putProjectsTasks(store.staleProjects(), [moved, stays], AT + 1, since);
    const search = (text: string, kind: 'task' | 'comment', projectId?: number) =>
      searchMirror(store, { text, kind, limit: 10, ...(projectId ? { projectId } : {}) }).hits.map((hit) => [
        hit.id,
        hit.project.id,
      ]);
    expect(search('archive', 'task')).toEqual([['7', '4']]);
    expect(search('lease', 'task')).toEqual([]);
    // Its comments older than a listing shows stay, under the new project; the new one joins them (the
    // discussion is then read whole again, as for any listing showing a comment not held).
    expect(search('basement', 'comment', 4)).toEqual([['1', '4']]);
    expect(search('porter', 'comment', 4)).toEqual([['7', '4']]);
    expect(store.counts()).toMatchObject({ comments: 7, discussedTasks: 1 });
    expect(store.staleProjects()).toEqual([]);
    expect(store.meta.num('projects_stale')).toBe(0);
  });

  it('keeps what a write of ours changed while the list was on its way, whatever the clocks say', () => {
    const store = storeWithTwoProjects();
    const listed = [{ row: taskRowOf(7, 3, 'Pack the archive', 1) }, { row: taskRowOf(8, 3, 'Old lease') }];
    const found = (text: string, status?: 'active' | 'done') =>
      searchMirror(store, { text, kind: 'task', limit: 10, ...(status ? { status } : {}) }).hits.map(
        (hit) => hit.id,
      );
    // Written before the list began, though stamped far later (a clock set back since): the list's to drop.
    store.putTask(taskRowOf(12, 3, 'Phantom crate'), AT + 86_400_000);
    store.markProjectStale(3);
    let since = store.beginList();
    store.putProjectsTasks([3], listed, AT + 1, since);
    expect(found('phantom')).toEqual([]);
    // Written while it was on its way: a new task, a completion and a stale mark stay.
    store.markProjectStale(3);
    since = store.beginList();
    store.putTask(taskRowOf(9, 3, 'Book the van'), AT);
    store.setTaskStatus(8, 'done');
    store.markProjectStale(3);
    store.putProjectsTasks([3], listed, AT + 2, since);
    expect(found('van')).toEqual(['9']);
    expect(found('lease', 'done')).toEqual(['8']);
    expect(store.staleProjects()).toEqual([3]);
    // The next list, begun after them, has the last word.
    since = store.beginList();
    store.putProjectsTasks([3], listed, AT + 3, since);
    expect(found('van')).toEqual([]);
    expect(found('lease', 'active')).toEqual(['8']);
    expect(store.staleProjects()).toEqual([]);
  });

  it('does not move a task a write of ours changed while the list was on its way', () => {
    const store = storeWithTwoProjects();
    store.markProjectStale(3);
    const since = store.beginList();
    store.putTask(taskRowOf(7, 3, 'Pack the archive today', 1), AT);
    store.putProjectsTasks(
      [3],
      [{ row: taskRowOf(7, 4, 'Pack the archive', 1) }, { row: taskRowOf(8, 3, 'Old lease') }],
      AT + 1,
      since,
    );
    const hits = searchMirror(store, { text: 'archive', kind: 'task', limit: 10 }).hits;
    expect(hits.map((hit) => [hit.id, hit.project.id, hit.title])).toEqual([
      ['7', '3', 'Pack the archive today'],
    ]);
  });

  it('has the projects read again for a project it lacks, or one whose every task went', () => {
    const store = storeWithTwoProjects();
    store.putProjectsTasks([4], [{ row: taskRowOf(11, 5, 'New home') }], AT + 1, store.beginList());
    expect(store.meta.num('projects_stale')).toBe(1);
    store.meta.set('projects_stale', 0);
    store.putProjectsTasks([3], [], AT + 2, store.beginList());
    expect(store.meta.num('projects_stale')).toBe(1);
    // Not again for the same ones (a project Worksection shows among tasks but never among projects).
    store.meta.set('projects_stale', 0);
    store.putProjectsTasks([4], [{ row: taskRowOf(11, 5, 'New home') }], AT + 3, store.beginList());
    expect(store.meta.num('projects_stale')).toBe(0);
  });
});
