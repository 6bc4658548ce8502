// Task writes: post_task, update_task, complete_task, reopen_task. Each appends the event get_events
// reports (post / update / close / reopen).
import type { ActionName } from '../../worksection/actions.js';
import type { ActionContext, ActionHandler } from '../handler.js';
import { ok } from '../handler.js';
import type { TaskRec } from '../model.js';
import { NOONE } from '../model.js';
import { allocateId, insertTask } from '../records.js';
import { fail, taskInvalid } from './errors.js';
import { diff, recordEvent } from './events.js';
import { attachUploads } from './files.js';
import { assigneeId, authorId, findProject, findTask, usersFromList } from './lookup.js';
import {
  dateParam,
  listParam,
  numberParam,
  optionalId,
  priorityParam,
  requireStr,
  str,
  values,
} from './params.js';
import { taskPage, userRef } from './render.js';
import { renderTask, taskView } from './render-task.js';
import { resolveTags } from './tags.js';

/** Subtasks nest two levels at most: task / subtask / sub-subtask. */
const MAX_DEPTH = 2;

function depthOf(ctx: ActionContext, t: TaskRec): number {
  let depth = 0;
  for (let p = t.parentId; p !== undefined; p = ctx.data.tasks.get(p)?.parentId) depth++;
  return depth;
}

/**
 * The text Worksection stores for a description or comment: the text, then each todo[] item as a
 * "\r\n• item" line, then the mentioned people's names after a space (Postman post_comment example).
 */
export function composeText(ctx: ActionContext): string {
  let text = str(ctx.params, 'text') ?? '';
  for (const item of values(ctx.params, 'todo')) if (item.trim()) text += `\r\n• ${item.trim()}`;
  const mentioned = usersFromList(ctx.data, str(ctx.params, 'mention'), false).map(
    (id) => userRef(ctx.data, id).name,
  );
  if (mentioned.length > 0) text += ` ${mentioned.join(', ')}`;
  return text;
}

/** The task fields an update event reports, in wire form ("" for unset, as in the Postman example). */
function eventFields(ctx: ActionContext, t: TaskRec): Record<string, unknown> {
  return {
    title: t.name,
    priority: String(t.priority),
    user_to: userRef(ctx.data, t.userToId),
    date_start: t.dateStart ?? '',
    date_end: t.dateEnd ?? '',
    time_start: t.timeStart ?? '',
    time_end: t.timeEnd ?? '',
    max_time: t.maxTime === undefined ? '' : String(t.maxTime),
    max_money: t.maxMoney === undefined ? '' : String(t.maxMoney),
  };
}

const event = (
  ctx: ActionContext,
  t: TaskRec,
  action: 'post' | 'update' | 'close' | 'reopen',
  userFromId: number,
) => ({
  action,
  type: 'task' as const,
  id: t.id,
  page: taskPage(ctx.data, t),
  userFromId,
});

const postTask: ActionHandler = (ctx) => {
  const project = findProject(ctx);
  const name = requireStr(ctx.params, 'title');
  const parentId = optionalId(ctx.params, 'id_parent');
  const parent = parentId === undefined ? undefined : ctx.data.tasks.get(parentId);
  if (parentId !== undefined && (!parent || parent.projectId !== project.id)) taskInvalid();
  if (parent?.status === 'done') fail(8, 'Task is closed');
  // SYNTHETIC: Worksection's UI refuses a fourth level; the API's answer is undocumented.
  if (parent && depthOf(ctx, parent) >= MAX_DEPTH) fail(5, 'Task is invalid', 'id_parent');
  const userFromId = authorId(ctx);
  const to = str(ctx.params, 'email_user_to');
  const task = insertTask(ctx.data, {
    id: allocateId(ctx.data),
    projectId: project.id,
    ...(parent ? { parentId: parent.id } : {}),
    name,
    status: 'active',
    priority: priorityParam(ctx.params) ?? 1,
    userFromId,
    userToId: to === undefined ? NOONE : assigneeId(ctx.data, to),
    text: composeText(ctx),
    dateAdded: ctx.now,
    dateStart: dateParam(ctx.params, 'datestart'),
    dateEnd: dateParam(ctx.params, 'dateend'),
    maxTime: numberParam(ctx.params, 'max_time'),
    maxMoney: numberParam(ctx.params, 'max_money'),
    // Unknown tag names are skipped: the Postman example's tags do not show up in its answer either.
    tagIds: resolveTags(ctx.data, 'task', listParam(ctx.params, 'tags')).ids,
    // `hidden` (visibility) has no place in the model; the sandbox treats every task as visible.
    subscriberIds: usersFromList(ctx.data, str(ctx.params, 'subscribe'), false),
  });
  attachUploads(ctx, { projectId: project.id, taskId: task.id }, userFromId);
  recordEvent(ctx, event(ctx, task, 'post', userFromId), {
    new: { title: task.name, user_to: userRef(ctx.data, task.userToId) },
  });
  return ok({ data: renderTask(taskView(ctx), task) });
};

const updateTask: ActionHandler = (ctx) => {
  const t = findTask(ctx);
  const userFromId = authorId(ctx);
  const before = eventFields(ctx, t);
  const to = str(ctx.params, 'email_user_to');
  const userToId = to === undefined ? t.userToId : assigneeId(ctx.data, to);
  const priority = priorityParam(ctx.params) ?? t.priority;
  const dateStart = dateParam(ctx.params, 'datestart') ?? t.dateStart;
  const dateEnd = dateParam(ctx.params, 'dateend') ?? t.dateEnd;
  const closed = dateParam(ctx.params, 'dateclosed');
  const maxTime = numberParam(ctx.params, 'max_time') ?? t.maxTime;
  const maxMoney = numberParam(ctx.params, 'max_money') ?? t.maxMoney;
  // Every value is read (and may fail) before the record changes, so an error leaves the task untouched.
  Object.assign(t, {
    name: str(ctx.params, 'title') ?? t.name,
    userToId,
    priority,
    dateStart,
    dateEnd,
    maxTime,
    maxMoney,
  });
  if (closed !== undefined) t.dateClosed = Date.parse(`${closed}T00:00:00Z`);
  const changes = diff(before, eventFields(ctx, t));
  if (Object.keys(changes.new).length > 0) recordEvent(ctx, event(ctx, t, 'update', userFromId), changes);
  return ok({ data: renderTask(taskView(ctx), t) });
};

const handlers: Partial<Record<ActionName, ActionHandler>> = {
  post_task: postTask,
  update_task: updateTask,

  // The answer is a snapshot taken before closing, so its status still reads "active" (Postman example).
  complete_task: (ctx) => {
    const t = findTask(ctx);
    if (t.status === 'done') fail(12, 'Task is already closed');
    const userFromId = authorId(ctx);
    const openChild = (id: number): boolean => {
      const c = ctx.data.tasks.get(id);
      return (
        c !== undefined &&
        (c.status === 'active' || (ctx.data.index.childrenByTask.get(id) ?? []).some(openChild))
      );
    };
    if ((ctx.data.index.childrenByTask.get(t.id) ?? []).some(openChild)) fail(13, 'Task has children');
    const snapshot = renderTask(taskView(ctx), t);
    t.status = 'done';
    t.dateClosed = ctx.now;
    recordEvent(ctx, event(ctx, t, 'close', userFromId));
    return ok({ data: snapshot });
  },

  reopen_task: (ctx) => {
    const t = findTask(ctx);
    if (t.status === 'active') fail(12, 'Task is already active');
    if (t.parentId !== undefined && ctx.data.tasks.get(t.parentId)?.status === 'done')
      fail(14, 'Parent task is done');
    const userFromId = authorId(ctx);
    t.status = 'active';
    delete t.dateClosed;
    recordEvent(ctx, event(ctx, t, 'reopen', userFromId));
    return ok();
  },
};

export const taskWriteHandlers = handlers;
