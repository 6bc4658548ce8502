// Activity toolset: the account's event log (get_events) as "what happened": newest first, with the
// project parsed from each event's page (events have no project field), names filled in for the page of
// events shown, and counts by action and object type over everything that matched.
import { z } from 'zod';
import { takesSpokenDate } from '../kit/dates.js';
import { WorksectionApiError } from '../../../worksection/errors.js';
import { minuteStartsNear, wallMs } from '../../../worksection/wall-clock.js';
import type { ParamValue } from '../../../worksection/transport.js';
import { defineTool, type AnyTool } from '../kit/define-tool.js';
import { pageMetaShape, pagingInput, paginate, queryKey } from '../kit/paging.js';
import { EVENT_ACTIONS, EVENT_OBJECT_TYPES, eventOf, eventShape, type EventInfo } from '../shapes/event.js';
import { idArg, personArg, projectIdsArg } from '../shapes/common.js';
import { resolvePerson } from '../shapes/people-args.js';
import type { ToolContext } from '../kit/context.js';
import { ToolError } from '../kit/errors.js';
import { PERIOD_HELP, periodWindow, shownIn, sinceWindow } from './period.js';

const countsShape = z.record(z.string(), z.number().int());

function countBy(events: readonly EventInfo[], key: (e: EventInfo) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of events) out[key(e)] = (out[key(e)] ?? 0) + 1;
  return out;
}

/** The task an event is about: the object of a task event, the task of a comment event. */
const taskOf = (e: EventInfo): string | undefined => (e.object_type === 'task' ? e.object_id : e.task_id);

/**
 * Task names on the events shown, and each of their projects named once: one get_projects and one
 * search_tasks by id.
 */
async function nameEvents(ctx: ToolContext, events: EventInfo[]): Promise<Record<string, string>> {
  const taskIds = [...new Set(events.flatMap((e) => taskOf(e) ?? []))];
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
  const named: Record<string, string> = {};
  for (const e of events) {
    const project = e.project_id === null ? undefined : projectName.get(e.project_id);
    if (e.project_id !== null && project !== undefined) named[e.project_id] = project;
    const name = e.object_type === 'project' ? project : taskName.get(taskOf(e) ?? '');
    if (name !== undefined) e.name = name;
  }
  return named;
}

const getActivity = defineTool({
  name: 'get_activity',
  title: 'Get activity',
  toolset: 'activity',
  effect: 'read',
  description:
    'Recent events, newest first (Worksection keeps 30 days): projects and tasks created, updated, completed, reopened or deleted, and comments, with who and what changed.',
  input: z.object({
    period: z.string().optional().describe(`How far back: ${PERIOD_HELP}; default "1d".`),
    since: takesSpokenDate(z.string()).optional().describe('Instead of period: from this date or date-time.'),
    project_id: projectIdsArg('Events of these projects.').optional(),
    task_id: idArg('Events of this task.').optional(),
    user: personArg('Events by them.').optional(),
    object_type: z.enum(EVENT_OBJECT_TYPES).optional().describe('Events of these objects.'),
    action: z.enum(EVENT_ACTIONS).optional().describe('post = created, close = completed.'),
    ...pagingInput,
  }),
  output: z.object({
    items: z.array(eventShape),
    projects: z.record(z.string(), z.string()).describe('The name of each project_id in items.'),
    period: z.string().describe('The period asked of Worksection.'),
    since: z
      .string()
      .describe(
        'Events are from this minute on (account time, as their dates); periods of 6h or more leave out their uncertain first minute.',
      ),
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
    // Worksection filters by one project a request; several projects are one request each, merged.
    const calls: Record<string, ParamValue>[] = (args.project_id ?? [undefined]).map((id) =>
      id === undefined ? { period: win.period } : { period: win.period, id_project: id },
    );
    const [responses, person] = await Promise.all([
      Promise.all(calls.map((params) => ctx.ws.call('get_events', params, { eventsFrom: win.fromMs }))),
      args.user === undefined ? undefined : resolvePerson(ctx, args.user),
    ]);
    const matching = responses
      .flatMap((res) => res.data)
      .filter(
        (e) =>
          shownIn(win, minuteStartsNear(e.date_added, ctx.timeZone, win.fromMs)) &&
          (person === undefined || e.user_from.id === person.id) &&
          (args.object_type === undefined || e.object.type === args.object_type) &&
          (args.action === undefined || e.action === args.action),
      )
      .map((e) => eventOf(e))
      .filter((e) => args.task_id === undefined || taskOf(e) === args.task_id)
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
    const projects = page.items.length > 0 ? await nameEvents(ctx, page.items) : {};
    return {
      ...page,
      projects,
      period: win.period,
      since: new Date(wallMs(win.fromMs, ctx.timeZone)).toISOString().slice(0, 16),
      counts: {
        by_action: countBy(matching, (e) => e.action),
        by_object_type: countBy(matching, (e) => e.object_type),
      },
    };
  },
});

export const activityTools: AnyTool[] = [getActivity];
