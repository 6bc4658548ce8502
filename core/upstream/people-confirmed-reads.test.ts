// A discussion the mirror read stays served for as long as the activity log's polls and the people list
// agree with it, past the `tags` window that bounds other answers: the log reports every new or changed
// comment, and a renamed person (which it does not report) shows in the people list the mirror reads
// every 15 minutes while in use. Through the MCP server over the sandbox, against the uncached product.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { syncUntilIdle } from '../mirror/testing/test-mirror.js';
import { answer, warmMirror, type WarmMirror } from './testing/warm-mirror.js';
import { TEST_FRESH_SECONDS } from './testing/fresh-seconds.js';

const START = Date.UTC(2026, 2, 2, 9, 0, 30);
const MINUTE = 60_000;
let clock = START;
let w: WarmMirror;
const closers: (() => Promise<void>)[] = [];

/** The mirror first synced; reading the people list as the app does unless a test says otherwise. */
async function warm(readsPeople = true): Promise<void> {
  clock = START;
  w = await warmMirror({
    now: () => clock,
    fresh: TEST_FRESH_SECONDS,
    confirmNow: () => Promise.resolve('none'),
    mirror: readsPeople ? { peopleEverySeconds: TEST_FRESH_SECONDS.people } : {},
    closers,
  });
}
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** Minute by minute, a poll each (the test mirror's schedule); answers the actions sent meanwhile. */
async function minutes(n: number): Promise<string[]> {
  const before = w.requests();
  for (let i = 0; i < n; i += 1) {
    clock += MINUTE;
    await syncUntilIdle(w.mirror);
  }
  return w.actionsSince(before);
}

/** An open task whose whole discussion a task listing shows (fewer than 5 comments), one with a file. */
function shortDiscussion(): { task: string; author: number } {
  const { data } = w.sandbox;
  for (const t of data.tasks.values()) {
    const ids = data.index.commentsByTask.get(t.id) ?? [];
    const comments = ids.flatMap((id) => data.comments.get(id) ?? []);
    const open = t.status === 'active' && t.publishAt === undefined;
    const listed = data.projects.get(t.projectId)?.status === 'active';
    const [first] = comments;
    if (open && listed && first && comments.length < 5 && comments.some((c) => c.fileIds.length > 0)) {
      return { task: String(t.id), author: first.userFromId };
    }
  }
  throw new Error('no open task with a short discussion that has a file');
}

describe('discussions confirmed by polls and the people list', () => {
  it('a short discussion the mirror read with its files serves list_comments two hours on, at no request', async () => {
    await warm();
    const { task } = shortDiscussion();
    const sent = await minutes(120);
    // A poll a minute, and the people list every 15 minutes.
    expect(sent.filter((a) => a === 'get_users')).toHaveLength(8);
    expect(sent.filter((a) => a === 'get_events')).toHaveLength(120);
    await w.readsFromHeld([['list_comments', { task_id: task }]]);
    const shown = JSON.stringify(await answer(w.cached, 'list_comments', { task_id: task }));
    expect(shown).toContain('"files"');
  }, 60_000);

  it('the people list is checked against each held discussion once, without using it', async () => {
    await warm();
    const peek = vi.spyOn(w.cache, 'peek');
    const get = vi.spyOn(w.cache, 'get');
    // Looks at held answers other than the people lists (each new list is looked at for its digest).
    const looks = () => peek.mock.calls.filter(([, key]) => !key.includes('get_users')).length;
    // Past the tags window, the polls lean on the people list: each held discussion is looked at.
    await minutes(20);
    const looked = looks();
    expect(looked).toBeGreaterThan(0);
    // A look is not a use (no read of the held answer, which would keep it from eviction).
    expect(get).not.toHaveBeenCalled();
    // The same people (read again twice since): each answer's outcome is remembered, nothing looked again.
    expect(await minutes(40)).toContain('get_users');
    expect(looks()).toBe(looked);
  }, 60_000);

  it('a person renamed without an event: once the people list shows it, the discussion is read again', async () => {
    await warm();
    const { task, author } = shortDiscussion();
    await minutes(20);
    await w.readsFromHeld([['list_comments', { task_id: task }]]);
    const person = w.sandbox.data.users.get(author);
    if (!person) throw new Error('the author is not a user');
    person.firstName = 'Renamed';
    person.lastName = 'Person';
    // The next people read (at minute 30) shows the new name; the last confirmation, at minute 29, is
    // past the comments window at minute 33.
    await minutes(13);
    const before = w.requests();
    const got = await answer(w.cached, 'list_comments', { task_id: task });
    expect(w.actionsSince(before)).toEqual(['get_comments']);
    expect(JSON.stringify(got)).toContain('Renamed Person');
    expect(got).toEqual(await answer(w.uncached, 'list_comments', { task_id: task }));
  }, 60_000);

  it('without the people list read again, a held discussion is read again past the tags window', async () => {
    await warm(false);
    const { task } = shortDiscussion();
    // The poll at minute 15 is the last to confirm it (the tags window after its fetch); at minute 18 it is
    // past the comments window, and the people list the first sync read is too old to lean on.
    expect(await minutes(18)).not.toContain('get_users');
    const before = w.requests();
    await answer(w.cached, 'list_comments', { task_id: task });
    expect(w.actionsSince(before)).toEqual(['get_comments']);
  }, 60_000);
});
