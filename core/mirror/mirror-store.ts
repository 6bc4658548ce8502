// The mirror's tables (migration 'mirror' in store/migrations.ts): writes in transactions, so a crash
// leaves either the old or the new state of a project's tasks or a task's discussion, never half; every
// searchable text kept in the FTS index beside it (index.ts). One account at a time: another account's
// data is wiped when the mirror is bound to a new one.
import type { Db } from '../store/db.js';
import type { Project } from '../worksection/schemas/projects.js';
import type { Tag } from '../worksection/schemas/tags.js';
import type { User } from '../worksection/schemas/members.js';
import { createMirrorIndex, type MirrorIndex } from './index-fts.js';
import { docRowid, NEWEST_COMMENTS, wsTime, type CommentRow, type ListedTask, type TaskRow } from './rows.js';

const TABLES = [
  'mirror_meta',
  'mirror_folders',
  'mirror_users',
  'mirror_tags',
  'mirror_projects',
  'mirror_tasks',
  'mirror_comments',
  'mirror_docs',
  'mirror_requests',
];

/**
 * The most recently active discussions the crawl reads with their files (about 2 KB each in the response
 * cache); older ones a tool asks for are fetched then.
 */
export const FILES_READ_MAX = 1_000;

export interface MirrorCounts {
  projects: number;
  tasks: number;
  comments: number;
  users: number;
  tags: number;
  folders: number;
  /** Tasks that have comments, and those whose comments are mirrored. */
  discussedTasks: number;
  crawledTasks: number;
  staleProjects: number;
}

export interface MirrorMeta {
  get(key: string): string | undefined;
  set(key: string, value: string | number): void;
  /** A numeric entry, 0 when absent. */
  num(key: string): number;
}

export interface MirrorStore {
  db: Db;
  meta: MirrorMeta;
  index: MirrorIndex;
  wipe(): void;
  bindAccount(account: string): void;
  putUsers(users: readonly User[], at: number): void;
  putFolders(folders: ReadonlyArray<{ id: string; title: string }>, at: number): void;
  putTags(tags: readonly Tag[], at: number): void;
  putProjects(projects: readonly Project[], at: number): void;
  /** `since`: the list read's beginList (our writes during it are newer than its answer). */
  putProjectTasks(projectId: number, listed: readonly ListedTask[], at: number, since?: number): void;
  /** Before a list read is sent: answers the `since` its put takes. */
  beginList(): number;
  /**
   * The whole account's task list (get_all_tasks with archived projects) as sent at `at`: each of
   * `projects` gets its share as putProjectTasks would. A list showing a project the mirror does not hold,
   * or none of a project's tasks, makes the project list be read again (once per project in a process).
   */
  putProjectsTasks(
    projects: readonly number[],
    listed: readonly ListedTask[],
    at: number,
    since: number,
  ): void;
  /** A task as a write of ours answered it. */
  putTask(row: TaskRow, at: number): void;
  /** A task's status as a write of ours set it (complete_task answers the task as it was). */
  setTaskStatus(id: number, status: string): void;
  deleteTask(id: number): void;
  /** `readBy`: the mark of the sync that read it with its files (nextCrawlTask). */
  putComments(taskId: number, rows: readonly CommentRow[], at: number, readBy?: number): void;
  addComment(c: CommentRow, at: number): void;
  markProjectStale(id: number): void;
  /** The project's list is not read again until the next full pass (its answer does not parse). */
  leaveAsHeld(id: number): void;
  markAllProjectsStale(): void;
  markCommentsStale(taskId: number, at: number): void;
  /**
   * Someone posted comment `commentId` on the task: its discussion is stale as with markCommentsStale, but
   * if it was whole before, the task's next listing completes it when it shows this comment and reaches
   * back to one held (a listing shows the newest comments), without reading the discussion again. Kept in
   * memory: after a restart the discussion is read again, as for any other change.
   */
  markCommentPosted(taskId: number, commentId: number, at: number): void;
  hasTask(id: number): boolean;
  nextStaleProject(): number | undefined;
  staleProjects(): number[];
  /**
   * The next discussion to read whole, most recently active first: those a listing could not show whole
   * (search needs their text), then (`short`) the rest of the FILES_READ_MAX most recently active ones
   * not read with their files by the sync marked `readBy`, which a listing shows without the files
   * list_comments gives (none without `readBy`: nothing keeps them for tools).
   */
  nextCrawlTask(readBy: number | undefined): { id: number; short: boolean } | undefined;
  /** The short discussions nextCrawlTask has still to read with their files. */
  shortDiscussionsToRead(readBy: number): number;
  countRequest(day: string, n?: number): void;
  requestsOn(day: string): number;
  counts(): MirrorCounts;
  taskCount(): number;
}

export function createMirrorStore(db: Db): MirrorStore {
  const index: MirrorIndex = createMirrorIndex(db);
  const getMeta = db.prepare<[string], { value: string }>('SELECT value FROM mirror_meta WHERE key = ?');
  const setMeta = db.prepare('INSERT OR REPLACE INTO mirror_meta (key, value) VALUES (?, ?)');
  const selTask = db.prepare<[number], { name: string; text: string | null; project_id: number }>(
    'SELECT name, text, project_id FROM mirror_tasks WHERE id = ?',
  );
  const selSynced = db.prepare<[number], { s: number | null }>(
    'SELECT comments_synced_at s FROM mirror_tasks WHERE id = ?',
  );
  const staleComments = db.prepare(
    `UPDATE mirror_tasks SET has_comments = 1, comments_synced_at = NULL, activity_at = max(activity_at, ?)
      WHERE id = ?`,
  );
  const upTask =
    db.prepare(`INSERT INTO mirror_tasks (id, project_id, parent_id, name, text, status, priority,
      assignee_email, assignee_name, author_email, date_added, date_start, date_end, date_closed, page, tags,
      has_comments, activity_at, confirmed_at)
    VALUES (@id, @project_id, @parent_id, @name, @text, @status, @priority, @assignee_email, @assignee_name,
      @author_email, @date_added, @date_start, @date_end, @date_closed, @page, @tags, @has_comments,
      @activity_at, @confirmed_at)
    ON CONFLICT (id) DO UPDATE SET project_id = excluded.project_id, parent_id = excluded.parent_id,
      name = excluded.name, text = coalesce(excluded.text, text), status = excluded.status,
      priority = excluded.priority, assignee_email = excluded.assignee_email,
      assignee_name = excluded.assignee_name, author_email = excluded.author_email,
      date_added = excluded.date_added, date_start = excluded.date_start, date_end = excluded.date_end,
      date_closed = excluded.date_closed, page = excluded.page, tags = coalesce(excluded.tags, tags),
      has_comments = max(has_comments, excluded.has_comments),
      activity_at = max(activity_at, excluded.activity_at), confirmed_at = excluded.confirmed_at`);
  const taskIdsOf = db.prepare<[number], { id: number }>('SELECT id FROM mirror_tasks WHERE project_id = ?');
  const hasProject = db.prepare<[number], { id: number }>('SELECT id FROM mirror_projects WHERE id = ?');
  // Writes of ours, counted: a list read begun before one (beginList) is older than what it wrote. A count,
  // not a time, so a clock set back cannot make rows look newer than every list; in memory, because a list
  // and the writes it races are in one process.
  let writes = 0;
  const taskWritten = new Map<number, number>();
  const projectMarked = new Map<number, number>();
  // Projects a whole list had the project list read for, not again for the same ones in this process: one
  // Worksection shows among tasks but not among projects would cost a get_projects at every list read.
  const projectsAskedFor = new Set<number>();
  const commentIdsOf = db.prepare<[number], { id: number }>(
    'SELECT id FROM mirror_comments WHERE task_id = ?',
  );

  const meta: MirrorMeta = {
    get: (key: string): string | undefined => getMeta.get(key)?.value,
    set: (key: string, value: string | number): void => void setMeta.run(key, String(value)),
    num: (key: string): number => Number(getMeta.get(key)?.value ?? 0),
  };

  /**
   * Discussions whole before someone posted to them, with the comments posted since (markCommentPosted):
   * a listing then completes them (listedComments).
   */
  const postedSince = new Map<number, Set<number>>();

  function wipe(): void {
    postedSince.clear();
    db.transaction(() => {
      for (const t of TABLES) db.exec(`DELETE FROM ${t}`);
      index.clear();
    })();
  }

  function dropComments(taskId: number): void {
    for (const { id } of commentIdsOf.all(taskId)) index.remove(docRowid('comment', id));
    db.prepare('DELETE FROM mirror_comments WHERE task_id = ?').run(taskId);
  }

  function dropTask(id: number): void {
    postedSince.delete(id);
    dropComments(id);
    index.remove(docRowid('task', id));
    db.prepare('DELETE FROM mirror_tasks WHERE id = ?').run(id);
  }

  function writeTask(row: TaskRow, at: number): void {
    const before = selTask.get(row.id);
    upTask.run({ ...row, confirmed_at: at });
    // Moved to another project: its comments are found under the new one too.
    if (before && before.project_id !== row.project_id) {
      db.prepare('UPDATE mirror_docs SET project_id = ? WHERE task_id = ?').run(row.project_id, row.id);
    }
    const text = row.text ?? before?.text ?? null;
    if (!before || before.name !== row.name || before.text !== text || before.project_id !== row.project_id) {
      index.put(
        docRowid('task', row.id),
        { name: row.name, description: text },
        {
          project: row.project_id,
          task: row.id,
          at: wsTime(row.date_added),
        },
      );
    }
  }

  /** `indexed`: the index holds this text for the comment already (read again unchanged). */
  function writeComment(c: CommentRow, projectId: number, at: number, indexed = false): void {
    db.prepare(
      `INSERT OR REPLACE INTO mirror_comments (id, task_id, text, author_name, author_email,
        date_added, page, confirmed_at) VALUES (@id, @task_id, @text, @author_name, @author_email,
        @date_added, @page, @confirmed_at)`,
    ).run({ ...c, confirmed_at: at });
    if (indexed) return;
    index.put(
      docRowid('comment', c.id),
      { comment: c.text },
      {
        project: projectId,
        task: c.task_id,
        at: wsTime(c.date_added),
      },
    );
  }

  /**
   * A task's whole discussion in place of the one held. Comments held with the same text keep their index
   * entries: a discussion read again (for its files, or in its project's list) would otherwise churn the
   * index with a delete and an insert per comment.
   */
  function replaceDiscussion(
    taskId: number,
    projectId: number,
    rows: readonly CommentRow[],
    at: number,
  ): void {
    // Each held comment's text and the project its index entry files it under (a task can move).
    const held = new Map(
      db
        .prepare<[number, number], { id: number; text: string; project: number | null }>(
          `SELECT c.id, c.text, d.project_id AS project FROM mirror_comments c
            LEFT JOIN mirror_docs d ON d.rowid = c.id * 4 + ? WHERE c.task_id = ?`,
        )
        .all(docRowid('comment', 0), taskId)
        .map((c) => [c.id, c]),
    );
    const kept = new Set(rows.map((c) => c.id));
    for (const id of held.keys()) {
      if (kept.has(id)) continue;
      index.remove(docRowid('comment', id));
      db.prepare('DELETE FROM mirror_comments WHERE id = ?').run(id);
    }
    for (const c of rows) {
      const before = held.get(c.id);
      writeComment(c, projectId, at, before?.text === c.text && before.project === projectId);
    }
  }

  /**
   * Whether the newest comments a listing showed, with the discussion held, are all of it after the posts
   * `posted`: the listing shows every one of them and reaches back to a comment held, so nothing between
   * is missing (comments only come after the held ones; an edit or a deletion is read again instead).
   */
  const completedByListing = (
    listed: readonly CommentRow[],
    held: ReadonlySet<number>,
    posted: ReadonlySet<number>,
  ): boolean => {
    const ids = new Set(listed.map((c) => c.id));
    const oldest = Math.min(...ids);
    return held.has(oldest) && [...posted].every((id) => ids.has(id) || held.has(id));
  };

  /**
   * The newest comments a listing showed: fewer than NEWEST_COMMENTS are the whole discussion; a full set
   * is only the start of one, complete only if the discussion mirrored already holds every one of them.
   */
  function listedComments(row: TaskRow, comments: readonly CommentRow[], at: number): void {
    const posted = postedSince.get(row.id);
    postedSince.delete(row.id);
    const whole = comments.length < NEWEST_COMMENTS;
    const heldText = new Map(
      db
        .prepare<[number], { id: number; text: string }>(
          'SELECT id, text FROM mirror_comments WHERE task_id = ?',
        )
        .all(row.id)
        .map((c) => [c.id, c.text]),
    );
    const held = new Set(heldText.keys());
    const synced = selSynced.get(row.id)?.s;
    const complete =
      whole ||
      (synced !== null && synced !== undefined && comments.every((c) => held.has(c.id))) ||
      (posted !== undefined && completedByListing(comments, held, posted));
    // A whole discussion other than the one held: what was read with its files is no longer all of it.
    const changed =
      whole && (comments.length !== held.size || comments.some((c) => heldText.get(c.id) !== c.text));
    if (changed) db.prepare('UPDATE mirror_tasks SET discussion_read_by = NULL WHERE id = ?').run(row.id);
    if (whole) replaceDiscussion(row.id, row.project_id, comments, at);
    let latest = 0;
    for (const c of comments) {
      if (!whole && !held.has(c.id)) writeComment(c, row.project_id, at);
      latest = Math.max(latest, wsTime(c.date_added));
    }
    db.prepare(
      `UPDATE mirror_tasks SET has_comments = ?, comments_synced_at = ?, activity_at = max(activity_at, ?)
        WHERE id = ?`,
    ).run(comments.length > 0 ? 1 : 0, complete ? at : null, latest, row.id);
  }

  /** Whether a write of ours changed the task after the list read `since` (beginList) began. */
  const newerThan = (since: number, task: number) => (taskWritten.get(task) ?? 0) > since;

  /**
   * One project's whole task list, as read at `at`: tasks missing from it are gone (deleted or moved).
   * With `since` (beginList), a task a write of ours changed while the list was on its way is newer than
   * the list and stays as written, and a project such a write marked stale stays so.
   */
  const putProjectTasks = db.transaction(
    (projectId: number, listed: readonly ListedTask[], at: number, since = Infinity) => {
      const keep = new Set(listed.map((t) => t.row.id));
      for (const { id } of taskIdsOf.all(projectId)) if (!keep.has(id) && !newerThan(since, id)) dropTask(id);
      for (const { row, comments } of listed) {
        if (!newerThan(since, row.id)) writeTask(row, at);
        if (comments) listedComments(row, comments, at);
      }
      const stale = (projectMarked.get(projectId) ?? 0) > since ? 1 : 0;
      db.prepare('UPDATE mirror_projects SET tasks_stale = ?, tasks_synced_at = ? WHERE id = ?').run(
        stale,
        at,
        projectId,
      );
    },
  );

  return {
    db,
    meta,
    index,
    wipe,

    /** The mirror holds this account's data from now on (another account's is dropped). */
    bindAccount(account: string): void {
      if (meta.get('account') === account) return;
      wipe();
      meta.set('account', account);
    },

    putUsers: db.transaction((users: readonly User[], at: number) => {
      db.exec('DELETE FROM mirror_users');
      const ins = db.prepare('INSERT INTO mirror_users (id, name, email, confirmed_at) VALUES (?, ?, ?, ?)');
      for (const u of users) ins.run(Number(u.id), u.name, u.email, at);
    }),

    putFolders: db.transaction((folders: ReadonlyArray<{ id: string; title: string }>, at: number) => {
      db.exec('DELETE FROM mirror_folders');
      const ins = db.prepare(
        'INSERT OR REPLACE INTO mirror_folders (id, name, confirmed_at) VALUES (?, ?, ?)',
      );
      for (const f of folders) ins.run(Number(f.id), f.title, at);
    }),

    putTags: db.transaction((tags: readonly Tag[], at: number) => {
      db.exec('DELETE FROM mirror_tags');
      const ins = db.prepare(
        'INSERT OR REPLACE INTO mirror_tags (id, name, grp, confirmed_at) VALUES (?, ?, ?, ?)',
      );
      for (const t of tags) ins.run(t.id, t.title, t.group.title, at);
    }),

    /** The whole project list: projects gone upstream go with their tasks; new ones await their tasks. */
    putProjects: db.transaction((projects: readonly Project[], at: number) => {
      const keep = new Set(projects.map((p) => Number(p.id)));
      for (const { id } of db.prepare<[], { id: number }>('SELECT id FROM mirror_projects').all()) {
        if (keep.has(id)) continue;
        for (const t of taskIdsOf.all(id)) dropTask(t.id);
        index.remove(docRowid('project', id));
        db.prepare('DELETE FROM mirror_projects WHERE id = ?').run(id);
      }
      const up = db.prepare(`INSERT INTO mirror_projects (id, name, status, folder, text, page, date_added,
          confirmed_at) VALUES (@id, @name, @status, @folder, @text, @page, @date_added, @at)
        ON CONFLICT (id) DO UPDATE SET name = excluded.name, status = excluded.status,
          folder = excluded.folder, text = excluded.text, page = excluded.page, confirmed_at = excluded.confirmed_at`);
      for (const p of projects) {
        const id = Number(p.id);
        up.run({
          id,
          name: p.name,
          status: p.status,
          folder: p.company,
          text: p.text ?? null,
          page: p.page,
          date_added: p.date_added,
          at,
        });
        index.put(
          docRowid('project', id),
          { name: p.name, description: p.text ?? null },
          {
            project: id,
            task: null,
            at: wsTime(p.date_added),
          },
        );
      }
    }),

    putProjectTasks,

    beginList(): number {
      // Lists are read one at a time: what was written before this one began is older than its answer.
      taskWritten.clear();
      projectMarked.clear();
      return writes;
    },

    putProjectsTasks: db.transaction(
      (projects: readonly number[], listed: readonly ListedTask[], at: number, since: number): void => {
        const shares = new Map<number, ListedTask[]>();
        for (const t of listed) {
          const share = shares.get(t.row.project_id);
          if (share) share.push(t);
          else shares.set(t.row.project_id, [t]);
        }
        // A task moved out of a project read now moves first (with its discussion), so that project's list
        // does not drop it; its new project's list is written too.
        const listedAt = new Map(listed.map((t) => [t.row.id, t]));
        const read = new Set(projects);
        const askFor: number[] = [];
        for (const id of projects) {
          const held = taskIdsOf.all(id);
          if (held.length > 0 && !shares.has(id)) askFor.push(id);
          for (const task of held) {
            const moved = listedAt.get(task.id);
            if (!moved || moved.row.project_id === id || newerThan(since, task.id)) continue;
            writeTask(moved.row, at);
            read.add(moved.row.project_id);
          }
        }
        for (const id of read) putProjectTasks(id, shares.get(id) ?? [], at, since);
        // A project the mirror lacks, or one whose every task went (it may be gone): the projects are read.
        for (const id of shares.keys()) if (hasProject.get(id) === undefined) askFor.push(id);
        const asking = askFor.filter((id) => !projectsAskedFor.has(id));
        for (const id of asking) projectsAskedFor.add(id);
        if (asking.length > 0) meta.set('projects_stale', 1);
      },
    ),

    putTask: db.transaction((row: TaskRow, at: number) => {
      writeTask(row, at);
      taskWritten.set(row.id, ++writes);
    }),

    setTaskStatus(id: number, status: string): void {
      db.prepare('UPDATE mirror_tasks SET status = ? WHERE id = ?').run(status, id);
      taskWritten.set(id, ++writes);
    },

    deleteTask: db.transaction((id: number) => {
      for (const child of db
        .prepare<[number], { id: number }>('SELECT id FROM mirror_tasks WHERE parent_id = ?')
        .all(id))
        dropTask(child.id);
      dropTask(id);
    }),

    /** A task's whole discussion. */
    putComments: db.transaction(
      (taskId: number, rows: readonly CommentRow[], at: number, readBy?: number) => {
        const task = selTask.get(taskId);
        if (!task) return;
        postedSince.delete(taskId);
        replaceDiscussion(taskId, task.project_id, rows, at);
        const latest = Math.max(0, ...rows.map((c) => wsTime(c.date_added)));
        db.prepare(
          `UPDATE mirror_tasks SET comments_synced_at = ?, discussion_read_by = ?, has_comments = ?,
          activity_at = max(activity_at, ?) WHERE id = ?`,
        ).run(at, readBy ?? null, rows.length > 0 ? 1 : 0, latest, taskId);
      },
    ),

    /** One new comment (a write through our tools), searchable at once. */
    addComment: db.transaction((c: CommentRow, at: number) => {
      const task = selTask.get(c.task_id);
      if (!task) return;
      writeComment(c, task.project_id, at);
      db.prepare(
        'UPDATE mirror_tasks SET has_comments = 1, activity_at = max(activity_at, ?) WHERE id = ?',
      ).run(wsTime(c.date_added), c.task_id);
    }),

    markProjectStale(id: number): void {
      db.prepare('UPDATE mirror_projects SET tasks_stale = 1 WHERE id = ?').run(id);
      projectMarked.set(id, ++writes);
    },
    leaveAsHeld(id: number): void {
      db.prepare('UPDATE mirror_projects SET tasks_stale = 0 WHERE id = ?').run(id);
    },
    markAllProjectsStale(): void {
      db.exec('UPDATE mirror_projects SET tasks_stale = 1');
    },
    markCommentsStale(taskId: number, at: number): void {
      postedSince.delete(taskId);
      staleComments.run(at, taskId);
    },
    markCommentPosted(taskId: number, commentId: number, at: number): void {
      const synced = selSynced.get(taskId)?.s;
      const posted = postedSince.get(taskId);
      if (posted) posted.add(commentId);
      else if (synced !== null && synced !== undefined) postedSince.set(taskId, new Set([commentId]));
      staleComments.run(at, taskId);
    },
    hasTask: (id: number): boolean => selTask.get(id) !== undefined,

    nextStaleProject(): number | undefined {
      return db
        .prepare<[], { id: number }>(
          'SELECT id FROM mirror_projects WHERE tasks_stale = 1 ORDER BY tasks_synced_at IS NOT NULL, id LIMIT 1',
        )
        .get()?.id;
    },
    staleProjects(): number[] {
      return db
        .prepare<[], { id: number }>('SELECT id FROM mirror_projects WHERE tasks_stale = 1')
        .all()
        .map((r) => r.id);
    },
    nextCrawlTask(readBy: number | undefined): { id: number; short: boolean } | undefined {
      const long = db
        .prepare<[], { id: number }>(
          'SELECT id FROM mirror_tasks WHERE has_comments = 1 AND comments_synced_at IS NULL ORDER BY activity_at DESC LIMIT 1',
        )
        .get()?.id;
      if (long !== undefined) return { id: long, short: false };
      if (readBy === undefined) return undefined;
      const short = db
        .prepare<[number, number], { id: number }>(
          `SELECT id FROM (SELECT id, discussion_read_by, activity_at FROM mirror_tasks WHERE has_comments = 1
              ORDER BY activity_at DESC LIMIT ?)
            WHERE discussion_read_by IS NOT ? ORDER BY activity_at DESC LIMIT 1`,
        )
        .get(FILES_READ_MAX, readBy)?.id;
      return short === undefined ? undefined : { id: short, short: true };
    },

    shortDiscussionsToRead: (readBy: number): number =>
      db
        .prepare<[number, number], { n: number }>(
          `SELECT count(*) n FROM (SELECT discussion_read_by, comments_synced_at FROM mirror_tasks
              WHERE has_comments = 1 ORDER BY activity_at DESC LIMIT ?)
            WHERE discussion_read_by IS NOT ? AND comments_synced_at IS NOT NULL`,
        )
        .get(FILES_READ_MAX, readBy)?.n ?? 0,

    taskCount: () => db.prepare<[], { n: number }>('SELECT count(*) n FROM mirror_tasks').get()?.n ?? 0,

    countRequest(day: string, n = 1): void {
      db.prepare(
        `INSERT INTO mirror_requests (day, requests) VALUES (?, ?)
          ON CONFLICT (day) DO UPDATE SET requests = requests + excluded.requests`,
      ).run(day, n);
    },
    requestsOn(day: string): number {
      return (
        db
          .prepare<[string], { requests: number }>('SELECT requests FROM mirror_requests WHERE day = ?')
          .get(day)?.requests ?? 0
      );
    },

    counts(): MirrorCounts {
      const one = (sql: string) => db.prepare<[], { n: number }>(sql).get()?.n ?? 0;
      return {
        projects: one('SELECT count(*) n FROM mirror_projects'),
        tasks: one('SELECT count(*) n FROM mirror_tasks'),
        comments: one('SELECT count(*) n FROM mirror_comments'),
        users: one('SELECT count(*) n FROM mirror_users'),
        tags: one('SELECT count(*) n FROM mirror_tags'),
        folders: one('SELECT count(*) n FROM mirror_folders'),
        discussedTasks: one('SELECT count(*) n FROM mirror_tasks WHERE has_comments = 1'),
        crawledTasks: one(
          'SELECT count(*) n FROM mirror_tasks WHERE has_comments = 1 AND comments_synced_at IS NOT NULL',
        ),
        staleProjects: one('SELECT count(*) n FROM mirror_projects WHERE tasks_stale = 1'),
      };
    },
  };
}
