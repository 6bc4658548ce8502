// A small account's task lists read again together: once the first sync has counted its tasks, the lists
// of the projects changed elsewhere (and those of a later full pass) cost one request, the whole account's
// list, as tools' task reads are widened. A task moved out of a project read so is kept where the list
// shows it; Worksection refusing the whole list makes the sync read project by project again.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Db } from '../store/db.js';
import { WorksectionApiError } from '../worksection/errors.js';
import { createMirrorStore } from './mirror-store.js';
import { searchMirror } from './search.js';
import { mirrorHarness, type MirrorHarness } from './testing/mirror-harness.js';
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

const apiActions = (x: MirrorHarness) =>
  x.sandbox
    .requests()
    .filter((r) => r.path.startsWith('/api/oauth2'))
    .map((r) => r.action);

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
    x.mirror.sync.startFullPass();
    await x.syncAll();
    const pass = apiActions(x).slice(before);
    expect(pass.filter((a) => a === 'get_all_tasks')).toHaveLength(1);
    expect(pass.filter((a) => a === 'get_tasks')).toHaveLength(0);
    expect(x.mirror.store.staleProjects()).toEqual([]);
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
});

describe('the whole list put into the store', () => {
  const AT = Date.UTC(2026, 2, 2, 9);

  it('keeps a task moved out of a stale project where the list shows it, and drops one gone', () => {
    db = openDatabase(':memory:');
    const store = createMirrorStore(db);
    store.bindAccount('https://lighthouse.example');
    store.putProjects([projectAnswer('3', 'Moves'), projectAnswer('4', 'Offices')], AT);
    store.putProjectTasks(
      3,
      [{ row: taskRowOf(7, 3, 'Pack the archive') }, { row: taskRowOf(8, 3, 'Old lease') }],
      AT,
    );
    store.putProjectTasks(4, [], AT);
    store.markProjectStale(3);
    const unknown = store.putProjectsTasks(
      store.staleProjects(),
      [{ row: taskRowOf(7, 4, 'Pack the archive') }],
      AT + 1,
    );
    expect(unknown).toBe(false);
    const search = (text: string) =>
      searchMirror(store, { text, kind: 'task', limit: 10 }).hits.map((hit) => [hit.id, hit.project.id]);
    expect(search('archive')).toEqual([['7', '4']]);
    expect(search('lease')).toEqual([]);
    expect(store.staleProjects()).toEqual([]);
    // A project the mirror does not hold: the project list is read again.
    expect(store.putProjectsTasks([3], [{ row: taskRowOf(9, 5, 'New home') }], AT + 2)).toBe(true);
  });
});
