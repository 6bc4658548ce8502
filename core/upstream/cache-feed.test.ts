// What the mirror's sync reads serves tools (ResponseCacheScope.feed), and an activity-log poll that saw no
// change keeps those answers serving past their window (beginConfirm), never past the tags window after
// they were really fetched (tags changes are not in the log), and never across a write; held activity logs
// are re-cut to the period as it stands when read, and served from the copy held in memory only when our
// own write dropped the store's copy (not another process's write, not a store cleared for a new user).
// A read past its window asks for a poll (confirmNow) only while one could still confirm what it needs. A
// poll that reports a change drops what the change touches (a project's answers only by its own events).
// Over the sandbox, its request log counting what reached Worksection.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../store/db.js';
import { createResponseCache } from '../store/response-cache.js';
import type { RunningSandbox } from '../sandbox/server.js';
import type { WorksectionClient } from '../worksection/client.js';
import { createResponseCacheScope, type ResponseCacheScope } from './cached-responses.js';
import { clockedSandbox, type ClockedSandbox } from './testing/clocked-sandbox.js';
import { TEST_FRESH_SECONDS } from './testing/fresh-seconds.js';
import type { CallStats, Upstream } from './upstream.js';

const START = Date.UTC(2026, 2, 2, 9);
let clock = START;
let upstream: ClockedSandbox;
let sandbox: RunningSandbox;
let client: WorksectionClient;
let db: Db;
let scope: ResponseCacheScope;

beforeEach(async () => {
  clock = START;
  upstream = await clockedSandbox(() => clock);
  ({ sandbox, client } = upstream);
  db = openDatabase(':memory:');
  const cache = createResponseCache(db, { maxBytes: 50 * 1_048_576, maxAgeMs: 3_600_000, now: () => clock });
  scope = createResponseCacheScope({
    cache,
    account: sandbox.url,
    freshSeconds: TEST_FRESH_SECONDS,
    now: () => clock,
  });
});
afterEach(async () => {
  db.close();
  await upstream.close();
});

const requests = () => upstream.requests();
const base: () => Upstream = () => ({
  call: (action, params) => client.call(action, params, { caller: 'agent' }),
  download: (id) => client.download(id),
});
function toolRead(id: string) {
  const stats: CallStats = { upstreamRequests: 0, cacheHits: 0 };
  return scope
    .wrap(base(), stats)
    .call('get_task', { id_task: id })
    .then(() => stats);
}

/** The project's task list read by the mirror's sync, fed to the response cache. */
function feedList(project: number, into: ResponseCacheScope = scope): Promise<unknown> {
  const feed = into.feed({ call: (a, p) => client.call(a, p, { caller: 'mirror', background: true }) });
  return feed.call('get_tasks', { id_project: project, extra: 'text,subtasks,comments' });
}

/** A poll begun, then a write of ours on `task` while it is on its way: the poll's confirmation to call. */
async function pollDuringOurWrite(task: string) {
  const confirm = scope.beginConfirm();
  await scope.wrap(base(), { upstreamRequests: 0, cacheHits: 0 }).call('add_costs', {
    id_task: task,
    time: '0:10',
  });
  return confirm;
}

/** A tool's read of the task that the cache does not answer: one request goes to Worksection. */
async function readFetches(task: string): Promise<void> {
  const before = requests();
  expect(await toolRead(task)).toMatchObject({ cacheHits: 0 });
  expect(requests()).toBe(before + 1);
}

function listedProject(): { project: number; task: string } {
  const t = [...sandbox.data.tasks.values()].find(
    (x) =>
      x.publishAt === undefined &&
      x.parentId === undefined &&
      sandbox.data.projects.get(x.projectId)?.status === 'active',
  );
  if (!t) throw new Error('no task');
  return { project: t.projectId, task: String(t.id) };
}

describe('response cache fed by the mirror', () => {
  it("serves a tool's read from what sync fetched, without a request", async () => {
    const { project, task } = listedProject();
    await feedList(project);
    const before = requests();
    const stats = await toolRead(task);
    expect(requests()).toBe(before);
    expect(stats).toMatchObject({ cacheHits: 1, fetchedAt: START });
  });

  it('a quiet activity poll keeps it serving past its window, up to the tags window', async () => {
    const { project, task } = listedProject();
    await feedList(project);
    clock += 100_000;
    scope.beginConfirm()(START - 120_000, clock);
    const confirmedAt = clock;
    clock += 100_000; // 200 s after the fetch: past the tasks window (120 s), not past the confirmation's
    let before = requests();
    expect(await toolRead(task)).toMatchObject({ cacheHits: 1, fetchedAt: confirmedAt });
    expect(requests()).toBe(before);

    clock = START + TEST_FRESH_SECONDS.tags * 1000 + 10_000;
    scope.beginConfirm()(confirmedAt, clock - 5_000);
    clock += 200_000;
    before = requests();
    expect(await toolRead(task)).toMatchObject({ cacheHits: 0, upstreamRequests: 0 });
    expect(requests()).toBe(before + 1);
  });

  it('a write during the poll confirms nothing', async () => {
    const { project, task } = listedProject();
    await feedList(project);
    clock += 100_000;
    const confirm = await pollDuringOurWrite(task);
    confirm(START - 120_000, clock);
    clock += 100_000;
    const before = requests();
    await toolRead(task);
    expect(requests()).toBe(before + 1);
  });

  it("a poll confirms what its events leave alone: another project's list, not the changed one", async () => {
    const { project, task } = listedProject();
    const other = [...sandbox.data.tasks.values()].find(
      (x) =>
        x.publishAt === undefined &&
        x.parentId === undefined &&
        x.projectId !== project &&
        sandbox.data.projects.get(x.projectId)?.status === 'active',
    );
    if (!other) throw new Error('no task in another project');
    await feedList(project);
    await feedList(other.projectId);
    clock += 100_000;
    scope.beginConfirm()(START - 120_000, clock, {
      everythingFrom: 0,
      projects: new Map([[String(other.projectId), clock]]),
      tasks: new Map([[String(other.id), clock]]),
    });
    clock += 100_000; // past the tasks window: only what the poll confirmed still serves
    let before = requests();
    expect(await toolRead(task)).toMatchObject({ cacheHits: 1 });
    expect(requests()).toBe(before);
    before = requests();
    expect(await toolRead(String(other.id))).toMatchObject({ cacheHits: 0 });
    expect(requests()).toBe(before + 1);
  });
});

describe('a poll that reports a change', () => {
  const changedIn = (project: number | string, at: number) => ({
    everythingFrom: 0,
    projects: new Map([[String(project), at]]),
    tasks: new Map<string, number>(),
  });

  it('drops the answers it touches at once: a read within their window is fetched', async () => {
    const { project, task } = listedProject();
    await feedList(project);
    await toolRead(task);
    clock += 30_000;
    scope.beginConfirm()(START - 120_000, clock, changedIn(project, clock));
    clock += 5_000; // well within the tasks window: served as it was fetched, it would miss the change
    await readFetches(task);
  });

  it('drops them even when a write of ours overlapped the poll (which then confirms nothing)', async () => {
    const { project, task } = listedProject();
    await feedList(project);
    clock += 30_000;
    const confirm = await pollDuringOurWrite(task);
    confirm(START - 120_000, clock, changedIn(project, clock));
    clock += 5_000;
    await readFetches(task);
  });

  it('drops what was kept while the poll was on its way: it may predate what the poll reports', async () => {
    const { project, task } = listedProject();
    const sentAt = clock;
    clock += 1_000;
    await feedList(project);
    // The poll was sent before that read and answered after it, with a change first shown then.
    clock += 1_000;
    scope.beginConfirm()(sentAt - 120_000, sentAt, changedIn(project, clock));
    await readFetches(task);
  });

  it("leaves a project's answers to its own events: its tasks' changes neither drop nor stop confirming them", async () => {
    const { project } = listedProject();
    const read = async (action: 'get_project' | 'get_projects') => {
      const stats: CallStats = { upstreamRequests: 0, cacheHits: 0 };
      const params = action === 'get_project' ? { id_project: project } : {};
      await scope.wrap(base(), stats).call(action, params);
      return stats;
    };
    await read('get_projects');
    await read('get_project');
    clock += 300_000;
    scope.beginConfirm()(START - 120_000, clock, changedIn(project, clock));
    const confirmedAt = clock;
    clock += 400_000; // past the projects window of the fetch (600 s), not of the confirmation
    let before = requests();
    expect(await read('get_projects')).toMatchObject({ cacheHits: 1, fetchedAt: confirmedAt });
    expect(await read('get_project')).toMatchObject({ cacheHits: 1, fetchedAt: confirmedAt });
    expect(requests()).toBe(before);
    // A project's own event (or a page naming no project) changes them: dropped, though within the window.
    scope.beginConfirm()(confirmedAt, clock, { ...changedIn(project, clock), everythingFrom: clock });
    clock += 5_000;
    before = requests();
    expect(await read('get_projects')).toMatchObject({ cacheHits: 0 });
    expect(requests()).toBe(before + 1);
  });
});

describe('asking for a poll (confirmNow)', () => {
  it('asks for one when a poll would confirm the held list, never once a poll found it changed', async () => {
    const asked: number[] = [];
    const cache = createResponseCache(db, {
      maxBytes: 50 * 1_048_576,
      maxAgeMs: 3_600_000,
      now: () => clock,
    });
    const polling = createResponseCacheScope({
      cache,
      account: `${sandbox.url}/polling`,
      freshSeconds: TEST_FRESH_SECONDS,
      now: () => clock,
      // No poll is sent here: what the cache does with the answer is not what this test is about.
      confirmNow: () => (asked.push(clock), Promise.resolve('none' as const)),
    });
    const { project, task } = listedProject();
    await feedList(project, polling);
    const read = () =>
      polling.wrap(base(), { upstreamRequests: 0, cacheHits: 0 }).call('get_task', { id_task: task });
    // Past the tasks window, within what a poll may confirm: a poll is asked for.
    clock += (TEST_FRESH_SECONDS.tasks + 10) * 1000;
    await read();
    expect(asked).toHaveLength(1);
    // A poll then finds the project changed after the list was fetched: no poll can confirm it again.
    await feedList(project, polling);
    const fetched = clock;
    clock += 5_000;
    polling.beginConfirm()(fetched - 120_000, clock, {
      everythingFrom: 0,
      projects: new Map([[String(project), clock]]),
      tasks: new Map(),
    });
    clock += (TEST_FRESH_SECONDS.tasks + 10) * 1000;
    await read();
    expect(asked).toHaveLength(1);
  });
});

describe('held activity logs', () => {
  const read = (params: { period: string }) => {
    const stats: CallStats = { upstreamRequests: 0, cacheHits: 0 };
    return scope.wrap(base(), stats).call('get_events', params);
  };

  it('are re-cut to the period as it stands now, never served as fetched', async () => {
    const task = listedProject().task;
    await client.call('post_comment', { id_task: task, text: 'at nine' });
    // An hour minus a minute later the 1h period still holds the comment; 150 s on, no longer.
    clock = START + 3_540_000;
    const fetched = await read({ period: '1h' });
    expect(JSON.stringify(fetched)).toContain('at nine');
    scope.beginConfirm()(clock - 120_000, clock + 100_000);
    clock += 150_000;
    const before = requests();
    const again = await read({ period: '1h' });
    expect(requests()).toBe(before);
    expect(JSON.stringify(again)).not.toContain('at nine');
    expect(again).toEqual(await client.call('get_events', { period: '1h' }));
  });

  it('within the activity window an event that left the period is not shown', async () => {
    clock = START + 20_000;
    await client.call('post_comment', { id_task: listedProject().task, text: 'at nine' });
    clock = START + 3_600_000;
    expect(JSON.stringify(await read({ period: '1h' }))).toContain('at nine');
    // 40 s on, the period starts after the comment: the held answer, as fetched, would still show it.
    clock += 40_000;
    const again = await read({ period: '1h' });
    expect(JSON.stringify(again)).not.toContain('at nine');
    expect(again).toEqual(await client.call('get_events', { period: '1h' }));
  });

  it('are fetched again when no poll says the log is unchanged within the activity window', async () => {
    await read({ period: '1h' });
    clock += TEST_FRESH_SECONDS.activity * 1000 + 1_000;
    const before = requests();
    await read({ period: '1h' });
    expect(requests()).toBe(before + 1);
  });

  it("after a write of ours, serve the copy held here; another process's copy the write dropped is fetched again", async () => {
    const task = listedProject().task;
    await read({ period: '1h' });
    // Another process sharing the store: its own scope over the same database.
    const other = createResponseCacheScope({
      cache: createResponseCache(db, { maxBytes: 50 * 1_048_576, maxAgeMs: 3_600_000, now: () => clock }),
      account: sandbox.url,
      freshSeconds: TEST_FRESH_SECONDS,
      now: () => clock,
    });
    const otherStats: CallStats = { upstreamRequests: 0, cacheHits: 0 };
    // A longer period than ours: the other process fetches and holds its own.
    let before = requests();
    await other.wrap(base(), otherStats).call('get_events', { period: '2h' });
    expect(requests()).toBe(before + 1);
    // Logged time is not in the activity log: our own held log still serves, from memory (the write
    // dropped the store's copy).
    clock += 5_000;
    await scope
      .wrap(base(), { upstreamRequests: 0, cacheHits: 0 })
      .call('add_costs', { id_task: task, time: '0:15', date: '02.03.2026' });
    before = requests();
    await read({ period: '1h' });
    expect(requests()).toBe(before);
    // The other process did not write: the store lost its log, so it asks Worksection again.
    before = requests();
    await other.wrap(base(), otherStats).call('get_events', { period: '2h' });
    expect(requests()).toBe(before + 1);
  });

  it('are forgotten with the store when another user signs in', async () => {
    const task = listedProject().task;
    await read({ period: '1h' });
    clock += 5_000;
    await scope
      .wrap(base(), { upstreamRequests: 0, cacheHits: 0 })
      .call('add_costs', { id_task: task, time: '0:15', date: '02.03.2026' });
    // What core does on a new sign-in: the store cleared for the account, then the scope.
    createResponseCache(db, { maxBytes: 1_048_576, maxAgeMs: 3_600_000 }).clear(sandbox.url);
    scope.forget();
    const before = requests();
    await read({ period: '1h' });
    expect(requests()).toBe(before + 1);
  });
});
