// The response cache at work: through the MCP server over the sandbox (the sandbox's request log says
// what reached Worksection), and around a scripted Upstream for the races and failures.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorksectionApiError } from '../worksection/errors.js';
import type { ActionResponse, JsonActionName } from '../worksection/schemas.js';
import type { WsParams } from '../worksection/transport.js';
import { openDatabase, type Db } from '../store/db.js';
import { createResponseCache, type ResponseCache } from '../store/response-cache.js';
import { cacheKeyOf } from './cache-policy.js';
import { TEST_FRESH_SECONDS } from './testing/fresh-seconds.js';
import { createResponseCacheScope } from './cached-responses.js';
import { createHarness, type Harness } from '../mcp/testing/harness.js';
import type { CallStats, Upstream } from './upstream.js';

const FRESH = TEST_FRESH_SECONDS;

const START = Date.UTC(2026, 2, 2, 9);
let clock = START;
let h: Harness;

/** API requests the sandbox received (optionally of one action). */
const upstream = (action?: string) =>
  h.sandbox.requests().filter((r) => r.path.startsWith('/api/') && (!action || r.action === action)).length;
const content = (r: { structuredContent?: unknown }) => r.structuredContent as Record<string, unknown>;

function busiestProject(): { project: string; tasks: string[] } {
  const { data } = h.sandbox;
  const byProject = new Map<number, number[]>();
  for (const t of data.tasks.values()) {
    if (t.publishAt !== undefined || data.projects.get(t.projectId)?.status !== 'active') continue;
    byProject.set(t.projectId, [...(byProject.get(t.projectId) ?? []), t.id]);
  }
  const [project, tasks] = [...byProject].sort((a, b) => b[1].length - a[1].length)[0] ?? [0, []];
  return { project: String(project), tasks: tasks.map(String) };
}

describe('response cache through the MCP server', () => {
  beforeEach(async () => {
    clock = START;
    h = await createHarness({ cache: FRESH, now: () => new Date(clock) });
  });
  afterEach(() => h.close());

  it('answers a repeated read from what it holds and says when that was fetched', async () => {
    const first = await h.callTool('list_users');
    clock += 60_000;
    const again = await h.callTool('list_users');
    expect(upstream('get_users')).toBe(1);
    expect(content(first).fetched_at).toBe(new Date(START).toISOString());
    expect(content(again).fetched_at).toBe(new Date(START).toISOString());
    expect({ ...content(again), fetched_at: 0 }).toEqual({ ...content(first), fetched_at: 0 });
  });

  it('counts each call: upstream requests, held answers, and the age of the oldest data used', async () => {
    const a = h.ctx();
    await a.ws.call('get_users');
    expect(a.stats).toEqual({ upstreamRequests: 1, cacheHits: 0, fetchedAt: START });
    clock += 5_000;
    const b = h.ctx();
    await b.ws.call('get_users');
    await b.ws.call('get_projects');
    expect(b.stats).toEqual({ upstreamRequests: 1, cacheHits: 1, fetchedAt: START });
  });

  it('fetches anew when asked for fresh data, and once the kind of data is older than its window', async () => {
    const { project } = busiestProject();
    await h.callTool('list_tasks', { project_id: project });
    await h.callTool('list_users');
    clock += 30_000;
    const fresh = await h.callTool('list_users', { fresh: true });
    expect(upstream('get_users')).toBe(2);
    expect(content(fresh).fetched_at).toBe(new Date(clock).toISOString());
    const before = upstream('get_tasks');
    await h.callTool('list_tasks', { project_id: project });
    expect(upstream('get_tasks')).toBe(before);
    clock += 121_000; // past the tasks window, within the people one
    await h.callTool('list_tasks', { project_id: project });
    await h.callTool('list_users');
    expect(upstream('get_tasks')).toBe(before + 1);
    expect(upstream('get_users')).toBe(2);
  });

  it('answers a task of a listed project, and searches in it, from the project fetched once', async () => {
    const { project, tasks } = busiestProject();
    await h.callTool('list_tasks', { project_id: project });
    const requests = upstream();
    for (const id of tasks.slice(0, 5)) {
      const task = await h.callTool('get_task', { task_id: id });
      expect(task.isError).toBeFalsy();
      expect(content(task).fetched_at).toBe(new Date(START).toISOString());
    }
    await h.callTool('project_stats', { project_id: project });
    expect(upstream('get_task')).toBe(0);
    expect(upstream() - requests).toBe(2); // project_stats: the project and its time entries
    // The project's searches too: its list (fetched whole, with subtasks) holds every task they can find.
    await h.callTool('list_tasks', { project_id: project, overdue: true });
    await h.callTool('list_tasks', { project_id: project, status: 'done' });
    await h.callTool('list_tasks', { project_id: project, status: 'all', name_contains: 'a' });
    expect(upstream('search_tasks')).toBe(0);
    expect(upstream() - requests).toBe(2);
  });

  it('follows writes: the new comment, task and status show at once', async () => {
    const { project, tasks } = busiestProject();
    const task = tasks[0] ?? '';
    await h.callTool('list_comments', { task_id: task });
    await h.callTool('get_task', { task_id: task });
    const posted = await h.callTool('post_comment', { task_id: task, text: 'Cached? No.' });
    expect(content(posted)).not.toHaveProperty('fetched_at'); // writes answer what they just did
    const comments = await h.callTool('list_comments', { task_id: task });
    expect(JSON.stringify(content(comments).items)).toContain('Cached? No.');
    expect(upstream('get_comments')).toBe(1); // written through, not fetched again
    const detail = await h.callTool('get_task', { task_id: task });
    expect(JSON.stringify(content(detail).latest_comments)).toContain('Cached? No.');

    await h.callTool('list_tasks', { project_id: project });
    const created = await h.callTool('create_task', { project_id: project, title: 'Brand new' });
    const listed = await h.callTool('list_tasks', { project_id: project, name_contains: 'Brand new' });
    expect(content(listed).total_count).toBe(1);
    const id = (content(created).task as { id: string }).id;
    await h.callTool('set_task_status', { task_id: id, status: 'done' });
    const after = await h.callTool('get_task', { task_id: id });
    expect(content(after).status).toBe('done');
  });

  it('asks Worksection every time for get_me check=true', async () => {
    await h.callTool('get_me', { check: true });
    await h.callTool('get_me', { check: true });
    expect(upstream('me')).toBe(2);
  });
});

/** An Upstream answering from a script, counting what it was asked. */
function scripted(answer: (action: string, params: WsParams) => Promise<unknown>) {
  const asked: string[] = [];
  const base: Upstream = {
    call: (async (action: JsonActionName, params?: WsParams) => {
      asked.push(`${action} ${JSON.stringify(params ?? {})}`);
      return answer(action, params ?? {});
    }) as Upstream['call'],
    download: () => Promise.reject(new Error('no downloads here')),
  };
  return { base, asked };
}

describe('response cache around a scripted upstream', () => {
  let db: Db;
  let cache: ResponseCache;
  const errors: unknown[] = [];
  const stats = (): CallStats => ({ upstreamRequests: 0, cacheHits: 0 });
  const scope = () =>
    createResponseCacheScope({
      cache,
      account: 'acc',
      freshSeconds: FRESH,
      now: () => clock,
      onError: (e) => errors.push(e),
    });
  const users = { status: 'ok', data: [] } as ActionResponse<'get_users'>;

  beforeEach(() => {
    clock = START;
    errors.length = 0;
    db = openDatabase(':memory:');
    cache = createResponseCache(db, { maxBytes: 1_048_576, maxAgeMs: 3_600_000, now: () => clock });
  });
  afterEach(() => db.close());

  it('uses but does not keep a read that overlapped a write', async () => {
    let release: (v: unknown) => void = () => undefined;
    const { base, asked } = scripted((action) =>
      action === 'get_users' && asked.length === 1
        ? new Promise((r) => (release = r))
        : Promise.resolve(users),
    );
    const ws = scope().wrap(base, stats());
    const read = ws.call('get_users');
    await ws.call('add_user', { email: 'new@example.com' });
    release(users);
    expect(await read).toEqual(users);
    await ws.call('get_users');
    expect(asked.filter((a) => a.startsWith('get_users'))).toHaveLength(2);
  });

  it('goes upstream when the store fails, and says so', async () => {
    const { base, asked } = scripted(() => Promise.resolve(users));
    const ws = scope().wrap(base, stats());
    db.close();
    expect(await ws.call('get_users')).toEqual(users);
    expect(await ws.call('get_users')).toEqual(users);
    expect(asked).toHaveLength(2);
    expect(errors.length).toBeGreaterThan(0);
    db = openDatabase(':memory:'); // for afterEach
  });

  it('fetches again a held answer that no longer matches its schema', async () => {
    const { base, asked } = scripted(() => Promise.resolve(users));
    const { key, params } = cacheKeyOf('get_users');
    cache.put('acc', {
      key,
      params,
      action: 'get_users',
      kind: 'people',
      fetchedAt: clock,
      body: { data: 'old shape' },
    });
    expect(await scope().wrap(base, stats()).call('get_users')).toEqual(users);
    expect(asked).toHaveLength(1);
  });

  it('asks as asked when Worksection refuses the wider read, and stops trying it', async () => {
    const list = { status: 'ok', data: [] };
    const { base, asked } = scripted((_action, params) =>
      String(params.extra).includes('comments')
        ? Promise.reject(new WorksectionApiError('get_tasks', 'Too many tasks (10000 max)'))
        : Promise.resolve(list),
    );
    const s = scope();
    expect(await s.wrap(base, stats()).call('get_tasks', { id_project: 1, filter: 'active' })).toEqual(list);
    expect(await s.wrap(base, stats()).call('get_tasks', { id_project: 1, extra: 'subtasks' })).toEqual(list);
    expect(asked).toEqual([
      'get_tasks {"id_project":"1","extra":"comments,files,relations,subscribers,subtasks,text"}',
      'get_tasks {"id_project":1,"filter":"active"}',
      'get_tasks {"id_project":1,"extra":"subtasks"}',
    ]);
  });
});
