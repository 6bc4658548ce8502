// Time toolset, reading side: time entries (Worksection "costs") with totals, listed or summed by user,
// project, task or date. Every number is computed here from the cost rows, so a report's groups
// always add up to its total; a cost's project is its task's project (cost rows have no project field).
import { z } from 'zod';
import { defineTool, type AnyTool } from '../kit/define-tool.js';
import { pageMetaShape, pagingInput, paginate, queryKey } from '../kit/paging.js';
import { personShape } from '../shapes/common.js';
import { timeEntryShape, totalsOf, totalsShape, type TimeEntry } from '../shapes/time.js';
import { costFilterInput, fetchEntries, rangeShape } from './shared.js';
import { timeTimerTools } from './timers.js';
import { timeWriteTools } from './write.js';

const GROUPS = ['user', 'project', 'task', 'date'] as const;
type GroupBy = (typeof GROUPS)[number];

const groupShape = z.object({
  key: z.string().describe('User id, project id, task id or ISO date.'),
  name: z.string().describe('Person, project or task name, or the date.'),
  project: z
    .object({ id: z.string(), name: z.string() })
    .optional()
    .describe("Task groups: the task's project."),
  ...totalsShape.shape,
  share_percent: z.number().describe('Share of the total time, in percent (one decimal).'),
});
type Group = z.infer<typeof groupShape>;

function keyOf(e: TimeEntry, by: GroupBy): { key: string; name: string; project?: Group['project'] } {
  switch (by) {
    case 'user':
      return e.user ? { key: e.user.id, name: e.user.name } : { key: 'none', name: '(unknown)' };
    case 'project':
      return { key: e.project.id, name: e.project.name };
    case 'task':
      return { key: e.task.id, name: e.task.name, project: e.project };
    case 'date':
      return { key: e.date, name: e.date };
  }
}

function groupEntries(entries: readonly TimeEntry[], by: GroupBy): Group[] {
  const buckets = new Map<string, { head: ReturnType<typeof keyOf>; list: TimeEntry[] }>();
  for (const e of entries) {
    const head = keyOf(e, by);
    const bucket = buckets.get(head.key);
    if (bucket) bucket.list.push(e);
    else buckets.set(head.key, { head, list: [e] });
  }
  const all = totalsOf(entries).minutes;
  const groups = [...buckets.values()].map(({ head, list }) => {
    const t = totalsOf(list);
    return { ...head, ...t, share_percent: all === 0 ? 0 : Math.round((t.minutes * 1000) / all) / 10 };
  });
  return by === 'date'
    ? groups.sort((a, b) => a.key.localeCompare(b.key))
    : groups.sort((a, b) => b.minutes - a.minutes || a.name.localeCompare(b.name));
}

// Entries and their sums are one tool: the same rows under the same filters, listed or summed by group_by,
// so a report's groups always add up to the total the entry list gives.
const listTimeEntries = defineTool({
  name: 'list_time_entries',
  title: 'Time entries and reports',
  toolset: 'time',
  effect: 'read',
  description:
    'Logged time and money entries, newest first, or with group_by their sums per user, project, task or ' +
    'date; with the total.',
  input: z.object({
    group_by: z.enum(GROUPS).optional().describe('Sum the entries per group instead of listing them.'),
    ...costFilterInput,
    from_timer: z.boolean().optional().describe('true = timer entries only; false = typed in.'),
    ...pagingInput,
  }),
  output: z.object({
    group_by: z.enum(GROUPS).optional(),
    items: z.array(z.union([timeEntryShape, groupShape])).describe('Entries, or one row per group.'),
    totals: totalsShape.describe('Sums over all matching entries.'),
    range: rangeShape,
    user: personShape.optional().describe('The person the entries were filtered to.'),
    ...pageMetaShape,
  }),
  async handle(args, ctx) {
    const { entries, person } = await fetchEntries(ctx, { ...args, is_timer: args.from_timer });
    const rows = args.group_by === undefined ? entries : groupEntries(entries, args.group_by);
    const page = paginate<TimeEntry | Group>(rows, {
      limit: args.limit,
      cursor: args.cursor,
      key: queryKey('list_time_entries', args),
      limits: ctx.limits,
      reserveTokens: 400,
      narrowHint:
        args.group_by === undefined
          ? 'narrow the date range, or sum with group_by'
          : 'narrow with project_id, user or the date range',
    });
    return {
      ...(args.group_by === undefined ? {} : { group_by: args.group_by }),
      ...page,
      totals: totalsOf(entries),
      range: { from: args.date_from, to: args.date_to },
      ...(person ? { user: person } : {}),
    };
  },
});

export const timeTools: AnyTool[] = [listTimeEntries, ...timeWriteTools, ...timeTimerTools];
