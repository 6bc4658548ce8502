// list_tasks: the one task finder. The route to Worksection is picked in tasks-query.ts; here the
// arguments are checked and resolved, the complete list is sorted and paged.
import { z } from 'zod';
import { dateArg } from '../kit/dates.js';
import { defineTool } from '../kit/define-tool.js';
import { pageMetaShape, pagingInput, paginate, queryKey } from '../kit/paging.js';
import { idArg, personArg } from '../shapes/common.js';
import { createPeopleResolver } from '../shapes/people-args.js';
import { taskSummaryOf, taskSummaryShape, type TaskSummary } from '../shapes/task.js';
import { ToolError } from '../kit/errors.js';
import { fetchTasks, parentOf, type TaskQuery } from './query.js';
import { assigneeArg, resolveAssignee } from './shared.js';

const input = z.object({
  project_id: idArg('Only tasks of this project (list_projects finds ids).').optional(),
  status: z
    .enum(['active', 'done', 'all'])
    .optional()
    .describe(
      'active = open tasks (default), done = completed, all = both. Defaults to done when closed_after or closed_before is given.',
    ),
  assignee: assigneeArg('Only tasks assigned to this person.').optional(),
  author: personArg('Only tasks created by this person.').optional(),
  name_contains: z
    .string()
    .min(1)
    .optional()
    .describe('Only tasks whose name contains this text (any case).'),
  tag: z
    .string()
    .min(1)
    .optional()
    .describe('Only tasks carrying this tag (name or id; list_tags shows them).'),
  due_after: dateArg('Only tasks due on or after this date.').optional(),
  due_before: dateArg('Only tasks due on or before this date.').optional(),
  overdue: z
    .boolean()
    .optional()
    .describe('true = only open tasks whose due date is before today (implies status active).'),
  closed_after: dateArg('Only tasks completed on or after this date (implies status done).').optional(),
  closed_before: dateArg('Only tasks completed on or before this date (implies status done).').optional(),
  parent_id: idArg('Only subtasks of this task.').optional(),
  include_subtasks: z
    .boolean()
    .default(true)
    .describe(
      'Also list subtasks (each with parent_id); false = top-level tasks only (with parent_id: direct children only).',
    ),
  sort: z
    .enum(['default', 'due_date', 'priority', 'created'])
    .default('default')
    .describe(
      "default = Worksection's order (subtasks after their parent); due_date = soonest first, undated last; priority = highest first; created = newest first.",
    ),
  ...pagingInput,
});

const output = z.object({ items: z.array(taskSummaryShape), ...pageMetaShape });

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
  if (a.overdue) return 'active';
  return a.status ?? (closing ? 'done' : 'active');
}

const byDue = (a: TaskSummary, b: TaskSummary) =>
  (a.due_date ?? '9999') < (b.due_date ?? '9999')
    ? -1
    : (a.due_date ?? '9999') > (b.due_date ?? '9999')
      ? 1
      : 0;

function sortItems(items: TaskSummary[], sort: Args['sort']): TaskSummary[] {
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
    'Find tasks: open, completed or both, in one project or all projects, filtered by assignee ("me" works), ' +
    'author, name, tag, due or completion dates, overdue, or parent task. Answers compact tasks (assignee, ' +
    'dates, tags, parent_id) with total_count and a cursor for the next page. Tasks of archived projects are ' +
    'left out unless project_id names one, and so are tasks awaiting delayed publication with their subtasks ' +
    '(Worksection hides them until then; get_project and project_stats count by the same rule). ' +
    'Completed tasks need a project, person, name or date condition. ' +
    "Use get_task for a task's description, subtasks and files, list_comments for its discussion.",
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
      closedAfter: args.closed_after,
      closedBefore: args.closed_before,
      parentId: args.parent_id,
      includeSubtasks: args.include_subtasks,
      today,
    };
    const found = await fetchTasks(ctx, q);
    const items = sortItems(
      found.map((f) => taskSummaryOf(f.task, { today, parentId: parentOf(f) })),
      args.sort,
    );
    return paginate(items, {
      limit: args.limit,
      cursor: args.cursor,
      key: queryKey('list_tasks', args),
      limits: ctx.limits,
      narrowHint: 'narrow with project_id, assignee, status or dates',
    });
  },
});
