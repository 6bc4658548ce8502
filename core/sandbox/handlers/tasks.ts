// Task reads: get_all_tasks, get_tasks, get_task and search_tasks. Listings show top-level tasks (their
// subtasks nest under `child` with extra=subtasks), hide delayed publications, have no pagination, and
// refuse to answer past MAX_LISTED_TASKS.
import type { ActionName } from '../../worksection/actions.js';
import type { ActionContext, ActionHandler } from '../handler.js';
import { ok } from '../handler.js';
import type { TaskRec } from '../model.js';
import { MAX_LISTED_TASKS, atLeastOne, tooManyTasks } from './errors.js';
import { TASK_FILTER_FIELDS } from '../../worksection/filter-grammar.js';
import { assigneeId, filterParam, findProject, findTask, isPublished, userOrFail } from './lookup.js';
import { str } from './params.js';
import { fmtDate } from './render.js';
import type { TaskView } from './render-task.js';
import { countListed, renderDetailTask, renderListTask, renderTask, taskView } from './render-task.js';

function topLevel(v: TaskView, projectId: number): TaskRec[] {
  return (v.data.index.tasksByProject.get(projectId) ?? []).flatMap((id) => {
    const t = v.data.tasks.get(id);
    return t && isPublished(v.data, t, v.now) && (!v.activeOnly || t.status === 'active') ? [t] : [];
  });
}

function listing(v: TaskView, tasks: TaskRec[]): ReturnType<ActionHandler> {
  if (countListed(v, tasks) > MAX_LISTED_TASKS) tooManyTasks();
  return ok({ data: tasks.map((t) => renderListTask(v, t)) });
}

const SEARCH_EXTRAS = new Set(['text', 'html', 'files']);
const SEARCH_KEYS = ['filter', 'id_project', 'id_task', 'email_user_from', 'email_user_to'] as const;

function searchTasks(ctx: ActionContext): ReturnType<ActionHandler> {
  if (SEARCH_KEYS.every((k) => str(ctx.params, k) === undefined)) atLeastOne(SEARCH_KEYS.join(', '));
  const conds: Array<(t: TaskRec) => boolean> = [];
  if (str(ctx.params, 'id_project') !== undefined) {
    const pid = findProject(ctx).id;
    conds.push((t) => t.projectId === pid);
  }
  if (str(ctx.params, 'id_task') !== undefined) {
    const tid = findTask(ctx).id;
    conds.push((t) => t.id === tid);
  }
  const from = str(ctx.params, 'email_user_from');
  if (from !== undefined) {
    const uid = userOrFail(ctx.data, from).id;
    conds.push((t) => t.userFromId === uid);
  }
  const to = str(ctx.params, 'email_user_to');
  if (to !== undefined) {
    const uid = assigneeId(ctx.data, to);
    conds.push((t) => t.userToId === uid);
  }
  const status = str(ctx.params, 'status');
  if (status === 'active' || status === 'done') conds.push((t) => t.status === status);
  const filter = filterParam(ctx, TASK_FILTER_FIELDS);
  if (filter) {
    conds.push((t) =>
      filter((field) => {
        switch (field) {
          case 'id':
            return t.id;
          case 'project':
            return t.projectId;
          case 'parent':
            return t.parentId;
          case 'name':
            return t.name;
          case 'dateadd':
            return fmtDate(t.dateAdded);
          case 'datestart':
            return t.dateStart;
          case 'dateend':
            return t.dateEnd;
          case 'dateclose':
            return t.dateClosed === undefined ? undefined : fmtDate(t.dateClosed);
          default:
            return undefined;
        }
      }),
    );
  }
  // search_tasks is flat: subtasks are results of their own, with their `parent`.
  const found = [...ctx.data.tasks.values()].filter(
    (t) => isPublished(ctx.data, t, ctx.now) && conds.every((c) => c(t)),
  );
  if (found.length > MAX_LISTED_TASKS) tooManyTasks();
  const v = taskView(ctx, { activeOnly: false });
  v.extra = new Set([...v.extra].filter((e) => SEARCH_EXTRAS.has(e)));
  return ok({ data: found.map((t) => renderTask(v, t)) });
}

const handlers: Partial<Record<ActionName, ActionHandler>> = {
  // Archived projects' tasks only with extra=archive.
  get_all_tasks: (ctx) => {
    const v = taskView(ctx);
    const projects = [...ctx.data.projects.values()].filter(
      (p) => p.status !== 'archive' || v.extra.has('archive'),
    );
    return listing(
      v,
      projects.flatMap((p) => topLevel(v, p.id)),
    );
  },

  get_tasks: (ctx) => {
    const project = findProject(ctx);
    const v = taskView(ctx);
    return listing(v, topLevel(v, project.id));
  },

  // filter=active applies to the subtasks only: the task itself is answered whatever its status.
  get_task: (ctx) => ok({ data: renderDetailTask(taskView(ctx), findTask(ctx)) }),

  search_tasks: searchTasks,
};

export const taskReadHandlers = handlers;
