// Activity toolset: the account's event log (get_events) as "what happened": newest first, with the
// project parsed from each event's page (events have no project field), names filled in for the page of
// events shown, and counts by action and object type over everything that matched.
import { z } from 'zod';
import { WorksectionApiError } from '../../../worksection/errors.js';
import type { ParamValue } from '../../../worksection/transport.js';
import { defineTool, type AnyTool } from '../kit/define-tool.js';
import { pageMetaShape, pagingInput, paginate, queryKey } from '../kit/paging.js';
import { EVENT_ACTIONS, EVENT_OBJECT_TYPES, eventOf, eventShape, type EventInfo } from '../shapes/event.js';
import { idArg, personArg } from '../shapes/common.js';
import { resolvePerson } from '../shapes/people-args.js';
import type { ToolContext } from '../kit/context.js';
import { ToolError } from '../kit/errors.js';
import { eventMs, PERIOD_HELP, periodWindow, sinceWindow } from './period.js';

const countsShape = z.record(z.string(), z.number().int());

function countBy(events: readonly EventInfo[], key: (e: EventInfo) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of events) out[key(e)] = (out[key(e)] ?? 0) + 1;
  return out;
}

/** Project and task names for the events shown: one get_projects and one search_tasks by id. */
async function nameEvents(ctx: ToolContext, events: EventInfo[]): Promise<void> {
  const taskIds = [...new Set(events.flatMap((e) => (e.task_id === undefined ? [] : [e.task_id])))];
  const [projects, tasks] = await Promise.all([
    ctx.ws.call('get_projects'),
    // Names are garnish: a task deleted since (which the filter may reject) must not sink the answer.
    taskIds.length === 0
      ? undefined
      : ctx.ws.call('search_tasks', { filter: `id in (${taskIds.join(', ')})` }).catch((err: unknown) => {
          if (err instanceof WorksectionApiError) return undefined;
          throw err;
        }),
  ]);
  const projectName = new Map(projects.data.map((p) => [p.id, p.name]));
  const taskName = new Map((tasks?.data ?? []).map((t) => [t.id, t.name]));
  for (const e of events) {
    if (e.project) {
      const name = projectName.get(e.project.id);
      if (name !== undefined) e.project.name = name;
    }
    const name = e.object_type === 'project' ? e.project?.name : taskName.get(e.task_id ?? '');
    if (name !== undefined) e.name = name;
  }
}

const getActivity = defineTool({
  name: 'get_activity',
  title: 'Get activity',
  toolset: 'activity',
  effect: 'read',
  description:
    'What happened in the account recently: projects and tasks created, updated, completed, reopened or ' +
    'deleted, and comments posted, newest first, with who did it and what changed. Worksection keeps 30 ' +
    'days. Give `period` (e.g. "2d" for "the last 2 days") or `since` (an ISO date or date-time), and ' +
    'narrow by project, task, person, object type or action.',
  input: z.object({
    period: z
      .string()
      .optional()
      .describe(`How far back to look: ${PERIOD_HELP}. Default "1d" unless since is given.`),
    since: z
      .string()
      .optional()
      .describe(
        "Instead of period: the earliest moment, ISO (2026-03-10 or 2026-03-10T09:00), in the account's time zone unless an offset is given.",
      ),
    project_id: idArg('Only events in this project.').optional(),
    task_id: idArg('Only events of this task and its comments.').optional(),
    user: personArg('Only events by this person.').optional(),
    object_type: z
      .enum(EVENT_OBJECT_TYPES)
      .optional()
      .describe('Only events about projects, tasks or comments.'),
    action: z
      .enum(EVENT_ACTIONS)
      .optional()
      .describe('Only this action: post (created), update, close (completed), delete, reopen.'),
    ...pagingInput,
  }),
  output: z.object({
    items: z.array(eventShape),
    period: z.string().describe('The period asked of Worksection.'),
    since: z.string().describe('ISO date-time (UTC) of the earliest event included.'),
    counts: z.object({
      by_action: countsShape.describe('How many matching events per action.'),
      by_object_type: countsShape.describe('How many matching events per object type.'),
    }),
    ...pageMetaShape,
  }),
  async handle(args, ctx) {
    if (args.period !== undefined && args.since !== undefined) {
      throw new ToolError('Give period or since, not both.', 'Drop one of them.');
    }
    const nowMs = ctx.now().getTime();
    const win =
      args.since !== undefined
        ? sinceWindow(args.since, nowMs, ctx.timeZone)
        : periodWindow(args.period ?? '1d', nowMs);
    const params: Record<string, ParamValue> = { period: win.period };
    if (args.project_id !== undefined) params.id_project = args.project_id;
    const [res, person] = await Promise.all([
      ctx.ws.call('get_events', params),
      args.user === undefined ? undefined : resolvePerson(ctx, args.user),
    ]);
    const matching = res.data
      .filter(
        (e) =>
          (win.cutMs === undefined || eventMs(e.date_added, ctx.timeZone) >= win.cutMs) &&
          (person === undefined || e.user_from.id === person.id) &&
          (args.object_type === undefined || e.object.type === args.object_type) &&
          (args.action === undefined || e.action === args.action),
      )
      .map((e) => eventOf(e))
      .filter((e) => args.task_id === undefined || e.task_id === args.task_id)
      .sort((a, b) => b.date.localeCompare(a.date));
    const page = paginate(matching, {
      limit: args.limit,
      cursor: args.cursor,
      key: queryKey('get_activity', args),
      limits: ctx.limits,
      // Room for the names filled in after paging (about 15 tokens an event).
      reserveTokens: 400 + 15 * Math.min(args.limit ?? ctx.limits.defaultPageSize, ctx.limits.maxPageSize),
      narrowHint: 'narrow with project_id, user, object_type, action or a shorter period',
    });
    if (page.items.length > 0) await nameEvents(ctx, page.items);
    return {
      ...page,
      period: win.period,
      since: new Date(win.cutMs ?? win.startMs).toISOString().slice(0, 16),
      counts: {
        by_action: countBy(matching, (e) => e.action),
        by_object_type: countBy(matching, (e) => e.object_type),
      },
    };
  },
});

export const activityTools: AnyTool[] = [getActivity];
