// A task as a row of a list (list_tasks): what a model needs to pick tasks and talk about
// them, at about half the tokens of the full summary. What every row shares (the project of a one-project
// list, the status of an open-tasks list) is said once on the answer instead; the author, creation time,
// page link and emails are left to get_task, which keeps its detail.
import { z } from 'zod';
import { personRefShape } from './common.js';
import type { TaskSummary } from './task.js';

const projectRefShape = z.object({ id: z.string(), name: z.string() });
const statusShape = z.enum(['active', 'done']);

export const taskRowShape = z.object({
  id: z.string(),
  name: z.string(),
  project: projectRefShape.optional().describe("Left out when the answer's `project` says it for all."),
  status: statusShape.optional().describe("Left out when the answer's `status` says it for all."),
  priority: z.number().int(),
  assignee: personRefShape.nullable(),
  assigned_to_anyone: z.boolean().optional(),
  start_date: z.string().optional(),
  due_date: z.string().optional(),
  due_time: z.string().optional(),
  closed_at: z.string().optional(),
  overdue: z.boolean().optional(),
  tags: z.array(z.string()).optional().describe('Left out when there are none.'),
  parent_id: z.string().optional(),
  has_comments: z.boolean().optional(),
});
export type TaskRow = z.infer<typeof taskRowShape>;

/** The fields a task list answer says once for all its rows. */
export const sharedRowFields = {
  project: projectRefShape.optional().describe('The project of every task listed, when they share one.'),
  status: statusShape.optional().describe('The status of every task listed, when they share one.'),
};

export function taskRowOf(s: TaskSummary): TaskRow {
  const { author: _author, created_at: _created, page: _page, assignee, tags, ...rest } = s;
  return {
    ...rest,
    assignee: assignee && { id: assignee.id, name: assignee.name },
    ...(tags.length > 0 ? { tags } : {}),
  };
}

const same = <T>(values: T[]): T | undefined => {
  const [first] = values;
  return values.every((v) => JSON.stringify(v) === JSON.stringify(first)) ? first : undefined;
};

/** Rows with what they all share lifted out: `{ project?, status?, items }`. */
export function saidOnce<R extends TaskRow>(
  rows: R[],
): { project?: TaskRow['project']; status?: TaskRow['status']; items: R[] } {
  if (rows.length === 0) return { items: rows };
  const project = same(rows.map((r) => r.project));
  const status = same(rows.map((r) => r.status));
  const items = rows.map((r) => {
    const { project: p, status: st, ...rest } = r;
    return { ...rest, ...(project ? {} : { project: p }), ...(status ? {} : { status: st }) } as R;
  });
  return { ...(project ? { project } : {}), ...(status ? { status } : {}), items };
}
