// A small account's task reads, through the MCP server over the sandbox: when the account is known to hold
// at most WHOLE_ACCOUNT_MAX_TASKS tasks (the mirror's count), a missed task read is sent as the whole
// account's task list with every part, and every other project's list, an account-wide search, a task and
// an archived project's list then cost no request and answer as the uncached product does. An account
// not known to be small has a project's list fetched, as before. A missed time-entry read of a small
// account is sent as every cost the account logged, which other ranges and projects then derive from. Of
// any account, a missed activity log of a day or more is sent as the account's last eight days, until
// that answer comes too large.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createToolContextFactory } from '../mcp/tools/kit/context-factory.js';
import { openDatabase, type Db } from '../store/db.js';
import { createResponseCache } from '../store/response-cache.js';
import { createResponseCacheScope, WHOLE_ACCOUNT_MAX_TASKS } from './cached-responses.js';
import { TEST_FRESH_SECONDS } from './testing/fresh-seconds.js';
import { toolClient } from './testing/tool-client.js';
import { clockedSandbox, type ClockedSandbox } from './testing/clocked-sandbox.js';
import { answer } from './testing/warm-mirror.js';

const START = Date.UTC(2026, 2, 2, 9);
/** The sandbox's, the cache's and the tools' clock. */
let clock = START;
let upstream: ClockedSandbox | undefined;
let db: Db | undefined;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  db?.close();
  await upstream?.close();
});

/**
 * A cached and an uncached client over one sandbox; `accountTasks` and `zoneRight` as the mirror would
 * tell them.
 */
async function clients(accountTasks: (() => number | undefined) | undefined, zoneRight?: () => boolean) {
  clock = START;
  const up = (upstream = await clockedSandbox(() => clock));
  db = openDatabase(':memory:');
  const now = () => clock;
  const cache = createResponseCache(db, { maxBytes: 64 * 1_048_576, maxAgeMs: 3_600_000, now });
  const responses = createResponseCacheScope({
    cache,
    account: up.sandbox.url,
    freshSeconds: TEST_FRESH_SECONDS,
    now,
    ...(accountTasks ? { accountTasks } : {}),
    ...(zoneRight ? { zoneRight } : {}),
  });
  const owner = up.sandbox.data.users.get(up.sandbox.data.ownerId);
  const common = { client: up.client, meEmail: owner?.email, now: () => new Date(clock) };
  const cached = await toolClient(createToolContextFactory({ ...common, responses }), closers);
  const uncached = await toolClient(createToolContextFactory(common), closers);
  const { data } = up.sandbox;
  const visible = [...data.tasks.values()].filter((t) => t.publishAt === undefined);
  const projectsOf = (status: string) =>
    [...data.projects.values()].filter(
      (p) => p.status === status && visible.some((t) => t.projectId === p.id),
    );
  const [first, second] = projectsOf('active').map((p) => String(p.id));
  const archived = projectsOf('archive').map((p) => String(p.id))[0];
  const task = visible.find((t) => String(t.projectId) !== first && String(t.projectId) !== second);
  if (!first || !second || !archived || !task) throw new Error('the sandbox lacks the projects this needs');
  /** The params of the activity logs the cache keeps. */
  const keptLogs = () =>
    cache.find(up.sandbox.url, { actions: ['get_events'] }, 0).map((entry) => entry.params);
  return { up, cached, uncached, first, second, archived, task: String(task.id), keptLogs };
}

describe('a small account read whole', () => {
  it("one missed task read fetches every task; other projects, searches, a task and an archived project's list follow for free", async () => {
    const { up, cached, uncached, first, second, archived, task } = await clients(() => 300);
    await answer(cached, 'list_users', {});
    await answer(cached, 'get_me', {});
    await answer(cached, 'list_projects', { status: 'all' });
    const before = up.requests();
    await answer(cached, 'list_tasks', { project_id: first });
    expect(up.actionsSince(before)).toEqual(['get_all_tasks']);
    const reads: [string, Record<string, unknown>][] = [
      ['list_tasks', { project_id: second }],
      ['list_tasks', { project_id: first, status: 'done' }],
      ['list_tasks', { assignee: 'me', status: 'active' }],
      ['get_task', { task_id: task }],
      ['list_tasks', { project_id: archived }],
    ];
    for (const [name, args] of reads) {
      const at = up.requests();
      const got = await answer(cached, name, args);
      expect(up.actionsSince(at), `${name} ${JSON.stringify(args)} made no request`).toEqual([]);
      expect(got).toEqual(await answer(uncached, name, args));
    }
  });

  it("the account's list without archived projects is sent whole without them, in one request", async () => {
    const { up, cached, uncached, first } = await clients(() => 300);
    await answer(cached, 'list_users', {});
    const before = up.requests();
    await answer(cached, 'team_workload', {});
    expect(up.actionsSince(before).filter((a) => a === 'get_all_tasks')).toHaveLength(1);
    const at = up.requests();
    const got = await answer(cached, 'list_tasks', { project_id: first });
    expect(up.actionsSince(at)).toEqual([]);
    expect(got).toEqual(await answer(uncached, 'list_tasks', { project_id: first }));
  });

  it('a read the whole list did not answer goes as asked, not for the whole list again', async () => {
    const { up, cached, first } = await clients(() => 300);
    await answer(cached, 'list_tasks', { project_id: first });
    const before = up.requests();
    const missing = await cached.callTool({ name: 'get_task', arguments: { task_id: '999999' } });
    expect(missing.isError).toBe(true);
    expect(up.actionsSince(before)).toEqual(['get_task']);
  });

  it('the look before a write is not widened to the whole account', async () => {
    const { up, cached, task } = await clients(() => 300);
    const before = up.requests();
    await answer(cached, 'update_task', { task_id: task, title: 'Renamed in a test' });
    expect(up.actionsSince(before)).not.toContain('get_all_tasks');
    expect(up.actionsSince(before)).toContain('update_task');
  });

  it.each([
    ['larger than the limit', () => WHOLE_ACCOUNT_MAX_TASKS + 1],
    ['of unknown size (no mirror count yet)', () => undefined],
  ])('an account %s has the project asked listed, not the whole account', async (_what, count) => {
    const { up, cached, first } = await clients(count);
    const before = up.requests();
    await answer(cached, 'list_tasks', { project_id: first });
    expect(up.actionsSince(before)).toEqual(['get_tasks']);
  });
});

describe("a small account's time entries read whole", () => {
  /** The parameters of each get_costs the client sends from now on. */
  function costReads(up: ClockedSandbox): () => string[][] {
    const spy = vi.spyOn(up.client, 'call');
    return () =>
      spy.mock.calls
        .filter(([action]) => action === 'get_costs')
        .map(([, params]) => Object.keys(params ?? {}).sort());
  }

  it('one missed read fetches every cost; other ranges, projects and people follow for free', async () => {
    const { up, cached, uncached } = await clients(() => 300);
    const { data } = up.sandbox;
    const [first, second] = [
      ...new Set([...data.costs.values()].map((c) => data.tasks.get(c.taskId)?.projectId)),
    ]
      .filter((p) => p !== undefined && data.projects.get(p)?.status === 'active')
      .map(String);
    if (!first || !second) throw new Error('the sandbox lacks two active projects with costs');
    await answer(cached, 'list_users', {});
    await answer(cached, 'get_me', {});
    const sent = costReads(up);
    await answer(cached, 'list_time_entries', { date_from: '2026-02-23', date_to: '2026-03-01' });
    expect(sent()).toEqual([[]]);
    const reads: [string, Record<string, unknown>][] = [
      ['list_time_entries', { user: 'me', date_from: '2026-03-02', date_to: '2026-03-02' }],
      ['list_time_entries', { project_id: first }],
      ['list_time_entries', { project_id: second, date_from: '2026-02-01', from_timer: true }],
      ['team_workload', { date_from: '2026-02-23', date_to: '2026-03-01' }],
      ['project_stats', { project_id: first }],
    ];
    for (const [name, args] of reads) {
      const at = sent().length;
      const got = await answer(cached, name, args);
      expect(sent().slice(at), `${name} ${JSON.stringify(args)} asked no costs`).toEqual([]);
      expect(got).toEqual(await answer(uncached, name, args));
    }
  });

  it("a project the account's costs do not show is asked as it is (only Worksection tells an unknown one)", async () => {
    const { up, cached, uncached } = await clients(() => 300);
    const { data } = up.sandbox;
    const costed = new Set([...data.costs.values()].map((c) => data.tasks.get(c.taskId)?.projectId));
    const idle = [...data.projects.values()].find((p) => !costed.has(p.id));
    if (!idle) throw new Error('every sandbox project has costs');
    const sent = costReads(up);
    await answer(cached, 'list_time_entries', {});
    const args = { project_id: String(idle.id) };
    const got = await answer(cached, 'list_time_entries', args);
    expect(sent()).toEqual([[], ['id_project']]);
    expect(got).toEqual(await answer(uncached, 'list_time_entries', args));
    // Asked again past the time window: the project alone, not everything first.
    clock += 130_000;
    const at = sent().length;
    await answer(cached, 'list_time_entries', args);
    expect(sent().slice(at)).toEqual([['id_project']]);
  });

  it('every cost, once it came over 2 MB, is not asked again: a range goes as asked', async () => {
    const { up, cached, uncached, first } = await clients(() => 300);
    const { data } = up.sandbox;
    const [model] = data.costs.values();
    if (!model) throw new Error('the sandbox has no costs');
    // Long comments on old dates: the account's every cost passes 2 MB of JSON (WIDE_MAX_CHARS).
    let id = Math.max(...data.costs.keys());
    for (let i = 0; i < 1_100; i++) {
      id += 1;
      data.costs.set(id, { ...model, id, date: '2025-01-06', comment: `Archive ${'x'.repeat(2_000)}` });
    }
    const sent = costReads(up);
    await answer(cached, 'list_time_entries', { date_from: '2026-02-23', date_to: '2026-03-01' });
    expect(sent()).toEqual([[]]);
    // Past the time window, so the held answer no longer serves.
    clock += 130_000;
    const args = { project_id: first, date_from: '2026-02-23', date_to: '2026-03-01' };
    const got = await answer(cached, 'list_time_entries', args);
    expect(sent().slice(1)).toEqual([['datestart', 'dateend', 'id_project'].sort()]);
    expect(got).toEqual(await answer(uncached, 'list_time_entries', args));
  });

  it('an account not known to be small has the project asked for', async () => {
    const { up, cached, first } = await clients(() => undefined);
    const sent = costReads(up);
    await answer(cached, 'list_time_entries', { project_id: first });
    expect(sent()).toEqual([['id_project']]);
  });
});

describe("a missed activity log asked as the account's eight days", () => {
  const eventReads = (up: ClockedSandbox) => {
    const spy = vi.spyOn(up.client, 'call');
    return () =>
      spy.mock.calls.filter(([action]) => action === 'get_events').map(([, params]) => params ?? {});
  };

  it('a day or more is sent as eight days, the later logs derived; once that came over 2 MB, not again', async () => {
    const { up, cached, uncached, first } = await clients(undefined, () => true);
    const { data } = up.sandbox;
    const sent = eventReads(up);
    await answer(cached, 'list_projects', {});
    await answer(cached, 'get_activity', { period: '2d' });
    expect(sent()).toEqual([{ period: '8d' }]);
    const project = { project_id: first, period: '7d' };
    const week = await answer(cached, 'get_activity', project);
    expect(sent()).toHaveLength(1);
    expect(week).toEqual(await answer(uncached, 'get_activity', project));
    const uncachedReads = sent().length;
    // Five days back, long changes: the account's eight days pass 2 MB of JSON (WIDE_MAX_CHARS).
    const [model] = data.events;
    if (!model) throw new Error('the sandbox has no events');
    for (let i = 0; i < 1_100; i++)
      data.events.push({ ...model, dateAdded: clock - 5 * 86_400_000, new: { text: 'x'.repeat(2_000) } });
    // Past the activity window, so the held log no longer serves.
    clock += 70_000;
    await answer(cached, 'get_activity', { period: '2d' });
    clock += 70_000;
    const got = await answer(cached, 'get_activity', { period: '2d' });
    const shorter = await answer(cached, 'get_activity', { project_id: first, period: '3d' });
    expect(sent().slice(uncachedReads)).toEqual([{ period: '8d' }, { period: '2d' }, { period: '3d' }]);
    expect(got).toEqual(await answer(uncached, 'get_activity', { period: '2d' }));
    expect(shorter).toEqual(await answer(uncached, 'get_activity', { project_id: first, period: '3d' }));
  });

  it("not while the time zone set is not known to be the account's: the log is then cut by Worksection", async () => {
    let zoneRight = false;
    const { up, cached, first } = await clients(undefined, () => zoneRight);
    const sent = eventReads(up);
    await answer(cached, 'list_projects', {});
    await answer(cached, 'get_activity', { period: '2d' });
    await answer(cached, 'get_activity', { project_id: first, period: '3d' });
    zoneRight = true;
    clock += 70_000;
    await answer(cached, 'get_activity', { period: '4d' });
    expect(sent()).toEqual([{ period: '2d' }, { period: '3d' }, { period: '8d' }]);
  });

  it("answers a read from the week's log whatever lies at its period's start: get_activity leaves that minute out", async () => {
    const { up, cached, uncached, keptLogs } = await clients(undefined, () => true);
    const { data } = up.sandbox;
    const [model] = data.events;
    if (!model) throw new Error('the sandbox has no events');
    // Stamped in the minute three days before the read below: only Worksection can tell which side of
    // the cut it is, and the tool leaves that minute out on either.
    const readAt = clock + 40_000;
    data.events.push({ ...model, dateAdded: readAt - 3 * 86_400_000 });
    const sent = eventReads(up);
    await answer(cached, 'get_activity', { period: '2d' });
    // The two days cut at the tool's minute are not Worksection's two days: not kept as them.
    expect(keptLogs()).toEqual([{ period: '8d' }]);
    clock = readAt;
    const got = await answer(cached, 'get_activity', { period: '3d' });
    expect(sent()).toEqual([{ period: '8d' }]);
    expect(got).toEqual(await answer(uncached, 'get_activity', { period: '3d' }));
    expect(got).toMatchObject({
      since: new Date(START - 3 * 86_400_000 + 120_000).toISOString().slice(0, 16),
    });
  });

  it("with the zone not known right, not when a held log shows an event too close to the period's start: that would fail the same", async () => {
    const { up, cached, uncached, first } = await clients(undefined, () => false);
    const { data } = up.sandbox;
    const model = data.events.find((e) => e.page.startsWith(`/project/${first}/`));
    if (!model) throw new Error('the sandbox has no events of the project');
    const readAt = clock + 40_000;
    data.events.push({ ...model, dateAdded: readAt - 3 * 86_400_000 });
    const sent = eventReads(up);
    await answer(cached, 'list_projects', {});
    await answer(cached, 'get_activity', { period: '3d' });
    clock = readAt;
    const asked = { project_id: first, period: '3d' };
    const got = await answer(cached, 'get_activity', asked);
    // Not the account's three days again: its held one could not place the project's event either.
    expect(sent()).toEqual([{ period: '3d' }, { period: '3d', id_project: first }]);
    expect(got).toEqual(await answer(uncached, 'get_activity', asked));
  });
});
