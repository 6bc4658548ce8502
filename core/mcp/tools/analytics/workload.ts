// team_workload: per person, the open tasks they carry (overdue, due soon, high priority) next to the time
// they logged in a range, so "who is overloaded" and "who has room" read off one table. Three fetches:
// the users, the open tasks (one project or the account), the costs of the range.
import { z } from 'zod';
import { addDays, dateArg } from '../kit/dates.js';
import { defineTool } from '../kit/define-tool.js';
import { pageMetaShape, pagingInput, paginate, queryKey } from '../kit/paging.js';
import { idArg, personShape } from '../shapes/common.js';
import { isOverdue, type TaskLike } from '../shapes/task.js';
import { durationFields, durationOf } from '../shapes/time.js';
import { openTasks, projectNotFound } from './shared.js';
import { checkRange, fetchEntries, rangeShape } from '../time/shared.js';

/** Priority from which an open task counts as high priority (Worksection's scale is 0..10). */
const HIGH_PRIORITY = 7;

const rowShape = z.object({
  user: personShape,
  role: z.string(),
  open_tasks: z.number().int().describe('Open tasks assigned to them (subtasks included).'),
  overdue: z.number().int().describe('Of those, due before today.'),
  due_next_7_days: z.number().int().describe('Of those, due today or in the next 6 days.'),
  high_priority: z.number().int().describe(`Of those, priority ${HIGH_PRIORITY} or more.`),
  logged: z.object(durationFields).describe('Time they logged in the range.'),
});
type Row = z.infer<typeof rowShape>;

export const teamWorkload = defineTool({
  name: 'team_workload',
  title: 'Team workload',
  toolset: 'analytics',
  effect: 'read',
  description:
    'Per person: open tasks (overdue, due in 7 days, high priority) and time logged (default the last 7 days), most loaded first.',
  input: z.object({
    project_id: idArg('Tasks and time of this project.').optional(),
    date_from: dateArg('Time from (default 6 days before date_to).').optional(),
    date_to: dateArg('Time to (default today).').optional(),
    include_idle: z.boolean().optional().describe('Also people with nothing open or logged.'),
    ...pagingInput,
  }),
  output: z.object({
    today: z.string(),
    range: rangeShape.describe('The logged-time range.'),
    items: z.array(rowShape),
    unassigned_open: z.number().int().describe('Open tasks assigned to nobody.'),
    open_for_anyone: z.number().int().describe('Open tasks anyone may take.'),
    ...pageMetaShape,
  }),
  async handle(args, ctx) {
    const today = ctx.today();
    const to = args.date_to ?? today;
    const from = args.date_from ?? addDays(to, -6);
    checkRange(from, to);
    const tasksCall = openTasks(ctx, args.project_id);
    const [users, tasks, { entries }] = await Promise.all([
      ctx.ws.call('get_users'),
      args.project_id === undefined ? tasksCall : projectNotFound(tasksCall, args.project_id),
      fetchEntries(ctx, { project_id: args.project_id, date_from: from, date_to: to }),
    ]);
    const soon = addDays(today, 6);
    const rows = new Map<string, Row>(
      users.data.map((u) => [
        u.id,
        {
          user: { id: u.id, name: u.name, email: u.email },
          role: u.role,
          open_tasks: 0,
          overdue: 0,
          due_next_7_days: 0,
          high_priority: 0,
          logged: durationOf(0),
        },
      ]),
    );
    let unassigned = 0;
    let anyone = 0;
    const count = (t: TaskLike, row: Row): void => {
      row.open_tasks++;
      if (isOverdue(t, today)) row.overdue++;
      if (t.date_end !== undefined && t.date_end >= today && t.date_end <= soon) row.due_next_7_days++;
      if (Number(t.priority) >= HIGH_PRIORITY) row.high_priority++;
    };
    for (const t of tasks) {
      if (t.user_to.email === 'NOONE') unassigned++;
      else if (t.user_to.email === 'ANY') anyone++;
      else {
        const row = rows.get(t.user_to.id);
        if (row) count(t, row);
      }
    }
    const minutes = new Map<string, number>();
    for (const e of entries) if (e.user) minutes.set(e.user.id, (minutes.get(e.user.id) ?? 0) + e.minutes);
    for (const [id, m] of minutes) {
      const row = rows.get(id);
      if (row) row.logged = durationOf(m);
    }
    const list = [...rows.values()]
      .filter((r) => args.include_idle || r.open_tasks > 0 || r.logged.minutes > 0)
      .sort(
        (a, b) =>
          b.open_tasks - a.open_tasks ||
          b.overdue - a.overdue ||
          b.logged.minutes - a.logged.minutes ||
          a.user.name.localeCompare(b.user.name),
      );
    const page = paginate(list, {
      limit: args.limit,
      cursor: args.cursor,
      key: queryKey('team_workload', { ...args, date_from: from, date_to: to }),
      limits: ctx.limits,
      narrowHint: 'narrow with project_id',
    });
    return { today, range: { from, to }, ...page, unassigned_open: unassigned, open_for_anyone: anyone };
  },
});
