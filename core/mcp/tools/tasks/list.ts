// list_tasks: the one task finder. The route to Worksection is picked in tasks-query.ts; here the
// arguments are checked and resolved, the complete list is sorted and paged.
import { z } from 'zod';
import { dateArg } from '../kit/dates.js';
import { defineTool } from '../kit/define-tool.js';
import { pageMetaShape, pagingInput, paginate, queryKey } from '../kit/paging.js';
import { idArg, personArg } from '../shapes/common.js';
import { createPeopleResolver } from '../shapes/people-args.js';
import { daysOverdue, taskSummaryOf, type TaskSummary } from '../shapes/task.js';
import { saidOnce, sharedRowFields, taskRowOf, taskRowShape } from '../shapes/task-row.js';
import { ToolError } from '../kit/errors.js';
import { fetchTasks, parentOf, type TaskQuery } from './query.js';
import { assigneeArg, resolveAssignee } from './shared.js';

const input = z.object({
  project_id: idArg('Tasks of this project.').optional(),
  status: z
    .enum(['active', 'done', 'all'])
    .optional()
    .describe('active (default), done (the default with closed_*) or all.'),
  assignee: assigneeArg('Assigned to them.').optional(),
  author: personArg('Created by them.').optional(),
  name_contains: z.string().min(1).optional().describe('Name contains this text.'),
  tag: z.string().min(1).optional().describe('With this tag (name or id).'),
  due_after: dateArg('Due on or after.').optional(),
  due_before: dateArg('Due on or before.').optional(),
  overdue: z
    .boolean()
    .optional()
    .describe('true = open and past due, most overdue first, with days_overdue.'),
  no_due_date: z.boolean().optional().describe('true = without a due date.'),
  closed_after: dateArg('Completed on or after.').optional(),
  closed_before: dateArg('Completed on or before.').optional(),
  parent_id: idArg('Subtasks of this task.').optional(),
  include_subtasks: z
    .boolean()
    .default(true)
    .describe('false = top-level only (or direct children of parent_id).'),
  sort: z
    .enum(['due_date', 'priority', 'created'])
    .optional()
    .describe("Order (default: Worksection's, or most overdue first)."),
  ...pagingInput,
});

const rowShape = taskRowShape.extend({
  days_overdue: z.number().int().optional().describe('With overdue=true: days past the due date.'),
});
const output = z.object({ ...sharedRowFields, items: z.array(rowShape), ...pageMetaShape });

type Args = z.output<typeof input>;

function statusOf(a: Args): TaskQuery['status'] {
  const closing = a.closed_after !== undefined || a.closed_before !== undefined;
  if (a.overdue && (a.status === 'done' || closing)) {
    throw new ToolError(
      'overdue=true lists open tasks; it cannot be combined with done tasks.',
      'Drop overdue, or drop status=done / closed_after / closed_before.',
    );
  }
  if (closing && a.status === 'active') {
    throw new ToolError(
      'closed_after / closed_before select completed tasks, but status is active.',
      'Use status=done (or leave status out) with a closed date range.',
    );
  }
  if (a.no_due_date && (a.overdue || a.due_after !== undefined || a.due_before !== undefined)) {
    throw new ToolError(
      'no_due_date lists tasks without a due date; overdue, due_after and due_before need one.',
      'Drop no_due_date, or drop the due date conditions.',
    );
  }
  if (a.overdue) return 'active';
  return a.status ?? (closing ? 'done' : 'active');
}

const byDue = (a: TaskSummary, b: TaskSummary) =>
  (a.due_date ?? '9999') < (b.due_date ?? '9999')
    ? -1
    : (a.due_date ?? '9999') > (b.due_date ?? '9999')
      ? 1
      : 0;

// Most overdue first: the earliest due date.
const byDaysOverdue = (a: TaskSummary, b: TaskSummary) => byDue(a, b) || b.priority - a.priority;

function sortItems(items: TaskSummary[], a: Args): TaskSummary[] {
  const sort = a.sort;
  if (sort === undefined && a.overdue === true) return [...items].sort(byDaysOverdue);
  if (sort === 'due_date') return [...items].sort(byDue);
  if (sort === 'priority') return [...items].sort((a, b) => b.priority - a.priority);
  if (sort === 'created')
    return [...items].sort((a, b) =>
      a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0,
    );
  return items;
}

export const listTasks = defineTool({
  name: 'list_tasks',
  title: 'List tasks',
  toolset: 'tasks',
  effect: 'read',
  description:
    'Find tasks (open by default) by project, person, name, tag, dates or parent; compact rows (get_task: ' +
    'detail). Skips archived projects (unless named) and unpublished tasks; done tasks need a filter.',
  input,
  output,
  async handle(args, ctx) {
    if (args.due_after && args.due_before && args.due_after > args.due_before) {
      throw new ToolError('due_after is later than due_before.', 'Swap the two dates.');
    }
    const people = createPeopleResolver(ctx);
    const today = ctx.today();
    const q: TaskQuery = {
      projectId: args.project_id,
      status: statusOf(args),
      assignee: args.assignee === undefined ? undefined : await resolveAssignee(people, args.assignee),
      author: args.author === undefined ? undefined : await people.resolve(args.author),
      nameContains: args.name_contains,
      tag: args.tag,
      dueAfter: args.due_after,
      dueBefore: args.due_before,
      overdue: args.overdue,
      noDueDate: args.no_due_date,
      closedAfter: args.closed_after,
      closedBefore: args.closed_before,
      parentId: args.parent_id,
      includeSubtasks: args.include_subtasks,
      today,
    };
    const found = await fetchTasks(ctx, q);
    const items = sortItems(
      found.map((f) => taskSummaryOf(f.task, { today, parentId: parentOf(f) })),
      args,
    );
    const rows = items.map((t) => ({
      ...taskRowOf(t),
      ...(args.overdue === true && t.due_date !== undefined
        ? { days_overdue: daysOverdue({ date_end: t.due_date }, today) }
        : {}),
    }));
    const page = paginate(rows, {
      limit: args.limit,
      cursor: args.cursor,
      key: queryKey('list_tasks', args),
      limits: ctx.limits,
      narrowHint: 'narrow with project_id, assignee, status or dates',
    });
    return { ...page, ...saidOnce(page.items) };
  },
});
