// The compact task every list and derived answer uses (list_tasks, get_task's header, analytics). Built
// from any wire variant that carries people, project and dates: search/list items, post/update answers,
// and the brief task inside a cost or timer. Keep the exported names stable: other toolsets import them.
import { z } from 'zod';
import type { TaskBrief, TaskCore } from '../../../worksection/schemas.js';
import { fromWsDateTime } from '../kit/dates.js';
import { assigneeOf, assigneeShape, personOf, personShape, tagNames } from './common.js';

export const taskRefShape = z.object({
  id: z.string().describe('Task id.'),
  name: z.string(),
  status: z.enum(['active', 'done']),
  priority: z.number().int().describe('0 (lowest) to 10 (highest).'),
});
export type TaskRef = z.infer<typeof taskRefShape>;

export const taskSummaryShape = z.object({
  id: z.string().describe('Task id (pass it as task_id / parent_id).'),
  name: z.string(),
  project: z.object({ id: z.string(), name: z.string() }),
  status: z.enum(['active', 'done']).describe('active = open, done = completed.'),
  priority: z.number().int().describe('0 (lowest) to 10 (highest).'),
  ...assigneeShape.shape,
  author: personShape.nullable().describe('Who created the task.'),
  created_at: z.string().describe('ISO date and time the task was created.'),
  start_date: z.string().optional().describe('ISO start date.'),
  due_date: z.string().optional().describe('ISO due date (Worksection "date_end").'),
  due_time: z.string().optional().describe('HH:MM on the due date, when set.'),
  closed_at: z.string().optional().describe('ISO date and time the task was completed.'),
  overdue: z.boolean().optional().describe('Present (true) when the task is open and past its due date.'),
  tags: z.array(z.string()).describe('Tag names (statuses and labels).'),
  parent_id: z.string().optional().describe('The parent task id when this is a subtask.'),
  has_comments: z.boolean().optional().describe('Whether the task has a discussion.'),
  page: z.string().describe('Path of the task page relative to the account URL.'),
});
export type TaskSummary = z.infer<typeof taskSummaryShape>;

/** What the converters accept: every wire variant with people, project and dates has these fields. */
export type TaskLike = TaskBrief & { has_comments?: 0 | 1 };

export interface TaskSummaryOptions {
  /** Today's ISO date: when given, overdue tasks are marked `overdue: true`. */
  today?: string;
  /** The parent's id for children that come nested (list items under `child` omit `parent`). */
  parentId?: string;
}

function priorityOf(p: string): number {
  return Number(p);
}

export function taskRefOf(t: TaskCore): TaskRef {
  return { id: t.id, name: t.name, status: t.status, priority: priorityOf(t.priority) };
}

/** Open and due strictly before today (a task due today is not overdue yet). */
export function isOverdue(t: Pick<TaskBrief, 'status' | 'date_end'>, today: string): boolean {
  return t.status === 'active' && t.date_end !== undefined && t.date_end < today;
}

/** Whole days between the due date and today (0 or less when not overdue). */
export function daysOverdue(t: Pick<TaskBrief, 'date_end'>, today: string): number {
  if (t.date_end === undefined) return 0;
  const ms = Date.parse(`${today}T00:00:00Z`) - Date.parse(`${t.date_end}T00:00:00Z`);
  return Math.round(ms / 86_400_000);
}

export function taskSummaryOf(t: TaskLike, opts: TaskSummaryOptions = {}): TaskSummary {
  const out: TaskSummary = {
    id: t.id,
    name: t.name,
    project: { id: t.project.id, name: t.project.name },
    status: t.status,
    priority: priorityOf(t.priority),
    ...assigneeOf(t.user_to),
    author: personOf(t.user_from),
    created_at: fromWsDateTime(t.date_added),
    tags: tagNames(t.tags),
    page: t.page,
  };
  if (t.date_start !== undefined) out.start_date = t.date_start;
  if (t.date_end !== undefined) out.due_date = t.date_end;
  if (t.time_end !== undefined) out.due_time = t.time_end;
  if (t.date_closed !== undefined) out.closed_at = fromWsDateTime(t.date_closed);
  if (opts.today !== undefined && isOverdue(t, opts.today)) out.overdue = true;
  const parentId = t.parent?.id ?? opts.parentId;
  if (parentId !== undefined) out.parent_id = parentId;
  if (t.has_comments !== undefined) out.has_comments = t.has_comments === 1;
  return out;
}
