// Analytics toolset: answers derived from tasks and time, computed here from one fetch of each. Overdue
// means open and due strictly before today (in the account's time zone); time is summed from cost rows,
// whose project is task.project.
import { z } from 'zod';
import { addDays, dateArg } from '../kit/dates.js';
import { defineTool, type AnyTool } from '../kit/define-tool.js';
import { assigneeOf, assigneeShape, idArg, personOf } from '../shapes/common.js';
import { isOverdue, type TaskLike } from '../shapes/task.js';
import { totalsOf, totalsShape } from '../shapes/time.js';
import { projectNotFound, projectTasks } from './shared.js';
import { teamWorkload } from './workload.js';
import { fetchEntries, rangeShape } from '../time/shared.js';

const countShape = z.object({ open: z.number().int(), done: z.number().int() });

function assigneeKey(t: TaskLike): string {
  return t.user_to.email === 'NOONE' ? 'nobody' : t.user_to.email === 'ANY' ? 'anyone' : t.user_to.id;
}

const projectStats = defineTool({
  name: 'project_stats',
  title: 'Project statistics',
  toolset: 'analytics',
  effect: 'read',
  description:
    'A project at a glance for status reports: open and done tasks, overdue, due in 7 days, by priority and assignee, and time and money logged.',
  input: z.object({
    project_id: idArg('The project.'),
    date_from: dateArg('Time from (default all time).').optional(),
    date_to: dateArg('Time to (default all time).').optional(),
  }),
  output: z.object({
    project: z.object({
      id: z.string(),
      name: z.string(),
      status: z.enum(['active', 'pending', 'archive']),
      manager: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
      start_date: z.string().optional(),
      due_date: z.string().optional(),
    }),
    today: z.string().describe('The day overdue is measured against.'),
    tasks: z.object({
      total: z.number().int(),
      ...countShape.shape,
      overdue: z.number().int().describe('Open and due before today.'),
      due_next_7_days: z.number().int().describe('Open and due today or in the next 6 days.'),
      unassigned_open: z.number().int().describe('Open tasks nobody is assigned to (or open for anyone).'),
      completion_percent: z.number().describe('done / total, in percent (one decimal).'),
    }),
    by_priority: z
      .array(z.object({ priority: z.number().int(), ...countShape.shape }))
      .describe('Highest first.'),
    by_assignee: z
      .array(z.object({ ...assigneeShape.shape, ...countShape.shape, overdue: z.number().int() }))
      .describe('Most open tasks first.'),
    time: totalsShape.extend({ range: rangeShape }).describe("Time and money logged on the project's tasks."),
  }),
  async handle(args, ctx) {
    const today = ctx.today();
    const [project, tasks, { entries }] = await Promise.all([
      projectNotFound(ctx.ws.call('get_project', { id_project: args.project_id }), args.project_id),
      projectNotFound(projectTasks(ctx, args.project_id), args.project_id),
      projectNotFound(
        fetchEntries(ctx, { project_id: args.project_id, date_from: args.date_from, date_to: args.date_to }),
        args.project_id,
      ),
    ]);
    const p = project.data;
    const open = tasks.filter((t) => t.status === 'active');
    const soon = addDays(today, 6);
    const byPriority = new Map<number, { open: number; done: number }>();
    const byAssignee = new Map<string, { head: TaskLike; open: number; done: number; overdue: number }>();
    for (const t of tasks) {
      const key = t.status === 'active' ? 'open' : 'done';
      const prio = byPriority.get(Number(t.priority)) ?? { open: 0, done: 0 };
      prio[key]++;
      byPriority.set(Number(t.priority), prio);
      const who = byAssignee.get(assigneeKey(t)) ?? { head: t, open: 0, done: 0, overdue: 0 };
      who[key]++;
      if (isOverdue(t, today)) who.overdue++;
      byAssignee.set(assigneeKey(t), who);
    }
    return {
      project: {
        id: p.id,
        name: p.name,
        status: p.status,
        manager: personOf(p.user_to),
        ...(p.date_start === undefined ? {} : { start_date: p.date_start }),
        ...(p.date_end === undefined ? {} : { due_date: p.date_end }),
      },
      today,
      tasks: {
        total: tasks.length,
        open: open.length,
        done: tasks.length - open.length,
        overdue: open.filter((t) => isOverdue(t, today)).length,
        due_next_7_days: open.filter(
          (t) => t.date_end !== undefined && t.date_end >= today && t.date_end <= soon,
        ).length,
        unassigned_open: open.filter((t) => t.user_to.email === 'NOONE' || t.user_to.email === 'ANY').length,
        completion_percent:
          tasks.length === 0 ? 0 : Math.round(((tasks.length - open.length) * 1000) / tasks.length) / 10,
      },
      by_priority: [...byPriority].sort((a, b) => b[0] - a[0]).map(([priority, c]) => ({ priority, ...c })),
      by_assignee: [...byAssignee.values()]
        .sort((a, b) => b.open - a.open || b.overdue - a.overdue)
        .map(({ head, open: o, done, overdue }) => ({ ...assigneeOf(head.user_to), open: o, done, overdue })),
      time: { ...totalsOf(entries), range: { from: args.date_from, to: args.date_to } },
    };
  },
});

export const analyticsTools: AnyTool[] = [projectStats, teamWorkload];
