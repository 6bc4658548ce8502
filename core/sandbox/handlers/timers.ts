// Timers section. A stopped timer becomes a timer cost whose money follows the user's hourly rate (the
// Postman cost 3610: 6:50 at rate 11 is 75.17). get_timers shows running time as "HH:MM:SS",
// get_my_timer as whole seconds; with no timer running get_my_timer answers an empty data array.
import type { ActionName } from '../../worksection/actions.js';
import type { ActionContext, ActionHandler } from '../handler.js';
import { ok } from '../handler.js';
import type { TimerRec } from '../model.js';
import { allocateId, insertCost } from '../records.js';
import { fail } from './errors.js';
import { findTask, requireUserActor } from './lookup.js';
import { requireId, str } from './params.js';
import { fmtClock, fmtDate, fmtDateTime, userRef } from './render.js';
import { taskBrief } from './render-task.js';

const elapsedSeconds = (ctx: ActionContext, t: TimerRec): number =>
  Math.max(0, Math.floor((ctx.now - t.startedAt) / 1000));

function stop(ctx: ActionContext, timer: TimerRec, comment: string): void {
  const minutes = Math.round(elapsedSeconds(ctx, timer) / 60);
  const rate = ctx.data.users.get(timer.userId)?.rate ?? 0;
  insertCost(ctx.data, {
    id: allocateId(ctx.data),
    taskId: timer.taskId,
    userFromId: timer.userId,
    minutes,
    moneyCents: Math.round((minutes * rate * 100) / 60),
    date: fmtDate(ctx.now),
    comment,
    isTimer: true,
    dateAdded: ctx.now,
  });
  ctx.data.timers.delete(timer.id);
}

function taskOf(ctx: ActionContext, t: TimerRec): Record<string, unknown> {
  const task = ctx.data.tasks.get(t.taskId);
  return task ? { task: taskBrief(ctx.data, task) } : {};
}

const myTimer = (ctx: ActionContext): TimerRec | undefined => {
  const user = requireUserActor(ctx);
  return [...ctx.data.timers.values()].find((t) => t.userId === user.id);
};

const handlers: Partial<Record<ActionName, ActionHandler>> = {
  get_timers: (ctx) => {
    const timers = [...ctx.data.timers.values()].sort((a, b) => b.startedAt - a.startedAt);
    return ok({
      data: timers.map((t) => ({
        id: String(t.id),
        time: fmtClock(elapsedSeconds(ctx, t)),
        date_started: fmtDateTime(t.startedAt),
        user_from: userRef(ctx.data, t.userId),
        ...taskOf(ctx, t),
      })),
    });
  },

  stop_timer: (ctx) => {
    const timer = ctx.data.timers.get(requireId(ctx.params, 'timer')) ?? fail(7, 'Timer not found');
    stop(ctx, timer, '');
    return ok();
  },

  get_my_timer: (ctx) => {
    const t = myTimer(ctx);
    if (!t) return ok({ data: [] });
    return ok({
      data: { time: elapsedSeconds(ctx, t), date_started: fmtDateTime(t.startedAt), ...taskOf(ctx, t) },
    });
  },

  start_my_timer: (ctx) => {
    const user = requireUserActor(ctx);
    const task = findTask(ctx);
    if (myTimer(ctx)) fail(6, 'Timer is already started');
    const timer: TimerRec = {
      id: allocateId(ctx.data),
      userId: user.id,
      taskId: task.id,
      startedAt: ctx.now,
    };
    ctx.data.timers.set(timer.id, timer);
    return ok();
  },

  stop_my_timer: (ctx) => {
    const timer = myTimer(ctx) ?? fail(7, 'Timer is not started');
    stop(ctx, timer, str(ctx.params, 'comment') ?? '');
    return ok();
  },
};

export const timerHandlers = handlers;
