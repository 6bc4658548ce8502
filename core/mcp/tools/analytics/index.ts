// Analytics toolset: answers derived from tasks and time, computed here from one fetch of each. Overdue
// means open and due strictly before today (in the account's time zone); time is summed from cost rows,
// whose project is task.project.
import { z } from 'zod';
import { addDays, dateArg } from '../kit/dates.js';
import { defineTool, type AnyTool } from '../kit/define-tool.js';
import { assigneeOf, assigneeShape, personOf, projectIdsArg } from '../shapes/common.js';
import { isOverdue, type TaskLike } from '../shapes/task.js';
import { addTotals, totalsOf, totalsShape, type Totals } from '../shapes/time.js';
import type { ToolContext } from '../kit/context.js';
import { projectNotFound, projectTasks } from './shared.js';
import { teamWorkload } from './workload.js';
import { fetchEntries, rangeShape } from '../time/shared.js';

const countShape = z.object({ open: z.number().int(), done: z.number().int() });

function assigneeKey(t: TaskLike): string {
  return t.user_to.email === 'NOONE' ? 'nobody' : t.user_to.email === 'ANY' ? 'anyone' : t.user_to.id;
}

const statsShape = z.object({
  project: z.object({
    id: z.string(),
    name: z.string(),
    status: z.enum(['active', 'pending', 'archive']),
    manager: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
    start_date: z.string().optional(),
    due_date: z.string().optional(),
  }),
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
});
type ProjectStats = z.infer<typeof statsShape>;

interface Range {
  date_from?: string;
  date_to?: string;
}

async function statsOf(
  ctx: ToolContext,
  projectId: string,
  range: Range,
  today: string,
): Promise<ProjectStats> {
  const [project, tasks, { entries }] = await Promise.all([
    projectNotFound(ctx.ws.call('get_project', { id_project: projectId }), projectId),
    projectNotFound(projectTasks(ctx, projectId), projectId),
    projectNotFound(fetchEntries(ctx, { project_id: projectId, ...range }), projectId),
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
    tasks: {
      total: tasks.length,
      open: open.length,
      done: tasks.length - open.length,
      overdue: open.filter((t) => isOverdue(t, today)).length,
      due_next_7_days: open.filter(
        (t) => t.date_end !== undefined && t.date_end >= today && t.date_end <= soon,
      ).length,
      unassigned_open: open.filter((t) => t.user_to.email === 'NOONE' || t.user_to.email === 'ANY').length,
      completion_percent: percentDone(tasks.length, tasks.length - open.length),
    },
    by_priority: [...byPriority].sort((a, b) => b[0] - a[0]).map(([priority, c]) => ({ priority, ...c })),
    by_assignee: [...byAssignee.values()]
      .sort((a, b) => b.open - a.open || b.overdue - a.overdue)
      .map(({ head, open: o, done, overdue }) => ({ ...assigneeOf(head.user_to), open: o, done, overdue })),
    time: { ...totalsOf(entries), range: { from: range.date_from, to: range.date_to } },
  };
}

const percentDone = (total: number, done: number) =>
  total === 0 ? 0 : Math.round((done * 1000) / total) / 10;

/** Several projects' figures added up: the task counts and the time and money logged. */
function combined(all: readonly ProjectStats[]): { tasks: ProjectStats['tasks']; time: Totals } {
  const sum = (pick: (s: ProjectStats) => number) => all.reduce((n, s) => n + pick(s), 0);
  const total = sum((s) => s.tasks.total);
  const done = sum((s) => s.tasks.done);
  return {
    tasks: {
      total,
      open: sum((s) => s.tasks.open),
      done,
      overdue: sum((s) => s.tasks.overdue),
      due_next_7_days: sum((s) => s.tasks.due_next_7_days),
      unassigned_open: sum((s) => s.tasks.unassigned_open),
      completion_percent: percentDone(total, done),
    },
    time: addTotals(all.map((s) => s.time)),
  };
}

const projectStats = defineTool({
  name: 'project_stats',
  title: 'Project statistics',
  toolset: 'analytics',
  effect: 'read',
  description:
    'Projects at a glance for status reports: open, done, overdue and due-in-7-days tasks, by priority and ' +
    'assignee, and time and money logged; several add a combined total.',
  input: z.object({
    project_id: projectIdsArg('The projects.'),
    date_from: dateArg('Time from (default all time).').optional(),
    date_to: dateArg('Time to (default all time).').optional(),
  }),
  // One project: its figures at the top level. Several: each in `projects`, and their sum in `combined`.
  output: statsShape.partial().extend({
    today: z.string().describe('The day overdue is measured against.'),
    projects: z
      .array(statsShape)
      .optional()
      .describe('With several project ids: each one, in the order asked.'),
    combined: z
      .object({ tasks: statsShape.shape.tasks, time: totalsShape })
      .optional()
      .describe('With several project ids: their tasks and time added up.'),
  }),
  async handle(args, ctx) {
    const today = ctx.today();
    const range = { date_from: args.date_from, date_to: args.date_to };
    const all = await Promise.all(args.project_id.map((id) => statsOf(ctx, id, range, today)));
    const [only] = all;
    if (all.length === 1 && only) return { today, ...only };
    return { today, projects: all, combined: combined(all) };
  },
});

export const analyticsTools: AnyTool[] = [projectStats, teamWorkload];
