// Derived answers must be what Worksection itself answers: each case fetches a list from the sandbox,
// derives reads from it, and compares them with the sandbox's own answer to those reads.
import { testNow } from '../../worksection/testing/test-clock.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorksectionClient } from '../../worksection/client.js';
import { ACTION_RESPONSES, type JsonActionName } from '../../worksection/schemas.js';
import type { WsParams } from '../../worksection/transport.js';
import type { EntrySelector, CachedEntry } from '../../store/response-cache.js';
import { deriveAnswer, type DeriveSource } from './index.js';
import { cacheKeyOf } from '../cache-policy.js';
import { createSandboxContext, type SandboxContext } from '../../mcp/testing/sandbox-context.js';

type Cached = CachedEntry & { body: unknown };

/** A DeriveSource over answers fetched from the sandbox (as the store would hold them). */
function sourceOf(cached: Cached[]): DeriveSource {
  const matches = (e: Cached, s: EntrySelector) =>
    s.actions.includes(e.action) &&
    (!s.param || e.params[s.param[0]] === s.param[1]) &&
    (s.bodyHas === undefined || JSON.stringify(e.body).includes(s.bodyHas));
  return {
    find: (s) => cached.filter((e) => matches(e, s)),
    body: (key) => cached.find((e) => e.key === key)?.body,
  };
}

let sc: SandboxContext;
let client: WorksectionClient;

async function fetchCached(action: JsonActionName, params: WsParams): Promise<Cached> {
  const body = await client.call(action, params);
  return { ...cacheKeyOf(action, params), action, fetchedAt: 1, body };
}

async function expectSameAsUpstream(action: JsonActionName, params: WsParams, cached: Cached[]) {
  const derived = deriveAnswer(action, cacheKeyOf(action, params).params, sourceOf(cached));
  expect(derived, `${action} ${JSON.stringify(params)} derivable`).toBeDefined();
  const upstream = await client.call(action, params);
  expect(ACTION_RESPONSES[action].parse(derived?.body)).toEqual(upstream);
}

beforeAll(async () => {
  sc = await createSandboxContext();
  client = sc.client;
});
afterAll(() => sc.close());

/** A project with subtasks two levels deep and both open and done tasks. */
function richProject(): string {
  const { data } = sc.sandbox;
  for (const p of data.projects.values()) {
    if (p.status === 'archive') continue;
    const tasks = [...data.tasks.values()].filter((t) => t.projectId === p.id);
    const grandchild = tasks.some((t) => t.parentId !== undefined && data.tasks.get(t.parentId)?.parentId);
    if (grandchild && tasks.some((t) => t.status === 'done')) return String(p.id);
  }
  throw new Error('the generated account has no project with sub-subtasks and done tasks');
}

describe('derived answers equal the upstream answer', () => {
  it('get_task (any level, any covered extras, filter) from a project list', async () => {
    const project = richProject();
    const list = await fetchCached('get_tasks', {
      id_project: project,
      extra: 'subtasks,text,files,relations',
    });
    const ids = [...sc.sandbox.data.tasks.values()]
      .filter((t) => String(t.projectId) === project)
      .map((t) => String(t.id));
    const published = new Set(JSON.stringify(list.body).match(/"id":"\d+"/g));
    let checked = 0;
    for (const id of ids.filter((i) => published.has(`"id":"${i}"`))) {
      await expectSameAsUpstream('get_task', { id_task: id }, [list]);
      await expectSameAsUpstream('get_task', { id_task: id, extra: 'text,subtasks' }, [list]);
      await expectSameAsUpstream('get_task', { id_task: id, extra: 'subtasks', filter: 'active' }, [list]);
      await expectSameAsUpstream('get_task', { id_task: id, extra: 'relations, files' }, [list]);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(5);
  });

  it('get_task with filter=active from an active list, and nothing a list cannot show', async () => {
    const project = richProject();
    const active = await fetchCached('get_tasks', {
      id_project: project,
      filter: 'active',
      extra: 'subtasks',
    });
    const first = (active.body as { data: { id: string }[] }).data[0];
    expect(first).toBeDefined();
    const id = first?.id ?? '';
    await expectSameAsUpstream('get_task', { id_task: id, extra: 'subtasks', filter: 'active' }, [active]);
    await expectSameAsUpstream('get_task', { id_task: id }, [active]);
    const derive = (params: WsParams, cached: Cached[]) =>
      deriveAnswer('get_task', cacheKeyOf('get_task', params).params, sourceOf(cached));
    // Done subtasks are missing from an active list; comments and subscribers were not asked for.
    expect(derive({ id_task: id, extra: 'subtasks' }, [active])).toBeUndefined();
    expect(derive({ id_task: id, extra: 'comments' }, [active])).toBeUndefined();
    expect(derive({ id_task: id, extra: 'subscribers' }, [active])).toBeUndefined();
    expect(derive({ id_task: id, extra: 'html' }, [active])).toBeUndefined();
    expect(derive({ id_task: '999999999' }, [active])).toBeUndefined();
  });

  it('get_tasks filter=active and fewer extras from an unfiltered list', async () => {
    const project = richProject();
    const all = await fetchCached('get_tasks', { id_project: project, extra: 'subtasks,text' });
    await expectSameAsUpstream('get_tasks', { id_project: project, filter: 'active', extra: 'subtasks' }, [
      all,
    ]);
    await expectSameAsUpstream('get_tasks', { id_project: project, extra: 'subtasks' }, [all]);
    await expectSameAsUpstream('get_tasks', { id_project: project, filter: 'active' }, [all]);
    await expectSameAsUpstream('get_tasks', { id_project: project }, [all]);
  });

  it("a project's tasks and the active ones from get_all_tasks", async () => {
    const project = richProject();
    const all = await fetchCached('get_all_tasks', { extra: 'subtasks' });
    await expectSameAsUpstream('get_tasks', { id_project: project, extra: 'subtasks' }, [all]);
    await expectSameAsUpstream('get_tasks', { id_project: project, filter: 'active', extra: 'subtasks' }, [
      all,
    ]);
    await expectSameAsUpstream('get_all_tasks', { filter: 'active', extra: 'subtasks' }, [all]);
    await expectSameAsUpstream('get_all_tasks', { filter: 'active' }, [all]);
    const archived = [...sc.sandbox.data.projects.values()].find((p) => p.status === 'archive');
    if (archived) {
      const params = cacheKeyOf('get_tasks', { id_project: String(archived.id) }).params;
      // Not in get_all_tasks: archived, empty or unknown, which only Worksection can tell.
      expect(deriveAnswer('get_tasks', params, sourceOf([all]))).toBeUndefined();
    }
    const withArchive = cacheKeyOf('get_all_tasks', { extra: 'subtasks,archive' }).params;
    expect(deriveAnswer('get_all_tasks', withArchive, sourceOf([all]))).toBeUndefined();
  });

  it('never derives from an active list what needs done tasks, nor searches', async () => {
    const project = richProject();
    const active = await fetchCached('get_tasks', {
      id_project: project,
      filter: 'active',
      extra: 'subtasks',
    });
    const src = sourceOf([active]);
    expect(
      deriveAnswer(
        'get_tasks',
        cacheKeyOf('get_tasks', { id_project: project, extra: 'subtasks' }).params,
        src,
      ),
    ).toBeUndefined();
    expect(
      deriveAnswer('search_tasks', cacheKeyOf('search_tasks', { id_project: project }).params, src),
    ).toBeUndefined();
  });
});

describe('derived searches, costs and projects equal the upstream answer', () => {
  const users = () => [...sc.sandbox.data.users.values()].map((u) => u.email).sort();
  const cached = (action: JsonActionName, params: WsParams) => fetchCached(action, params);

  it('narrower searches from a held search of the whole project', async () => {
    const project = richProject();
    const whole = await cached('search_tasks', { id_project: project });
    const people = await cached('get_users', {});
    const today = new Date(testNow()).toISOString().slice(0, 10).split('-').reverse().join('.');
    for (const params of [
      { id_project: project, status: 'done' },
      { id_project: project, status: 'active', filter: `dateend<'${today}'` },
      { id_project: project, filter: "name has 'e' or dateadd>='01.01.2020'" },
      ...users().map((email) => ({ id_project: project, email_user_to: email, status: 'active' })),
    ]) {
      await expectSameAsUpstream('search_tasks', params, [whole, people]);
    }
    // Without the user list, an email might be unknown: Worksection's error, not an empty answer.
    const params = cacheKeyOf('search_tasks', { id_project: project, email_user_to: users()[0] }).params;
    expect(deriveAnswer('search_tasks', params, sourceOf([whole]))).toBeUndefined();
    const bad = cacheKeyOf('search_tasks', { id_project: project, filter: 'priority >= 7' }).params;
    expect(deriveAnswer('search_tasks', bad, sourceOf([whole, people]))).toBeUndefined();
  });

  it('searches by task id or parent from a held project list', async () => {
    const project = richProject();
    const list = await cached('get_tasks', { id_project: project, extra: 'subtasks' });
    const tasks = [...sc.sandbox.data.tasks.values()].filter((t) => String(t.projectId) === project);
    const listed = JSON.stringify(list.body);
    const visible = tasks.filter((t) => listed.includes(`"id":"${t.id}"`));
    const ids = visible.slice(0, 6).map((t) => t.id);
    await expectSameAsUpstream('search_tasks', { filter: `id in (${ids.join(', ')})` }, [list]);
    const parent = visible.find((t) => tasks.some((c) => c.parentId === t.id));
    await expectSameAsUpstream('search_tasks', { filter: `parent=${parent?.id}` }, [list]);
    await expectSameAsUpstream('search_tasks', { id_task: String(ids[0]) }, [list]);
  });

  it("a whole project's searches from its held list (or a held get_all_tasks), and no more", async () => {
    const project = richProject();
    const list = await cached('get_tasks', { id_project: project, extra: 'comments,subtasks,text' });
    const people = await cached('get_users', {});
    const today = new Date(testNow()).toISOString().slice(0, 10).split('-').reverse().join('.');
    const searches: WsParams[] = [
      { id_project: project },
      { id_project: project, status: 'done' },
      { id_project: project, status: 'active', filter: `dateend<'${today}'` },
      { id_project: project, filter: "name has 'E'", extra: 'text' },
      ...users().map((email) => ({ id_project: project, email_user_to: email, status: 'active' })),
    ];
    for (const params of searches) await expectSameAsUpstream('search_tasks', params, [list, people]);
    const all = await cached('get_all_tasks', { extra: 'subtasks' });
    await expectSameAsUpstream('search_tasks', { id_project: project, status: 'done' }, [all]);
    const derive = (params: WsParams, held: Cached[]) =>
      deriveAnswer('search_tasks', cacheKeyOf('search_tasks', params).params, sourceOf(held));
    // Files were not listed; an html search needs html; without subtasks the list misses tasks.
    expect(derive({ id_project: project, extra: 'files' }, [list])).toBeUndefined();
    expect(derive({ id_project: project, extra: 'html' }, [list])).toBeUndefined();
    const flat = await cached('get_tasks', { id_project: project, extra: 'text' });
    expect(derive({ id_project: project }, [flat])).toBeUndefined();
    // Another project's list tells nothing of this one; no key at all is Worksection's error.
    const other = [...sc.sandbox.data.projects.keys()].map(String).find((id) => id !== project);
    expect(derive({ id_project: other ?? '' }, [list])).toBeUndefined();
    expect(derive({ status: 'done' }, [list])).toBeUndefined();

    // A project get_all_tasks lists no task of: empty if the project list says it is one it covers.
    const empty = await sc.client.call('post_project', { title: 'Nothing yet' });
    const emptyId = String((empty as { data: { id: string } }).data.id);
    const held = [await cached('get_all_tasks', { extra: 'subtasks' }), await cached('get_projects', {})];
    await expectSameAsUpstream('search_tasks', { id_project: emptyId }, held);
    const archived = [...sc.sandbox.data.projects.values()].find((p) => p.status === 'archive');
    expect(derive({ id_project: String(archived?.id) }, held)).toBeUndefined();
    expect(derive({ id_project: emptyId }, held.slice(0, 1))).toBeUndefined();
  });

  it("account-wide searches and get_all_tasks from every project's held list", async () => {
    const projects = await cached('get_projects', { extra: 'text' });
    const lists: Cached[] = [];
    for (const p of sc.sandbox.data.projects.values()) {
      const list = await cached('get_tasks', { id_project: String(p.id), extra: 'comments,subtasks,text' });
      lists.push({ ...list, fetchedAt: 10 + lists.length });
    }
    const people = await cached('get_users', {});
    const held = [{ ...projects, fetchedAt: 5 }, ...lists, people];
    const [someone] = users();
    for (const params of [
      { filter: "name has 'a'" },
      { filter: "name has 'A' and dateadd>='01.01.2020'", status: 'done' },
      { email_user_to: someone ?? '', status: 'active' },
      { email_user_to: 'NOONE' },
    ]) {
      await expectSameAsUpstream('search_tasks', params, held);
    }
    await expectSameAsUpstream('get_all_tasks', { filter: 'active', extra: 'subtasks' }, held);
    await expectSameAsUpstream('get_all_tasks', { extra: 'subtasks,archive,text' }, held);
    await expectSameAsUpstream('get_all_tasks', {}, held);
    const search = cacheKeyOf('search_tasks', { filter: "name has 'a'" }).params;
    // As old as the oldest answer it used (the project list).
    expect(deriveAnswer('search_tasks', search, sourceOf(held))?.fetchedAt).toBe(5);

    // One project's list missing: the set is incomplete. The search covers archived projects too, a
    // get_all_tasks without extra=archive does not.
    const archived = [...sc.sandbox.data.projects.values()].find((p) => p.status === 'archive');
    expect(archived, 'the generated account has an archived project').toBeDefined();
    const without = held.filter((e) => e.params.id_project !== String(archived?.id));
    expect(deriveAnswer('search_tasks', search, sourceOf(without))).toBeUndefined();
    await expectSameAsUpstream('get_all_tasks', { filter: 'active', extra: 'subtasks' }, without);
    const all = cacheKeyOf('get_all_tasks', { extra: 'archive,subtasks' }).params;
    expect(deriveAnswer('get_all_tasks', all, sourceOf(without))).toBeUndefined();
    expect(deriveAnswer('search_tasks', search, sourceOf(lists))).toBeUndefined();
    // A get_all_tasks covers the account's searches only with extra=archive.
    const open = await cached('get_all_tasks', { extra: 'subtasks' });
    expect(deriveAnswer('search_tasks', search, sourceOf([open]))).toBeUndefined();
    const every = await cached('get_all_tasks', { extra: 'subtasks,archive' });
    await expectSameAsUpstream('search_tasks', { filter: "name has 'a'" }, [every]);
  });

  it('a task of delayed publication is absent from the list, the search and the derived search', async () => {
    // The sandbox applies one rule (model.ts isTaskPublished: a task and its subtasks stay hidden until
    // the publication time) to every read. The account of seed 7 has a subtask under a delayed task.
    const seven = await createSandboxContext({ sandbox: { seed: 7 } });
    try {
      const { data } = seven.sandbox;
      const hidden = [...data.tasks.values()].find(
        (t) => t.parentId !== undefined && data.tasks.get(t.parentId)?.publishAt !== undefined,
      );
      expect(hidden, 'a subtask under a delayed task').toBeDefined();
      const project = String(hidden?.projectId);
      const fetched = async (action: JsonActionName, params: WsParams): Promise<Cached> => ({
        ...cacheKeyOf(action, params),
        action,
        fetchedAt: 1,
        body: await seven.client.call(action, params),
      });
      const held = [await fetched('get_projects', {})];
      for (const p of data.projects.values()) {
        held.push(await fetched('get_tasks', { id_project: String(p.id), extra: 'subtasks' }));
      }
      const hiddenId = `"id":"${hidden?.id}"`;
      expect(JSON.stringify(held)).not.toContain(hiddenId);
      // A name of the account's own script, found whatever its case.
      const name = 'Проверка отчёта';
      const visible = [...data.tasks.values()].find((t) => t.projectId === hidden?.projectId && !t.publishAt);
      await seven.client.call('update_task', { id_task: String(visible?.id), title: name });
      held[1 + [...data.projects.keys()].indexOf(hidden?.projectId ?? -1)] = await fetched('get_tasks', {
        id_project: project,
        extra: 'subtasks',
      });
      for (const params of [
        { id_project: project },
        { filter: `project=${project}` },
        { filter: "name has 'ОТЧЁТ'" },
        { id_project: project, filter: "name has 'проверка'" },
      ]) {
        const search = cacheKeyOf('search_tasks', params).params;
        const derived = deriveAnswer('search_tasks', search, sourceOf(held));
        const upstream = await seven.client.call('search_tasks', params);
        expect(JSON.stringify(upstream)).not.toContain(hiddenId);
        expect(ACTION_RESPONSES.search_tasks.parse(derived?.body)).toEqual(upstream);
      }
      const named = await seven.client.call('search_tasks', { filter: "name has 'ОТЧЁТ'" });
      expect(named.data.map((t) => t.name)).toContain(name);
    } finally {
      await seven.close();
    }
  });

  it('costs of a narrower range, a project, or timer entries from held costs', async () => {
    const costs = [...sc.sandbox.data.costs.values()];
    const dates = costs.map((c) => c.date).sort();
    const ws = (iso: string | undefined) => iso?.split('-').reverse().join('.') ?? '';
    const [from, to] = [dates[Math.floor(dates.length / 4)], dates[Math.floor((3 * dates.length) / 4)]];
    const project = String(sc.sandbox.data.tasks.get(costs[0]?.taskId ?? -1)?.projectId);
    const all = await cached('get_costs', {});
    const range = await cached('get_costs', { datestart: ws(dates[0]), dateend: ws(dates.at(-1)) });
    const ofProject = await cached('get_costs', { id_project: project });
    await expectSameAsUpstream('get_costs', { datestart: ws(from), dateend: ws(to) }, [range]);
    await expectSameAsUpstream('get_costs', { id_project: project, datestart: ws(from), dateend: ws(to) }, [
      all,
    ]);
    await expectSameAsUpstream('get_costs', { id_project: project, datestart: ws(from) }, [ofProject]);
    await expectSameAsUpstream('get_costs', { is_timer: 1 }, [all]);
    // A wider range than cached, or another task, is Worksection's to answer.
    const wider = cacheKeyOf('get_costs', { datestart: '01.01.2000' }).params;
    expect(deriveAnswer('get_costs', wider, sourceOf([range]))).toBeUndefined();
  });

  it('projects and project lists from a held list of every project with every part', async () => {
    const whole = await cached('get_projects', { extra: 'options,text,users' });
    const some = [...sc.sandbox.data.projects.values()].map((p) => String(p.id));
    for (const filter of ['active', 'pending', 'archive']) {
      await expectSameAsUpstream('get_projects', { filter }, [whole]);
    }
    await expectSameAsUpstream('get_projects', { extra: 'users' }, [whole]);
    for (const id of some) {
      await expectSameAsUpstream('get_project', { id_project: id, extra: 'text,options,users' }, [whole]);
      await expectSameAsUpstream('get_project', { id_project: id }, [whole]);
    }
    const html = cacheKeyOf('get_project', { id_project: some[0], extra: 'html' }).params;
    expect(deriveAnswer('get_project', html, sourceOf([whole]))).toBeUndefined();
  });
});
