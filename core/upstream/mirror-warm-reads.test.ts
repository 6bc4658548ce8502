// End to end, as an assistant sees it: an SDK Client calling the MCP server over the sandbox, with the
// mirror syncing into the response cache. After a quiet activity poll, a task's discussion (list_comments)
// and the activity log (get_activity) are answered without a request to Worksection, and equal what the
// product answers with no cache at all; a comment posted straight to Worksection (not through the product)
// shows once the next poll has seen it (a long discussion completed by the project's listing, not read
// again); a comment posted through the product is written into the held task
// answers, so the project's task list and the task answer with no request after it. An activity log is
// kept current by the polls' events, our own writes' too; one project's is asked as the account's, and the
// other projects' logs then cost no request. The mirror's project list answers get_project too. A read
// that only needs a poll's word, when the background polls have fallen behind, has one sent at once.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Mirror, MirrorOptions } from '../mirror/mirror.js';
import { backgroundSource, MirrorSync } from '../mirror/sync.js';
import { syncUntilIdle } from '../mirror/testing/test-mirror.js';
import { searchMirror } from '../mirror/search.js';
import type { RunningSandbox } from '../sandbox/server.js';
import type { WorksectionClient } from '../worksection/client.js';
import type { FreshSeconds } from './cache-policy.js';
import { answer, warmMirror, type WarmMirror } from './testing/warm-mirror.js';

// The product's default windows (config.ts): what the mirror's polls must keep answers within.
const FRESH: FreshSeconds = {
  timers: 10,
  tasks: 120,
  comments: 120,
  files: 120,
  time: 120,
  activity: 60,
  projects: 600,
  people: 900,
  tags: 900,
  webhooks: 120,
};
const START = Date.UTC(2026, 2, 2, 9, 0, 30);
let clock = START;
let upstream: WarmMirror;
let sandbox: RunningSandbox;
let client: WorksectionClient;
let mirror: Mirror;
const closers: (() => Promise<void>)[] = [];

let cached: Client;
let uncached: Client;
/** What the response cache asks for a poll with (none unless a test says). */
let confirmNow: (() => Promise<'sent' | 'recent' | 'none'>) | undefined;

/** The mirror first synced (with `mirrorOpts` besides the defaults here). */
async function warm(mirrorOpts: Partial<MirrorOptions> = {}): Promise<void> {
  clock = START;
  confirmNow = undefined;
  upstream = await warmMirror({
    now: () => clock,
    fresh: FRESH,
    confirmNow: () => confirmNow?.() ?? Promise.resolve('none' as const),
    // Signed in as a user, as the sandbox client is: the full pass reads "me" too.
    mirror: { signedIn: true, ...mirrorOpts },
    closers,
  });
  ({ sandbox, client, mirror, cached, uncached } = upstream);
}
beforeEach(() => warm());
/** The periods the mirror's polls ask from now on (the uncached client's reads share the client). */
function mirrorPolls(): () => unknown[] {
  const asked = vi.spyOn(client, 'call');
  return () =>
    asked.mock.calls
      .filter(([action, , o]) => action === 'get_events' && o?.caller === 'mirror')
      .map(([, params]) => params?.period);
}

/** Starts over with other mirror options. */
async function closeAndRewarm(mirrorOpts: Partial<MirrorOptions>): Promise<void> {
  for (const close of closers.splice(0)) await close();
  await warm(mirrorOpts);
}
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

const requests = () => upstream.requests();
const readsFromHeld = (reads: [string, Record<string, unknown>][]) => upstream.readsFromHeld(reads);

/** Moves the clocks on and runs the mirror's due steps (an activity poll every 60 s). */
async function passes(ms: number): Promise<void> {
  clock += ms;
  await syncUntilIdle(mirror);
}

/**
 * After a poll, the account's activity log of `period` read, then a comment posted through the product on
 * a long discussion 5 s later (its task answered).
 */
async function heldLogThenOurComment(period: string): Promise<string> {
  const task = longDiscussion();
  await passes(70_000);
  await answer(cached, 'get_activity', { period });
  clock += 5_000;
  await answer(cached, 'post_comment', { task_id: task, text: 'Posted through the product' });
  return task;
}

/** A task whose discussion is longer than a task shows (the mirror reads it whole). */
function longDiscussion(): string {
  const { data } = sandbox;
  for (const t of data.tasks.values()) {
    const n = data.index.commentsByTask.get(t.id)?.length ?? 0;
    if (n > 5 && t.publishAt === undefined && data.projects.get(t.projectId)?.status === 'active') {
      return String(t.id);
    }
  }
  throw new Error('no task with a long discussion');
}

describe('with the mirror warm', () => {
  it('list_comments and get_activity cost no request after a quiet poll, and answer as uncached', async () => {
    const task = longDiscussion();
    const reads: [string, Record<string, unknown>][] = [
      ['list_comments', { task_id: task }],
      ['get_activity', { period: '1d' }],
    ];
    // The first polls of a process report the account's latest events; the reads follow them.
    await passes(70_000);
    await passes(70_000);
    for (const [name, args] of reads) await answer(cached, name, args);
    // Past the activity and comments windows, kept current by quiet polls.
    await passes(70_000);
    await passes(70_000);
    await readsFromHeld(reads);
  });

  it('after post_comment through the product, list_tasks and get_task cost no request', async () => {
    const task = longDiscussion();
    const project = String(sandbox.data.tasks.get(Number(task))?.projectId);
    const reads: [string, Record<string, unknown>][] = [
      ['list_tasks', { project_id: project }],
      ['get_task', { task_id: task }],
    ];
    await passes(70_000);
    for (const [name, args] of reads) await answer(cached, name, args);
    clock += 5_000;
    await answer(cached, 'post_comment', { task_id: task, text: 'Posted through the product' });
    await readsFromHeld(reads);
    const detail = await answer(cached, 'get_task', { task_id: task });
    expect(JSON.stringify(detail)).toContain('Posted through the product');
  });

  it('a comment posted straight to Worksection shows after the next poll', async () => {
    const task = longDiscussion();
    await passes(70_000);
    await answer(cached, 'list_comments', { task_id: task });
    await answer(cached, 'get_activity', { period: '1d' });
    clock += 5_000;
    await client.call('post_comment', { id_task: task, text: 'Posted in the web app' });
    await passes(60_000);
    const comments = await answer(cached, 'list_comments', { task_id: task });
    expect(JSON.stringify(comments)).toContain('Posted in the web app');
    expect(comments).toEqual(await answer(uncached, 'list_comments', { task_id: task }));
    const activity = await answer(cached, 'get_activity', { period: '1d' });
    expect(JSON.stringify(activity)).toContain('Posted in the web app');
    expect(activity).toEqual(await answer(uncached, 'get_activity', { period: '1d' }));
  });

  it('a comment posted straight to Worksection on a long discussion is completed by the listing, not read again', async () => {
    const task = longDiscussion();
    await passes(70_000);
    const asked = vi.spyOn(client, 'call');
    clock += 5_000;
    await client.call('post_comment', { id_task: task, text: 'Posted in the web app' });
    await passes(60_000);
    const mirrorReads = asked.mock.calls.filter(([, , o]) => o?.caller === 'mirror').map(([a]) => a);
    expect(mirrorReads).toContain('get_events');
    expect(mirrorReads.some((a) => a === 'get_tasks' || a === 'get_all_tasks')).toBe(true);
    expect(mirrorReads).not.toContain('get_comments');
    const hits = searchMirror(mirror.store, { text: '"Posted in the web app"', kind: 'comment', limit: 5 });
    expect(hits.hits.map((h) => h.task?.id)).toEqual([task]);
    const comments = await answer(cached, 'list_comments', { task_id: task });
    expect(JSON.stringify(comments)).toContain('Posted in the web app');
    expect(comments).toEqual(await answer(uncached, 'list_comments', { task_id: task }));
  });

  it("get_activity after writes: the next poll adds their events (ours and someone else's) to the held log", async () => {
    const task = await heldLogThenOurComment('1d');
    await client.call('post_comment', { id_task: task, text: 'Posted in the web app' });
    // Until a poll brings our comment's event the held log lacks it: a read it would serve is sent.
    const before = requests();
    const shorter = await answer(cached, 'get_activity', { period: '12h' });
    expect(upstream.actionsSince(before)).toEqual(['get_events']);
    expect(JSON.stringify(shorter)).toContain('Posted through the product');
    // Past the activity window of the fetch, the polls alone keep the log current, both comments in it.
    await passes(60_000);
    await passes(70_000);
    await readsFromHeld([['get_activity', { period: '1d' }]]);
    const held = JSON.stringify(await answer(cached, 'get_activity', { period: '1d' }));
    expect(held).toContain('Posted through the product');
    expect(held).toContain('Posted in the web app');
  });

  it("one project's activity is asked as the account's; the other projects' then cost no request", async () => {
    const active = [...sandbox.data.projects.values()].filter((p) => p.status === 'active');
    const [first, second] = active.map((p) => String(p.id));
    await passes(70_000);
    await answer(cached, 'list_projects', {});
    const before = requests();
    await answer(cached, 'get_activity', { project_id: first, period: '7d' });
    const sent = sandbox
      .requests()
      .filter((r) => r.path.startsWith('/api/'))
      .slice(before);
    expect(sent.map((r) => r.action)).toEqual(['get_events']);
    expect(JSON.stringify(sent[0])).not.toContain('id_project');
    await passes(70_000);
    await readsFromHeld([
      ['get_activity', { project_id: second, period: '7d' }],
      ['get_activity', { project_id: first, period: '3d' }],
      ['get_activity', { period: '2d' }],
    ]);
  });

  it("a missed log of a day or more is asked as the account's eight days; a project's week and a person's days then cost no request", async () => {
    const project = String([...sandbox.data.projects.values()].find((p) => p.status === 'active')?.id);
    const me = sandbox.data.users.values().next().value;
    await passes(70_000);
    await answer(cached, 'list_projects', {});
    const asked = vi.spyOn(client, 'call');
    const before = requests();
    const since = new Date(clock - 30 * 3_600_000).toISOString().slice(0, 16);
    await answer(cached, 'get_activity', { since });
    expect(upstream.actionsSince(before)).toEqual(['get_events']);
    expect(asked.mock.calls.find(([action]) => action === 'get_events')?.[1]).toEqual({ period: '8d' });
    await readsFromHeld([
      ['get_activity', { project_id: project, period: '7d' }],
      ['get_activity', { since, user: me?.email }],
      ['get_activity', { period: '2d', object_type: 'comment' }],
    ]);
  });

  it('after a write of ours, a read the held log would serve once it has the write has a poll sent, not the log again', async () => {
    await heldLogThenOurComment('2d');
    confirmNow = () => mirror.pollNow();
    mirror.start();
    clock += 10_000;
    const asked = vi.spyOn(client, 'call');
    const before = requests();
    const log = await answer(cached, 'get_activity', { period: '1d' });
    expect(upstream.actionsSince(before)).toEqual(['get_events']);
    // The poll's short period, from the last poll on; not the eight days asked again.
    const [, params, o] = asked.mock.calls.find(([action]) => action === 'get_events') ?? [];
    expect(o?.caller).toBe('mirror');
    expect(params?.period).toMatch(/^\d+m$/);
    expect(JSON.stringify(log)).toContain('Posted through the product');
    expect(log).toEqual(await answer(uncached, 'get_activity', { period: '1d' }));
  });

  it('behind on its polls, the syncing mirror polls at once for a read that only needs one; the next reads cost nothing', async () => {
    const task = longDiscussion();
    const project = String(sandbox.data.tasks.get(Number(task))?.projectId);
    const reads: [string, Record<string, unknown>][] = [
      ['list_tasks', { project_id: project }],
      ['list_comments', { task_id: task }],
      ['get_activity', { period: '1d' }],
    ];
    await passes(70_000);
    for (const [name, args] of reads) await answer(cached, name, args);
    confirmNow = () => mirror.pollNow();
    // Not syncing (the mirror of a process that does not own the data dir): it asks nothing for a tool.
    expect(await mirror.pollNow()).toBe('none');
    mirror.start();
    // Three minutes without a poll (the background lane busy elsewhere): every read is past its window.
    clock += 180_000;
    const before = requests();
    const first = await answer(cached, 'list_tasks', { project_id: project });
    expect(upstream.actionsSince(before)).toEqual(['get_events']);
    expect(first).toEqual(await answer(uncached, 'list_tasks', { project_id: project }));
    await readsFromHeld(reads);
    // Past what a poll may confirm (the tags window after the real fetch), no poll is asked in vain.
    clock += 16 * 60_000;
    const later = requests();
    await answer(cached, 'list_tasks', { project_id: project });
    expect(upstream.actionsSince(later)).toEqual(['get_tasks']);
  });

  it("a seeding poll holds the week's log: a project's week and the account's day cost no request", async () => {
    // What the second poll makes the mirror read, without seeding.
    await passes(60_000);
    let before = requests();
    await passes(60_000);
    const unseeded = upstream.actionsSince(before);
    await closeAndRewarm({ activitySeedEverySeconds: 900, timeZone: 'UTC' });
    const project = String([...sandbox.data.projects.values()].find((p) => p.status === 'active')?.id);
    await answer(cached, 'list_projects', {});
    const periods = mirrorPolls();
    // The first poll's events fall within its span read in UTC: the zone is the account's.
    await passes(60_000);
    before = requests();
    await passes(60_000);
    // The same requests: the week's older events are not news, so nothing they name is read again.
    expect(upstream.actionsSince(before)).toEqual(unseeded);
    expect(periods().slice(1)).toEqual(['8d']);
    await readsFromHeld([
      ['get_activity', { project_id: project, period: '7d' }],
      ['get_activity', { period: '1d' }],
    ]);
    // The next polls ask since the last one (3 minutes), until the seeded log is 15 minutes old.
    for (let minute = 3; minute <= 17; minute += 1) await passes(60_000);
    expect(periods().slice(1)).toEqual(['8d', ...Array<string>(14).fill('3m'), '8d']);
    // A new process with the same zone set seeds at its first poll; with another it waits for events.
    for (const [timeZone, first] of [
      ['UTC', '8d'],
      ['Europe/Kyiv', '3m'],
    ]) {
      const restarted = new MirrorSync({
        store: mirror.store,
        source: backgroundSource(client),
        eventsEverySeconds: 60,
        fullCheckHours: 24,
        activitySeedEverySeconds: 900,
        timeZone,
        now: () => clock,
      });
      clock += 60_000;
      expect(await restarted.step()).toBe('events');
      expect(periods().at(-1)).toBe(first);
    }
  });

  it('no seeding poll when the time zone set is not the one events are stamped in', async () => {
    const logged: string[] = [];
    await closeAndRewarm({
      activitySeedEverySeconds: 900,
      timeZone: 'Asia/Tokyo',
      log: (line) => logged.push(line),
    });
    const periods = mirrorPolls();
    for (let minute = 1; minute <= 20; minute += 1) await passes(60_000);
    expect(periods().length).toBeGreaterThan(0);
    expect(periods()).not.toContain('8d');
    expect(logged.join('\n')).toContain('Asia/Tokyo');
  });

  it('get_me, list_users and list_tags cost no request after the first sync', async () => {
    await readsFromHeld([
      ['get_me', {}],
      ['list_users', {}],
      ['list_tags', {}],
    ]);
  });

  it('list_projects and get_project cost no request: the mirror lists projects with every part', async () => {
    const project = String([...sandbox.data.projects.values()].find((p) => p.status === 'active')?.id);
    await readsFromHeld([
      ['list_projects', {}],
      ['get_project', { project_id: project }],
    ]);
  });
});
