// A task's discussion in the mirror's store, read again: comments whose text did not change keep their
// index entries (a discussion read again for its files must not churn the index with deletes), an edited
// one is searchable by its new text only, one gone leaves. A listing that shows another whole short
// discussion puts it back among those to read with their files; only the FILES_READ_MAX most recently
// active are read so; and a new process feeding the response cache reads them again. A comment someone
// posts on a long discussion held whole is completed by the next listing when that reaches back to a held
// comment, without reading the discussion again; anything else (more posts than a listing shows, an edit,
// a restart, a discussion never read whole) has it read again.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Db } from '../store/db.js';
import { createMirror } from './mirror.js';
import { createMirrorStore, FILES_READ_MAX, type MirrorStore } from './mirror-store.js';
import { NEWEST_COMMENTS, type CommentRow } from './rows.js';
import { projectAnswer } from './testing/project-answer.js';
import { taskRowOf } from './testing/task-row.js';
import { searchMirror } from './search.js';

let db: Db | undefined;
afterEach(() => db?.close());

const AT = Date.UTC(2026, 2, 2, 9);
/** The mark of the sync reading in these tests (MirrorSync.readMark). */
const MARK = 1;
const task = taskRowOf(7, 3, 'Office move', 1);
const comment = (id: number, text: string): CommentRow => ({
  id,
  task_id: task.id,
  text,
  author_name: 'Ann Lee',
  author_email: 'ann@example.test',
  date_added: `2026-03-01 11:0${id % 10}`,
  page: `/project/3/7/#com${id}`,
});

function storeWithTask(): MirrorStore {
  db = openDatabase(':memory:');
  const store = createMirrorStore(db);
  store.bindAccount('https://lighthouse.example');
  store.putProjects([projectAnswer('3', 'Moves', 'Lighthouse')], AT);
  store.putProjectTasks(3, [{ row: task }], AT);
  return store;
}

const found = (store: MirrorStore, text: string) =>
  searchMirror(store, { text, kind: 'comment', limit: 10 }).hits.map((h) => h.id);

describe('a discussion read again', () => {
  it('indexes only what changed: an edited comment, a new one; a removed one leaves', () => {
    const store = storeWithTask();
    store.putComments(
      task.id,
      [comment(11, 'Crates arrive Monday'), comment(12, 'Keys with reception')],
      AT,
      MARK,
    );
    const put = vi.spyOn(store.index, 'put');
    const removed = vi.spyOn(store.index, 'remove');
    store.putComments(
      task.id,
      [comment(11, 'Crates arrive Monday'), comment(12, 'Keys with reception')],
      AT,
      MARK,
    );
    expect(put).not.toHaveBeenCalled();
    expect(removed).not.toHaveBeenCalled();
    store.putComments(
      task.id,
      [comment(11, 'Crates arrive Tuesday'), comment(13, 'Parking permits sorted')],
      AT,
    );
    expect(put.mock.calls.map(([rowid]) => rowid)).toHaveLength(2);
    expect(removed).toHaveBeenCalledTimes(1);
    expect(found(store, 'tuesday')).toEqual(['11']);
    expect(found(store, 'monday')).toEqual([]);
    expect(found(store, 'reception')).toEqual([]);
    expect(found(store, 'permits')).toEqual(['13']);
  });

  it('a listing showing another whole short discussion has it read with its files again', () => {
    const store = storeWithTask();
    store.putComments(task.id, [comment(11, 'Crates arrive Monday')], AT, MARK);
    expect(store.nextCrawlTask(MARK)).toBeUndefined();
    // The same discussion listed again: nothing to read.
    store.putProjectTasks(3, [{ row: task, comments: [comment(11, 'Crates arrive Monday')] }], AT);
    expect(store.nextCrawlTask(MARK)).toBeUndefined();
    // A new comment in the listing: the discussion (whole, for search) lacks its files.
    const listed = [comment(14, 'Van booked'), comment(11, 'Crates arrive Monday')];
    store.putProjectTasks(3, [{ row: task, comments: listed }], AT);
    expect(store.nextCrawlTask(MARK)).toEqual({ id: task.id, short: true });
    expect(found(store, 'van')).toEqual(['14']);
  });

  it(`reads with their files only the ${FILES_READ_MAX} most recently active discussions`, () => {
    const store = storeWithTask();
    const many = Array.from({ length: FILES_READ_MAX + 3 }, (_, i) => ({
      row: { ...task, id: 100 + i, page: `/project/3/${100 + i}/`, activity_at: AT + i * 60_000 },
      comments: [{ ...comment(5000 + i, `Note ${i}`), task_id: 100 + i, date_added: '2026-01-01 00:00' }],
    }));
    store.putProjectTasks(3, many, AT);
    const read: number[] = [];
    for (let next = store.nextCrawlTask(MARK); next; next = store.nextCrawlTask(MARK)) {
      read.push(next.id);
      store.putComments(
        next.id,
        [{ ...comment(5000 + next.id - 100, 'Read again'), task_id: next.id }],
        AT,
        MARK,
      );
    }
    expect(read).toHaveLength(FILES_READ_MAX);
    // The three least recently active (and the task with none) are left to be fetched when asked.
    expect(read).not.toContain(100);
    expect(read).not.toContain(102);
    expect(read[0]).toBe(100 + FILES_READ_MAX + 2);
  });

  it.each([
    [true, 1],
    [false, 0],
  ])('a new sync feeding the response cache (%s) reads them again', (feedsCache, left) => {
    const store = storeWithTask();
    store.putComments(task.id, [comment(11, 'Crates arrive Monday')], AT, MARK);
    expect(store.nextCrawlTask(MARK)).toBeUndefined();
    const source = { call: () => Promise.reject(new Error('not called')) };
    const account = store.meta.get('account') ?? '';
    const mirror = createMirror({
      db: store.db,
      account,
      source,
      eventsEverySeconds: 60,
      fullCheckHours: 24,
      syncRatePerSecond: 1,
      feedsCache,
      now: () => AT + 60_000,
    });
    // Its response cache cannot confirm what was read before it began: the discussion is left to read.
    expect(mirror.progress().requestsLeft).toBe(left);
    expect(mirror.store.nextCrawlTask(mirror.sync.readMark)).toEqual({ id: task.id, short: true });
  });

  it('an edited comment in a whole listing has the discussion read with its files again', () => {
    const store = storeWithTask();
    store.putComments(task.id, [comment(11, 'Crates arrive Monday')], AT, MARK);
    store.putProjectTasks(3, [{ row: task, comments: [comment(11, 'Crates arrive Tuesday')] }], AT);
    expect(store.nextCrawlTask(MARK)).toEqual({ id: task.id, short: true });
    expect(found(store, 'tuesday')).toEqual(['11']);
  });
});

describe('a comment posted on a long discussion held whole', () => {
  /** A discussion of ids `from`..`to`, newest first as Worksection lists it. */
  const ids = (from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, i) => comment(to - i, `Note ${to - i}`));
  /** The newest comments a listing shows. */
  const listing = (from: number, to: number) => ids(from, to).slice(0, NEWEST_COMMENTS);
  function heldWhole(): MirrorStore {
    const store = storeWithTask();
    store.putComments(task.id, ids(11, 11 + NEWEST_COMMENTS), AT, MARK);
    expect(store.nextCrawlTask(undefined)).toBeUndefined();
    return store;
  }
  const last = 11 + NEWEST_COMMENTS;

  it('is completed by the next listing that shows it and reaches back to a held comment', () => {
    const store = heldWhole();
    store.markCommentPosted(task.id, last + 1, AT);
    store.markCommentPosted(task.id, last + 2, AT);
    // Until the listing: the discussion is stale, as for any change.
    expect(store.nextCrawlTask(undefined)).toEqual({ id: task.id, short: false });
    store.putProjectTasks(3, [{ row: task, comments: listing(11, last + 2) }], AT);
    expect(store.nextCrawlTask(undefined)).toBeUndefined();
    expect(found(store, `"Note ${last + 2}"`)).toEqual([String(last + 2)]);
    expect(store.counts()).toMatchObject({ comments: NEWEST_COMMENTS + 3 });
  });

  it.each([
    [
      'more posts than a listing shows',
      (s: MirrorStore) => {
        for (let id = last + 1; id <= last + NEWEST_COMMENTS; id++) s.markCommentPosted(task.id, id, AT);
      },
      last + NEWEST_COMMENTS,
    ],
    [
      'an edit after the post',
      (s: MirrorStore) => {
        s.markCommentPosted(task.id, last + 1, AT);
        s.markCommentsStale(task.id, AT);
      },
      last + 1,
    ],
    [
      'a post the listing does not show yet',
      (s: MirrorStore) => {
        s.markCommentPosted(task.id, last + 2, AT);
      },
      last + 1,
    ],
    [
      'a restart after the post',
      (s: MirrorStore) => {
        s.markCommentPosted(task.id, last + 1, AT);
        return createMirrorStore(s.db);
      },
      last + 1,
    ],
  ])('is read again after %s', (_, change: (s: MirrorStore) => MirrorStore | void, newest: number) => {
    const before = heldWhole();
    const store = change(before) ?? before;
    store.putProjectTasks(3, [{ row: task, comments: listing(11, newest) }], AT);
    expect(store.nextCrawlTask(undefined)).toEqual({ id: task.id, short: false });
  });

  it('one never read whole is read', () => {
    const store = storeWithTask();
    store.putProjectTasks(3, [{ row: task, comments: listing(11, last) }], AT);
    expect(store.nextCrawlTask(undefined)).toEqual({ id: task.id, short: false });
    store.markCommentPosted(task.id, last + 1, AT);
    store.putProjectTasks(3, [{ row: task, comments: listing(11, last + 1) }], AT);
    expect(store.nextCrawlTask(undefined)).toEqual({ id: task.id, short: false });
  });
});
