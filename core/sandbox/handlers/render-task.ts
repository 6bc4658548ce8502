// Tasks in their wire variants:
// - core {id,name,page,status,priority}: relation targets, a subtask's parent, get_task's slim children;
// - brief: core + people, project, dates, estimates and tags (the task inside a cost or timer);
// - full: brief + the parts `extra` asks for (text|html, files, comments, subscribers, relations);
// - list items (get_tasks, get_all_tasks) nest full children, get_task nests slim ones.
// Empty parts are left out; `has_comments` comes with extra=comments, which shows the 5 newest comments.
import type { ActionContext } from '../handler.js';
import type { SandboxData, TaskRec } from '../model.js';
import { Lookups, isPublished } from './lookup.js';
import { extraSet, str } from './params.js';
import {
  compact,
  fmtDateTime,
  projectRef,
  renderComment,
  renderFileRef,
  tagMap,
  taskPage,
  userRef,
} from './render.js';

type Obj = Record<string, unknown>;

export interface TaskView {
  data: SandboxData;
  now: number;
  extra: Set<string>;
  /** filter=active: only open tasks, at every level. */
  activeOnly: boolean;
  lk: Lookups;
}

export function taskView(ctx: ActionContext, opts: { activeOnly?: boolean } = {}): TaskView {
  return {
    data: ctx.data,
    now: ctx.now,
    extra: extraSet(ctx.params),
    activeOnly: opts.activeOnly ?? str(ctx.params, 'filter') === 'active',
    lk: new Lookups(ctx.data),
  };
}

/** Comments shown inside a task: the five newest (get_comments has them all). */
const TASK_COMMENT_LIMIT = 5;

export function taskCore(data: SandboxData, t: TaskRec): Obj {
  return {
    id: String(t.id),
    name: t.name,
    page: taskPage(data, t),
    status: t.status,
    priority: String(t.priority),
  };
}

export function taskBrief(data: SandboxData, t: TaskRec, withParent = true): Obj {
  return renderTaskParts(data, t, { withParent });
}

interface Parts {
  withParent: boolean;
  view?: TaskView;
}

function renderTaskParts(data: SandboxData, t: TaskRec, { withParent, view }: Parts): Obj {
  const project = data.projects.get(t.projectId);
  const parent = withParent && t.parentId !== undefined ? data.tasks.get(t.parentId) : undefined;
  const ex = view?.extra ?? new Set<string>();
  const commentIds = ex.has('comments') ? (data.index.commentsByTask.get(t.id) ?? []) : [];
  const rel = view && ex.has('relations') ? view.lk.relations(t.id) : undefined;
  const relTask = (id: number): Obj | undefined => {
    const other = data.tasks.get(id);
    return other && isPublished(data, other, view!.now) ? taskCore(data, other) : undefined;
  };
  const relItems = (list: { fromTaskId: number; toTaskId: number; type: string }[], side: 'from' | 'to') =>
    list.flatMap((r) => {
      const task = relTask(side === 'from' ? r.fromTaskId : r.toTaskId);
      return task ? [{ type: r.type, task }] : [];
    });
  return compact({
    ...taskCore(data, t),
    user_from: userRef(data, t.userFromId),
    user_to: userRef(data, t.userToId),
    project: project ? projectRef(project) : undefined,
    parent: parent ? taskCore(data, parent) : undefined,
    text: ex.has('text') || ex.has('html') ? t.text : undefined,
    date_added: fmtDateTime(t.dateAdded),
    date_start: t.dateStart,
    date_end: t.dateEnd,
    time_start: t.timeStart,
    time_end: t.timeEnd,
    date_closed: t.dateClosed === undefined ? undefined : fmtDateTime(t.dateClosed),
    max_time: t.maxTime,
    max_money: t.maxMoney,
    tags: tagMap(data, t.tagIds),
    files: view && ex.has('files') ? view.lk.taskFiles(t.id).map(renderFileRef) : undefined,
    has_comments: ex.has('comments') ? (commentIds.length > 0 ? 1 : 0) : undefined,
    comments: commentIds
      .slice(-TASK_COMMENT_LIMIT)
      .reverse()
      .flatMap((id) => {
        const c = data.comments.get(id);
        return c ? [renderComment(data, c)] : [];
      }),
    subscribers: ex.has('subscribers') ? t.subscriberIds.map((id) => userRef(data, id)) : undefined,
    relations: rel ? compact({ from: relItems(rel.from, 'from'), to: relItems(rel.to, 'to') }) : undefined,
  });
}

/** A task with the parts its request's `extra` asks for; `nested` children do not repeat their parent. */
export function renderTask(v: TaskView, t: TaskRec, nested = false): Obj {
  return renderTaskParts(v.data, t, { withParent: !nested, view: v });
}

function visibleChildren(v: TaskView, t: TaskRec): TaskRec[] {
  return (v.data.index.childrenByTask.get(t.id) ?? []).flatMap((id) => {
    const c = v.data.tasks.get(id);
    return c && isPublished(v.data, c, v.now) && (!v.activeOnly || c.status === 'active') ? [c] : [];
  });
}

/** A get_tasks / get_all_tasks item: with extra=subtasks, children are full task objects. */
export function renderListTask(v: TaskView, t: TaskRec, nested = false): Obj {
  const out = renderTask(v, t, nested);
  if (!v.extra.has('subtasks')) return out;
  return compact({ ...out, child: visibleChildren(v, t).map((c) => renderListTask(v, c, true)) });
}

/** get_task: children are slim {id,name,page,status,priority}, nested two levels. */
export function renderDetailTask(v: TaskView, t: TaskRec): Obj {
  const out = renderTask(v, t);
  if (!v.extra.has('subtasks')) return out;
  const slim = (c: TaskRec): Obj =>
    compact({ ...taskCore(v.data, c), child: visibleChildren(v, c).map(slim) });
  return compact({ ...out, child: visibleChildren(v, t).map(slim) });
}

/** How many task objects a listing renders (subtasks count with extra=subtasks). */
export function countListed(v: TaskView, tasks: TaskRec[]): number {
  if (!v.extra.has('subtasks')) return tasks.length;
  let n = 0;
  const walk = (list: TaskRec[]): void => {
    n += list.length;
    for (const t of list) walk(visibleChildren(v, t));
  };
  walk(tasks);
  return n;
}
