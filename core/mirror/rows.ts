// Worksection objects as the mirror's rows: task lists flattened (subtasks nest under `child`), dates
// as epoch ms for ordering, and the FTS rowid that encodes an object's kind.
import type { Comment, ListTask, Task } from '../worksection/schemas/tasks.js';

export const KIND_CODE = { project: 1, task: 2, comment: 3 } as const;
export type DocKind = keyof typeof KIND_CODE;
const KIND_OF_CODE: Record<number, DocKind> = { 1: 'project', 2: 'task', 3: 'comment' };

export const docRowid = (kind: DocKind, id: number): number => id * 4 + KIND_CODE[kind];
export function docOf(rowid: number): { kind: DocKind; id: number } {
  return { kind: KIND_OF_CODE[rowid % 4] ?? 'task', id: Math.floor(rowid / 4) };
}

/** "YYYY-MM-DD HH:MM" or "YYYY-MM-DD" (the account's wall clock) as epoch ms, read as UTC: for ordering. */
export function wsTime(value: string | undefined): number {
  if (!value) return 0;
  const t = Date.parse(`${value.replace(' ', 'T')}${value.length > 10 ? ':00' : 'T00:00:00'}Z`);
  return Number.isNaN(t) ? 0 : t;
}

export interface TaskRow {
  id: number;
  project_id: number;
  parent_id: number | null;
  name: string;
  text: string | null;
  status: string;
  priority: string;
  assignee_email: string;
  assignee_name: string;
  author_email: string;
  date_added: string;
  date_start: string | null;
  date_end: string | null;
  date_closed: string | null;
  page: string;
  tags: string | null;
  has_comments: number;
  activity_at: number;
}

export function taskRow(t: Task, parentId: number | null): TaskRow {
  return {
    id: Number(t.id),
    project_id: Number(t.project.id),
    parent_id: parentId ?? (t.parent ? Number(t.parent.id) : null),
    name: t.name,
    text: t.text ?? null,
    status: t.status,
    priority: t.priority,
    assignee_email: t.user_to.email,
    assignee_name: t.user_to.name,
    author_email: t.user_from.email,
    date_added: t.date_added,
    date_start: t.date_start ?? null,
    date_end: t.date_end ?? null,
    date_closed: t.date_closed ?? null,
    page: t.page,
    tags: t.tags ? JSON.stringify(t.tags) : null,
    has_comments: t.has_comments ?? 0,
    activity_at: Math.max(wsTime(t.date_added), wsTime(t.date_closed)),
  };
}

/** Worksection shows a task's newest comments with extra=comments, at most this many. */
export const NEWEST_COMMENTS = 5;

export interface ListedTask {
  row: TaskRow;
  /** The newest comments the listing showed (extra=comments); fewer than NEWEST_COMMENTS are all of them. */
  comments?: CommentRow[];
}

/** A listing's tasks with their subtasks (two levels), parents first. */
export function flattenTasks(list: readonly ListTask[]): ListedTask[] {
  const out: ListedTask[] = [];
  const walk = (t: ListTask | Task, parent: number | null) => {
    const row = taskRow(t, parent);
    const comments = t.comments?.map((c) => commentRow(row.id, c));
    out.push(comments ? { row, comments } : { row });
    for (const child of (t as ListTask).child ?? []) walk(child as ListTask, Number(t.id));
  };
  for (const t of list) walk(t, null);
  return out;
}

export interface CommentRow {
  id: number;
  task_id: number;
  text: string;
  author_name: string;
  author_email: string;
  date_added: string;
  page: string;
}

export const commentRow = (taskId: number, c: Comment): CommentRow => ({
  id: Number(c.id),
  task_id: taskId,
  text: c.text,
  author_name: c.user_from.name,
  author_email: c.user_from.email,
  date_added: c.date_added,
  page: c.page,
});

/** The project and task ids a page path names: /project/P/, /project/P/T/, /project/P/PARENT/T/. */
export function pageIds(page: string): { project?: number; task?: number; comment?: number } {
  const m = /^\/project\/(\d+)\/(?:(?:\d+\/)?(\d+)\/)?(?:#com(\d+))?/.exec(page);
  if (!m) return {};
  return {
    project: Number(m[1]),
    ...(m[2] ? { task: Number(m[2]) } : {}),
    ...(m[3] ? { comment: Number(m[3]) } : {}),
  };
}
