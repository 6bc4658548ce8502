// Timers. Worksection splits them by credential: the account's admin key sees and stops everyone's timers
// (get_timers, stop_timer) but cannot start one, since a timer belongs to a person; a personal sign-in
// sees, starts and stops only its own (get_my_timer, start_my_timer, stop_my_timer). The tools pick the
// right action and say plainly when the connection cannot do what was asked.
import { z } from 'zod';
import type { Timer, TaskBrief, MyTimer } from '../../../worksection/schemas.js';
import { fromWsDateTime } from '../kit/dates.js';
import { defineTool, type AnyTool } from '../kit/define-tool.js';
import { pageMetaShape, paginate, pagingInput, queryKey } from '../kit/paging.js';
import { idArg, personOf, personShape } from '../shapes/common.js';
import { durationFields, durationOf, hmm } from '../shapes/time.js';
import type { Me, ToolContext } from '../kit/context.js';
import { ToolError } from '../kit/errors.js';
import { orNotFound } from '../tasks/shared.js';

const timerShape = z.object({
  id: z.string().optional().describe('Timer id (admin-key connections; pass as timer_id to stop_timer).'),
  user: personShape.nullable().describe('Whose timer it is.'),
  task: z.object({ id: z.string(), name: z.string() }),
  project: z.object({ id: z.string(), name: z.string() }),
  started_at: z.string().describe('ISO date and time the timer was started (account time).'),
  running_minutes: z.number().int().describe('How long it has run, in whole minutes.'),
  running_time: z.string().describe('The same as H:MM.'),
});
type TimerInfo = z.infer<typeof timerShape>;

const taskParts = (t: TaskBrief) => ({
  task: { id: t.id, name: t.name },
  project: { id: t.project.id, name: t.project.name },
});

/** get_timers' "HH:MM:SS" → whole minutes. */
const clockMinutes = (clock: string): number => {
  const [h = 0, m = 0] = clock.split(':').map(Number);
  return h * 60 + m;
};

function timerOf(t: Timer): TimerInfo {
  const minutes = clockMinutes(t.time);
  return {
    id: t.id,
    user: personOf(t.user_from),
    ...taskParts(t.task),
    started_at: fromWsDateTime(t.date_started),
    running_minutes: minutes,
    running_time: hmm(minutes),
  };
}

function myTimerOf(t: MyTimer, me: Me): TimerInfo {
  const minutes = Math.floor(t.time / 60);
  return {
    user: me,
    ...taskParts(t.task),
    started_at: fromWsDateTime(t.date_started),
    running_minutes: minutes,
    running_time: hmm(minutes),
  };
}

async function myTimer(ctx: ToolContext): Promise<TimerInfo | undefined> {
  const [res, me] = await Promise.all([ctx.ws.call('get_my_timer'), ctx.me()]);
  return Array.isArray(res.data) ? undefined : myTimerOf(res.data, me);
}

const listTimers = defineTool({
  name: 'list_timers',
  title: 'List running timers',
  toolset: 'time',
  effect: 'read',
  description: "Running timers: the account's with the admin key, only yours with a personal sign-in.",
  input: z.object({ ...pagingInput }),
  output: z.object({
    scope: z.enum(['all', 'mine']).describe('all = every running timer of the account; mine = only yours.'),
    items: z.array(timerShape),
    ...pageMetaShape,
  }),
  async handle(args, ctx) {
    let scope: 'all' | 'mine';
    let timers: TimerInfo[];
    if (ctx.authMode === 'admin') {
      scope = 'all';
      timers = (await ctx.ws.call('get_timers')).data.map(timerOf);
    } else {
      scope = 'mine';
      const mine = await myTimer(ctx);
      timers = mine ? [mine] : [];
    }
    const page = paginate(timers, {
      limit: args.limit,
      cursor: args.cursor,
      key: queryKey('list_timers', args),
      limits: ctx.limits,
    });
    return { scope, ...page };
  },
});

const startTimer = defineTool({
  name: 'start_timer',
  title: 'Start a timer',
  toolset: 'time',
  effect: 'write',
  description:
    'Start your timer on a task (personal sign-in only). One timer runs at a time; stop_timer logs it.',
  input: z.object({ task_id: idArg('The task to time.') }),
  output: z.object({ started: z.literal(true), task_id: z.string() }),
  async handle(args, ctx) {
    if (ctx.authMode !== 'oauth') {
      throw new ToolError(
        "Timers can only be started with a personal Worksection sign-in; this connection uses the account's admin API key, which belongs to no person.",
        'Log the time afterwards with log_time instead, or connect with a personal sign-in.',
      );
    }
    await orNotFound(ctx.ws.call('start_my_timer', { id_task: args.task_id }), { task: args.task_id });
    return { started: true as const, task_id: args.task_id };
  },
});

const stopTimer = defineTool({
  name: 'stop_timer',
  title: 'Stop a timer',
  toolset: 'time',
  effect: 'write',
  description:
    'Stop a running timer (Worksection logs its time): yours with a personal sign-in; with the admin key give timer_id.',
  input: z.object({
    timer_id: idArg('Admin key only: the timer to stop.').optional(),
    comment: z.string().optional().describe('Personal sign-in only: comment of the entry.'),
  }),
  output: z.object({
    stopped: timerShape.describe('The timer as it was when stopped.'),
    logged: z
      .object(durationFields)
      .describe('About the time it logged (Worksection rounds the running time to minutes itself).'),
  }),
  // A timer stopped in its first minute logs 0:00: rarely what anyone meant.
  async plan(args, ctx) {
    const timer =
      ctx.authMode === 'oauth'
        ? await myTimer(ctx)
        : (await ctx.ws.call('get_timers')).data.map(timerOf).find((t) => t.id === args.timer_id);
    return timer && timer.running_minutes < 1
      ? { confirm: ['the timer ran under a minute, so Worksection would log 0:00'] }
      : {};
  },
  async handle(args, ctx) {
    if (ctx.authMode === 'oauth') {
      if (args.timer_id !== undefined) {
        throw new ToolError(
          "timer_id works only with the account's admin API key; this connection is a personal sign-in, which can stop only your own timer.",
          "Call stop_timer without timer_id to stop your own timer. Other people's timers can only be stopped over an admin-key connection.",
        );
      }
      const mine = await myTimer(ctx);
      if (!mine) {
        throw new ToolError('You have no running timer.', 'start_timer starts one; list_timers shows yours.');
      }
      await ctx.ws.call('stop_my_timer', args.comment === undefined ? {} : { comment: args.comment });
      return { stopped: mine, logged: durationOf(mine.running_minutes) };
    }
    if (args.timer_id === undefined) {
      throw new ToolError(
        "With the account's admin key, say which timer to stop.",
        'list_timers shows the running timers with their ids; pass one as timer_id.',
      );
    }
    if (args.comment !== undefined) {
      throw new ToolError(
        'Worksection cannot add a comment when stopping a timer with the admin key.',
        'Stop it without comment, then add the comment with update_time_entry on the new entry.',
      );
    }
    const timer = (await ctx.ws.call('get_timers')).data.find((t) => t.id === args.timer_id);
    if (!timer) {
      throw new ToolError(
        `No running timer has id ${args.timer_id}.`,
        'list_timers shows the running timers.',
      );
    }
    await ctx.ws.call('stop_timer', { timer: args.timer_id });
    const info = timerOf(timer);
    return { stopped: info, logged: durationOf(info.running_minutes) };
  },
});

export const timeTimerTools: AnyTool[] = [listTimers, startTimer, stopTimer];
